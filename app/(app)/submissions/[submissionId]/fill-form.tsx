"use client";

/**
 * A submission's page: its owner fills the form in page by page (sections and fields shown and
 * hidden live as they answer, repeating groups added and removed), saves a draft and, on the
 * last page, submits; anyone else who may read it sees the answers as text, and a supervisor
 * returns it with a comment or accepts it. The server decides everything (what is valid, who may
 * do what: `permissions` are the policy's booleans); this page only offers what it allows.
 *
 * Nothing typed is lost on any error: the controls' values stay as they are; a refusal lists
 * every field's problem at the top (links to the fields) and beside each field, and opens the
 * page of the first; a stale save (409) says so and lets the person load the other version or
 * keep theirs and save over it knowingly.
 */
import { useMemo, useRef, useState, type ReactNode } from "react";
import { useRouter } from "next/navigation";
import { isShown, type FormAnswers } from "@/lib/forms/conditions";
import type { FieldLayout, GroupLayout, SectionLayout } from "@/lib/forms/form-definition";
import type { SubmissionDetail } from "@/lib/submissions/get-submission";
import type { SubmissionView } from "@/lib/submissions/submission-shared";
import { answersToValues, controlId, pageOfPath, schemaProperties, valuesToAnswers, widgetOf, type ControlValue, type FormValues, type ItemValues, type SchemaNode } from "./form-values";

type Issue = { path: string; message: string };
type ApiError = { code: string; message: string; issues?: Issue[]; current?: SubmissionView };
type Status = SubmissionView["status"];

/** Calls the API as the page (same origin, the session cookie); returns the body or the error. */
async function callApi<T>(path: string, method: string, body: unknown): Promise<{ ok: true; data: T } | { ok: false; status: number; error: ApiError }> {
  try {
    const response = await fetch(`/api/v1${path}`, { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body), cache: "no-store" });
    const json = (await response.json().catch(() => null)) as ({ error?: ApiError } & T) | null;
    if (response.ok) return { ok: true, data: json as T };
    return { ok: false, status: response.status, error: json?.error ?? { code: "internal", message: "Something went wrong. Your answers are still here: try again." } };
  } catch {
    return { ok: false, status: 0, error: { code: "network", message: "Accord could not be reached. Your answers are still here: try again." } };
  }
}

const STATUS_TEXT: Record<Status, string> = {
  draft: "Draft: not yet submitted",
  submitted: "Submitted: waiting for a supervisor's review",
  returned: "Returned for correction",
  accepted: "Accepted",
};

const formatWhen = (iso: string) => new Date(iso).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/London" });

/** Moves focus once React has rendered what the handler changed. */
const focusSoon = (id: string) => setTimeout(() => document.getElementById(id)?.focus(), 0);

type Requirement = { required: Set<string>; whenShown: Set<string> };

function requirementOf(definition: SubmissionDetail["definition"]): Requirement {
  const schema = definition.schema as SchemaNode;
  return { required: new Set(schema.required ?? []), whenShown: new Set((schema.allOf ?? []).flatMap((c) => c.then?.required ?? [])) };
}

