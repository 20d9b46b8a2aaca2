"use client";
import { useId, useRef, useState, useTransition } from "react";
import { ListAnnouncer, useAnnounce } from "../../../ui/list-announcer";
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
 * it (FileView.permissions.canDelete). It asks first in a native modal <dialog>: focus moves to
 * Cancel (Enter does not destroy anything), Escape cancels and focus returns to the button. The
 * server decides again; a refusal is shown in the dialog.
 */
export function DeleteFileButton({ spaceId, fileId, name }: { spaceId: string; fileId: string; name: string }) {
  const announce = useAnnounce();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const isDeleted = useRef(false);
  const titleId = useId();
  const [error, setError] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();

  function open() {
    setError(null);
    dialogRef.current?.showModal();
    cancelRef.current?.focus();
  }

  function confirmDelete() {
    setError(null);
    startTransition(async () => {
      const result = await deleteFileAction({ spaceId, fileId });
      if (!result.ok) {
        setError(result.error.message);
        return;
      }
      // The row (and this button) is about to go: focus must not be sent back to it.
      isDeleted.current = true;
      dialogRef.current?.close();
      announce?.(`Deleted “${name}”.`);
    });
  }

  return (
    <>
      <button type="button" ref={triggerRef} className="button button-danger" onClick={open} aria-haspopup="dialog">
        Delete<span className="visually-hidden"> {name}</span>
      </button>
      <dialog
        ref={dialogRef}
        className="dialog"
        aria-labelledby={titleId}
        onClose={() => {
          if (!isDeleted.current) triggerRef.current?.focus();
        }}
      >
        <h2 id={titleId}>Delete “{name}”?</h2>
        <p>The file is removed from this space for everyone, and cannot be recovered. Documents showing it as an image will show its description instead. The deletion is recorded in the audit log.</p>
        {error && (
          <div className="alert" role="alert">
            {error}
          </div>
        )}
        <div className="row">
          <button type="button" className="button button-danger" onClick={confirmDelete} disabled={isPending}>
            {isPending ? "Deleting…" : "Delete file"}
          </button>
          <button type="button" ref={cancelRef} className="button button-secondary" onClick={() => dialogRef.current?.close()}>
            Cancel
          </button>
        </div>
      </dialog>
    </>
  );
}
