import { apiRoute } from "@/lib/http/api-route";
import { getDocument } from "@/lib/documents/get-document";
import { getItemSyncStatus } from "@/lib/graph/get-item-sync-status";
import { retryItemSync } from "@/lib/graph/retry-item-sync";

// GET /api/v1/documents/{documentId}/sync: the document's SharePoint status ({ sync: null } when its agency has no connection) and whether the caller may retry or resolve; 404 when invisible.
export const GET = apiRoute<{ documentId: string }>(async (ctx, _req, { documentId }) => {
  // Read through the document's own policy first: invisible is 404, like missing. A status is polled
  // and shows nothing of the document, so it is not audited as consulting it (its page was).
  const doc = await getDocument(ctx, { documentId }, { isConsultation: false });
  const sync = await getItemSyncStatus(ctx, { itemType: "document", itemId: doc.id, spaceId: doc.space.id });
  return { sync, permissions: { canRetry: doc.permissions.canUpdate, canResolve: doc.permissions.canUpdate } };
});

// POST /api/v1/documents/{documentId}/sync: sends the document to SharePoint again, as the caller's change; 404 when invisible, 403 when visible but not the caller's to edit.
export const POST = apiRoute<{ documentId: string }>(async (ctx, _req, { documentId }) => retryItemSync(ctx, { itemType: "document", itemId: documentId }), { requireSameOrigin: true });
