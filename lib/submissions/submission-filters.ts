/**
 * The filters of a form's results (issue 7, "Results"), shared by the results page, the JSON list
 * and the CSV export so that "Export CSV" gives exactly what the table shows: status, space, the
 * UK day a submission was submitted from and to, its owner ("me", or a person's id), and free
 * text over the answers.
 *
 * Every filter only ever narrows what the policy already lets through (the conditions below are
 * ANDed with the policy's SQL filter in listSubmissions), so no filter can reveal a submission,
 * or count one, that the reader may not read. The free text is the one filter that reaches into
 * the answers: its pattern is bounded (200 characters), LIKE's wildcards are escaped so it
 * matches as typed, and it is a bound parameter, never SQL text.
 */
import { and, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { submissions } from "@/db/schema";
import { InvalidInputError } from "../errors";
import { isUuid } from "../spaces/get-space";

export const SUBMISSION_STATUSES = ["draft", "submitted", "returned", "accepted"] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

/** The longest free-text search (characters). */
export const SUBMISSION_SEARCH_MAX = 200;

/** The query parameters the filters are read from, in the page's address and the API's alike. */
export const SUBMISSION_FILTER_PARAMS = ["status", "spaceId", "submittedFrom", "submittedTo", "owner", "q"] as const;
export type SubmissionFilterParam = (typeof SUBMISSION_FILTER_PARAMS)[number];

/** A blank value (an "Any" option of the filter form, `?status=`) is no filter at all. */
const blankAsAbsent = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

/** Whether `YYYY-MM-DD` names a day of the calendar (not 2026-02-30). */
function isCalendarDay(value: string): boolean {
  const [year, month, day] = value.split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const ZDay = (label: string) =>
  z.preprocess(
    blankAsAbsent,
    z
      .string({ message: `"${label}" must be a date written YYYY-MM-DD, for example 2026-05-01` })
      .regex(/^\d{4}-\d{2}-\d{2}$/, `"${label}" must be a date written YYYY-MM-DD, for example 2026-05-01`)
      .refine((v) => isCalendarDay(v) && v >= "1900-01-01" && v <= "9998-12-31", { message: `"${label}" is not a real date` })
      .optional(),
  );

const OWNER_MESSAGE = 'The owner is "me" or a person\'s id (a UUID)';

/** The filters, as validated. */
export const ZSubmissionFilters = z
  .object({
    status: z.preprocess(blankAsAbsent, z.enum(SUBMISSION_STATUSES, { message: "A status is draft, submitted, returned or accepted" }).optional()),
    spaceId: z.preprocess(blankAsAbsent, z.string({ message: "Name the space by its id" }).refine(isUuid, { message: "Name the space by its id (a UUID)" }).optional()),
    submittedFrom: ZDay("Submitted from"),
    submittedTo: ZDay("Submitted to"),
    owner: z.preprocess(
      blankAsAbsent,
      z
        .string({ message: OWNER_MESSAGE })
        .refine((v) => v === "me" || isUuid(v), { message: OWNER_MESSAGE })
        .optional(),
    ),
    q: z.preprocess(
      (v) => (typeof v === "string" ? blankAsAbsent(v.trim()) : v),
      z.string({ message: "Search for text" }).max(SUBMISSION_SEARCH_MAX, `Search for at most ${SUBMISSION_SEARCH_MAX} characters`).optional(),
    ),
  })
  .refine((f) => f.submittedFrom === undefined || f.submittedTo === undefined || f.submittedFrom <= f.submittedTo, {
    message: '"Submitted from" is after "Submitted to": no day is in between',
    path: ["submittedTo"],
  });
export type SubmissionFilters = z.infer<typeof ZSubmissionFilters>;
export type SubmissionFiltersInput = Partial<Record<SubmissionFilterParam, unknown>>;

/**
 * Parses the filters, refusing the first problem as an InvalidInputError whose `issues` name the
 * filter (`[{ path: "submittedFrom", message }]`), so the page can mark the control beside it.
 */
export function parseSubmissionFilters(raw: SubmissionFiltersInput): SubmissionFilters {
  const parsed = ZSubmissionFilters.safeParse(raw);
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0];
  const message = first?.message ?? "The filters are not valid";
  throw new InvalidInputError(message, { issues: [{ path: first?.path.join(".") ?? "", message }] });
}

/**
 * The filters as a query gives them (the API's URLSearchParams, a page's searchParams): a
 * parameter given twice counts once, the first. Nothing is judged here; parseSubmissionFilters does.
 */
export function filtersFromQuery(query: URLSearchParams | Record<string, string | string[] | undefined>): Partial<Record<SubmissionFilterParam, string>> {
  const filters: Partial<Record<SubmissionFilterParam, string>> = {};
  for (const name of SUBMISSION_FILTER_PARAMS) {
    const value = query instanceof URLSearchParams ? query.get(name) : Array.isArray(query[name]) ? query[name][0] : query[name];
    if (typeof value === "string") filters[name] = value;
  }
  return filters;
}

/** The query string of these filters (blank ones left out), for a link to the same results: "?status=submitted&q=…" or "". */
export function filtersQueryString(filters: Partial<Record<SubmissionFilterParam, string | undefined>>): string {
  const params = new URLSearchParams();
  for (const name of SUBMISSION_FILTER_PARAMS) {
    const value = filters[name];
    if (typeof value === "string" && value.trim() !== "") params.set(name, value);
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** London's offset from UTC at `at`, in minutes (0 in winter, 60 in summer). */
function londonOffsetMinutes(at: Date): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return Math.round((asUtc - at.getTime()) / 60_000);
}

/**
 * The instant a UK day (`YYYY-MM-DD`) begins: midnight in London, which is 23:00 UTC the day
 * before in summer. (The clocks change at 01:00 UTC, never at midnight, so London's offset at
 * UTC midnight is the one in force at London midnight.) `addDays` moves to a later day first.
 */
export function ukDayStart(day: string, addDays = 0): Date {
  const [year, month, date] = day.split("-").map(Number) as [number, number, number];
  const utcMidnight = new Date(Date.UTC(year, month - 1, date + addDays));
  return new Date(utcMidnight.getTime() - londonOffsetMinutes(utcMidnight) * 60_000);
}

/** Escapes LIKE's wildcards (and its escape character), so that a search matches as typed. */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The filters as SQL conditions on `submissions` (undefined: none), to AND with the policy's.
 * The free text matches, case-insensitively, any answer given as text or a number, at any depth
 * (a repeating group's items too), never a field's name: it walks the answers' values with a
 * JSON path rather than searching the JSON's text, where every "urn" key would match.
 */
export function submissionFilterConditions(ctx: { actor: { userId: string } }, filters: SubmissionFilters): SQL | undefined {
  const ownerId = filters.owner === "me" ? ctx.actor.userId : filters.owner;
  return and(
    filters.status ? eq(submissions.status, filters.status) : undefined,
    filters.spaceId ? eq(submissions.spaceId, filters.spaceId) : undefined,
    ownerId ? eq(submissions.ownerId, ownerId) : undefined,
    // A draft has never been submitted, so a date filter leaves drafts out.
    filters.submittedFrom ? gte(submissions.submittedAt, ukDayStart(filters.submittedFrom)) : undefined,
    filters.submittedTo ? lt(submissions.submittedAt, ukDayStart(filters.submittedTo, 1)) : undefined,
    filters.q
      ? sql`EXISTS (SELECT 1 FROM jsonb_path_query(${submissions.data}, 'strict $.**') AS answer(value) WHERE jsonb_typeof(answer.value) IN ('string', 'number') AND (answer.value #>> '{}') ILIKE ${containsPattern(filters.q)})`
      : undefined,
  );
}