/** The submission's page: status, reviews, downloads, the form (or its answers) and the review panel. */
export function FillForm({ submission, titleId }: { submission: SubmissionDetail; titleId: string }) {
  const router = useRouter();
  const { definition } = submission;
  const [status, setStatus] = useState<Status>(submission.status);
  const [version, setVersion] = useState(submission.version);
  const [announcement, setAnnouncement] = useState("");
  const isEditable = submission.permissions.canUpdate && status !== "accepted";
  const latestReturn = [...submission.reviews].reverse().find((r) => r.decision === "returned");

  return (
    <>
      <h1 id={titleId}>{submission.form.title}</h1>
      <p className="meta">
        Version {submission.form.versionNumber} of the form · by {submission.owner.name}
        {submission.submittedAt ? ` · last submitted ${formatWhen(submission.submittedAt)}` : ""}
      </p>
      <p>
        <strong>Status:</strong> <span data-testid="submission-status">{STATUS_TEXT[status]}</span>
      </p>
      {status === "returned" && latestReturn && (
        <div className="alert alert-warning" data-testid="returned-comment">
          <strong>
            Returned by {latestReturn.reviewer}
            {": "}
          </strong>
          <span style={{ whiteSpace: "pre-wrap" }}>{latestReturn.comment}</span>
          {isEditable && <p style={{ margin: "0.5rem 0 0" }}>Correct the answers and submit again: every submitted version is kept.</p>}
        </div>
      )}
      {status === "submitted" && isEditable && <p className="hint">To change it, edit the answers and submit again: every submitted version is kept.</p>}
      <p className="meta">
        <a href={`/api/v1/submissions/${submission.id}/pdf`}>Download PDF</a> · <a href={`/api/v1/submissions/${submission.id}/pdf?disclosable=1`}>Download disclosable PDF</a>
      </p>
      <p role="status" className="meta" data-testid="submission-announcer">
        {announcement}
      </p>
      {isEditable ? (
        <EditForm
          submission={submission}
          status={status}
          version={version}
          onSaved={(view, message) => {
            setStatus(view.status);
            setVersion(view.version);
            setAnnouncement(message);
            if (view.status !== submission.status) router.refresh();
          }}
          onReloaded={(view) => {
            setStatus(view.status);
            setVersion(view.version);
          }}
          announce={setAnnouncement}
        />
      ) : (
        <ReadOnlyAnswers definition={definition} answers={submission.answers} />
      )}
      {submission.permissions.canReview && status === "submitted" && (
        <ReviewPanel
          submissionId={submission.id}
          ownerName={submission.owner.name}
          onReviewed={(view, message) => {
            setStatus(view.status);
            setVersion(view.version);
            setAnnouncement(message);
            router.refresh();
          }}
          announce={setAnnouncement}
        />
      )}
      {submission.reviews.length > 0 && (
        <section aria-labelledby="reviews-title" style={{ marginTop: "1.5rem" }}>
          <h2 id="reviews-title">Reviews</h2>
          <ol className="feed">
            {submission.reviews.map((r, i) => (
              <li key={i}>
                <strong>{r.decision === "returned" ? `Returned by ${r.reviewer}` : `Accepted by ${r.reviewer}`}</strong>{" "}
                <span className="meta">
                  {formatWhen(r.createdAt)}, submitted version {r.submittedVersion}
                </span>
                {r.comment && <div style={{ whiteSpace: "pre-wrap" }}>{r.comment}</div>}
              </li>
            ))}
          </ol>
        </section>
      )}
    </>
  );
}

type EditProps = {
  submission: SubmissionDetail;
  status: Status;
  version: number;
  onSaved: (view: SubmissionView, message: string) => void;
  onReloaded: (view: SubmissionView) => void;
  announce: (message: string) => void;
};

