import Link from "next/link";
import { requireActorContext } from "@/lib/auth/get-actor";
import { InvalidInputError } from "@/lib/errors";
import { answerCellText } from "@/lib/forms/answers-as-text";
import { getForm } from "@/lib/forms/get-form";
import { resultColumns } from "@/lib/forms/submissions-csv";
import { listMySpaces } from "@/lib/spaces/list-my-spaces";
import { listSubmissions, SUBMISSIONS_MAX, type SubmissionList, type SubmissionListItem } from "@/lib/submissions/list-submissions";
import { filtersFromQuery, filtersQueryString, SUBMISSION_FILTER_PARAMS, SUBMISSION_SEARCH_MAX, SUBMISSION_STATUSES, type SubmissionFilterParam, type SubmissionStatus } from "@/lib/submissions/submission-filters";
import { MarkingBadge } from "../../../../ui/marking-badge";
import { formatDateTime } from "../../../../ui/format";
import { orNotFound } from "../../../../ui/not-found-on-error";

// Generic: the form's title is shown on the page, not in the tab title or history.
export const metadata = { title: "Form results" };

type Props = { params: Promise<{ formId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** How many of the form's answers get a column (the CSV has them all). */
const ANSWER_COLUMNS = 3;

const STATUS_LABELS: Record<SubmissionStatus, string> = { draft: "Draft", submitted: "Submitted", returned: "Returned", accepted: "Accepted" };
const STATUS_BADGES: Record<SubmissionStatus, string> = { draft: "badge", submitted: "badge", returned: "badge badge-warning", accepted: "badge badge-ok" };

/** The id of a filter's control, for its label and the error summary's link. */
const controlId = (name: SubmissionFilterParam) => `filter-${name}`;
const isFilterParam = (name: string): name is SubmissionFilterParam => (SUBMISSION_FILTER_PARAMS as readonly string[]).includes(name);

/**
 * A form's results (issue 7): its submissions the reader may read, as a table, filtered by a
 * plain GET form (status, space, submitted from/to, submitted by, text in the answers) that works
 * without JavaScript, and exported as CSV with the same filters, so the file is what the table
 * shows. The list is the policy's (lib/submissions/list-submissions.ts): a submission the reader
 * may not read is neither shown nor counted, whatever the filters; a form they may not read is
 * 404. The page carries the highest marking it shows, at top and bottom.
 */
export default async function FormResultsPage({ params, searchParams }: Props) {
  const { formId } = await params;
  const query = filtersFromQuery(await searchParams);
  const ctx = await requireActorContext();
  const form = await orNotFound(() => getForm(ctx, { formId }));
  let list: SubmissionList | null = null;
  let problem: { message: string; path: string } | null = null;
  try {
    list = await listSubmissions(ctx, { formId: form.id, ...query });
  } catch (err) {
    if (!(err instanceof InvalidInputError)) throw err;
    const issue = (err.details?.issues as { path: string }[] | undefined)?.[0];
    problem = { message: err.message, path: issue?.path ?? "" };
  }
  const spaces = await listMySpaces(ctx);
  const columns = form.definition ? resultColumns(form.definition).slice(0, ANSWER_COLUMNS) : [];
  const isFiltered = Object.values(query).some((v) => v.trim() !== "");
  const highest = list?.items.reduce<SubmissionListItem | null>((top, i) => (top === null || i.markingRank > top.markingRank ? i : top), null) ?? null;

  return (
    <>
      <p className="meta">
        <Link href="/forms">Forms</Link> / <Link href={`/forms/${form.id}`}>{form.title}</Link> / Results
      </p>
      <h1>Results: {form.title}</h1>
      <p>The submissions of this form that you may read, newest first. Filter them, open one, or export what is shown as CSV.</p>

      {problem && (
        <div className="alert" role="alert" aria-labelledby="filter-problem-title">
          <h2 id="filter-problem-title" style={{ margin: "0 0 0.25rem", fontSize: "1.1rem" }}>
            There is a problem with the filters
          </h2>
          <p style={{ margin: 0 }}>{isFilterParam(problem.path) ? <a href={`#${controlId(problem.path)}`}>{problem.message}</a> : problem.message}</p>
        </div>
      )}

      <FilterForm formId={form.id} query={query} spaces={spaces} problem={problem} isFiltered={isFiltered} />

      {list && (
        <section aria-labelledby="results-heading">
          <div className="section-heading">
            <h2 id="results-heading">Submissions</h2>
            {list.items.length > 0 && (
              <a className="button button-secondary button-small" href={`/api/v1/forms/${form.id}/results.csv${filtersQueryString(list.filters)}`} download data-testid="export-csv">
                Export CSV<span className="visually-hidden"> of the {list.items.length === 1 ? "submission" : `${list.items.length} submissions`} shown</span>
              </a>
            )}
          </div>
          <p className="meta" data-testid="results-count">
            {list.items.length === 0
              ? "None."
              : list.isCapped
                ? `More than ${SUBMISSIONS_MAX.toLocaleString("en-GB")} submissions${isFiltered ? " match the filters" : ""}.`
                : `${list.items.length} ${list.items.length === 1 ? "submission" : "submissions"}${isFiltered ? (list.items.length === 1 ? " matches the filters" : " match the filters") : ""}.`}
          </p>
          {list.isCapped && (
            <div className="alert alert-warning" data-testid="results-capped">
              More than {SUBMISSIONS_MAX.toLocaleString("en-GB")} submissions match: only the newest {SUBMISSIONS_MAX.toLocaleString("en-GB")} are shown and exported. Narrow the filters (a space, a status, dates) to see the others.
            </div>
          )}
          {list.items.length === 0 ? (
            <div className="card empty" data-testid="results-empty">
              <p>No submissions match.</p>
              <p>{isFiltered ? "Try fewer filters, or clear them." : "Submissions of this form that you may read will appear here."}</p>
            </div>
          ) : (
            <>
              {highest && (
                <div className="marking-banner" data-rank={highest.markingRank} role="note" aria-label="Highest marking shown (top)">
                  {highest.marking}
                </div>
              )}
              <div role="region" aria-labelledby="results-caption" tabIndex={0} style={{ overflowX: "auto" }}>
                <table data-testid="results-table">
                  <caption id="results-caption" style={{ textAlign: "left", padding: "0.5rem 0", fontWeight: 600 }}>
                    Submissions of {form.title}
                    {isFiltered ? ", filtered" : ""}
                    {columns.length > 0 ? `, with the first ${columns.length === 1 ? "answer" : `${columns.length} answers`}` : ""}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Submitted</th>
                      <th scope="col">Updated</th>
                      <th scope="col">Status</th>
                      <th scope="col">Space</th>
                      <th scope="col">Marking</th>
                      <th scope="col">Owner</th>
                      <th scope="col">Form version</th>
                      {columns.map((c) => (
                        <th scope="col" key={c.key}>
                          {c.heading}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {list.items.map((item) => (
                      <tr key={item.id} data-testid="result-row">
                        <th scope="row" style={{ fontWeight: 400, color: "var(--text)", fontSize: "1rem" }}>
                          <Link href={`/submissions/${item.id}`}>
                            {item.submittedAt ? formatDateTime(item.submittedAt) : "Not submitted"}
                            <span className="visually-hidden">
                              : {item.owner}&apos;s submission, {STATUS_LABELS[item.status].toLowerCase()}
                            </span>
                          </Link>
                        </th>
                        <td>{formatDateTime(item.updatedAt)}</td>
                        <td>
                          <span className={STATUS_BADGES[item.status]}>{STATUS_LABELS[item.status]}</span>
                        </td>
                        <td>{item.spaceName}</td>
                        <td>
                          <MarkingBadge marking={item.marking} rank={item.markingRank} />
                        </td>
                        <td>{item.owner}</td>
                        <td>{item.formVersion}</td>
                        {columns.map((c) => (
                          <td key={c.key} style={{ overflowWrap: "anywhere", minWidth: "8rem" }}>
                            {form.definition ? answerCellText(form.definition, c, item.answers) : ""}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {highest && (
                <div className="marking-banner" data-rank={highest.markingRank} role="note" aria-label="Highest marking shown (bottom)">
                  {highest.marking}
                </div>
              )}
            </>
          )}
        </section>
      )}
    </>
  );
}

type FilterFormProps = {
  formId: string;
  query: Partial<Record<SubmissionFilterParam, string>>;
  spaces: { id: string; name: string }[];
  problem: { message: string; path: string } | null;
  isFiltered: boolean;
};

/** The filters: a GET form, so the filtered results have an address and need no script; each control labelled, a bad one marked with its message. */
function FilterForm({ formId, query, spaces, problem, isFiltered }: FilterFormProps) {
  /** The props that mark a control invalid, its message (and hint, if it has one) describing it. */
  const described = (name: SubmissionFilterParam, hasHint = false) => {
    const isInvalid = problem?.path === name;
    const ids = [hasHint ? `${controlId(name)}-hint` : "", isInvalid ? `${controlId(name)}-error` : ""].filter(Boolean).join(" ");
    return { ...(isInvalid ? { "aria-invalid": true as const } : {}), ...(ids ? { "aria-describedby": ids } : {}) };
  };
  const errorText = (name: SubmissionFilterParam) =>
    problem?.path === name ? (
      <p className="error-text" id={`${controlId(name)}-error`}>
        {problem.message}
      </p>
    ) : null;
  const field = { flex: "1 1 11rem", margin: 0 } as const;
  const owner = query.owner ?? "";
  return (
    <form method="get" action={`/forms/${formId}/results`} role="search" aria-label="Filter submissions" className="card" style={{ marginBottom: "1rem" }}>
      <div className="row" style={{ alignItems: "flex-start", gap: "1rem" }}>
        <div className="field" style={field}>
          <label htmlFor={controlId("status")}>Status</label>
          <select id={controlId("status")} name="status" defaultValue={query.status ?? ""} {...described("status")}>
            <option value="">Any status</option>
            {SUBMISSION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </select>
          {errorText("status")}
        </div>
        <div className="field" style={field}>
          <label htmlFor={controlId("spaceId")}>Space</label>
          <select id={controlId("spaceId")} name="spaceId" defaultValue={query.spaceId ?? ""} {...described("spaceId")}>
            <option value="">Any space</option>
            {spaces.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
          {errorText("spaceId")}
        </div>
        <div className="field" style={field}>
          <label htmlFor={controlId("owner")}>Submitted by</label>
          <select id={controlId("owner")} name="owner" defaultValue={owner} {...described("owner")}>
            <option value="">Anyone</option>
            <option value="me">Me</option>
            {/* A person named in the address (a link from elsewhere) stays chosen. */}
            {owner !== "" && owner !== "me" && <option value={owner}>The person in the link</option>}
          </select>
          {errorText("owner")}
        </div>
        <div className="field" style={field}>
          <label htmlFor={controlId("submittedFrom")}>Submitted from</label>
          <p className="hint" id={`${controlId("submittedFrom")}-hint`}>
            A UK date, e.g. 2026-05-01
          </p>
          <input type="date" id={controlId("submittedFrom")} name="submittedFrom" defaultValue={query.submittedFrom ?? ""} {...described("submittedFrom", true)} />
          {errorText("submittedFrom")}
        </div>
        <div className="field" style={field}>
          <label htmlFor={controlId("submittedTo")}>Submitted to</label>
          <p className="hint" id={`${controlId("submittedTo")}-hint`}>
            Inclusive
          </p>
          <input type="date" id={controlId("submittedTo")} name="submittedTo" defaultValue={query.submittedTo ?? ""} {...described("submittedTo", true)} />
          {errorText("submittedTo")}
        </div>
        <div className="field" style={{ ...field, flex: "2 1 16rem" }}>
          <label htmlFor={controlId("q")}>Answers contain</label>
          <input type="search" id={controlId("q")} name="q" maxLength={SUBMISSION_SEARCH_MAX} defaultValue={query.q ?? ""} {...described("q")} />
          {errorText("q")}
        </div>
      </div>
      <div className="row" style={{ marginTop: "1rem", gap: "1rem" }}>
        <button type="submit" className="button">
          Apply filters
        </button>
        {isFiltered && <Link href={`/forms/${formId}/results`}>Clear filters</Link>}
      </div>
    </form>
  );
}
