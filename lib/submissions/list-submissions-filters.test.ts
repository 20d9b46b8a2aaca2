/**
 * The results' filters (issue 7, "Results"): status, space, the UK day submitted from and to,
 * owner ("me" or a person), free text over the answers; bad filters refused with a message that
 * names the filter; the CSV export filtered the same way; and, above all, that no filter reveals
 * or counts what the policy hides: Mark (vetting lapsed) and Helen (a partner outside Kestrel)
 * get nothing of an OFFICIAL-SENSITIVE Kestrel submission, even with every filter matching it.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import * as t from "@/db/schema";
import { buildActor, openSeededDatabaseForFile, policyCtx, type SeededScenario } from "@/db/factories";
import { testEngine } from "@/db/testing";
import { InvalidInputError, NotFoundError } from "../errors";
import { adultWitness } from "../forms/national/testing/samples";
import { createSubmission } from "./create-submission";
import { exportSubmissionsCsv } from "./export-submissions-csv";
import { listSubmissions, SUBMISSIONS_MAX, type ListSubmissionsInput } from "./list-submissions";
import { reviewSubmission } from "./review-submission";
import { submitSubmission } from "./submit-submission";
import { filtersFromQuery, filtersQueryString, ukDayStart } from "./submission-filters";

let db: Db;
let s: SeededScenario;
openSeededDatabaseForFile((opened) => {
  db = opened.db;
  s = opened.scenario;
});

const TOM = "tom.hughes@dcp.example";
const PRIYA = "priya.shah@dcp.example";
const MARK = "mark.ellis@dcp.example";
const HELEN = "helen.carter@cc.example";
const MISSING_ID = "00000000-0000-4000-8000-000000000000";
const ctxOf = async (email: string, now?: Date) => policyCtx(db, await buildActor(db, s.userId(email), now), now);
const formIdOf = async (key: string) => (await db.select().from(t.forms).where(eq(t.forms.key, key)))[0]!.id;

/** The submissions made for these tests, by name. */
const made = { alpha: "", bravo: "", charlie: "", delta: "" };
let mg11 = "";

/** Makes an MG11 as `email` in `space`, submitted at `submittedAt` (or left a draft). */
async function makeMg11(email: string, space: string, witnessName: string, submittedAt: Date | null, extra: Record<string, unknown> = {}): Promise<string> {
  const ctx = await ctxOf(email, submittedAt ?? undefined);
  const answers = { ...adultWitness(), witnessName, ...extra };
  const draft = await createSubmission(ctx, { formId: mg11, spaceId: s.spaceId(space), answers });
  if (submittedAt) await submitSubmission(ctx, { submissionId: draft.id, expectedVersion: 1 });
  return draft.id;
}

/** The ids listed for `email` with these filters, of the submissions made here. */
async function idsFor(email: string, filters: Omit<ListSubmissionsInput, "formId"> = {}): Promise<string[]> {
  const { items } = await listSubmissions(await ctxOf(email), { formId: mg11, ...filters });
  const ours = new Set(Object.values(made));
  return items.map((i) => i.id).filter((id) => ours.has(id));
}

/** The error a promise is refused with. */
async function refusal(run: Promise<unknown>): Promise<Error & { details?: { issues?: { path: string; message: string }[] } }> {
  const err = await run.then(
    () => null,
    (e: unknown) => e,
  );
  if (!err) throw new Error("it was accepted");
  return err as Error & { details?: { issues?: { path: string; message: string }[] } };
}

beforeAll(async () => {
  mg11 = await formIdOf("mg11");
  // Alpha: Tom's, submitted on a winter's day; its dates to avoid hold a note to find it by.
  made.alpha = await makeMg11(TOM, "Operation Kestrel", "Filter Witness Alpha", new Date("2026-03-10T10:00:00Z"), {
    datesToAvoid: [{ from: "2026-07-20", to: "2026-08-02", note: "Cruise to Madeira" }],
  });
  // Bravo: Tom's draft, never submitted.
  made.bravo = await makeMg11(TOM, "Operation Kestrel", "Filter Witness Bravo", null);
  // Charlie: Tom's, submitted at 00:30 on 1 July in the UK (23:30 UTC on 30 June), then returned.
  made.charlie = await makeMg11(TOM, "Operation Kestrel", "Filter Witness Charlie", new Date("2026-06-30T23:30:00Z"));
  await reviewSubmission(await ctxOf(PRIYA), { submissionId: made.charlie, decision: "return", comment: "Add the time." });
  // Delta: Priya's, in the MASH space, submitted in May.
  made.delta = await makeMg11(PRIYA, "Cornwall MASH: referral 2026-0412", "Filter Witness Delta", new Date("2026-05-01T09:00:00Z"));
});

