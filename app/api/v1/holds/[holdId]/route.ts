import { apiRoute } from "@/lib/http/api-route";
import { getHold } from "@/lib/records/get-hold";

// GET /api/v1/holds/{holdId}: one hold with what it covers; 404 for another agency's hold (as for a missing one), 403 for someone of its agency who may not see holds.
export const GET = apiRoute<{ holdId: string }>(async (ctx, _req, { holdId }) => getHold(ctx, { holdId }));
