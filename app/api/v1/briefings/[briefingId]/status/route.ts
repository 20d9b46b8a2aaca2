import { apiRoute } from "@/lib/http/api-route";
import { getBriefingStatus } from "@/lib/briefings/get-briefing-status";

// GET /api/v1/briefings/{briefingId}/status: who of the audience has acknowledged the latest revision (with when) and who not yet; 403 for readers, 404 when invisible.
export const GET = apiRoute<{ briefingId: string }>(async (ctx, _req, { briefingId }) => getBriefingStatus(ctx, { briefingId }));
