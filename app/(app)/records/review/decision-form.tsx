"use client";
import { useEffect, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { callJsonApi, errorsByField } from "../../../ui/call-api";
import { useReviewOutcome } from "./review-outcome";

type Decision = "approve" | "extend" | "relabel" | "add_reviewers" | "restrict";
type Field = "decision" | "comment" | "newDueOn" | "newLabelId" | "reviewerIds";

type Props = {
  recordItemId: string;
  title: string;
  isLastStage: boolean;
  labels: { id: string; reference: string; name: string }[];
  people: { id: string; name: string }[];
};

/**
 * One item's decision (POST /api/v1/record-items/{id}/decisions): a decision, a comment (always
 * required), and the new date, label or reviewers the decision needs. The server decides what is
 * valid; each of its errors is shown beside the control it names.
 */
export function DecisionForm({ recordItemId, title, isLastStage, labels, people }: Props) {
  const router = useRouter();
  const announce = useReviewOutcome();
  const [decision, setDecision] = useState<Decision>("approve");
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [isPending, setPending] = useState(false);
  const firstError = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (Object.keys(errors).length > 0) firstError.current?.focus();
  }, [errors]);
  const id = (field: string) => `${field}-${recordItemId}`;

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const body = {
      decision,
      comment: String(form.get("comment") ?? ""),
      newDueOn: decision === "extend" ? String(form.get("newDueOn") ?? "") : undefined,
      newLabelId: decision === "relabel" ? String(form.get("newLabelId") ?? "") : undefined,
      reviewerIds: decision === "add_reviewers" ? form.getAll("reviewerIds").map(String) : undefined,
    };
    setPending(true);
    const result = await callJsonApi<{ state: string }>(`/record-items/${recordItemId}/decisions`, "POST", body);
    setPending(false);
    if (!result.ok) {
      // An error that names no control (a hold placed meanwhile, the item decided by someone else) goes by the decision.
      setErrors(errorsByField(result.error, isField, "decision"));
      return;
    }
    setErrors({});
    // Said on the page's status line: the decision usually takes this row, and this form, away.
    announce.outcome({ text: `${title}: ${result.data?.state === "disposed" ? "disposed of with a certificate" : "decision recorded"}.`, refused: [] });
    router.refresh();
  }

  const errorFor = (field: Field, isFirst: boolean) =>
    errors[field] ? (
      <p className="error-text" id={id(`${field}-error`)} role="alert" ref={isFirst ? firstError : undefined} tabIndex={-1}>
        {errors[field]}
      </p>
    ) : null;
  const order: Field[] = ["decision", "comment", "newDueOn", "newLabelId", "reviewerIds"];
  const first = order.find((f) => errors[f]);
  const invalid = (field: Field) => (errors[field] ? { "aria-invalid": true, "aria-describedby": id(`${field}-error`) } : {});

  return (
    <form noValidate onSubmit={onSubmit} aria-label={`Decision on ${title}`}>
      <fieldset>
        <legend className="visually-hidden">Decision</legend>
        {(
          [
            ["approve", isLastStage ? "Approve disposal" : "Approve (to the next stage)"],
            ["extend", "Extend"],
            ["relabel", "Relabel"],
            ["add_reviewers", "Add reviewers"],
            ["restrict", "Restrict instead of erasing (DPA s.47)"],
          ] as const
        ).map(([value, text]) => (
          <div key={value}>
            <input type="radio" id={id(`decision-${value}`)} name="decision" value={value} checked={decision === value} onChange={() => setDecision(value)} />{" "}
            <label htmlFor={id(`decision-${value}`)}>{text}</label>
          </div>
        ))}
        {errorFor("decision", first === "decision")}
      </fieldset>
      {decision === "extend" && (
        <div className="field">
          <label htmlFor={id("newDueOn")}>Keep until</label>
          <input type="date" id={id("newDueOn")} name="newDueOn" {...invalid("newDueOn")} />
          {errorFor("newDueOn", first === "newDueOn")}
        </div>
      )}
      {decision === "relabel" && (
        <div className="field">
          <label htmlFor={id("newLabelId")}>New label</label>
          {labels.length === 0 ? (
            <p className="hint">You cannot read the file plan: ask a records manager which label applies.</p>
          ) : (
            <select id={id("newLabelId")} name="newLabelId" defaultValue="" {...invalid("newLabelId")}>
              <option value="">Choose a label</option>
              {labels.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.reference} – {l.name}
                </option>
              ))}
            </select>
          )}
          {errorFor("newLabelId", first === "newLabelId")}
        </div>
      )}
      {decision === "add_reviewers" && (
        <div className="field">
          <label htmlFor={id("reviewerIds")}>Reviewers to add to this stage</label>
          <select id={id("reviewerIds")} name="reviewerIds" multiple size={Math.min(6, Math.max(2, people.length))} {...invalid("reviewerIds")}>
            {people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
          {errorFor("reviewerIds", first === "reviewerIds")}
        </div>
      )}
      <div className="field">
        <label htmlFor={id("comment")}>Comment</label>
        <textarea id={id("comment")} name="comment" rows={2} maxLength={2000} required {...invalid("comment")} />
        {errorFor("comment", first === "comment")}
      </div>
      <button className="button" type="submit" disabled={isPending}>
        {isPending ? "Saving…" : "Record decision"}
      </button>
    </form>
  );
}

function isField(path: string): path is Field {
  return path === "decision" || path === "comment" || path === "newDueOn" || path === "newLabelId" || path === "reviewerIds";
}
