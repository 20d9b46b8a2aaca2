import { apiRoute } from "@/lib/http/api-route";
import { unlinkCard } from "@/lib/boards/unlink-card";

// DELETE /api/v1/cards/{cardId}/links/{linkId}: removes one link of the card.
export const DELETE = apiRoute<{ cardId: string; linkId: string }>(async (ctx, _req, { cardId, linkId }) => unlinkCard(ctx, { cardId, linkId }), { requireSameOrigin: true });
