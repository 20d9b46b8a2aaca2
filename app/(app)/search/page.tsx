import Link from "next/link";
import { requireActorContext } from "@/lib/auth/get-actor";
import { InvalidInputError } from "@/lib/errors";
import { listMySpaces } from "@/lib/spaces/list-my-spaces";
import { listRetentionLabels } from "@/lib/records/list-retention-labels";
import { canSearchByRetentionState, searchContent, SEARCH_MARKINGS, SEARCH_TYPES, type SearchPage, type SearchResult, type SearchType } from "@/lib/search/search-content";
import { searchInputFromQuery } from "@/lib/search/search-query";
import { MarkingBadge } from "../../ui/marking-badge";
import { formatDateTime } from "../../ui/format";
import { Highlighted } from "./highlighted";

export const metadata = { title: "Search" };

type Query = Record<string, string | string[] | undefined>;
type Props = { searchParams: Promise<Query> };

const TYPE_LABELS: Record<SearchType, string> = { document: "Document", file: "File", card: "Card", submission: "Form submission", space: "Space" };
const TYPE_PLURALS: Record<SearchType, string> = { document: "Documents", file: "Files", card: "Cards", submission: "Form submissions", space: "Spaces" };
const STATE_LABELS: Record<string, string> = { retained: "Retained", in_review: "In disposal review", approved: "Approved for disposal", disposed: "Disposed", restricted: "Restricted" };
const FILTERS = ["spaceId", "marking", "updatedFrom", "updatedTo", "labelId", "retentionState"] as const;
type Problem = { message: string; path: string };

/** The value of one parameter of the address ("" when absent). */
const valueOf = (query: Query, name: string): string => {
  const v = query[name];
  return (Array.isArray(v) ? v[0] : v) ?? "";
};

/**
 * Search (issue 10): a plain GET form (so a search has an address and needs no script) over
 * everything the reader may read, ranked, each result with its kind, space, marking and a
 * snippet with the matches marked. Results, their count and "no results" come from
 * lib/search/search-content.ts, trimmed by the policy in SQL: "no results" reads the same
 * whether nothing matched or only what the reader may not see did.
 */
