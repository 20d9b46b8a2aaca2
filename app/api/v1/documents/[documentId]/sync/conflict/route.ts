import { apiRoute } from "@/lib/http/api-route";
import { readJsonObject } from "@/lib/http/read-json-object";
import { resolveGraphConflict } from "@/lib/graph/resolve-graph-conflict";

// POST /api/v1/documents/{documentId}/sync/conflict: ends a conflict with SharePoint { keep: "accord" | "sharepoint" }; 404 when invisible, 403 when visible but not the caller's to edit, 400 for another keep, 409 when there is no conflict.
export const POST = apiRoute<{ documentId: string }>(
  async (ctx, req, { documentId }) => resolveGraphConflict(ctx, { ...(await readJsonObject(req, '{ keep: "accord" | "sharepoint" }')), documentId } as Parameters<typeof resolveGraphConflict>[1]),
  { requireSameOrigin: true },
);
