import { apiRoute } from "@/lib/http/api-route";
import { readJsonObject } from "@/lib/http/read-json-object";
import { createCard } from "@/lib/boards/create-card";

// POST /api/v1/boards/{boardId}/cards: adds a card { columnId, title, description?, startAt?, dueAt?, labels?, checklist?, marking? } at the end of the column.
export const POST = apiRoute<{ boardId: string }>(
  async (ctx, req, { boardId }) => createCard(ctx, { ...(await readJsonObject(req, "{ columnId, title, description?, startAt?, dueAt?, labels?, checklist?, marking? }")), boardId }),
  { requireSameOrigin: true },
);
