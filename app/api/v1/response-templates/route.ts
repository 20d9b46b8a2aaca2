import { apiRoute } from "@/lib/http/api-route";
import { listResponseTemplates } from "@/lib/responses/list-response-templates";

// GET /api/v1/response-templates: the pre-planned response templates the caller may read (national, and their own agency's local ones).
export const GET = apiRoute(async (ctx) => listResponseTemplates(ctx, {}));
