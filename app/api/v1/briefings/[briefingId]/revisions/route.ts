import { apiRoute } from "@/lib/http/api-route";
import { readJsonObject } from "@/lib/http/read-json-object";
import { reviseBriefing } from "@/lib/briefings/revise-briefing";

// POST /api/v1/briefings/{briefingId}/revisions: publishes an update { body, attachments? } as the next revision, which everyone must acknowledge again; 403 for readers.
export const POST = apiRoute<{ briefingId: string }>(
  async (ctx, req, { briefingId }) => reviseBriefing(ctx, { ...(await readJsonObject(req, "{ body, attachments? }")), briefingId }),
  { requireSameOrigin: true },
);