export default async function SearchPage({ searchParams }: Props) {
  const query = await searchParams;
  const ctx = await requireActorContext();
  const input = searchInputFromQuery(query);
  const hasQuery = input.q.trim() !== "" || FILTERS.some((f) => valueOf(query, f) !== "");
  let page: SearchPage | null = null;
  let problem: Problem | null = null;
  if (hasQuery) {
    try {
      page = await searchContent(ctx, input);
    } catch (err) {
      if (!(err instanceof InvalidInputError)) throw err;
      const issue = (err.details?.issues as Problem[] | undefined)?.[0];
      problem = { message: err.message, path: issue?.path ?? "" };
    }
  }
  const spaces = await listMySpaces(ctx);
  // The file plan's labels for those who may read it; others filter by label through the API.
  const labels = ctx.ability.can("read", "FilePlan") ? (await listRetentionLabels(ctx)).items : [];
  const isRecordsManager = canSearchByRetentionState(ctx);
  const selectedTypes = new Set(input.types ?? []);
  const highest = page?.items.reduce<SearchResult | null>((top, i) => (top === null || i.markingRank > top.markingRank ? i : top), null) ?? null;
  const offset = Number(valueOf(query, "offset") || 0);

  return (
    <>
      <h1>Search</h1>
      <p>Search the documents, files, cards, form submissions and spaces you may read.</p>

      {problem && (
        <div className="alert" role="alert" aria-labelledby="search-problem-title">
          <h2 id="search-problem-title" style={{ margin: "0 0 0.25rem", fontSize: "1.1rem" }}>
            There is a problem with the search
          </h2>
          <p style={{ margin: 0 }}>{problem.path ? <a href={`#search-${problem.path}`}>{problem.message}</a> : problem.message}</p>
        </div>
      )}

      <form role="search" aria-label="Search Accord" method="get" action="/search" className="card" data-testid="search-form">
        <div className="field">
          <label htmlFor="search-q">Search for</label>
          <p className="hint" id="search-q-hint">
            Words (all must appear), &quot;a phrase&quot; in quotes, <code>or</code> between alternatives, <code>-word</code> to leave one out.
          </p>
          <div style={{ display: "flex", gap: "0.5rem", flexWrap: "wrap" }}>
            <input
              id="search-q"
              name="q"
              type="search"
              defaultValue={input.q}
              maxLength={200}
              style={{ flex: "1 1 20rem" }}
              aria-describedby={["search-q-hint", problem?.path === "q" ? "search-q-error" : ""].filter(Boolean).join(" ")}
              {...(problem?.path === "q" ? { "aria-invalid": true } : {})}
            />
            <button type="submit" className="button">
              Search
            </button>
          </div>
          <ErrorText problem={problem} name="q" />
        </div>
        <details open={FILTERS.some((f) => valueOf(query, f) !== "") || selectedTypes.size > 0}>
          <summary>Filters</summary>
          <fieldset style={{ border: 0, padding: 0, margin: "0.75rem 0" }} id="search-types">
            <legend>Only these kinds (none ticked: all)</legend>
            <div style={{ display: "flex", gap: "1rem", flexWrap: "wrap" }}>
              {SEARCH_TYPES.map((t) => (
                <label key={t} style={{ fontWeight: 400 }}>
                  <input type="checkbox" name="type" value={t} defaultChecked={selectedTypes.has(t)} /> {TYPE_PLURALS[t]}
                </label>
              ))}
            </div>
            <ErrorText problem={problem} name="types" />
          </fieldset>
          <div style={{ display: "flex", gap: "1rem", flexWrap: "wrap" }}>
            <div className="field" style={{ flex: "1 1 14rem" }}>
              <label htmlFor="search-spaceId">Space</label>
              <select id="search-spaceId" name="spaceId" defaultValue={valueOf(query, "spaceId")} {...invalid(problem, "spaceId")}>
                <option value="">Any space</option>
                {spaces.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </select>
              <ErrorText problem={problem} name="spaceId" />
            </div>
            <div className="field" style={{ flex: "1 1 12rem" }}>
              <label htmlFor="search-marking">Marking</label>
              <select id="search-marking" name="marking" defaultValue={valueOf(query, "marking")} {...invalid(problem, "marking")}>
                <option value="">Any marking</option>
                {SEARCH_MARKINGS.map((m) => (
                  <option key={m} value={m}>
                    {m}
                  </option>
                ))}
              </select>
              <ErrorText problem={problem} name="marking" />
            </div>
            <div className="field" style={{ flex: "1 1 10rem" }}>
              <label htmlFor="search-updatedFrom">Changed from</label>
              <input id="search-updatedFrom" name="updatedFrom" type="date" defaultValue={valueOf(query, "updatedFrom")} {...invalid(problem, "updatedFrom")} />
              <ErrorText problem={problem} name="updatedFrom" />
            </div>
            <div className="field" style={{ flex: "1 1 10rem" }}>
              <label htmlFor="search-updatedTo">Changed to</label>
              <input id="search-updatedTo" name="updatedTo" type="date" defaultValue={valueOf(query, "updatedTo")} {...invalid(problem, "updatedTo")} />
              <ErrorText problem={problem} name="updatedTo" />
            </div>
            {labels.length > 0 && (
              <div className="field" style={{ flex: "1 1 14rem" }}>
                <label htmlFor="search-labelId">Retention label</label>
                <select id="search-labelId" name="labelId" defaultValue={valueOf(query, "labelId")} {...invalid(problem, "labelId")}>
                  <option value="">Any label</option>
                  {labels.map((l) => (
                    <option key={l.id} value={l.id}>
                      {l.reference}: {l.name}
                    </option>
                  ))}
                </select>
                <ErrorText problem={problem} name="labelId" />
              </div>
            )}
            {isRecordsManager && (
              <div className="field" style={{ flex: "1 1 12rem" }}>
                <label htmlFor="search-retentionState">Retention state</label>
                <select id="search-retentionState" name="retentionState" defaultValue={valueOf(query, "retentionState")} {...invalid(problem, "retentionState")}>
                  <option value="">Any state</option>
                  {Object.entries(STATE_LABELS).map(([value, label]) => (
                    <option key={value} value={value}>
                      {label}
                    </option>
                  ))}
                </select>
                <ErrorText problem={problem} name="retentionState" />
              </div>
            )}
          </div>
          <p className="meta">
            <Link href={input.q ? `/search?q=${encodeURIComponent(input.q)}` : "/search"}>Clear the filters</Link>
          </p>
        </details>
      </form>

      {!hasQuery && (
        <div className="card empty" data-testid="search-empty">
          <p>Type a word or phrase to search for.</p>
          <p>Only what you may read is searched: its titles, text and file contents.</p>
        </div>
      )}

      {page && (
        <section aria-labelledby="search-results-heading">
          <h2 id="search-results-heading">Results</h2>
          <p className="meta" role="status" data-testid="search-count">
            {page.total === 0 ? "No results." : `${page.total.toLocaleString("en-GB")} ${page.total === 1 ? "result" : "results"}${page.total > page.items.length ? `, showing ${offset + 1} to ${offset + page.items.length}` : ""}.`}
          </p>
          {page.items.length === 0 ? (
            <div className="card empty" data-testid="search-no-results">
              <p>No results for “{input.q}”.</p>
              <p>Check the spelling, try other words or fewer filters.</p>
            </div>
          ) : (
            <>
              {highest && (
                <div className="marking-banner" data-rank={highest.markingRank} role="note" aria-label="Highest marking shown (top)">
                  {highest.marking}
                </div>
              )}
              <ol className="search-results" data-testid="search-results" style={{ listStyle: "none", padding: 0 }} start={offset + 1}>
                {page.items.map((r) => (
                  <li key={`${r.type}:${r.id}`} className="card" data-testid="search-result" data-type={r.type}>
                    <p className="meta" style={{ margin: 0 }}>
                      <span className="badge">{TYPE_LABELS[r.type]}</span> in {r.space.name} · <MarkingBadge marking={r.marking} rank={r.markingRank} /> · changed {formatDateTime(r.updatedAt)}
                    </p>
                    <h3 style={{ margin: "0.25rem 0" }}>
                      <Link href={r.href}>
                        <Highlighted segments={r.title} />
                      </Link>
                    </h3>
                    {r.snippet.length > 0 && (
                      <p style={{ margin: 0 }} data-testid="search-snippet">
                        <Highlighted segments={r.snippet} />
                      </p>
                    )}
                  </li>
                ))}
              </ol>
              {highest && (
                <div className="marking-banner" data-rank={highest.markingRank} role="note" aria-label="Highest marking shown (bottom)">
                  {highest.marking}
                </div>
              )}
              <nav aria-label="Result pages" className="meta">
                {offset > 0 && <Link href={pageHref(query, Math.max(0, offset - page.items.length))}>Previous results</Link>}
                {offset > 0 && page.nextOffset !== null && " · "}
                {page.nextOffset !== null && <Link href={pageHref(query, page.nextOffset)}>More results</Link>}
              </nav>
            </>
          )}
        </section>
      )}
    </>
  );
}

/** The same search at another offset. */
function pageHref(query: Query, offset: number): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (k === "offset" || v === undefined) continue;
    for (const one of Array.isArray(v) ? v : [v]) params.append(k, one);
  }
  if (offset > 0) params.set("offset", String(offset));
  return `/search?${params.toString()}`;
}

/** The props that mark a control invalid and describe it by its message. */
function invalid(problem: Problem | null, name: string) {
  return problem?.path === name ? { "aria-invalid": true as const, "aria-describedby": `search-${name}-error` } : {};
}

function ErrorText({ problem, name }: { problem: Problem | null; name: string }) {
  return problem?.path === name ? (
    <p className="error-text" id={`search-${name}-error`}>
      {problem.message}
    </p>
  ) : null;
}
