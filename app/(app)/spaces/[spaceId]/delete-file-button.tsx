"use client";
import { ListAnnouncer, useAnnounce } from "../../../ui/list-announcer";
import { ConfirmDelete } from "../../../ui/confirm-delete";
import { deleteFileAction } from "./actions";

/** The file list's announcer (app/ui/list-announcer.tsx). */
export function FileListAnnouncer({ headingId, children }: { headingId: string; children: React.ReactNode }) {
  return (
    <ListAnnouncer headingId={headingId} testId="files-status">
      {children}
    </ListAnnouncer>
  );
}

/**
 * The Delete button of one file, shown only when the server's policy says the viewer may delete
 * it (FileView.permissions.canDelete); it asks first (app/ui/confirm-delete.tsx), and the file
 * list announces the deletion.
 */
export function DeleteFileButton({ spaceId, fileId, name }: { spaceId: string; fileId: string; name: string }) {
  const announce = useAnnounce();
  return (
    <ConfirmDelete
      triggerText={
        <>
          Delete<span className="visually-hidden"> {name}</span>
        </>
      }
      question={`Delete “${name}”?`}
      consequence="The file is removed from this space for everyone, and cannot be recovered. Documents showing it as an image will show its description instead. The deletion is recorded in the audit log."
      confirmText="Delete file"
      onConfirm={async () => {
        const result = await deleteFileAction({ spaceId, fileId });
        return result.ok ? null : result.error.message;
      }}
      onDeleted={() => announce?.(`Deleted “${name}”.`)}
    />
  );
}
