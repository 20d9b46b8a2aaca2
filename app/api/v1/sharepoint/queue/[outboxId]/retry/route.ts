import { apiRoute } from "@/lib/http/api-route";
import { retryGraphSync } from "@/lib/graph/retry-graph-sync";

// POST /api/v1/sharepoint/queue/{outboxId}/retry: sends a failed or waiting change to SharePoint again now; agency administrators only (403 otherwise); 404 for a change that is not waiting in the agency's queue.
export const POST = apiRoute<{ outboxId: string }>(async (ctx, _req, { outboxId }) => retryGraphSync(ctx, { outboxId }), { requireSameOrigin: true });
