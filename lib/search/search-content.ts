/**
 * Permission-trimmed full-text search (issue 10) across documents (their text), files (name and
 * extracted text), cards (title and description), form submissions (their answers) and spaces
 * (name and description): PostgreSQL full-text search (english, GIN), ranked by ts_rank_cd, with
 * highlighted snippets and filters.
 *
 * The threat: search as a side door. A title, a snippet, a count or even a "no results" that
 * differs would tell a person that something they may not read exists and mentions a word. So
 * each kind is searched in its own branch that ANDs the policy's SQL filter for that subject
 * (accessibleWhere over the content's own row, as every list does; conventions.md §2) with the
 * match and the filters; a kind the actor may read none of has no branch at all ("no rule: no
 * rows, no query"), and when no kind is left nothing is queried. The total is counted over the
 * trimmed rows, and ts_headline, which reads the text, runs only for the page's rows, all of which
 * passed the policy. Retention-state filtering is further trimmed by the RecordItem policy, so it
 * can only narrow what the actor may read.
 *
 * Running a search is not opening content: nothing here is audited per result (DPA s.62
 * consultation is logged where content is opened; snippets are a few words of what the actor may
 * read in full).
 */
import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { boards, cards, documents, files, recordItems, recordState, searchEntries, spaces, submissions } from "@/db/schema";
import { rowsOf } from "@/db/client";
import { accessibleWhere } from "@/policies/to-sql";
import { RANKS, type Level } from "@/policies/markings";
import { hasRole } from "@/policies/roles";
import { boardColumnMap, cardColumns, documentColumns, fileColumns, recordItemColumns, spaceColumns, submissionColumns } from "../authz/columns";
import { ForbiddenError, InvalidInputError } from "../errors";
import type { PolicyCtx } from "../context";
import { isDay } from "../records/retention-clock";
import { ukDayStart } from "../submissions/submission-filters";
import { snippetSegments, SNIPPET_START, SNIPPET_STOP, type SnippetSegment } from "./snippet-segments";

export const SEARCH_TYPES = ["document", "file", "card", "submission", "space"] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];
/** The markings a search may be narrowed to (a space is filtered by its highest marking). */
export const SEARCH_MARKINGS = ["OFFICIAL", "OFFICIAL-SENSITIVE", "SECRET", "TOP SECRET"] as const satisfies readonly Level[];
export const MAX_QUERY_CHARS = 200;
export const SEARCH_PAGE_MAX = 50;
/** The deepest page: a search is for finding, not for walking everything one may read. */
export const SEARCH_OFFSET_MAX = 1000;

const ZDayFilter = (what: string) =>
  z
    .string()
    .trim()
    .refine(isDay, { message: `${what} must be a real day written YYYY-MM-DD` });
const ZUuidFilter = (what: string) => z.uuid(`${what} must be an id (a UUID)`);

export const ZSearchContent = z.object({
  q: z
    .string({ message: "Type something to search for" })
    .trim()
    .min(1, "Type something to search for")
    .max(MAX_QUERY_CHARS, `The search is at most ${MAX_QUERY_CHARS} characters`),
  types: z
    .array(z.enum(SEARCH_TYPES, { message: `A type is one of ${SEARCH_TYPES.join(", ")}` }))
    .max(SEARCH_TYPES.length)
    .optional(),
  spaceId: ZUuidFilter("The space").optional(),
  marking: z.enum(SEARCH_MARKINGS, { message: `The marking is one of ${SEARCH_MARKINGS.join(", ")}` }).optional(),
  updatedFrom: ZDayFilter("The first day").optional(),
  updatedTo: ZDayFilter("The last day").optional(),
  labelId: ZUuidFilter("The retention label").optional(),
  retentionState: z.enum(recordState.enumValues, { message: `The retention state is one of ${recordState.enumValues.join(", ")}` }).optional(),
  limit: z.coerce
    .number({ message: "The limit is a number" })
    .int("The limit is a whole number")
    .min(1, "The limit is at least 1")
    .max(SEARCH_PAGE_MAX, `The limit is at most ${SEARCH_PAGE_MAX}`)
    .default(20),
  offset: z.coerce
    .number({ message: "The offset is a number" })
    .int("The offset is a whole number")
    .min(0, "The offset is at least 0")
    .max(SEARCH_OFFSET_MAX, `The offset is at most ${SEARCH_OFFSET_MAX}`)
    .default(0),
});
export type SearchContentInput = z.input<typeof ZSearchContent>;

