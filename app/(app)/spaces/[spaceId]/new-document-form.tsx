"use client";
import { useActionState } from "react";
import { createDocumentAction } from "./actions";

/**
 * "New document": a title and a marking among those the space may hold (its default first). The
 * server checks the marking and the right to create again; this only collects them.
 */
export function NewDocumentForm({ spaceId, markings, defaultMarking }: { spaceId: string; markings: string[]; defaultMarking: string }) {
  const [result, action, isPending] = useActionState(createDocumentAction, null);
  const error = result && !result.ok ? result.error.message : null;
  return (
    <details className="card new-document">
      <summary>New document</summary>
      <form action={action} noValidate aria-label="New document">
        {error && (
          <div className="alert" role="alert" id="new-document-error">
            {error}
          </div>
        )}
        <input type="hidden" name="spaceId" value={spaceId} />
        <div className="field">
          <label htmlFor="new-document-title">Title</label>
          <input id="new-document-title" name="title" type="text" required maxLength={200} aria-invalid={error ? true : undefined} aria-describedby={error ? "new-document-error" : undefined} />
        </div>
        <div className="field">
          <label htmlFor="new-document-marking">Marking</label>
          <select id="new-document-marking" name="marking" defaultValue={defaultMarking}>
            {markings.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </div>
        <button className="button" type="submit" disabled={isPending}>
          {isPending ? "Creating…" : "Create document"}
        </button>
      </form>
    </details>
  );
}
