"use client";
import { startTransition, useActionState, useEffect, useRef, useState } from "react";
import type { ActionResult } from "@/lib/http/actor-action";
import { createAgreementAction, updateAgreementAction, type ChangeStep } from "./actions";
import { ImpactPreview } from "./impact-preview";

export type AgreementFormValues = {
  title: string;
  purpose: string;
  parties: { agencyId: string; lawfulBasis: string }[];
  maxMarking: string;
  descriptors: string[];
  startsOn: string;
  reviewOn: string;
  endsOn: string;
};

type Props = {
  mode: "create" | "edit";
  agreementId?: string;
  reference?: string;
  /** The owning agency: always a party, so its box cannot be unticked. */
  ownerAgencyId: string;
  agencies: { id: string; code: string; name: string; isActive: boolean }[];
  /** The levels the deployment allows, lowest first. */
  levels: string[];
  descriptors: string[];
  initial: AgreementFormValues;
};

type Result = ActionResult<ChangeStep> | null;

const inputStyle = { maxWidth: "24rem" } as const;

/**
 * The agreement form, for a new agreement and for editing one. Editing goes in two steps: "Review
 * changes" shows who would lose or regain access, and only "Save changes" saves. The server checks
 * everything; this form only collects it. Submitted by hand (not as a form action) so that the
 * fields keep what was typed when the server refuses it.
 */
