"use client";
import { useEffect, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { callJsonApi, errorsByField } from "../../../ui/call-api";
import { useReviewOutcome, type ReviewOutcome } from "./review-outcome";

type Decision = "approve" | "extend" | "restrict";
type Field = "recordItemIds" | "decision" | "comment" | "newDueOn";
type Outcome = { recordItemId: string; result: { state: string; stage: number | null } | null; error: { status: number; message: string } | null };
type Answer = { decided: number; refused: number; outcomes: Outcome[] };

/** The id of the form the queue's row checkboxes belong to (their `form` attribute). */
export const BULK_FORM_ID = "bulk-review";

type Props = { titles: Record<string, string> };

/**
 * One decision on the items ticked in the queue (POST /api/v1/review-queue/decisions), as
 * Purview's disposition review lets a reviewer approve many items at once: approve, extend or
 * restrict, with the one comment every decision needs. The row checkboxes are the table's (they
 * belong to this form through their `form` attribute, so the table stays a plain server-drawn
 * table). The server decides each item on its own; what it refused is listed by title with the
 * reason, and the queue is redrawn. The answer goes to the page's status line
 * (ReviewOutcomeProvider), which outlives this form when the decision empties the queue.
 */
export function BulkDecisionForm({ titles }: Props) {
  const router = useRouter();
  const [selected, setSelected] = useState(0);
  const [decision, setDecision] = useState<Decision>("approve");
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const announce = useReviewOutcome();
  const [isPending, setPending] = useState(false);
  const firstError = useRef<HTMLParagraphElement>(null);
  const allBox = useRef<HTMLInputElement>(null);

  const boxes = () => [...document.querySelectorAll<HTMLInputElement>(`input[type=checkbox][form="${BULK_FORM_ID}"][name="recordItemIds"]`)];
  useEffect(() => {
    // The rows' boxes change outside React: count them whenever one does.
    const count = () => {
      const all = boxes();
      const ticked = all.filter((b) => b.checked).length;
      setSelected(ticked);
      if (allBox.current) {
        allBox.current.checked = all.length > 0 && ticked === all.length;
        allBox.current.indeterminate = ticked > 0 && ticked < all.length;
      }
    };
    count();
    document.addEventListener("change", count);
    return () => document.removeEventListener("change", count);
  }, [titles]);
  useEffect(() => {
    if (Object.keys(errors).length > 0) firstError.current?.focus();
  }, [errors]);

  function selectAll(checked: boolean) {
    for (const box of boxes()) box.checked = checked;
    setSelected(checked ? boxes().length : 0);
  }

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const recordItemIds = form.getAll("recordItemIds").map(String);
    const body = { recordItemIds, decision, comment: String(form.get("comment") ?? ""), newDueOn: decision === "extend" ? String(form.get("newDueOn") ?? "") : undefined };
    // The titles as they are now: after the redraw, decided items are no longer in the queue.
    const titlesNow = titles;
    const formElement = event.currentTarget;
    setPending(true);
    announce.progress(`Deciding ${items(recordItemIds.length)}…`);
    const result = await callJsonApi<Answer>("/review-queue/decisions", "POST", body);
    setPending(false);
    announce.progress(null);
    if (!result.ok) {
      // An error that names no control (a hold placed meanwhile, the item decided by someone else) goes by the decision.
      setErrors(errorsByField(result.error, isField, "decision"));
      return;
    }
    setErrors({});
    announce.outcome(describeAnswer(result.data, titlesNow));
    formElement.reset();
    setDecision("approve");
    router.refresh();
  }

  const order: Field[] = ["recordItemIds", "decision", "comment", "newDueOn"];
  const first = order.find((f) => errors[f]);
  const errorFor = (field: Field) =>
    errors[field] ? (
      <p className="error-text" id={`bulk-${field}-error`} role="alert" ref={first === field ? firstError : undefined} tabIndex={-1}>
        {errors[field]}
      </p>
    ) : null;
  const invalid = (field: Field) => (errors[field] ? { "aria-invalid": true, "aria-describedby": `bulk-${field}-error` } : {});

  return (
    <form id={BULK_FORM_ID} className="card" noValidate onSubmit={onSubmit} aria-label="Decide the selected items">
      <h2>Decide several items at once</h2>
      <div className="field">
        <input type="checkbox" id="bulk-select-all" ref={allBox} onChange={(e) => selectAll(e.target.checked)} /> <label htmlFor="bulk-select-all">Select every item in the queue</label>
        <p className="meta" aria-live="polite" data-testid="bulk-selected">
          {selected} selected
        </p>
        {errorFor("recordItemIds")}
      </div>
      <fieldset>
        <legend>Decision for the selected items</legend>
        {(
          [
            ["approve", "Approve (to the next stage; after the last stage, dispose)"],
            ["extend", "Extend"],
            ["restrict", "Restrict instead of erasing (DPA s.47)"],
          ] as const
        ).map(([value, text]) => (
          <div key={value}>
            <input type="radio" id={`bulk-decision-${value}`} name="bulkDecision" value={value} checked={decision === value} onChange={() => setDecision(value)} /> <label htmlFor={`bulk-decision-${value}`}>{text}</label>
          </div>
        ))}
        {errorFor("decision")}
      </fieldset>
      {decision === "extend" && (
        <div className="field">
          <label htmlFor="bulk-newDueOn">Keep until</label>
          <input type="date" id="bulk-newDueOn" name="newDueOn" {...invalid("newDueOn")} />
          {errorFor("newDueOn")}
        </div>
      )}
      <div className="field">
        <label htmlFor="bulk-comment">Comment (kept with every item&apos;s decision)</label>
        <textarea id="bulk-comment" name="comment" rows={2} maxLength={2000} required {...invalid("comment")} />
        {errorFor("comment")}
      </div>
      <button className="button" type="submit" disabled={isPending}>
        {isPending ? "Deciding…" : `Record the decision on ${selected} selected`}
      </button>
    </form>
  );
}

/** "1 item", "4 items". */
const items = (n: number) => `${n} ${n === 1 ? "item" : "items"}`;

/** The answer as the status line says it: how many were decided and disposed of, and each refusal by title. */
function describeAnswer(answer: Answer, titles: Record<string, string>): ReviewOutcome {
  const disposed = answer.outcomes.filter((o) => o.result?.state === "disposed").length;
  const text = `${items(answer.decided)} decided${disposed > 0 ? `, ${disposed} disposed of with a certificate` : ""}${answer.refused > 0 ? `; ${answer.refused} could not be decided` : ""}.`;
  const refused = answer.outcomes.filter((o) => o.error).map((o) => ({ title: titles[o.recordItemId] ?? "An item", message: o.error!.message }));
  return { text, refused };
}

function isField(path: string): path is Field {
  return path === "recordItemIds" || path === "decision" || path === "comment" || path === "newDueOn";
}
