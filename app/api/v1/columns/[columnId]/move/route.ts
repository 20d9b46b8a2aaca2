import { apiRoute } from "@/lib/http/api-route";
import { readJsonObject } from "@/lib/http/read-json-object";
import { moveColumn } from "@/lib/boards/move-column";

// POST /api/v1/columns/{columnId}/move: places the column { afterColumnId, beforeColumnId } (null for an end) among its board's.
export const POST = apiRoute<{ columnId: string }>(async (ctx, req, { columnId }) => moveColumn(ctx, { ...(await readJsonObject(req, "{ afterColumnId, beforeColumnId }")), columnId }), {
  requireSameOrigin: true,
});
