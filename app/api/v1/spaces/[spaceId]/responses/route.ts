import { apiRoute } from "@/lib/http/api-route";
import { readJsonObject } from "@/lib/http/read-json-object";
import { startResponse } from "@/lib/responses/start-response";

// POST /api/v1/spaces/{spaceId}/responses: starts a pre-planned response { templateId, startsAt, title?, boardId? } as a new board (or onto one of the space's boards); 403 for readers, nothing created on any error.
export const POST = apiRoute<{ spaceId: string }>(async (ctx, req, { spaceId }) => startResponse(ctx, { ...(await readJsonObject(req, "{ templateId, startsAt, title?, boardId? }")), spaceId }), {
  requireSameOrigin: true,
});
