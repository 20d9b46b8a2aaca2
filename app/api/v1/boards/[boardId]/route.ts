import { apiRoute } from "@/lib/http/api-route";
import { readJsonObject } from "@/lib/http/read-json-object";
import { getBoard } from "@/lib/boards/get-board";
import { renameBoard } from "@/lib/boards/rename-board";
import { deleteBoard } from "@/lib/boards/delete-board";

// GET /api/v1/boards/{boardId}: the board, its columns and only the cards the caller may read (counts likewise); 404 when invisible.
export const GET = apiRoute<{ boardId: string }>(async (ctx, _req, { boardId }) => getBoard(ctx, { boardId }));

// PATCH /api/v1/boards/{boardId}: renames the board { title }; 403 for readers.
export const PATCH = apiRoute<{ boardId: string }>(async (ctx, req, { boardId }) => renameBoard(ctx, { ...(await readJsonObject(req, "{ title }")), boardId }), { requireSameOrigin: true });

// DELETE /api/v1/boards/{boardId}: deletes the board with its columns and cards; 403 unless the caller may delete every card on it.
export const DELETE = apiRoute<{ boardId: string }>(async (ctx, _req, { boardId }) => deleteBoard(ctx, { boardId }), { requireSameOrigin: true });
