"use client";
import { useActionState } from "react";
import { saveDocumentVersionAction } from "./actions";

/** "Save a version": names the current content so it can be found, compared and restored. */
export function SaveVersionForm({ documentId }: { documentId: string }) {
  const [result, action, isPending] = useActionState(saveDocumentVersionAction, null);
  return (
    <form action={action} className="row" aria-label="Save a version" style={{ gap: "0.5rem", alignItems: "end", flexWrap: "wrap", marginBottom: "0.75rem" }}>
      <input type="hidden" name="documentId" value={documentId} />
      <div className="field" style={{ margin: 0, flex: "1 1 16rem" }}>
        <label htmlFor="version-name">Version name</label>
        <input id="version-name" name="name" type="text" maxLength={120} required aria-describedby={result && !result.ok ? "version-error" : undefined} />
      </div>
      <button className="button" type="submit" disabled={isPending}>
        {isPending ? "Saving…" : "Save version"}
      </button>
      {result && !result.ok && (
        <p id="version-error" className="field-error" role="alert">
          {result.error.message}
        </p>
      )}
      {result?.ok && (
        <p role="status" className="meta">
          Saved as version {result.data.number}.
        </p>
      )}
    </form>
  );
}