export type SearchResult = {
  type: SearchType;
  id: string;
  title: SnippetSegment[];
  snippet: SnippetSegment[];
  space: { id: string; name: string };
  marking: string;
  markingRank: number;
  updatedAt: string;
  /** Where the result opens in Accord. */
  href: string;
  rank: number;
};

export type SearchPage = {
  items: SearchResult[];
  /** How many results the actor may read in all (after the policy, before paging). */
  total: number;
  nextOffset: number | null;
};

/** The result set before snippets: what each branch returns. */
type Hit = { type: SearchType; id: string; entry_id: string; rank: number; updated_at: Date | string; space_id: string; marking: string; marking_rank: number; board_id: string | null; total: number | string; space_name: string; headline_title: string; headline_snippet: string };

/** One kind's searchable join: its table, policy and how its rows name what the filters need. */
type Branch = { type: SearchType; sql: SQL };

/** Runs a permission-trimmed search and returns one page of results with snippets. */
export async function searchContent(ctx: PolicyCtx, raw: SearchContentInput): Promise<SearchPage> {
  const parsed = ZSearchContent.safeParse(raw);
  // Each problem names its parameter, so the page can show it beside its field.
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.filter((p) => typeof p !== "number").join("."), message: i.message }));
    throw new InvalidInputError(issues[0]?.message ?? "Invalid search", { issues });
  }
  const input = parsed.data;
  if (input.updatedFrom && input.updatedTo && input.updatedFrom > input.updatedTo) throw new InvalidInputError("The first day is after the last", { issues: [{ path: "updatedTo", message: "The first day is after the last" }] });
  // Retention state is a records manager's filter (issue 10). Offering it is a product choice, not
  // an access decision: the RecordItem policy still trims in SQL what the filter may match, so it
  // can only narrow what the actor may read anyway.
  const recordPolicy = input.retentionState && canSearchByRetentionState(ctx) ? accessibleWhere(ctx.ability, "read", "RecordItem", recordItemColumns) : null;
  if (input.retentionState && !recordPolicy) throw new ForbiddenError("Only records managers can search by retention state");

  const branches = searchBranches(ctx, input, recordPolicy);
  if (branches.length === 0) return { items: [], total: 0, nextOffset: null };
  const query = sql`websearch_to_tsquery('english', ${input.q}::text)`;

  // Ranked only once trimmed: the OFFSET 0 fence keeps the planner from computing ts_rank_cd on
  // every match before the policy has removed those the actor may not read (for a frequent word,
  // most of them: bench/results/search.json).
  const union = sql.join(
    branches.map((b) => sql`(SELECT b.type, b.id, b.entry_id, ts_rank_cd(b.vector, ${query}) AS rank, b.updated_at, b.space_id, b.marking, b.marking_rank, b.board_id FROM (${b.sql} OFFSET 0) b)`),
    sql` UNION ALL `,
  );
  // One statement: the trimmed, ranked, counted page (the inner query, with its LIMIT), and only
  // then, for those rows alone (every one of which the policy let through), the space names and
  // the highlighted title and snippet, which read the text.
  const options = `StartSel=${SNIPPET_START}, StopSel=${SNIPPET_STOP}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`;
  const hits = rowsOf<Hit>(
    await ctx.db.execute(sql`
      SELECT p.*, sp.name AS space_name,
        ts_headline('english', se.title, ${query}, ${`StartSel=${SNIPPET_START}, StopSel=${SNIPPET_STOP}, HighlightAll=true`}) AS headline_title,
        ts_headline('english', left(se.body, 100000), ${query}, ${options}) AS headline_snippet
      FROM (
        SELECT h.*, count(*) OVER () AS total FROM (${union}) h
        ORDER BY h.rank DESC, h.updated_at DESC, h.id
        LIMIT ${input.limit} OFFSET ${input.offset}
      ) p
      JOIN ${searchEntries} se ON se.id = p.entry_id
      JOIN ${spaces} sp ON sp.id = p.space_id
      ORDER BY p.rank DESC, p.updated_at DESC, p.id`),
  );
  let total = hits[0] ? Number(hits[0].total) : 0;
  if (hits.length === 0) {
    // A query of common words only ("the", "and") matches nothing and would say nothing useful.
    const [probe] = rowsOf<{ n: number }>(await ctx.db.execute(sql`SELECT numnode(${query}) AS n`));
    if (!probe || Number(probe.n) === 0) throw new InvalidInputError("Search for at least one word that is not a common word such as “the” or “and”", { issues: [{ path: "q", message: "Search for at least one word that is not a common word such as “the” or “and”" }] });
    // Past the last page the window has no row to count on: count the trimmed set alone.
    if (input.offset > 0) {
      const [counted] = rowsOf<{ n: number }>(await ctx.db.execute(sql`SELECT count(*)::int AS n FROM (${union}) h`));
      total = Number(counted?.n ?? 0);
    }
    return { items: [], total, nextOffset: null };
  }

  const items = hits.map((h): SearchResult => {
    return {
      type: h.type,
      id: h.id,
      title: snippetSegments(h.headline_title),
      snippet: snippetSegments(h.headline_snippet),
      space: { id: h.space_id, name: h.space_name },
      marking: h.marking,
      markingRank: Number(h.marking_rank),
      updatedAt: new Date(h.updated_at).toISOString(),
      href: hrefOf(h),
      rank: Number(h.rank),
    };
  });
  const next = input.offset + hits.length;
  return { items, total, nextOffset: next < total && next <= SEARCH_OFFSET_MAX ? next : null };
}

