"use client";

/**
 * The retention label form (issue 8), for a new label and for changing one: every control
 * labelled, hints tied to their controls, and on a refusal an error summary linking to each
 * control with its problem shown beside it (from the API's `error.issues`); nothing typed is
 * lost. The review stages editor takes up to five stages, each a name and reviewers chosen from
 * the agency's people. The server decides everything again: this form only helps.
 */
import { useRef, useState, type FormEvent, type ReactNode } from "react";
import { useRouter } from "next/navigation";
import { callJsonApi, type ApiIssue } from "../../../ui/call-api";
import { ErrorSummary } from "../../../ui/error-summary";

export type LabelFormValues = {
  reference: string;
  name: string;
  category: string;
  authority: string;
  citation: string;
  description: string;
  years: string;
  months: string;
  days: string;
  trigger: "created" | "modified" | "labelled" | "event";
  eventTypeId: string;
  isClearPeriod: boolean;
  action: "delete" | "review" | "relabel";
  relabelToId: string;
  stages: { name: string; reviewerIds: string[] }[];
  recordKind: "none" | "record" | "regulatory";
};

export const EMPTY_LABEL: LabelFormValues = {
  reference: "",
  name: "",
  category: "",
  authority: "",
  citation: "",
  description: "",
  years: "0",
  months: "0",
  days: "0",
  trigger: "created",
  eventTypeId: "",
  isClearPeriod: false,
  action: "review",
  relabelToId: "",
  stages: [{ name: "Records manager review", reviewerIds: [] }],
  recordKind: "none",
};

type Option = { id: string; name: string };
type Props = {
  /** The label being changed; none for a new one. */
  labelId?: string;
  initial: LabelFormValues;
  eventTypes: (Option & { computed: string | null })[];
  /** The labels a label may relabel to (the agency's, in use, not this one). */
  labels: (Option & { reference: string })[];
  people: (Option & { jobTitle: string })[];
  categories: string[];
};

const STAGES_MAX = 5;
const TRIGGERS = [
  ["created", "When the item was created"],
  ["modified", "When the item was last changed"],
  ["labelled", "When the label was applied"],
  ["event", "When an event happens (e.g. case closed)"],
] as const;
const ACTIONS = [
  ["review", "Start a disposal review"],
  ["delete", "Delete automatically"],
  ["relabel", "Apply another label"],
] as const;
const KINDS = [
  ["none", "Not a record"],
  ["record", "Record: content locked, cannot be edited or deleted"],
  ["regulatory", "Regulatory record: locked, and the label cannot be removed by anyone"],
] as const;

/** The control an issue's path names, for the summary's links and the message beside it. */
function controlOf(path: string): string {
  const stage = /^reviewStages\.(\d+)\.(name|reviewerIds)/.exec(path);
  if (stage) return stage[2] === "name" ? `stage-${stage[1]}-name` : `stage-${stage[1]}-reviewer`;
  if (path.startsWith("reviewStages")) return "review-stages-add";
  if (path === "period" || path === "period.years") return "label-period-years";
  if (path === "period.months") return "label-period-months";
  if (path === "period.days") return "label-period-days";
  const direct: Record<string, string> = { eventTypeId: "label-event-type", relabelToId: "label-relabel-to", isClearPeriod: "label-clear-period", recordKind: "label-record-kind-none" };
  return direct[path] ?? `label-${path}`;
}

/** Focuses the element once React has rendered it (retrying for a few frames while it is not there yet). */
const focusSoon = (id: string, tries = 10): void => {
  setTimeout(() => {
    const el = document.getElementById(id);
    if (el) el.focus();
    else if (tries > 0) focusSoon(id, tries - 1);
  }, 16);
};
const asNumber = (v: string) => (v.trim() === "" ? 0 : Number(v));

