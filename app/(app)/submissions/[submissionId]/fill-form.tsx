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
import { useMemo, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { isShown, type FormAnswers } from "@/lib/forms/conditions";
import type { FieldLayout } from "@/lib/forms/form-definition";
import type { SubmissionDetail } from "@/lib/submissions/get-submission";
import type { SubmissionView } from "@/lib/submissions/submission-shared";
import { answersToValues, controlId, pageOfPath, schemaProperties, valuesToAnswers, widgetOf, type ControlValue, type FormValues, type ItemValues, type SchemaNode } from "./form-values";
import { FormPageSections, focusSoon } from "../../forms/form-page-body";
import { callJsonApi, type ApiIssue, type CallJsonApiOptions } from "../../../ui/call-api";
import { ErrorSummary } from "../../../ui/error-summary";

type Status = SubmissionView["status"];
/** A stale save's 409 carries the submission as it now is. */
type SubmissionConflict = { current: SubmissionView };

/** This page's wording of the fallback messages: the answers typed are still on the page. */
const CALL_OPTIONS: CallJsonApiOptions = {
  messages: {
    failed: "Something went wrong. Your answers are still here: try again.",
    unreachable: "Accord could not be reached. Your answers are still here: try again.",
  },
};

const STATUS_TEXT: Record<Status, string> = {
  draft: "Draft: not yet submitted",
  submitted: "Submitted: waiting for a supervisor's review",
  returned: "Returned for correction",
  accepted: "Accepted",
};

const formatWhen = (iso: string) => new Date(iso).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/London" });



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
  const [values, setValues] = useState<FormValues>(() => answersToValues(definition, submission.answers));
  const [pageIndex, setPageIndex] = useState(0);
  const [issues, setIssues] = useState<ApiIssue[]>([]);
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
    const result = await callJsonApi<SubmissionView, SubmissionConflict>(
      `/submissions/${submission.id}${kind === "submit" ? "/submit" : ""}`,
      kind === "save" ? "PATCH" : "POST",
      { expectedVersion: expectedVersion ?? version, answers },
      CALL_OPTIONS,
    );
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


  return (
    <>
      <ErrorSummary
        id="error-summary"
        message={formError}
        items={issues.map((issue) => (issue.path === "" ? { message: issue.message } : { message: issue.message, controlId: controlId(issue.path), jump: () => jumpTo(issue.path) }))}
      />
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
        <FormPageSections definition={definition} pageIndex={pageIndex} values={values} answers={answers} errorOf={errorOf} setField={setField} announce={announce} />
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
    const result = await callJsonApi<SubmissionView>(`/submissions/${submissionId}/reviews`, "POST", { decision, comment: comment.trim() }, CALL_OPTIONS);
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
