import { apiRoute } from "@/lib/http/api-route";
import { readJsonObject } from "@/lib/http/read-json-object";
import { updateColumn } from "@/lib/boards/update-column";
import { deleteColumn } from "@/lib/boards/delete-column";

// PATCH /api/v1/columns/{columnId}: renames the column { title }; 403 for readers.
export const PATCH = apiRoute<{ columnId: string }>(async (ctx, req, { columnId }) => updateColumn(ctx, { ...(await readJsonObject(req, "{ title }")), columnId }), { requireSameOrigin: true });

// DELETE /api/v1/columns/{columnId}: deletes an empty column; 409 while it holds cards.
export const DELETE = apiRoute<{ columnId: string }>(async (ctx, _req, { columnId }) => deleteColumn(ctx, { columnId }), { requireSameOrigin: true });