describe(`the results' filters (${testEngine})`, () => {
  it("by status, and blank filters are no filter at all", async () => {
    expect((await idsFor(PRIYA, { status: "submitted" })).sort()).toEqual([made.alpha, made.delta].sort());
    expect(await idsFor(PRIYA, { status: "draft" })).toEqual([made.bravo]);
    expect(await idsFor(PRIYA, { status: "returned" })).toEqual([made.charlie]);
    expect(await idsFor(PRIYA, { status: "accepted" })).toEqual([]);
    expect((await idsFor(PRIYA, { status: "", spaceId: "", submittedFrom: "", submittedTo: " ", owner: "", q: "  " })).sort()).toEqual(Object.values(made).sort());
  });

  it("by space", async () => {
    expect((await idsFor(PRIYA, { spaceId: s.spaceId("Operation Kestrel") })).sort()).toEqual([made.alpha, made.bravo, made.charlie].sort());
    expect(await idsFor(PRIYA, { spaceId: s.spaceId("Cornwall MASH: referral 2026-0412") })).toEqual([made.delta]);
    // A space of no submissions, and one that does not exist: nothing, not an error.
    expect(await idsFor(PRIYA, { spaceId: s.spaceId("DCP Training") })).toEqual([]);
    expect(await idsFor(PRIYA, { spaceId: MISSING_ID })).toEqual([]);
    const { items } = await listSubmissions(await ctxOf(PRIYA), { formId: mg11, spaceId: s.spaceId("Cornwall MASH: referral 2026-0412") });
    expect(items.find((i) => i.id === made.delta)).toMatchObject({ spaceName: "Cornwall MASH: referral 2026-0412", owner: "DS Priya Shah", formVersion: expect.any(Number) });
  });

  it("by the UK day submitted, from and to, inclusive; drafts have no such day", async () => {
    // 00:30 on 1 July in London is 30 June in UTC: the UK day decides.
    expect(ukDayStart("2026-07-01").toISOString()).toBe("2026-06-30T23:00:00.000Z");
    expect(ukDayStart("2026-03-10").toISOString()).toBe("2026-03-10T00:00:00.000Z");
    expect(ukDayStart("2026-06-30", 1).toISOString()).toBe("2026-06-30T23:00:00.000Z");
    expect(await idsFor(PRIYA, { submittedFrom: "2026-07-01" })).toEqual([made.charlie]);
    expect((await idsFor(PRIYA, { submittedTo: "2026-06-30" })).sort()).toEqual([made.alpha, made.delta].sort());
    expect(await idsFor(PRIYA, { submittedFrom: "2026-03-10", submittedTo: "2026-03-10" })).toEqual([made.alpha]);
    expect(await idsFor(PRIYA, { submittedFrom: "2026-03-11", submittedTo: "2026-04-30" })).toEqual([]);
    expect(await idsFor(PRIYA, { submittedFrom: "2026-01-01", submittedTo: "2026-12-31" })).not.toContain(made.bravo);
  });

  it('by owner: "me", or a person named by id', async () => {
    expect((await idsFor(TOM, { owner: "me" })).sort()).toEqual([made.alpha, made.bravo, made.charlie].sort());
    expect(await idsFor(PRIYA, { owner: "me" })).toEqual([made.delta]);
    expect((await idsFor(PRIYA, { owner: s.userId(TOM) })).sort()).toEqual([made.alpha, made.bravo, made.charlie].sort());
    expect(await idsFor(PRIYA, { owner: s.userId(HELEN) })).toEqual([]);
  });

  it("by free text in any answer, case-insensitive and as typed, never in a field's name", async () => {
    expect(await idsFor(PRIYA, { q: "witness alpha" })).toEqual([made.alpha]);
    expect(await idsFor(PRIYA, { q: "  ALPHA " })).toEqual([made.alpha]);
    // Inside a repeating group's item.
    expect(await idsFor(PRIYA, { q: "madeira" })).toEqual([made.alpha]);
    // Field names are not answers; LIKE's wildcards match only themselves.
    expect(await idsFor(PRIYA, { q: "witnessName" })).toEqual([]);
    expect(await idsFor(PRIYA, { q: "%" })).toEqual([]);
    expect(await idsFor(PRIYA, { q: "Filter_Witness" })).toEqual([]);
    expect(await idsFor(PRIYA, { q: "Filter Witness" })).toHaveLength(4);
    // Quotes and backslashes are text like any other.
    expect(await idsFor(PRIYA, { q: `O'Brien "\\` })).toEqual([]);
  });

  it("together (every filter must hold), and read from a query as the page and the API give it", async () => {
    expect(await idsFor(PRIYA, { status: "submitted", spaceId: s.spaceId("Operation Kestrel"), owner: s.userId(TOM), q: "filter witness", submittedFrom: "2026-03-01" })).toEqual([made.alpha]);
    expect(await idsFor(PRIYA, { status: "draft", q: "alpha" })).toEqual([]);
    const query = new URLSearchParams({ status: "returned", q: "charlie", colour: "red" });
    query.append("status", "accepted");
    expect(filtersFromQuery(query)).toEqual({ status: "returned", q: "charlie" });
    expect(filtersFromQuery({ status: ["draft", "submitted"], spaceId: undefined, q: "x" })).toEqual({ status: "draft", q: "x" });
    expect(await idsFor(PRIYA, filtersFromQuery(query))).toEqual([made.charlie]);
    expect(filtersQueryString({ status: "submitted", q: "a&b", owner: "" })).toBe("?status=submitted&q=a%26b");
    expect(filtersQueryString({})).toBe("");
  });

  it("refuses bad filters with a clear message naming the filter, but only once the form is known to be readable", async () => {
    const priya = await ctxOf(PRIYA);
    const cases: [Omit<ListSubmissionsInput, "formId">, string, RegExp][] = [
      [{ status: "lost" }, "status", /draft, submitted, returned or accepted/],
      [{ spaceId: "kestrel" }, "spaceId", /space by its id/],
      [{ submittedFrom: "01/05/2026" }, "submittedFrom", /"Submitted from" must be a date written YYYY-MM-DD/],
      [{ submittedTo: "2026-02-30" }, "submittedTo", /"Submitted to" is not a real date/],
      [{ submittedFrom: "2026-05-02", submittedTo: "2026-05-01" }, "submittedTo", /"Submitted from" is after "Submitted to"/],
      [{ owner: "tom" }, "owner", /"me" or a person's id/],
      [{ q: "x".repeat(201) }, "q", /at most 200 characters/],
      [{ q: 42 }, "q", /Search for text/],
    ];
    for (const [filters, path, message] of cases) {
      const err = await refusal(listSubmissions(priya, { formId: mg11, ...filters }));
      expect(err, JSON.stringify(filters)).toBeInstanceOf(InvalidInputError);
      expect(err.message).toMatch(message);
      expect(err.details?.issues).toEqual([{ path, message: err.message }]);
      // The export refuses them the same way (it lists with the same filters).
      expect(await refusal(exportSubmissionsCsv(priya, { formId: mg11, ...filters }))).toBeInstanceOf(InvalidInputError);
    }
    // A form that does not exist is 404 whatever the filters say.
    expect(await refusal(listSubmissions(priya, { formId: MISSING_ID, status: "lost" }))).toBeInstanceOf(NotFoundError);
  });

  it("never reveal what the policy hides: Mark and Helen get nothing of Kestrel's OFFICIAL-SENSITIVE submissions, whatever they filter by", async () => {
    const matchingAlpha: Omit<ListSubmissionsInput, "formId">[] = [
      {},
      { status: "submitted" },
      { spaceId: s.spaceId("Operation Kestrel") },
      { owner: s.userId(TOM) },
      { q: "Filter Witness Alpha" },
      { q: "madeira" },
      { submittedFrom: "2026-03-10", submittedTo: "2026-03-10" },
      { status: "submitted", spaceId: s.spaceId("Operation Kestrel"), owner: s.userId(TOM), q: "alpha", submittedFrom: "2026-03-10", submittedTo: "2026-03-10" },
    ];
    for (const email of [MARK, HELEN]) {
      for (const filters of matchingAlpha) {
        const ctx = await ctxOf(email);
        const { items, isCapped } = await listSubmissions(ctx, { formId: mg11, ...filters });
        const label = `${email} ${JSON.stringify(filters)}`;
        expect(items.map((i) => i.id).filter((id) => [made.alpha, made.bravo, made.charlie].includes(id)), label).toEqual([]);
        expect(items.some((i) => i.spaceId === s.spaceId("Operation Kestrel")), label).toBe(false);
        expect(isCapped, label).toBe(false);
        const csv = new TextDecoder().decode((await exportSubmissionsCsv(ctx, { formId: mg11, ...filters })).body);
        expect(csv, label).not.toContain("Filter Witness Alpha");
        expect(csv, label).not.toContain(made.alpha);
      }
    }
    // Helen does see Priya's MASH statement, which the MASH agreement lets cross: what hides Kestrel's from her is the policy, not the filters.
    expect(await idsFor(HELEN, { q: "filter witness" })).toEqual([made.delta]);
    expect(await idsFor(HELEN, { spaceId: s.spaceId("Operation Kestrel"), q: "filter witness" })).toEqual([]);
    // Mark (vetting lapsed) sees no OFFICIAL-SENSITIVE submission at all, so no consultation of one is recorded for him.
    expect(await idsFor(MARK, { q: "Filter Witness" })).toEqual([]);
    const marksReads = await db
      .select()
      .from(t.auditEvents)
      .where(and(eq(t.auditEvents.action, "submission.list_read"), eq(t.auditEvents.actorUserId, s.userId(MARK))));
    expect(marksReads).toEqual([]);
  });

  it("exports as CSV exactly what the filters list, and audits the export with them", async () => {
    const priya = await ctxOf(PRIYA);
    const csv = new TextDecoder().decode((await exportSubmissionsCsv(priya, { formId: mg11, status: "submitted", q: "filter witness" })).body);
    expect(csv).toContain(made.alpha);
    expect(csv).toContain(made.delta);
    expect(csv).not.toContain(made.bravo);
    expect(csv).not.toContain(made.charlie);
    const [event] = await db
      .select()
      .from(t.auditEvents)
      .where(and(eq(t.auditEvents.action, "submission.export_csv"), eq(t.auditEvents.actorUserId, s.userId(PRIYA))));
    expect(event?.details).toMatchObject({ rows: 2, isCapped: false, status: "submitted", filters: { status: "submitted", q: "filter witness" } });
  });

  it(`lists at most ${SUBMISSIONS_MAX}, newest first, and says so when more match`, async () => {
    // Made directly (creating a thousand through the operation would only be slower): drafts of
    // another form, so the MG11 results above are not disturbed.
    const form = await formIdOf("stop-search");
    const [version] = await db.select().from(t.formVersions).where(eq(t.formVersions.formId, form)).limit(1);
    const [model] = await db.select().from(t.submissions).where(eq(t.submissions.id, made.bravo));
    const { id: _id, ...fields } = model!;
    void _id;
    const base = Date.parse("2026-01-01T00:00:00Z");
    await db.insert(t.submissions).values(Array.from({ length: SUBMISSIONS_MAX + 1 }, (_, i) => ({ ...fields, formVersionId: version!.id, data: {}, updatedAt: new Date(base + i * 1000) })));
    const { items, isCapped } = await listSubmissions(await ctxOf(PRIYA), { formId: form });
    expect(items).toHaveLength(SUBMISSIONS_MAX);
    expect(isCapped).toBe(true);
    expect(items[0]!.updatedAt).toBe(new Date(base + SUBMISSIONS_MAX * 1000).toISOString());
    // Filtered to fewer, it is not capped.
    expect(await listSubmissions(await ctxOf(PRIYA), { formId: form, status: "submitted" })).toMatchObject({ items: [], isCapped: false });
  });
});
