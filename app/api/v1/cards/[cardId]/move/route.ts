import { apiRoute } from "@/lib/http/api-route";
import { readJsonObject } from "@/lib/http/read-json-object";
import { moveCard } from "@/lib/boards/move-card";

// POST /api/v1/cards/{cardId}/move: moves the card { columnId, afterCardId, beforeCardId } within its own board; 400 for another board's column.
export const POST = apiRoute<{ cardId: string }>(async (ctx, req, { cardId }) => moveCard(ctx, { ...(await readJsonObject(req, "{ columnId, afterCardId, beforeCardId }")), cardId }), {
  requireSameOrigin: true,
});