export function AgreementForm({ mode, agreementId, reference, ownerAgencyId, agencies, levels, descriptors, initial }: Props) {
  const action = (mode === "create" ? createAgreementAction : updateAgreementAction) as (prev: Result, form: FormData) => Promise<Result>;
  const [result, dispatch, isPending] = useActionState(action, null);
  const [stale, setStale] = useState<Result>(null);
  const [selected, setSelected] = useState<Set<string>>(() => new Set([ownerAgencyId, ...initial.parties.map((p) => p.agencyId)]));
  const alertRef = useRef<HTMLDivElement>(null);
  const previewRef = useRef<HTMLHeadingElement>(null);

  const preview = result?.ok && result.data.stage === "preview" && result !== stale ? result.data : null;
  const error = result && !result.ok ? result.error.message : null;
  useEffect(() => {
    if (error) alertRef.current?.focus();
  }, [error, result]);
  useEffect(() => {
    if (preview) previewRef.current?.focus();
  }, [preview]);

  const lawfulBasis = new Map(initial.parties.map((p) => [p.agencyId, p.lawfulBasis]));
  const toggle = (id: string, isOn: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (isOn) next.add(id);
      else next.delete(id);
      return next;
    });

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const data = new FormData(event.currentTarget, submitter instanceof HTMLButtonElement ? submitter : null);
    startTransition(() => dispatch(data));
  }

  return (
    <form className="card" noValidate onSubmit={onSubmit} onChange={() => setStale(result)} aria-describedby={error ? "agreement-form-error" : undefined}>
      {error && (
        <div className="alert" role="alert" id="agreement-form-error" ref={alertRef} tabIndex={-1}>
          {error}
        </div>
      )}
      {agreementId && <input type="hidden" name="agreementId" value={agreementId} />}
      {mode === "create" ? (
        <div className="field">
          <label htmlFor="agreement-reference">Reference</label>
          <p className="hint" id="agreement-reference-hint">
            In the form ISA-XX-000, for example ISA-CC-014. It cannot be changed later.
          </p>
          <input id="agreement-reference" name="reference" type="text" required maxLength={12} aria-describedby="agreement-reference-hint" style={inputStyle} />
        </div>
      ) : (
        <p>
          Reference: <strong>{reference}</strong> <span className="meta">(a reference never changes)</span>
        </p>
      )}
      <div className="field">
        <label htmlFor="agreement-title">Title</label>
        <input id="agreement-title" name="title" type="text" required maxLength={200} defaultValue={initial.title} />
      </div>
      <div className="field">
        <label htmlFor="agreement-purpose">Purpose</label>
        <p className="hint" id="agreement-purpose-hint">
          Why the agencies share, as the agreement states it.
        </p>
        <textarea id="agreement-purpose" name="purpose" rows={3} maxLength={4000} defaultValue={initial.purpose} aria-describedby="agreement-purpose-hint" />
      </div>

      <fieldset>
        <legend>Parties</legend>
        <p className="hint">At least two agencies, yours among them, each with the lawful basis on which it shares.</p>
        {agencies.map((agency) => {
          const isOwner = agency.id === ownerAgencyId;
          const isChosen = selected.has(agency.id);
          const canChoose = !isOwner && (agency.isActive || isChosen);
          return (
            <div key={agency.id} className="checkbox" data-testid={`party-${agency.code}`}>
              <input
                type="checkbox"
                id={`party-${agency.id}`}
                name={isOwner ? undefined : "party"}
                value={agency.id}
                checked={isChosen}
                disabled={!canChoose}
                onChange={(e) => toggle(agency.id, e.currentTarget.checked)}
              />
              <label htmlFor={`party-${agency.id}`}>
                {agency.name} ({agency.code}){isOwner ? ": owner, always a party" : !agency.isActive ? ": suspended" : ""}
              </label>
              {isOwner && <input type="hidden" name="party" value={agency.id} />}
              <div style={{ gridColumn: 2 }}>
                <label htmlFor={`basis-${agency.id}`} style={{ fontWeight: 400, display: isChosen ? undefined : "none" }}>
                  Lawful basis for {agency.name}
                </label>
                <input
                  id={`basis-${agency.id}`}
                  name={`lawfulBasis:${agency.id}`}
                  type="text"
                  placeholder="e.g. Crime and Disorder Act 1998 s.115"
                  defaultValue={lawfulBasis.get(agency.id) ?? ""}
                  disabled={!isChosen}
                  maxLength={500}
                  style={{ display: isChosen ? undefined : "none" }}
                />
              </div>
            </div>
          );
        })}
      </fieldset>

      <div className="field">
        <label htmlFor="agreement-marking">Highest marking that may be shared</label>
        <select id="agreement-marking" name="maxMarking" defaultValue={initial.maxMarking} style={inputStyle}>
          {levels.map((l) => (
            <option key={l} value={l}>
              {l}
            </option>
          ))}
        </select>
      </div>

      <fieldset>
        <legend>Descriptors that may be shared</legend>
        <p className="hint">Material carrying a descriptor not ticked here does not cross the agreement.</p>
        {descriptors.map((d) => (
          <div key={d} className="checkbox">
            <input type="checkbox" id={`descriptor-${d}`} name="descriptors" value={d} defaultChecked={initial.descriptors.includes(d)} />
            <label htmlFor={`descriptor-${d}`}>{d}</label>
          </div>
        ))}
      </fieldset>

      <div className="row" style={{ alignItems: "flex-start" }}>
        <div className="field">
          <label htmlFor="agreement-starts">Start date</label>
          <p className="hint" id="agreement-starts-hint">
            Sharing may start on this day.
          </p>
          <input id="agreement-starts" name="startsOn" type="date" required defaultValue={initial.startsOn} aria-describedby="agreement-starts-hint" />
        </div>
        <div className="field">
          <label htmlFor="agreement-review">Review date</label>
          <p className="hint" id="agreement-review-hint">
            Sharing stops if it is missed.
          </p>
          <input id="agreement-review" name="reviewOn" type="date" defaultValue={initial.reviewOn} aria-describedby="agreement-review-hint" />
        </div>
        <div className="field">
          <label htmlFor="agreement-ends">End date</label>
          <p className="hint" id="agreement-ends-hint">
            Optional.
          </p>
          <input id="agreement-ends" name="endsOn" type="date" defaultValue={initial.endsOn} aria-describedby="agreement-ends-hint" />
        </div>
      </div>

      {mode === "create" && (
        <fieldset>
          <legend>Status</legend>
          <div className="checkbox">
            <input type="radio" id="status-draft" name="status" value="draft" defaultChecked />
            <label htmlFor="status-draft">Draft: nothing is shared under it until it is activated</label>
          </div>
          <div className="checkbox">
            <input type="radio" id="status-active" name="status" value="active" />
            <label htmlFor="status-active">Active: in force from its start date</label>
          </div>
        </fieldset>
      )}

      {preview && (
        <section className="alert alert-warning" aria-labelledby="edit-preview-heading" data-testid="edit-preview">
          <h2 id="edit-preview-heading" ref={previewRef} tabIndex={-1} style={{ marginTop: 0 }}>
            What saving would do
          </h2>
          {preview.isChangedSinceReview && (
            <p role="alert">
              <strong>What this would do has changed since you looked. Check it again before saving.</strong>
            </p>
          )}
          <ImpactPreview impact={preview.impact} />
          <input type="hidden" name="fingerprint" value={preview.fingerprint} />
        </section>
      )}

      <div className="row">
        {mode === "create" ? (
          <button type="submit" className="button" disabled={isPending}>
            {isPending ? "Saving…" : "Create agreement"}
          </button>
        ) : (
          <>
            <button type="submit" name="intent" value="preview" className={preview ? "button button-secondary" : "button"} disabled={isPending}>
              {preview ? "Review again" : "Review changes"}
            </button>
            {preview && (
              <button type="submit" name="intent" value="save" className="button" disabled={isPending}>
                Save changes
              </button>
            )}
          </>
        )}
      </div>
    </form>
  );
}
