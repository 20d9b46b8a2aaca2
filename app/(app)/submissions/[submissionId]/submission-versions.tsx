import { answersAsText, type AnswerPage } from "@/lib/forms/answers-as-text";
import type { FormDefinition } from "@/lib/forms/form-definition";
import type { SubmissionVersionView } from "@/lib/submissions/list-submission-versions";
import { formatDateTime } from "../../../ui/format";

const DECISIONS = { returned: "Returned", accepted: "Accepted" } as const;

/**
 * Every kept version of a submission (lib/submissions/list-submission-versions.ts), newest
 * first: who submitted it, when, what the review of it decided, and, opened with <details>
 * (keyboard and screen-reader operable, no script), its answers as text by the form's labels.
 * Rendered on the server; the page it sits in is already between the submission's markings.
 */
export function SubmissionVersions({ definition, versions }: { definition: FormDefinition; versions: SubmissionVersionView[] }) {
  return (
    <section aria-labelledby="submission-versions-heading" data-testid="submission-versions">
      <h2 id="submission-versions-heading">Versions</h2>
      {versions.length === 0 ? (
        <p className="meta">Not submitted yet: a version is kept each time the submission is submitted, so nothing submitted is ever overwritten.</p>
      ) : (
        <>
          <p className="meta">A version is kept each time the submission is submitted, so nothing submitted is ever overwritten.</p>
          <ol reversed className="feed" aria-label="Versions, newest first">
            {[...versions].reverse().map((v) => (
              <li key={v.number} data-testid="submission-version">
                <details>
                  <summary style={{ cursor: "pointer" }}>
                    <strong>Version {v.number}</strong>
                    {` · Submitted ${formatDateTime(v.savedAt)}`}
                    {v.savedBy ? ` by ${v.savedBy.name}` : ""}
                    {v.review ? ` · ${DECISIONS[v.review.decision]} by ${v.review.reviewer}, ${formatDateTime(v.review.reviewedAt)}` : ""}
                  </summary>
                  {v.review?.comment && (
                    <p className="comment-quote" style={{ marginTop: "0.5rem" }}>
                      {DECISIONS[v.review.decision]} with the comment: {v.review.comment}
                    </p>
                  )}
                  <VersionAnswers pages={answersAsText(definition, v.answers)} />
                </details>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

/** One version's answers, page by page and section by section, as label and text. */
function VersionAnswers({ pages }: { pages: AnswerPage[] }) {
  if (pages.length === 0) return <p className="meta">No answers.</p>;
  return (
    <div style={{ marginTop: "0.5rem" }}>
      {pages.map((page, p) => (
        <div key={p}>
          <h3 style={{ fontSize: "1rem", margin: "0.75rem 0 0.25rem" }}>{page.title}</h3>
          {page.sections.map((section, s) => (
            <div key={s} style={{ marginBottom: "0.75rem" }}>
              <h4 style={{ fontSize: "0.95rem", margin: "0.5rem 0 0.25rem" }}>
                {section.title}
                {!section.isDisclosable && <span className="badge badge-warning" style={{ marginLeft: "0.5rem" }}>Not disclosable</span>}
              </h4>
              <dl className="details-grid">
                {section.entries.map((entry, e) =>
                  entry.kind === "field" ? (
                    <div key={e} style={{ display: "contents" }}>
                      <dt className="meta">{entry.label}</dt>
                      <dd style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>{entry.text}</dd>
                    </div>
                  ) : (
                    <div key={e} style={{ display: "contents" }}>
                      <dt className="meta">{entry.label}</dt>
                      <dd>
                        {entry.items.length === 0
                          ? "—"
                          : entry.items.map((item, i) => (
                              <div key={i} style={{ marginBottom: "0.25rem" }}>
                                <strong>{item.label}</strong>
                                <dl className="details-grid" style={{ marginLeft: "0.75rem" }}>
                                  {item.lines.map((line, l) => (
                                    <div key={l} style={{ display: "contents" }}>
                                      <dt className="meta">{line.label}</dt>
                                      <dd style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>{line.text}</dd>
                                    </div>
                                  ))}
                                </dl>
                              </div>
                            ))}
                      </dd>
                    </div>
                  ),
                )}
              </dl>
            </div>
          ))}
        </div>
      ))}
    </div>
  );
}
