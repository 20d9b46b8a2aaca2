"use client";
import { useRouter } from "next/navigation";
import { ConfirmDelete } from "../../../ui/confirm-delete";
import { deleteDocumentAction } from "./actions";

/**
 * The document's Delete button, shown only when the server's policy says the viewer may delete it
 * (DocumentView.permissions.canDelete); it asks first (app/ui/confirm-delete.tsx). Deleted, the
 * page goes to the space, which says so.
 */
export function DeleteDocumentButton({ documentId, spaceId, title }: { documentId: string; spaceId: string; title: string }) {
  const router = useRouter();
  return (
    <ConfirmDelete
      triggerText="Delete document"
      question={`Delete “${title}”?`}
      consequence="The document, its versions and its comments are removed for everyone and cannot be recovered. The deletion is recorded in the audit log."
      confirmText="Delete document"
      onConfirm={async () => {
        const result = await deleteDocumentAction({ documentId, spaceId });
        return result.ok ? null : result.error.message;
      }}
      onDeleted={() => router.push(`/spaces/${spaceId}?deleted=document`)}
    />
  );
}
