import { apiRoute } from "@/lib/http/api-route";
import { readJsonObject } from "@/lib/http/read-json-object";
import { createColumn } from "@/lib/boards/create-column";

// POST /api/v1/boards/{boardId}/columns: adds a column { title } at the end; 403 for readers.
export const POST = apiRoute<{ boardId: string }>(async (ctx, req, { boardId }) => createColumn(ctx, { ...(await readJsonObject(req, "{ title }")), boardId }), { requireSameOrigin: true });