/** True when the actor is offered the retention-state filter: their agency's records managers. */
export function canSearchByRetentionState(ctx: PolicyCtx): boolean {
  return hasRole(ctx.actor.roles, "records_manager");
}

function hrefOf(h: Hit): string {
  switch (h.type) {
    case "document":
      return `/documents/${h.id}`;
    case "file":
      return `/spaces/${h.space_id}#file-${h.id}`;
    case "card":
      return `/spaces/${h.space_id}/boards/${h.board_id}`;
    case "submission":
      return `/submissions/${h.id}`;
    case "space":
      return `/spaces/${h.id}`;
  }
}

type ParsedInput = z.output<typeof ZSearchContent>;

/**
 * The policy as the planner should treat it: a filter on the matches, not a way in. Left to
 * itself PostgreSQL reads the policy's branches as index conditions (space_id = ANY(…) OR owning
 * agency), fetches every readable document and hash-joins it to the matches: for a rare word,
 * thousands of rows read to keep a handful (bench/results/search.json). Inside a CASE it can
 * neither estimate nor index the policy, so it starts from the full-text index and checks each
 * match's own row by primary key. The CASE is true exactly when the policy is (NULL counts as
 * false in both), so no row changes; lib/documents/list-documents.ts does the same.
 */
const opaque = (policy: SQL) => sql`CASE WHEN ${policy} THEN true ELSE false END`;

/**
 * One branch per kind asked for that the actor may read any of. Each selects the same columns
 * (type, id, entry, vector, updated, space, marking, board) from the kind's index rows joined to its
 * own table, where its policy and the filters apply.
 */
