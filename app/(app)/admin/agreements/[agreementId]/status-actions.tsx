"use client";
import { useActionState, useEffect, useRef, useState } from "react";
import type { AgreementStatus } from "@/lib/agreements/agreement-terms";
import { setAgreementStatusAction } from "../actions";
import { ImpactPreview } from "../impact-preview";

const VERB: Record<string, { button: (from: AgreementStatus) => string; confirm: string; isDanger: boolean }> = {
  active: { button: (from) => (from === "draft" ? "Activate" : "Reactivate"), confirm: "activate", isDanger: false },
  suspended: { button: () => "Suspend", confirm: "suspend", isDanger: true },
  expired: { button: () => "Mark expired", confirm: "mark expired", isDanger: true },
};

/**
 * The status buttons of an agreement. Each first asks the server what the change would do and
 * shows it; only "Confirm" changes anything. The server decided which moves are offered.
 */
export function StatusActions({ agreementId, reference, status, transitions }: { agreementId: string; reference: string; status: AgreementStatus; transitions: AgreementStatus[] }) {
  const [result, dispatch, isPending] = useActionState(setAgreementStatusAction, null);
  const [dismissed, setDismissed] = useState<typeof result>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const preview = result?.ok && result.data.stage === "preview" && result !== dismissed ? result.data : null;
  const saved = result?.ok && result.data.stage === "saved" ? result.data.message : null;

  // Move focus to the preview so that keyboard and screen reader users land on what to confirm.
  useEffect(() => {
    if (preview) headingRef.current?.focus();
  }, [preview]);

  if (transitions.length === 0 && !saved) return null;
  const target = preview?.status ?? "";
  const verb = VERB[target];
  return (
    <section aria-labelledby="status-actions-heading" className="card" style={{ marginTop: "1rem" }}>
      <h2 id="status-actions-heading">Change status</h2>
      <div className="row">
        {transitions.map((t) => (
          <form key={t} action={dispatch}>
            <input type="hidden" name="agreementId" value={agreementId} />
            <input type="hidden" name="status" value={t} />
            <input type="hidden" name="intent" value="preview" />
            <button type="submit" className={VERB[t]?.isDanger ? "button button-danger" : "button button-secondary"} disabled={isPending}>
              {VERB[t]?.button(status) ?? t}
              <span className="visually-hidden"> {reference}</span>
            </button>
          </form>
        ))}
      </div>
      {result && !result.ok && (
        <div className="alert" role="alert" style={{ marginTop: "1rem" }}>
          {result.error.message}
        </div>
      )}
      <div role="status" aria-live="polite">
        {saved && (
          <div className="alert alert-info" style={{ marginTop: "1rem" }}>
            {saved}
          </div>
        )}
      </div>
      {preview && verb && (
        <div className="alert alert-warning" style={{ marginTop: "1rem" }} data-testid="status-preview">
          <h3 ref={headingRef} tabIndex={-1} style={{ marginTop: 0 }}>
            Before you {verb.confirm} {reference}
          </h3>
          {preview.isChangedSinceReview && (
            <p role="alert">
              <strong>What this would do has changed since you looked. Check it again before confirming.</strong>
            </p>
          )}
          <ImpactPreview impact={preview.impact} />
          <form action={dispatch} className="row" style={{ marginTop: "1rem" }}>
            <input type="hidden" name="agreementId" value={agreementId} />
            <input type="hidden" name="status" value={target} />
            <input type="hidden" name="intent" value="save" />
            <input type="hidden" name="fingerprint" value={preview.fingerprint} />
            <button type="submit" className={verb.isDanger ? "button button-danger" : "button"} disabled={isPending}>
              Confirm: {verb.confirm} {reference}
            </button>
            <button type="button" className="button button-secondary" onClick={() => setDismissed(result)}>
              Cancel
            </button>
          </form>
        </div>
      )}
    </section>
  );
}
