"use client";
import { useId, useRef, useState, useTransition } from "react";

type Props = {
  /** The trigger's visible text ("Delete document"), and what its accessible name adds ("Delete Statement.pdf"). */
  triggerText: React.ReactNode;
  /** The dialog's question, e.g. Delete “Statement.pdf”? */
  question: string;
  /** What deleting does, in a sentence or two. */
  consequence: string;
  /** The confirming button's text ("Delete file"). */
  confirmText: string;
  /** Does the deletion; a message on refusal (shown in the dialog), null when done. */
  onConfirm: () => Promise<string | null>;
  /** After a deletion: what the page does next (the item's button is usually about to go). */
  onDeleted: () => void;
};

/**
 * A Delete button that asks first, in a native modal <dialog>: focus moves to Cancel (Enter does
 * not destroy anything), Escape cancels and focus returns to the button. The server decides
 * again; a refusal (a hold, a declared record, no longer allowed) is shown in the dialog and the
 * item stays. Shared by the file list and the document page, so that deleting asks the same way.
 */
export function ConfirmDelete({ triggerText, question, consequence, confirmText, onConfirm, onDeleted }: Props) {
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
      const refusal = await onConfirm();
      if (refusal !== null) {
        setError(refusal);
        return;
      }
      // The button is about to go: focus must not be sent back to it.
      isDeleted.current = true;
      dialogRef.current?.close();
      onDeleted();
    });
  }

  return (
    <>
      <button type="button" ref={triggerRef} className="button button-danger" onClick={open} aria-haspopup="dialog">
        {triggerText}
      </button>
      <dialog
        ref={dialogRef}
        className="dialog"
        aria-labelledby={titleId}
        onClose={() => {
          if (!isDeleted.current) triggerRef.current?.focus();
        }}
      >
        <h2 id={titleId}>{question}</h2>
        <p>{consequence}</p>
        {error && (
          <div className="alert" role="alert">
            {error}
          </div>
        )}
        <div className="row">
          <button type="button" className="button button-danger" onClick={confirmDelete} disabled={isPending}>
            {isPending ? "Deleting…" : confirmText}
          </button>
          <button type="button" ref={cancelRef} className="button button-secondary" onClick={() => dialogRef.current?.close()}>
            Cancel
          </button>
        </div>
      </dialog>
    </>
  );
}
