"use client";
import { useActionState } from "react";
import { remarkDocumentAction } from "./actions";

/** The "Change marking" form; the server validates everything, this only collects it. */
export function RemarkForm({ documentId, marking, canLower }: { documentId: string; marking: string; canLower: boolean }) {
  const [result, action, isPending] = useActionState(remarkDocumentAction, null);
  return (
    <form action={action} className="card" noValidate aria-labelledby="remark-heading">
      <h2 id="remark-heading" style={{ marginTop: 0 }}>
        Change marking
      </h2>
      {result && !result.ok && (
        <div className="alert" role="alert">
          {result.error.message}
        </div>
      )}
      {result?.ok && (
        <div className="alert alert-info" role="status">
          Marking is now {result.data.marking}.
        </div>
      )}
      <input type="hidden" name="documentId" value={documentId} />
      <div className="field">
        <label htmlFor="marking">New marking</label>
        <p className="hint" id="marking-hint">
          As written in full, e.g. OFFICIAL-SENSITIVE PERSONAL DATA. Nothing above the space&apos;s highest marking is accepted.
          {!canLower && " You may raise the marking; only the originating agency may lower it or change who may read it."}
        </p>
        <input id="marking" name="marking" type="text" defaultValue={marking} required aria-describedby="marking-hint" />
      </div>
      <div className="field">
        <label htmlFor="justification">Justification</label>
        <p className="hint" id="justification-hint">
          Required when lowering the marking or removing a descriptor; it is kept in the audit trail.
        </p>
        <textarea id="justification" name="justification" rows={3} aria-describedby="justification-hint" style={{ width: "100%", font: "inherit", padding: "0.5rem", border: "2px solid var(--muted)", borderRadius: "var(--radius)" }} />
      </div>
      <button className="button" type="submit" disabled={isPending}>
        {isPending ? "Saving…" : "Change marking"}
      </button>
    </form>
  );
}
