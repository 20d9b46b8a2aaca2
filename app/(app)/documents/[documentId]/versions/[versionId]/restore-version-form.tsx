"use client";
import { useActionState } from "react";
import { restoreDocumentVersionAction } from "../../actions";

/** "Restore this version": its content becomes the current content, as a new version (nothing is lost). */
export function RestoreVersionForm({ documentId, versionId, number }: { documentId: string; versionId: string; number: number }) {
  const [result, action, isPending] = useActionState(restoreDocumentVersionAction, null);
  return (
    <form action={action} className="card" aria-label="Restore this version" style={{ marginTop: "1rem" }}>
      <input type="hidden" name="documentId" value={documentId} />
      <input type="hidden" name="versionId" value={versionId} />
      <p style={{ marginTop: 0 }}>Restoring makes version {number}&apos;s content the current content for everyone editing. The current content stays in the history.</p>
      {result && !result.ok && (
        <div className="alert" role="alert">
          {result.error.message}
        </div>
      )}
      <button className="button" type="submit" disabled={isPending}>
        {isPending ? "Restoring…" : `Restore version ${number}`}
      </button>
    </form>
  );
}