export function searchBranches(ctx: PolicyCtx, input: ParsedInput, recordPolicy: SQL | null): Branch[] {
  const wanted = new Set<SearchType>(input.types && input.types.length > 0 ? input.types : SEARCH_TYPES);
  // Labels and retention states belong to documents, files and submissions only.
  if (input.labelId || input.retentionState) {
    wanted.delete("card");
    wanted.delete("space");
  }
  const query = sql`websearch_to_tsquery('english', ${input.q}::text)`;
  const rankOfMarking = input.marking ? RANKS[input.marking] : null;
  const dateFilters = (updatedAt: SQL) =>
    sql.join(
      [
        input.updatedFrom ? sql` AND ${updatedAt} >= ${ukDayStart(input.updatedFrom).toISOString()}::timestamptz` : sql``,
        input.updatedTo ? sql` AND ${updatedAt} < ${ukDayStart(input.updatedTo, 1).toISOString()}::timestamptz` : sql``,
      ],
      sql``,
    );
  const retentionFilter = (itemType: "document" | "file" | "submission", itemId: SQL) =>
    input.labelId || input.retentionState
      ? sql` AND EXISTS (SELECT 1 FROM ${recordItems} WHERE ${recordItems.itemType} = ${itemType} AND ${recordItems.itemId} = ${itemId}${
          input.labelId ? sql` AND ${recordItems.labelId} = ${input.labelId}::uuid` : sql``
        }${input.retentionState ? sql` AND ${recordItems.state} = ${input.retentionState} AND ${recordPolicy!}` : sql``})`
      : sql``;
  const common = (t: { spaceId: SQL; markingRank: SQL; updatedAt: SQL }) =>
    sql`${input.spaceId ? sql` AND ${t.spaceId} = ${input.spaceId}::uuid` : sql``}${rankOfMarking !== null ? sql` AND ${t.markingRank} = ${rankOfMarking}` : sql``}${dateFilters(t.updatedAt)}`;
  const branches: Branch[] = [];

  // Documents, files and submissions: marked content with the same columns, each in its own table
  // and its own index column, decided by its own subject's policy.
  const markedBranch = (type: "document" | "file" | "submission", table: typeof documents | typeof files | typeof submissions, entryId: SQL, policy: SQL | null): void => {
    if (!policy) return;
    branches.push({
      type,
      sql: sql`SELECT ${type}::text AS type, ${table.id} AS id, se.id AS entry_id, se.vector, ${table.updatedAt} AS updated_at, ${table.spaceId} AS space_id, ${table.marking} AS marking, ${table.markingRank} AS marking_rank, NULL::uuid AS board_id
        FROM ${searchEntries} se JOIN ${table} ON ${table.id} = ${entryId}
        WHERE ${entryId} IS NOT NULL AND se.vector @@ ${query} AND ${opaque(policy)}${common({ spaceId: sql`${table.spaceId}`, markingRank: sql`${table.markingRank}`, updatedAt: sql`${table.updatedAt}` })}${retentionFilter(type, sql`${table.id}`)}`,
    });
  };
  if (wanted.has("document")) markedBranch("document", documents, sql`se.document_id`, accessibleWhere(ctx.ability, "read", "Document", documentColumns));
  if (wanted.has("file")) markedBranch("file", files, sql`se.file_id`, accessibleWhere(ctx.ability, "read", "File", fileColumns));
  if (wanted.has("card")) {
    // A card is listed only where its board may be read too, as on My work.
    const policy = accessibleWhere(ctx.ability, "read", "Card", cardColumns);
    const boardPolicy = accessibleWhere(ctx.ability, "read", "Board", boardColumnMap);
    if (policy && boardPolicy) {
      branches.push({
        type: "card",
        sql: sql`SELECT 'card'::text AS type, ${cards.id} AS id, se.id AS entry_id, se.vector, ${cards.updatedAt} AS updated_at, ${cards.spaceId} AS space_id, ${cards.marking} AS marking, ${cards.markingRank} AS marking_rank, ${cards.boardId} AS board_id
          FROM ${searchEntries} se JOIN ${cards} ON ${cards.id} = se.card_id JOIN ${boards} ON ${boards.id} = ${cards.boardId}
          WHERE se.card_id IS NOT NULL AND se.vector @@ ${query} AND ${opaque(policy)} AND ${opaque(boardPolicy)}${common({ spaceId: sql`${cards.spaceId}`, markingRank: sql`${cards.markingRank}`, updatedAt: sql`${cards.updatedAt}` })}`,
      });
    }
  }
  if (wanted.has("submission")) markedBranch("submission", submissions, sql`se.submission_id`, accessibleWhere(ctx.ability, "read", "Submission", submissionColumns));
  if (wanted.has("space")) {
    const policy = accessibleWhere(ctx.ability, "read", "Space", spaceColumns);
    if (policy) {
      // A space is shown under its highest marking, and filtered by it.
      branches.push({
        type: "space",
        sql: sql`SELECT 'space'::text AS type, ${spaces.id} AS id, se.id AS entry_id, se.vector, ${spaces.updatedAt} AS updated_at, ${spaces.id} AS space_id, ${spaces.ceilingMarking} AS marking, ${spaces.ceilingRank} AS marking_rank, NULL::uuid AS board_id
          FROM ${searchEntries} se JOIN ${spaces} ON ${spaces.id} = se.space_id
          WHERE se.space_id IS NOT NULL AND se.vector @@ ${query} AND ${opaque(policy)}${common({ spaceId: sql`${spaces.id}`, markingRank: sql`${spaces.ceilingRank}`, updatedAt: sql`${spaces.updatedAt}` })}`,
      });
    }
  }
  return branches;
}
