import { apiRoute } from "@/lib/http/api-route";
import { testGraphConnection } from "@/lib/graph/test-graph-connection";

// POST /api/v1/sharepoint/connection/test: tries the token, the site, the library and a write, in order, and answers each step's outcome with its Graph request-id; agency administrators only; 404 when no connection is saved yet.
export const POST = apiRoute(async (ctx) => testGraphConnection(ctx), { requireSameOrigin: true });
