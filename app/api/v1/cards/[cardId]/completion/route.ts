import { apiRoute } from "@/lib/http/api-route";
import { readJsonObject } from "@/lib/http/read-json-object";
import { completeCard } from "@/lib/boards/complete-card";
import { reopenCard } from "@/lib/boards/reopen-card";

// POST /api/v1/cards/{cardId}/completion: completes the card { expectedVersion? }; answers { card, next? }, next being the new occurrence of a repeating card; 400 when already complete, 409 when stale.
export const POST = apiRoute<{ cardId: string }>(async (ctx, req, { cardId }) => completeCard(ctx, { ...(await readJsonObject(req, "{ expectedVersion? }")), cardId }), {
  requireSameOrigin: true,
});

// DELETE /api/v1/cards/{cardId}/completion: reopens the card (an occurrence already made stays); 400 when it is not complete.
export const DELETE = apiRoute<{ cardId: string }>(async (ctx, _req, { cardId }) => reopenCard(ctx, { cardId }), { requireSameOrigin: true });
