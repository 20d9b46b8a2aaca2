import { apiRoute } from "@/lib/http/api-route";
import { getGraphSyncOverview } from "@/lib/graph/get-graph-sync-overview";

// GET /api/v1/sharepoint/overview: the agency's sync queue, the last hour's Graph traffic, the items that need attention (by kind and space, never title) and the latest Graph calls; agency administrators, auditors and records managers (403 otherwise).
export const GET = apiRoute(async (ctx) => getGraphSyncOverview(ctx));