/** The form, page by page, for its owner. */
function EditForm({ submission, status, version, onSaved, onReloaded, announce }: EditProps) {
  const { definition } = submission;
  const pages = definition.layout.pages;
  const properties = useMemo(() => schemaProperties(definition), [definition]);
  const requirement = useMemo(() => requirementOf(definition), [definition]);
  const [values, setValues] = useState<FormValues>(() => answersToValues(definition, submission.answers));
  const [pageIndex, setPageIndex] = useState(0);
  const [issues, setIssues] = useState<Issue[]>([]);
  const [formError, setFormError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<SubmissionView | null>(null);
  const [expectedVersion, setExpectedVersion] = useState<number | null>(null);
  const isBusy = useRef(false);
  const answers = useMemo(() => valuesToAnswers(definition, values), [definition, values]);
  const errorOf = useMemo(() => new Map(issues.map((i) => [i.path, i.message])), [issues]);
  const page = pages[pageIndex]!;
  const isLast = pageIndex === pages.length - 1;
  const canSaveDraft = status === "draft" || status === "returned";

  const goTo = (index: number) => {
    setPageIndex(index);
    focusSoon("form-page-heading");
  };
  const jumpTo = (path: string) => {
    const p = pageOfPath(definition, path);
    if (p >= 0) setPageIndex(p);
    focusSoon(controlId(path));
  };
  const setField = (name: string, value: ControlValue | ItemValues[]) => setValues((v) => ({ ...v, [name]: value }));

  async function send(kind: "save" | "submit") {
    if (isBusy.current) return;
    isBusy.current = true;
    announce(kind === "save" ? "Saving the draft…" : "Submitting…");
    const result = await callApi<SubmissionView>(`/submissions/${submission.id}${kind === "submit" ? "/submit" : ""}`, kind === "save" ? "PATCH" : "POST", {
      expectedVersion: expectedVersion ?? version,
      answers,
    });
    isBusy.current = false;
    if (result.ok) {
      setIssues([]);
      setFormError(null);
      setConflict(null);
      setExpectedVersion(null);
      onSaved(result.data, kind === "save" ? "Draft saved" : "Submitted for review");
      return;
    }
    announce(kind === "save" ? "The draft was not saved" : "It was not submitted");
    if (result.status === 409 && result.error.current) {
      setConflict(result.error.current);
      focusSoon("conflict-alert");
      return;
    }
    const found = (result.error.issues ?? []).filter((i) => typeof i.path === "string" && typeof i.message === "string");
    setIssues(found);
    setFormError(found.length > 0 ? null : result.error.message);
    const first = found.map((i) => pageOfPath(definition, i.path)).find((p) => p >= 0);
    if (first !== undefined) setPageIndex(first);
    focusSoon("error-summary");
  }

  const isRequired = (name: string, isConditional: boolean) => requirement.required.has(name) || (isConditional && requirement.whenShown.has(name));

  const renderGroup = (group: GroupLayout, section: SectionLayout) => {
    const id = controlId(group.group);
    const items = (Array.isArray(values[group.group]) ? values[group.group] : []) as ItemValues[];
    const itemNodes = properties[group.group]?.items?.properties ?? {};
    const itemRequired = new Set(properties[group.group]?.items?.required ?? []);
    const itemAnswers = (Array.isArray(answers[group.group]) ? answers[group.group] : []) as FormAnswers[];
    const groupError = errorOf.get(group.group);
    const blank = () => Object.fromEntries(group.fields.map((f) => [f.field, widgetOf(f, itemNodes[f.field]) === "checkbox" ? false : widgetOf(f, itemNodes[f.field]) === "checkboxes" ? [] : ""])) as ItemValues;
    return (
      <fieldset key={group.group} id={id} tabIndex={-1} aria-describedby={[group.help && `${id}-hint`, groupError && `${id}-error`].filter(Boolean).join(" ") || undefined}>
        <legend>
          {group.label}
          {isRequired(group.group, Boolean(section.showWhen || group.showWhen)) && <span aria-hidden="true" className="meta"> (required)</span>}
        </legend>
        {group.help && (
          <p className="hint" id={`${id}-hint`}>
            {group.help}
          </p>
        )}
        {groupError && (
          <p className="error-text" id={`${id}-error`}>
            {groupError}
          </p>
        )}
        {items.length === 0 && <p className="meta">None added yet.</p>}
        {items.map((item, i) => {
          const itemId = controlId(`${group.group}[${i}]`);
          const itemError = errorOf.get(`${group.group}[${i}]`);
          return (
            <fieldset key={i} id={itemId} tabIndex={-1} className="card" style={{ marginBottom: "0.75rem" }}>
              <legend>
                {group.itemLabel} {i + 1}
              </legend>
              {itemError && <p className="error-text">{itemError}</p>}
              {group.fields
                .filter((f) => isShown(f.showWhen, answers, itemAnswers[i] ?? {}))
                .map((f) => (
                  <Field
                    key={f.field}
                    field={f}
                    node={itemNodes[f.field]}
                    id={controlId(`${group.group}[${i}].${f.field}`)}
                    value={item[f.field]}
                    isRequired={itemRequired.has(f.field)}
                    error={errorOf.get(`${group.group}[${i}].${f.field}`)}
                    onChange={(v) => setField(group.group, items.map((it, j) => (j === i ? { ...it, [f.field]: v } : it)))}
                  />
                ))}
              <button
                type="button"
                className="button button-secondary"
                onClick={() => {
                  setField(group.group, items.filter((_, j) => j !== i));
                  announce(`${group.itemLabel} ${i + 1} removed`);
                  focusSoon(`${id}-add`);
                }}
              >
                Remove {group.itemLabel} {i + 1}
              </button>
            </fieldset>
          );
        })}
        <button
          type="button"
          id={`${id}-add`}
          className="button button-secondary"
          onClick={() => {
            setField(group.group, [...items, blank()]);
            announce(`${group.itemLabel} ${items.length + 1} added`);
            const first = group.fields[0];
            if (first) focusSoon(controlId(`${group.group}[${items.length}].${first.field}`));
          }}
        >
          Add {group.itemLabel}
        </button>
      </fieldset>
    );
  };

  return (
    <>
      {(issues.length > 0 || formError) && (
        <div className="alert" role="alert" id="error-summary" tabIndex={-1} aria-labelledby="error-summary-title">
          <h2 id="error-summary-title" style={{ marginTop: 0 }}>
            There is a problem
          </h2>
          {formError && <p>{formError}</p>}
          {issues.length > 0 && (
            <ul>
              {issues.map((issue, i) => (
                <li key={i}>
                  {issue.path === "" ? (
                    issue.message
                  ) : (
                    <a
                      href={`#${controlId(issue.path)}`}
                      onClick={(e) => {
                        e.preventDefault();
                        jumpTo(issue.path);
                      }}
                    >
                      {issue.message}
                    </a>
                  )}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {conflict && (
        <div className="alert alert-warning" role="alert" id="conflict-alert" tabIndex={-1}>
          <p style={{ marginTop: 0 }}>
            Someone changed this submission since you opened it (in another tab?), so nothing was saved. Your answers are still on this page.
          </p>
          <div className="row">
            <button
              type="button"
              className="button"
              onClick={() => {
                setValues(answersToValues(definition, conflict.answers));
                setExpectedVersion(null);
                onReloaded(conflict);
                setConflict(null);
                setIssues([]);
                announce("The latest saved version is loaded");
                focusSoon("form-page-heading");
              }}
            >
              Load the latest version (replaces your answers)
            </button>
            <button
              type="button"
              className="button button-secondary"
              onClick={() => {
                setExpectedVersion(conflict.version);
                onReloaded(conflict);
                setConflict(null);
                announce("Your answers are kept: save again to replace the other version");
              }}
            >
              Keep my answers
            </button>
          </div>
        </div>
      )}
      <nav aria-label="Pages of the form">
        <ol>
          {pages.map((p, i) => {
            const count = issues.filter((issue) => pageOfPath(definition, issue.path) === i).length;
            return (
              <li key={p.id}>
                <button type="button" className="link-button" aria-current={i === pageIndex ? "step" : undefined} onClick={() => goTo(i)} style={i === pageIndex ? { fontWeight: 700 } : undefined}>
                  {p.title}
                </button>
                {count > 0 && <span className="error-text"> ({count === 1 ? "1 problem" : `${count} problems`})</span>}
              </li>
            );
          })}
        </ol>
      </nav>
      <form noValidate onSubmit={(e) => e.preventDefault()} aria-labelledby="form-page-heading">
        <h2 id="form-page-heading" tabIndex={-1}>
          Page {pageIndex + 1} of {pages.length}: {page.title}
        </h2>
        {page.sections
          .filter((section) => isShown(section.showWhen, answers))
          .map((section) => (
            <section key={section.id} aria-labelledby={`section-${section.id}`} style={{ marginBottom: "1.5rem" }}>
              <h3 id={`section-${section.id}`}>
                {section.title} {!section.isDisclosable && <span className="badge badge-warning">Not disclosable</span>}
              </h3>
              {section.help && <p className="hint">{section.help}</p>}
              {section.items.map((item) => {
                if ("group" in item) return isShown(item.showWhen, answers) ? renderGroup(item, section) : null;
                if (!isShown(item.showWhen, answers)) return null;
                return (
                  <Field
                    key={item.field}
                    field={item}
                    node={properties[item.field]}
                    id={controlId(item.field)}
                    value={values[item.field] as ControlValue | undefined}
                    isRequired={isRequired(item.field, Boolean(section.showWhen || item.showWhen))}
                    error={errorOf.get(item.field)}
                    onChange={(v) => setField(item.field, v)}
                  />
                );
              })}
            </section>
          ))}
        <div className="row" style={{ gap: "0.75rem", flexWrap: "wrap" }}>
          {pageIndex > 0 && (
            <button type="button" className="button button-secondary" onClick={() => goTo(pageIndex - 1)}>
              Previous page
            </button>
          )}
          {!isLast && (
            <button type="button" className="button button-secondary" onClick={() => goTo(pageIndex + 1)}>
              Next page
            </button>
          )}
          {canSaveDraft && (
            <button type="button" className="button button-secondary" onClick={() => void send("save")}>
              Save draft
            </button>
          )}
          {isLast && (
            <button type="button" className="button" onClick={() => void send("submit")}>
              Submit
            </button>
          )}
        </div>
      </form>
    </>
  );
}

type FieldProps = {
  field: FieldLayout;
  node: SchemaNode | undefined;
  id: string;
  value: ControlValue | undefined;
  isRequired: boolean;
  error: string | undefined;
  onChange: (value: ControlValue) => void;
};

/** One field: its control by widget, its label, required marker, help and error. */
function Field({ field, node, id, value, isRequired, error, onChange }: FieldProps) {
  const widget = widgetOf(field, node);
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [field.help && hintId, error && errorId].filter(Boolean).join(" ") || undefined;
  const marker = isRequired ? (
    <span aria-hidden="true" className="meta" style={{ fontWeight: 400 }}>
      {" "}
      (required)
    </span>
  ) : null;
  const text = typeof value === "string" ? value : "";
  const notes = (
    <>
      {field.help && (
        <p className="hint" id={hintId}>
          {field.help}
        </p>
      )}
      {error && (
        <p className="error-text" id={errorId}>
          {error}
        </p>
      )}
    </>
  );
  const common = { "aria-describedby": describedBy, "aria-invalid": error ? true : undefined, "aria-required": isRequired || undefined } as const;

  if (widget === "checkbox") {
    return (
      <div className="checkbox">
        <input type="checkbox" id={id} checked={value === true} onChange={(e) => onChange(e.target.checked)} {...common} />
        <label htmlFor={id}>
          {field.label}
          {marker}
        </label>
        {field.help && (
          <p className="hint" id={hintId}>
            {field.help}
          </p>
        )}
        {error && (
          <p className="error-text" id={errorId} style={{ gridColumn: 2 }}>
            {error}
          </p>
        )}
      </div>
    );
  }

  if (widget === "radio" || widget === "yesno" || widget === "checkboxes") {
    const options: { value: string; label: string }[] =
      widget === "yesno"
        ? [
            { value: "yes", label: "Yes" },
            { value: "no", label: "No" },
          ]
        : ((widget === "checkboxes" ? node?.items?.enum : node?.enum) ?? []).map((o) => ({ value: String(o), label: String(o) }));
    const ticked = Array.isArray(value) ? value : [];
    return (
      <fieldset
        role={widget === "checkboxes" ? undefined : "radiogroup"}
        aria-labelledby={`${id}-legend`}
        aria-describedby={describedBy}
        aria-invalid={widget === "checkboxes" ? undefined : error ? true : undefined}
        aria-required={widget === "checkboxes" ? undefined : isRequired || undefined}
      >
        <legend id={`${id}-legend`}>
          {field.label}
          {marker}
        </legend>
        {notes}
        <div className={widget === "yesno" ? "row" : undefined} style={widget === "yesno" ? { gap: "1.5rem" } : undefined}>
          {options.map((o, i) => {
            const optionId = i === 0 ? id : `${id}-${i}`;
            return (
              <div className="checkbox" key={o.value}>
                {widget === "checkboxes" ? (
                  <input type="checkbox" id={optionId} checked={ticked.includes(o.value)} onChange={(e) => onChange(e.target.checked ? [...ticked, o.value] : ticked.filter((t) => t !== o.value))} />
                ) : (
                  <input type="radio" id={optionId} name={id} value={o.value} checked={text === o.value} onChange={() => onChange(o.value)} />
                )}
                <label htmlFor={optionId} style={{ fontWeight: 400 }}>
                  {o.label}
                </label>
              </div>
            );
          })}
        </div>
        {widget !== "checkboxes" && text !== "" && !isRequired && (
          <button type="button" className="link-button" onClick={() => onChange("")}>
            Clear the answer to “{field.label}”
          </button>
        )}
      </fieldset>
    );
  }

  let control: ReactNode;
  if (widget === "textarea") control = <textarea id={id} rows={field.field === "statementText" ? 12 : 4} value={text} onChange={(e) => onChange(e.target.value)} {...common} />;
  else if (widget === "select")
    control = (
      <select id={id} value={text} onChange={(e) => onChange(e.target.value)} {...common}>
        <option value="">Choose…</option>
        {(node?.enum ?? []).map((o) => (
          <option key={String(o)} value={String(o)}>
            {String(o)}
          </option>
        ))}
      </select>
    );
  else {
    // A number is typed as text (inputMode brings up the keypad) so that nothing typed is lost to
    // the browser's number parsing; the server says when it is not a number.
    const type = widget === "datetime" ? "datetime-local" : widget === "number" ? "text" : widget;
    const inputMode = widget === "number" ? (node?.type === "integer" ? "numeric" : "decimal") : undefined;
    control = <input type={type} inputMode={inputMode} id={id} value={text} onChange={(e) => onChange(e.target.value)} {...common} />;
  }
  return (
    <div className="field" style={{ marginBottom: "1rem" }}>
      <label htmlFor={id}>
        {field.label}
        {marker}
      </label>
      {notes}
      {control}
    </div>
  );
}

/** A submission's answers as text, page by page (hidden sections left out). */
function ReadOnlyAnswers({ definition, answers }: { definition: SubmissionDetail["definition"]; answers: FormAnswers }) {
  const properties = schemaProperties(definition);
  const show = (f: FieldLayout, node: SchemaNode | undefined, value: unknown): string => {
    if (value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0)) return "Not answered";
    if (typeof value === "boolean") return widgetOf(f, node) === "checkbox" ? (value ? "Ticked" : "Not ticked") : value ? "Yes" : "No";
    if (widgetOf(f, node) === "datetime" && typeof value === "string") return formatWhen(value);
    if (Array.isArray(value)) return value.map(String).join(", ");
    return String(value);
  };
  const entry = (f: FieldLayout, node: SchemaNode | undefined, value: unknown) => (
    <div key={f.field} style={{ marginBottom: "0.5rem" }}>
      <dt style={{ fontWeight: 600 }}>{f.label}</dt>
      <dd style={{ margin: 0, whiteSpace: "pre-wrap" }}>{show(f, node, value)}</dd>
    </div>
  );
  return (
    <div data-testid="submission-answers">
      {definition.layout.pages.map((page, p) => (
        <section key={page.id} aria-labelledby={`answers-${page.id}`} style={{ marginBottom: "1.5rem" }}>
          <h2 id={`answers-${page.id}`}>
            Page {p + 1} of {definition.layout.pages.length}: {page.title}
          </h2>
          {page.sections
            .filter((s) => isShown(s.showWhen, answers))
            .map((section) => (
              <section key={section.id} aria-labelledby={`answers-section-${section.id}`}>
                <h3 id={`answers-section-${section.id}`}>
                  {section.title} {!section.isDisclosable && <span className="badge badge-warning">Not disclosable</span>}
                </h3>
                <dl>
                  {section.items.map((item) => {
                    if (!("group" in item)) return isShown(item.showWhen, answers) ? entry(item, properties[item.field], answers[item.field]) : null;
                    if (!isShown(item.showWhen, answers)) return null;
                    const list = (Array.isArray(answers[item.group]) ? answers[item.group] : []) as FormAnswers[];
                    const itemNodes = properties[item.group]?.items?.properties ?? {};
                    return (
                      <div key={item.group} style={{ marginBottom: "0.5rem" }}>
                        <dt style={{ fontWeight: 600 }}>{item.label}</dt>
                        <dd style={{ margin: 0 }}>
                          {list.length === 0
                            ? "None"
                            : list.map((one, i) => (
                                <div key={i} className="card" style={{ marginBottom: "0.5rem" }}>
                                  <h4 style={{ margin: "0 0 0.25rem" }}>
                                    {item.itemLabel} {i + 1}
                                  </h4>
                                  <dl>{item.fields.filter((f) => isShown(f.showWhen, answers, one)).map((f) => entry(f, itemNodes[f.field], one[f.field]))}</dl>
                                </div>
                              ))}
                        </dd>
                      </div>
                    );
                  })}
                </dl>
              </section>
            ))}
        </section>
      ))}
    </div>
  );
}

/** A supervisor's decision: return with a comment (required) or accept. */
function ReviewPanel({ submissionId, ownerName, onReviewed, announce }: { submissionId: string; ownerName: string; onReviewed: (view: SubmissionView, message: string) => void; announce: (message: string) => void }) {
  const [comment, setComment] = useState("");
  const [commentError, setCommentError] = useState<string | null>(null);
  const [reviewError, setReviewError] = useState<string | null>(null);
  const isBusy = useRef(false);

  async function review(decision: "return" | "accept") {
    if (isBusy.current) return;
    if (decision === "return" && !/\S/.test(comment)) {
      setCommentError("Say what needs correcting: a returned submission needs a comment");
      focusSoon("review-comment");
      return;
    }
    isBusy.current = true;
    announce(decision === "return" ? "Returning…" : "Accepting…");
    const result = await callApi<SubmissionView>(`/submissions/${submissionId}/reviews`, "POST", { decision, comment: comment.trim() });
    isBusy.current = false;
    if (result.ok) {
      setComment("");
      setCommentError(null);
      setReviewError(null);
      onReviewed(result.data, decision === "return" ? `Returned to ${ownerName || "the officer"} with your comment` : "Accepted");
      return;
    }
    announce("");
    const onComment = result.error.issues?.find((i) => i.path === "comment");
    if (onComment) {
      setCommentError(onComment.message);
      focusSoon("review-comment");
    } else {
      setReviewError(result.error.message);
      focusSoon("review-error");
    }
  }

  return (
    <section aria-labelledby="review-title" className="card" style={{ marginTop: "1.5rem" }}>
      <h2 id="review-title">Review</h2>
      {reviewError && (
        <div className="alert" role="alert" id="review-error" tabIndex={-1}>
          {reviewError}
        </div>
      )}
      <div className="field" style={{ marginBottom: "1rem" }}>
        <label htmlFor="review-comment">Comment for the officer</label>
        <p className="hint" id="review-comment-hint">
          Required to return it: say what needs correcting. Optional when accepting.
        </p>
        {commentError && (
          <p className="error-text" id="review-comment-error">
            {commentError}
          </p>
        )}
        <textarea
          id="review-comment"
          rows={4}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          aria-describedby={["review-comment-hint", commentError && "review-comment-error"].filter(Boolean).join(" ")}
          aria-invalid={commentError ? true : undefined}
        />
      </div>
      <div className="row" style={{ gap: "0.75rem" }}>
        <button type="button" className="button button-secondary" onClick={() => void review("return")}>
          Return with comment
        </button>
        <button type="button" className="button" onClick={() => void review("accept")}>
          Accept
        </button>
      </div>
    </section>
  );
}
