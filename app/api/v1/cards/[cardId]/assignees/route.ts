import { apiRoute } from "@/lib/http/api-route";
import { readJsonObject } from "@/lib/http/read-json-object";
import { setCardAssignees } from "@/lib/boards/set-card-assignees";

// PUT /api/v1/cards/{cardId}/assignees: sets the card's assignees { userIds, expectedVersion? }; each must be a space member who may read the card.
export const PUT = apiRoute<{ cardId: string }>(async (ctx, req, { cardId }) => setCardAssignees(ctx, { ...(await readJsonObject(req, "{ userIds, expectedVersion? }")), cardId }), {
  requireSameOrigin: true,
});
