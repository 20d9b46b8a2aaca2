import { apiRoute } from "@/lib/http/api-route";
import { readJsonObject } from "@/lib/http/read-json-object";
import { getCard } from "@/lib/boards/get-card";
import { updateCard } from "@/lib/boards/update-card";
import { deleteCard } from "@/lib/boards/delete-card";

// GET /api/v1/cards/{cardId}: one card; 404 when invisible (above the caller's vetting, or across no agreement).
export const GET = apiRoute<{ cardId: string }>(async (ctx, _req, { cardId }) => getCard(ctx, { cardId }));

// PATCH /api/v1/cards/{cardId}: edits the card { expectedVersion, title?, description?, startAt?, dueAt?, labels?, checklist?, marking?, justification? }; 409 with the current card when stale.
export const PATCH = apiRoute<{ cardId: string }>(
  async (ctx, req, { cardId }) => updateCard(ctx, { ...(await readJsonObject(req, "{ expectedVersion, title?, description?, startAt?, dueAt?, labels?, checklist?, marking? }")), cardId }),
  { requireSameOrigin: true },
);

// DELETE /api/v1/cards/{cardId}: deletes the card; 403 for all but the space owner and the card agency's records manager.
export const DELETE = apiRoute<{ cardId: string }>(async (ctx, _req, { cardId }) => deleteCard(ctx, { cardId }), { requireSameOrigin: true });
