import { apiRoute } from "@/lib/http/api-route";
import { readJsonObject } from "@/lib/http/read-json-object";
import { acknowledgeBriefing } from "@/lib/briefings/acknowledge-briefing";

// POST /api/v1/briefings/{briefingId}/acknowledgements: records that the caller was briefed on the latest revision { revisionId? }; 409 when revisionId names an older one.
export const POST = apiRoute<{ briefingId: string }>(
  async (ctx, req, { briefingId }) => acknowledgeBriefing(ctx, { ...(await readJsonObject(req, "{ revisionId? }")), briefingId }),
  { requireSameOrigin: true },
);
