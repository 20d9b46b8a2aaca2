"use client";
import { startTransition, useActionState, useEffect, useRef } from "react";
import { formatDate } from "../../../ui/format";
import { createSpaceAction } from "./actions";

type AgreementOption = { id: string; reference: string; title: string; maxMarking: string; reviewOn: string | null; partnerNames: string[] };

const TEMPLATE_LABELS: Record<string, string> = {
  blank: "Blank",
  investigation: "Joint investigation",
  safeguarding: "Safeguarding referral (MASH)",
};

/**
 * The "New space" form. The server validates everything; this only collects it. It is submitted
 * without resetting the form, so that a refusal (shown in role=alert) keeps what was typed.
 */
export function CreateSpaceForm({
  agencyName,
  levels,
  agreements,
  templates,
}: {
  agencyName: string;
  levels: string[];
  agreements: AgreementOption[];
  templates: string[];
}) {
  const [result, dispatch, isPending] = useActionState(createSpaceAction, null);
  const errorRef = useRef<HTMLDivElement>(null);
  const error = result && !result.ok ? result.error : null;

  // Move focus to the error so that keyboard and screen reader users meet it first.
  useEffect(() => {
    if (error) errorRef.current?.focus();
  }, [error]);

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    startTransition(() => dispatch(form));
  }

  return (
    <form onSubmit={onSubmit} className="card" noValidate aria-labelledby="new-space-heading">
      <h2 id="new-space-heading" className="visually-hidden">
        Space details
      </h2>
      {error && (
        <div className="alert" role="alert" ref={errorRef} tabIndex={-1}>
          <strong>The space was not created.</strong> {error.message}
        </div>
      )}
      <div className="field">
        <label htmlFor="space-name">Name</label>
        <p className="hint" id="space-name-hint">
          Up to 120 characters, e.g. &quot;Operation Heron&quot;. Everyone in the space sees it.
        </p>
        <input id="space-name" name="name" type="text" required aria-describedby="space-name-hint" autoComplete="off" />
      </div>
      <div className="field">
        <label htmlFor="space-purpose">Purpose</label>
        <p className="hint" id="space-purpose-hint">
          What the space is for, so that people know why they were added.
        </p>
        <textarea id="space-purpose" name="purpose" rows={3} aria-describedby="space-purpose-hint" />
      </div>
      <div className="field">
        <label htmlFor="space-ceiling">Highest marking</label>
        <p className="hint" id="space-ceiling-hint">
          Nothing above it can be held in the space. Partners&apos; vetting must open it.
        </p>
        <select id="space-ceiling" name="ceilingMarking" defaultValue={levels[levels.length - 1]} aria-describedby="space-ceiling-hint">
          {levels.map((l) => (
            <option key={l} value={l}>
              {l}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="space-default">Default marking</label>
        <p className="hint" id="space-default-hint">
          What new documents start as; not above the highest marking.
        </p>
        <select id="space-default" name="defaultMarking" defaultValue={levels[0]} aria-describedby="space-default-hint">
          {levels.map((l) => (
            <option key={l} value={l}>
              {l}
            </option>
          ))}
        </select>
      </div>
      <fieldset className="field">
        <legend>Sharing agreements</legend>
        {agreements.length === 0 ? (
          <p className="hint">No sharing agreement in force includes {agencyName}: the space will be for {agencyName} only.</p>
        ) : (
          <>
            <p className="hint" id="space-agreements-hint">
              People of a partner agency can be added only under an agreement chosen here. Leave all unticked for a {agencyName}-only space.
            </p>
            {agreements.map((a) => (
              <div className="checkbox" key={a.id}>
                <input id={`agreement-${a.id}`} name="agreementIds" type="checkbox" value={a.id} aria-describedby={`agreement-${a.id}-hint`} />
                <label htmlFor={`agreement-${a.id}`}>
                  {a.reference} {a.title}
                </label>
                <p className="hint" id={`agreement-${a.id}-hint`}>
                  With {a.partnerNames.join(", ") || "no other agency"}; up to {a.maxMarking}
                  {a.reviewOn ? `; review due ${formatDate(a.reviewOn)}` : ""}
                </p>
              </div>
            ))}
          </>
        )}
      </fieldset>
      <div className="field checkbox">
        <input id="space-mv-only" name="isMvOnly" type="checkbox" aria-describedby="space-mv-only-hint" />
        <label htmlFor="space-mv-only">MV posts only</label>
        <p className="hint" id="space-mv-only-hint">
          Only people holding management vetting (MV) or above can be members.
        </p>
      </div>
      <div className="field">
        <label htmlFor="space-template">Template</label>
        <p className="hint" id="space-template-hint">
          Sets up boards and forms for this kind of work as they become available.
        </p>
        <select id="space-template" name="template" defaultValue="blank" aria-describedby="space-template-hint">
          {templates.map((t) => (
            <option key={t} value={t}>
              {TEMPLATE_LABELS[t] ?? t}
            </option>
          ))}
        </select>
      </div>
      <button className="button" type="submit" disabled={isPending}>
        {isPending ? "Creating…" : "Create space"}
      </button>
    </form>
  );
}
