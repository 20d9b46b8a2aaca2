import { apiRoute } from "@/lib/http/api-route";
import { getFile } from "@/lib/files/get-file";
import { getItemSyncStatus } from "@/lib/graph/get-item-sync-status";
import { retryItemSync } from "@/lib/graph/retry-item-sync";

// GET /api/v1/files/{fileId}/sync: the file's SharePoint status ({ sync: null } when its agency has no connection) and whether the caller may retry; 404 when invisible.
export const GET = apiRoute<{ fileId: string }>(async (ctx, _req, { fileId }) => {
  // Read through the file's own policy first: invisible is 404, like missing. Not a consultation (see the document's status route).
  const file = await getFile(ctx, { fileId }, { isConsultation: false });
  const sync = await getItemSyncStatus(ctx, { itemType: "file", itemId: file.id, spaceId: file.spaceId });
  // Files have no other change than deletion: whoever may delete one may send it again (retry-item-sync.ts).
  return { sync, permissions: { canRetry: file.permissions.canDelete, canResolve: false } };
});

// POST /api/v1/files/{fileId}/sync: sends the file to SharePoint again, as the caller's change; 404 when invisible, 403 when visible but not the caller's to delete.
export const POST = apiRoute<{ fileId: string }>(async (ctx, _req, { fileId }) => retryItemSync(ctx, { itemType: "file", itemId: fileId }), { requireSameOrigin: true });