export function LabelForm({ labelId, initial, eventTypes, labels, people, categories }: Props) {
  const router = useRouter();
  const [v, setV] = useState<LabelFormValues>(initial);
  const [issues, setIssues] = useState<ApiIssue[]>([]);
  const [formError, setFormError] = useState<string | null>(null);
  const [status, setStatus] = useState("");
  const [toAdd, setToAdd] = useState<Record<number, string>>({});
  const isBusy = useRef(false);
  const set = <K extends keyof LabelFormValues>(key: K, value: LabelFormValues[K]) => setV((old) => ({ ...old, [key]: value }));
  const errorsAt = (id: string) => issues.filter((i) => controlOf(i.path) === id).map((i) => i.message);
  const nameOf = new Map(people.map((p) => [p.id, p.name]));

  /** The props tying a control to its error text, and the error text itself. */
  const fieldError = (id: string): { props: { "aria-invalid"?: true; "aria-describedby"?: string }; text: ReactNode } => {
    const messages = errorsAt(id);
    if (messages.length === 0) return { props: {}, text: null };
    return {
      props: { "aria-invalid": true, "aria-describedby": `${id}-error` },
      text: (
        <p className="error-text" id={`${id}-error`}>
          {messages.join(". ")}
        </p>
      ),
    };
  };

  const setStage = (i: number, change: Partial<LabelFormValues["stages"][number]>) => setV((old) => ({ ...old, stages: old.stages.map((s, j) => (j === i ? { ...s, ...change } : s)) }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (isBusy.current) return;
    isBusy.current = true;
    setStatus(labelId ? "Saving the label…" : "Adding the label…");
    const body = {
      reference: v.reference,
      name: v.name,
      category: v.category,
      authority: v.authority,
      citation: v.citation,
      description: v.description,
      period: { years: asNumber(v.years), months: asNumber(v.months), days: asNumber(v.days) },
      trigger: v.trigger,
      eventTypeId: v.trigger === "event" ? v.eventTypeId || null : null,
      isClearPeriod: v.isClearPeriod,
      action: v.action,
      relabelToId: v.action === "relabel" ? v.relabelToId || null : null,
      reviewStages: v.action === "review" ? v.stages : [],
      recordKind: v.recordKind,
    };
    const result = labelId ? await callJsonApi<{ id: string }>(`/retention-labels/${labelId}`, "PATCH", body) : await callJsonApi<{ id: string }>("/retention-labels", "POST", body);
    isBusy.current = false;
    if (result.ok) {
      setIssues([]);
      setFormError(null);
      setStatus(labelId ? "Label saved" : "Label added");
      router.push(labelId ? `/records/labels/${labelId}?saved=1` : `/records/labels?added=${result.data.id}`);
      router.refresh();
      return;
    }
    setStatus(labelId ? "The label was not saved" : "The label was not added");
    const found = (result.error.issues ?? []).filter((i) => typeof i.path === "string" && typeof i.message === "string");
    setIssues(found.filter((i) => i.path !== ""));
    const general = found.filter((i) => i.path === "").map((i) => i.message);
    setFormError(found.length === 0 ? result.error.message : general.length > 0 ? general.join(". ") : null);
    focusSoon("error-summary");
  }

  const reference = fieldError("label-reference");
  const name = fieldError("label-name");
  const years = fieldError("label-period-years");
  const months = fieldError("label-period-months");
  const days = fieldError("label-period-days");
  const eventType = fieldError("label-event-type");
  const relabelTo = fieldError("label-relabel-to");
  const stagesError = fieldError("review-stages-add");
  const text = (id: keyof LabelFormValues & string, label: string, hint?: string, max = 300) => {
    const err = fieldError(`label-${id}`);
    const describedBy = [hint ? `label-${id}-hint` : null, err.props["aria-describedby"] ?? null].filter(Boolean).join(" ") || undefined;
    return (
      <div className="field">
        <label htmlFor={`label-${id}`}>{label}</label>
        {hint && (
          <p className="hint" id={`label-${id}-hint`}>
            {hint}
          </p>
        )}
        <input type="text" id={`label-${id}`} value={v[id] as string} onChange={(e) => set(id, e.target.value as never)} maxLength={max} aria-invalid={err.props["aria-invalid"]} aria-describedby={describedBy} />
        {err.text}
      </div>
    );
  };

  return (
    <>
      <p role="status" className="visually-hidden">
        {status}
      </p>
      <ErrorSummary id="error-summary" message={formError} items={issues.map((issue) => ({ message: issue.message, controlId: controlOf(issue.path) }))} />
      <form noValidate onSubmit={submit} aria-label={labelId ? "Change the label" : "New retention label"}>
        <h2>The file plan entry</h2>
        <div className="field">
          <label htmlFor="label-reference">Reference</label>
          <p className="hint" id="label-reference-hint">
            The label&apos;s line in the file plan, unique in it (e.g. RRD-G3).
          </p>
          <input type="text" id="label-reference" value={v.reference} onChange={(e) => set("reference", e.target.value)} maxLength={60} aria-invalid={reference.props["aria-invalid"]} aria-describedby={["label-reference-hint", reference.props["aria-describedby"]].filter(Boolean).join(" ")} />
          {reference.text}
        </div>
        <div className="field">
          <label htmlFor="label-name">Name</label>
          <input type="text" id="label-name" value={v.name} onChange={(e) => set("name", e.target.value)} maxLength={200} {...name.props} />
          {name.text}
        </div>
        <div className="field">
          <label htmlFor="label-category">Category</label>
          <p className="hint" id="label-category-hint">
            Groups labels in the file plan (e.g. Police review groups, Forms).
          </p>
          <input type="text" id="label-category" list="label-categories" value={v.category} onChange={(e) => set("category", e.target.value)} maxLength={100} aria-describedby={["label-category-hint", fieldError("label-category").props["aria-describedby"]].filter(Boolean).join(" ")} aria-invalid={fieldError("label-category").props["aria-invalid"]} />
          <datalist id="label-categories">
            {categories.map((c) => (
              <option key={c} value={c} />
            ))}
          </datalist>
          {fieldError("label-category").text}
        </div>
        {text("authority", "Authority", "Who or what sets the schedule (e.g. APP Information management: retention, review and disposal).")}
        {text("citation", "Citation", "The provision relied on (e.g. CPIA 1996; DPA 2018 s.39).")}
        <div className="field">
          <label htmlFor="label-description">Description</label>
          <textarea id="label-description" rows={3} value={v.description} onChange={(e) => set("description", e.target.value)} maxLength={2000} {...fieldError("label-description").props} />
          {fieldError("label-description").text}
        </div>

        <h2>How long items are kept</h2>
        <fieldset aria-describedby="label-period-hint">
          <legend>Retention period</legend>
          <p className="hint" id="label-period-hint">
            Whole years, months and days after the clock starts. Zero is allowed only when an event starts the clock.
          </p>
          <div className="row" style={{ alignItems: "start" }}>
            {(
              [
                ["years", "Years", years],
                ["months", "Months", months],
                ["days", "Days", days],
              ] as const
            ).map(([key, label, err]) => (
              <div className="field" key={key} style={{ flex: "0 1 8rem" }}>
                <label htmlFor={`label-period-${key}`}>{label}</label>
                <input
                  type="number"
                  inputMode="numeric"
                  min={0}
                  step={1}
                  id={`label-period-${key}`}
                  value={v[key]}
                  onChange={(e) => set(key, e.target.value)}
                  style={{ width: "100%", padding: "0.6rem 0.75rem", border: "2px solid var(--muted)", borderRadius: "var(--radius)", font: "inherit" }}
                  {...err.props}
                />
                {err.text}
              </div>
            ))}
          </div>
        </fieldset>
        <div className="field">
          <label htmlFor="label-trigger">The clock starts</label>
          <select id="label-trigger" value={v.trigger} onChange={(e) => set("trigger", e.target.value as LabelFormValues["trigger"])} {...fieldError("label-trigger").props}>
            {TRIGGERS.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
          {fieldError("label-trigger").text}
        </div>
        {v.trigger === "event" && (
          <div className="field">
            <label htmlFor="label-event-type">Event type</label>
            <select id="label-event-type" value={v.eventTypeId} onChange={(e) => set("eventTypeId", e.target.value)} {...eventType.props}>
              <option value="">Choose an event type</option>
              {eventTypes.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                  {t.computed ? " (computed)" : ""}
                </option>
              ))}
            </select>
            {eventType.text}
          </div>
        )}
        <div className="checkbox">
          <input type="checkbox" id="label-clear-period" checked={v.isClearPeriod} onChange={(e) => set("isClearPeriod", e.target.checked)} aria-describedby="label-clear-period-hint" />
          <label htmlFor="label-clear-period">Clear period</label>
          <p className="hint" id="label-clear-period-hint">
            The clock restarts whenever new information about the subject is recorded.
          </p>
        </div>

        <h2>At the end of the period</h2>
        <div className="field">
          <label htmlFor="label-action">What happens</label>
          <select id="label-action" value={v.action} onChange={(e) => set("action", e.target.value as LabelFormValues["action"])} {...fieldError("label-action").props}>
            {ACTIONS.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
          {fieldError("label-action").text}
        </div>
        {v.action === "relabel" && (
          <div className="field">
            <label htmlFor="label-relabel-to">Label to apply</label>
            <select id="label-relabel-to" value={v.relabelToId} onChange={(e) => set("relabelToId", e.target.value)} {...relabelTo.props}>
              <option value="">Choose a label</option>
              {labels.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.reference} {l.name}
                </option>
              ))}
            </select>
            {relabelTo.text}
          </div>
        )}
        {v.action === "review" && (
          <section aria-labelledby="review-stages-heading">
            <h3 id="review-stages-heading">Review stages</h3>
            <p className="hint">Up to {STAGES_MAX} stages, in order. At each stage every named reviewer may decide; the item moves to the next stage once approved.</p>
            <ol style={{ paddingLeft: "1.25rem" }}>
              {v.stages.map((stage, i) => {
                const n = i + 1;
                const stageName = fieldError(`stage-${i}-name`);
                const reviewer = fieldError(`stage-${i}-reviewer`);
                const remaining = people.filter((p) => !stage.reviewerIds.includes(p.id));
                return (
                  <li key={i} className="card" style={{ marginBottom: "0.75rem" }}>
                    <fieldset>
                      <legend>Stage {n}</legend>
                      <div className="field">
                        <label htmlFor={`stage-${i}-name`}>Name of stage {n}</label>
                        <input type="text" id={`stage-${i}-name`} value={stage.name} onChange={(e) => setStage(i, { name: e.target.value })} maxLength={100} {...stageName.props} />
                        {stageName.text}
                      </div>
                      <p id={`stage-${i}-reviewers-heading`} style={{ fontWeight: 600, margin: "0 0 0.25rem" }}>
                        Reviewers at stage {n}
                      </p>
                      {stage.reviewerIds.length === 0 ? (
                        <p className="meta">No reviewer yet.</p>
                      ) : (
                        <ul aria-labelledby={`stage-${i}-reviewers-heading`} data-testid={`stage-${i}-reviewers`}>
                          {stage.reviewerIds.map((id) => (
                            <li key={id} className="row">
                              <span>{nameOf.get(id) ?? "Unknown person"}</span>
                              <button type="button" className="button-link" onClick={() => setStage(i, { reviewerIds: stage.reviewerIds.filter((r) => r !== id) })}>
                                Remove {nameOf.get(id) ?? "reviewer"} from stage {n}
                              </button>
                            </li>
                          ))}
                        </ul>
                      )}
                      <div className="row" style={{ alignItems: "end" }}>
                        <div className="field" style={{ flex: "1 1 16rem", marginBottom: 0 }}>
                          <label htmlFor={`stage-${i}-reviewer`}>Reviewer to add at stage {n}</label>
                          <select id={`stage-${i}-reviewer`} value={toAdd[i] ?? ""} onChange={(e) => setToAdd((old) => ({ ...old, [i]: e.target.value }))} {...reviewer.props}>
                            <option value="">Choose a person</option>
                            {remaining.map((p) => (
                              <option key={p.id} value={p.id}>
                                {p.name}
                                {p.jobTitle ? ` (${p.jobTitle})` : ""}
                              </option>
                            ))}
                          </select>
                        </div>
                        <button
                          type="button"
                          className="button button-secondary"
                          onClick={() => {
                            const id = toAdd[i];
                            if (!id || stage.reviewerIds.includes(id)) return;
                            setStage(i, { reviewerIds: [...stage.reviewerIds, id] });
                            setToAdd((old) => ({ ...old, [i]: "" }));
                            setStatus(`${nameOf.get(id) ?? "Reviewer"} added to stage ${n}`);
                          }}
                        >
                          Add reviewer to stage {n}
                        </button>
                      </div>
                      {reviewer.text}
                      {v.stages.length > 1 && (
                        <p>
                          <button
                            type="button"
                            className="button-link"
                            onClick={() => {
                              setV((old) => ({ ...old, stages: old.stages.filter((_, j) => j !== i) }));
                              setIssues([]);
                              setStatus(`Stage ${n} removed`);
                            }}
                          >
                            Remove stage {n}
                          </button>
                        </p>
                      )}
                    </fieldset>
                  </li>
                );
              })}
            </ol>
            {v.stages.length < STAGES_MAX && (
              <button
                type="button"
                id="review-stages-add"
                className="button button-secondary"
                aria-describedby={stagesError.props["aria-describedby"]}
                onClick={() => {
                  setV((old) => ({ ...old, stages: [...old.stages, { name: "", reviewerIds: [] }] }));
                  setStatus(`Stage ${v.stages.length + 1} added`);
                  focusSoon(`stage-${v.stages.length}-name`);
                }}
              >
                Add a review stage
              </button>
            )}
            {stagesError.text}
          </section>
        )}

        <h2>Record</h2>
        <fieldset>
          <legend>Does the label declare a record?</legend>
          {KINDS.map(([value, label]) => (
            <div className="checkbox" key={value}>
              <input type="radio" id={`label-record-kind-${value}`} name="recordKind" value={value} checked={v.recordKind === value} onChange={() => set("recordKind", value)} />
              <label htmlFor={`label-record-kind-${value}`}>{label}</label>
            </div>
          ))}
          {fieldError("label-record-kind-none").text}
        </fieldset>

        <div className="row">
          <button type="submit" className="button">
            {labelId ? "Save the label" : "Add the label"}
          </button>
        </div>
      </form>
    </>
  );
}
