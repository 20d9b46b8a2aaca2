import { apiRoute } from "@/lib/http/api-route";
import { readJsonObject } from "@/lib/http/read-json-object";
import { listBoards } from "@/lib/boards/list-boards";
import { createBoard } from "@/lib/boards/create-board";

// GET /api/v1/spaces/{spaceId}/boards: the space's boards with the number of cards the caller may read; 404 when the space is invisible.
export const GET = apiRoute<{ spaceId: string }>(async (ctx, _req, { spaceId }) => listBoards(ctx, { spaceId }));

// POST /api/v1/spaces/{spaceId}/boards: creates a board { title, columns? }; 403 for readers and in frozen spaces.
export const POST = apiRoute<{ spaceId: string }>(async (ctx, req, { spaceId }) => createBoard(ctx, { ...(await readJsonObject(req, "{ title, columns? }")), spaceId }), {
  requireSameOrigin: true,
});
