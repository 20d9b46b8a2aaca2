/**
 * Completing and repeating cards on the demo scenario (issue 6): completing a repeating card
 * makes exactly one next occurrence (same column, at its end; same content and marking; dates
 * moved on past now; checklist reset; assignees who may still read it), and the series goes on
 * from it; completing twice never makes two; reopening keeps the occurrence made. Refusals
 * change nothing: a stale version (409), a reader (403), an invisible card (404), an already
 * completed card, and bad recurrence input, each with a clear message. Every step is audited.
 */
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import * as t from "@/db/schema";
import { buildActor, buildMembership, openSeededDatabaseForFile, policyCtx, type SeededScenario } from "@/db/factories";
import { testEngine } from "@/db/testing";
import type { PolicyCtx } from "../context";
import { ForbiddenError, InvalidInputError, NotFoundError } from "../errors";
import { completeCard } from "./complete-card";
import { createCard } from "./create-card";
import { getBoard } from "./get-board";
import { reopenCard } from "./reopen-card";
import { setCardAssignees } from "./set-card-assignees";
import { CardConflictError, updateCard } from "./update-card";

let db: Db;
let s: SeededScenario;
openSeededDatabaseForFile((opened) => {
  db = opened.db;
  s = opened.scenario;
});

const PRIYA = "priya.shah@dcp.example";
const TOM = "tom.hughes@dcp.example";
const MARK = "mark.ellis@dcp.example";
const ALEX = "alex.morgan@dor.example";
const JANET = "janet.okafor@dcp.example";
const DAILY = { frequency: "daily", interval: 1 } as const;

/** A person's context, on a fixed clock when `now` is given. */
const ctxOf = async (email: string, now?: Date): Promise<PolicyCtx> => {
  const ctx = await policyCtx(db, await buildActor(db, s.userId(email)));
  return now ? { ...ctx, now } : ctx;
};
const tasking = () => s.boardId("Kestrel tasking");
const columnsOf = async () => (await getBoard(await ctxOf(PRIYA), { boardId: tasking() })).columns.map((c) => c.id);
const rowOf = async (id: string) => (await db.select().from(t.cards).where(eq(t.cards.id, id)))[0]!;
const seriesOf = async (seriesId: string) => db.select().from(t.cards).where(eq(t.cards.seriesId, seriesId));
const cardCount = async () => (await db.select({ id: t.cards.id }).from(t.cards)).length;
const assigneesOf = async (id: string) => (await db.select({ userId: t.cardAssignees.userId }).from(t.cardAssignees).where(eq(t.cardAssignees.cardId, id))).map((a) => a.userId).sort();
const auditOf = async (action: string, subjectId: string) => db.select().from(t.auditEvents).where(and(eq(t.auditEvents.action, action), eq(t.auditEvents.subjectId, subjectId)));

/** A repeating card made by Priya in the board's first column (or `column`), on her clock `now`. */
async function repeatingCard(title: string, fields: { startAt?: string; dueAt?: string; recurrence?: unknown; marking?: string; column?: number; now?: Date } = {}) {
  const columns = await columnsOf();
  return createCard(await ctxOf(PRIYA, fields.now), {
    boardId: tasking(),
    columnId: columns[fields.column ?? 0]!,
    title,
    description: "Brief the early shift\nCheck the A30 lay-bys",
    labels: ["Patrol", "Early"],
    checklist: [
      { text: "Read overnight log", done: true },
      { text: "Brief the shift", done: true },
      { text: "Book vehicles", done: false },
    ],
    marking: fields.marking ?? "OFFICIAL",
    startAt: fields.startAt ?? null,
    dueAt: fields.dueAt ?? null,
    recurrence: fields.recurrence === undefined ? DAILY : fields.recurrence,
  });
}

describe(`recurring cards and completion (${testEngine})`, () => {
  it("completing a repeating card makes exactly one next occurrence, with its dates moved on and its checklist reset", async () => {
    const now = new Date("2026-06-01T12:00:00Z");
    const card = await repeatingCard("Daily briefing", { startAt: "2026-06-01T08:00:00Z", dueAt: "2026-06-01T17:00:00Z", column: 1, now });
    await setCardAssignees(await ctxOf(PRIYA), { cardId: card.id, userIds: [s.userId(TOM), s.userId(ALEX)] });
    const before = await rowOf(card.id);
    expect(before.seriesId).not.toBeNull();
    const siblings = (await db.select({ id: t.cards.id, position: t.cards.position }).from(t.cards).where(eq(t.cards.columnId, before.columnId))).map((c) => c.position);

    const { card: done, next } = await completeCard(await ctxOf(TOM, now), { cardId: card.id, expectedVersion: before.version });
    expect(done).toMatchObject({ id: card.id, completedAt: now.toISOString(), recurrence: null, version: before.version + 1 });
    expect(next).toBeDefined();
    expect(next).toMatchObject({
      boardId: tasking(),
      columnId: before.columnId,
      title: "Daily briefing",
      description: before.description,
      labels: ["Patrol", "Early"],
      startAt: "2026-06-02T08:00:00.000Z",
      dueAt: "2026-06-02T17:00:00.000Z",
      completedAt: null,
      recurrence: DAILY,
      marking: "OFFICIAL",
      version: 1,
    });
    expect(next!.checklist.map((i) => [i.text, i.done])).toEqual([
      ["Read overnight log", false],
      ["Brief the shift", false],
      ["Book vehicles", false],
    ]);
    // At the end of its column.
    expect(siblings.every((p) => p < next!.position)).toBe(true);

    const completed = await rowOf(card.id);
    const made = await rowOf(next!.id);
    expect(completed).toMatchObject({ completedAt: now, completedBy: s.userId(TOM), recurrence: null, seriesId: before.seriesId });
    // Every marking column, the space and the owning agency copied exactly; the series kept.
    for (const k of ["spaceId", "owningAgencyId", "marking", "markingRank", "descriptors", "handling", "recipientIds", "useOnlyAgencyCodes", "seriesId"] as const) expect(made[k]).toEqual(before[k]);
    expect(made.createdBy).toBe(s.userId(TOM));
    expect(await assigneesOf(next!.id)).toEqual([s.userId(TOM), s.userId(ALEX)].sort());
    expect(await seriesOf(before.seriesId!)).toHaveLength(2);

    // Audited: the completion names the next card; "card.recur" is about the new card.
    expect((await auditOf("card.complete", card.id)).map((e) => [e.actorUserId, e.details])).toEqual([[s.userId(TOM), expect.objectContaining({ boardId: tasking(), nextCardId: next!.id, seriesId: before.seriesId })]]);
    const recur = await auditOf("card.recur", next!.id);
    expect(recur).toHaveLength(1);
    expect(recur[0]).toMatchObject({ actorUserId: s.userId(TOM), markingAfter: "OFFICIAL", details: expect.objectContaining({ previousCardId: card.id, dueAt: "2026-06-02T17:00:00.000Z", skipped: 0 }) });
    expect(JSON.stringify(recur[0]!.details)).not.toContain("Daily briefing");
  });

  it("continues the series when the next occurrence is completed, and never makes two after a reopen", async () => {
    const now = new Date("2026-06-01T12:00:00Z");
    const first = await repeatingCard("Weekly review", { dueAt: "2026-06-01T16:00:00Z", recurrence: { frequency: "weekly", interval: 1 }, now });
    const seriesId = (await rowOf(first.id)).seriesId!;
    const { next: second } = await completeCard(await ctxOf(PRIYA, now), { cardId: first.id });
    expect(second!.dueAt).toBe("2026-06-08T16:00:00.000Z");

    // Reopened and completed again: the recurrence has moved on, so no second occurrence.
    const reopened = await reopenCard(await ctxOf(PRIYA, now), { cardId: first.id });
    expect(reopened).toMatchObject({ completedAt: null, recurrence: null });
    expect(await seriesOf(seriesId)).toHaveLength(2);
    expect((await auditOf("card.reopen", first.id)).length).toBe(1);
    const again = await completeCard(await ctxOf(PRIYA, now), { cardId: first.id });
    expect(again.next).toBeUndefined();
    expect(await seriesOf(seriesId)).toHaveLength(2);

    const later = new Date("2026-06-08T10:00:00Z");
    const { next: third } = await completeCard(await ctxOf(TOM, later), { cardId: second!.id });
    expect(third).toMatchObject({ dueAt: "2026-06-15T16:00:00.000Z", recurrence: { frequency: "weekly", interval: 1 } });
    expect((await rowOf(second!.id)).recurrence).toBeNull();
    const series = await seriesOf(seriesId);
    expect(series).toHaveLength(3);
    expect(series.filter((c) => c.recurrence !== null).map((c) => c.id)).toEqual([third!.id]);
    expect(series.filter((c) => c.completedAt === null).map((c) => c.id)).toEqual([third!.id]);
  });

  it("gives one next occurrence, after now, for a daily card completed three days late", async () => {
    const card = await repeatingCard("Late daily check", { dueAt: "2026-06-01T09:00:00Z", now: new Date("2026-06-01T08:00:00Z") });
    const seriesId = (await rowOf(card.id)).seriesId!;
    const { next } = await completeCard(await ctxOf(PRIYA, new Date("2026-06-04T12:00:00Z")), { cardId: card.id });
    expect(next!.dueAt).toBe("2026-06-05T09:00:00.000Z");
    expect(await seriesOf(seriesId)).toHaveLength(2);
    expect((await auditOf("card.recur", next!.id))[0]!.details).toMatchObject({ skipped: 3 });
  });

  it("clamps a monthly card to the month's end, and ends the series after until", async () => {
    const now = new Date("2026-01-30T12:00:00Z");
    const card = await repeatingCard("Monthly returns", { dueAt: "2026-01-31T17:00:00Z", recurrence: { frequency: "monthly", interval: 1, until: "2026-03-15" }, now });
    const { next: february } = await completeCard(await ctxOf(PRIYA, now), { cardId: card.id });
    expect(february).toMatchObject({ dueAt: "2026-02-28T17:00:00.000Z", recurrence: { frequency: "monthly", interval: 1, until: "2026-03-15" } });
    // 28 March is after until: the series ends, and the last card keeps its recurrence (nothing was made).
    const { card: last, next } = await completeCard(await ctxOf(PRIYA, new Date("2026-02-27T12:00:00Z")), { cardId: february!.id });
    expect(next).toBeUndefined();
    expect(last.recurrence).toEqual({ frequency: "monthly", interval: 1, until: "2026-03-15" });
    expect(await seriesOf((await rowOf(card.id)).seriesId!)).toHaveLength(2);
  });

  it("copies only the assignees who may still read the card, and keeps the card its agency's when a partner completes it", async () => {
    const card = await repeatingCard("Sensitive daily", { dueAt: "2030-06-01T09:00:00Z", marking: "OFFICIAL-SENSITIVE" });
    await setCardAssignees(await ctxOf(PRIYA), { cardId: card.id, userIds: [s.userId(TOM), s.userId(ALEX)] });
    // Assigned while he could read it (his vetting has since lapsed): written directly, as the operation would refuse it now.
    await db.insert(t.cardAssignees).values({ cardId: card.id, userId: s.userId(MARK) });
    const { next } = await completeCard(await ctxOf(ALEX), { cardId: card.id });
    expect(await assigneesOf(next!.id)).toEqual([s.userId(TOM), s.userId(ALEX)].sort());
    const made = await rowOf(next!.id);
    expect(made.owningAgencyId).toBe(s.agencyId("DCP"));
    expect(made.marking).toBe("OFFICIAL-SENSITIVE");
    expect(made.createdBy).toBe(s.userId(ALEX));
  });

  it("refuses a stale version with a conflict carrying the card as it is now, and changes nothing", async () => {
    const card = await repeatingCard("Stale completion", { dueAt: "2030-06-01T09:00:00Z" });
    await updateCard(await ctxOf(TOM), { cardId: card.id, expectedVersion: 1, title: "Stale completion (edited)" });
    const before = await rowOf(card.id);
    const count = await cardCount();
    const refused = await completeCard(await ctxOf(PRIYA), { cardId: card.id, expectedVersion: 1 }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(CardConflictError);
    expect((refused as CardConflictError).current).toMatchObject({ title: "Stale completion (edited)", version: 2, completedAt: null });
    expect(await rowOf(card.id)).toEqual(before);
    expect(await cardCount()).toBe(count);
    expect(await auditOf("card.complete", card.id)).toEqual([]);
  });

  it("refuses a reader (403) and, for a card they cannot see, answers 404; nothing changes", async () => {
    await buildMembership(db, { spaceId: s.spaceId("Operation Kestrel"), userId: s.userId(JANET), role: "reader" });
    const open = await repeatingCard("Reader cannot complete", { dueAt: "2030-06-01T09:00:00Z" });
    const sensitive = await repeatingCard("Mark cannot see", { dueAt: "2030-06-01T09:00:00Z", marking: "OFFICIAL-SENSITIVE" });
    const done = await repeatingCard("Reader cannot reopen", { dueAt: "2030-06-01T09:00:00Z", recurrence: null });
    await completeCard(await ctxOf(PRIYA), { cardId: done.id });
    const rows = async () => Promise.all([open.id, sensitive.id, done.id].map(rowOf));
    const before = await rows();
    const count = await cardCount();

    const janet = await ctxOf(JANET);
    await expect(completeCard(janet, { cardId: open.id })).rejects.toThrow(ForbiddenError);
    await expect(reopenCard(janet, { cardId: done.id })).rejects.toThrow(ForbiddenError);
    const mark = await ctxOf(MARK);
    await expect(completeCard(mark, { cardId: sensitive.id })).rejects.toThrow(NotFoundError);
    await expect(reopenCard(mark, { cardId: sensitive.id })).rejects.toThrow(NotFoundError);
    await expect(completeCard(await ctxOf("helen.carter@cc.example"), { cardId: open.id })).rejects.toThrow(NotFoundError);
    await expect(completeCard(await ctxOf(PRIYA), { cardId: "00000000-0000-4000-8000-000000000000" })).rejects.toThrow(NotFoundError);

    expect(await rows()).toEqual(before);
    expect(await cardCount()).toBe(count);
    // Mark's refused completion is audited as a refused read of the card.
    expect((await auditOf("card.complete", sensitive.id)).map((e) => [e.actorUserId, e.outcome])).toEqual([[s.userId(MARK), "denied"]]);
  });

  it("refuses completing a completed card and reopening an open one, clearly, changing nothing", async () => {
    const card = await repeatingCard("Complete once", { dueAt: "2030-06-01T09:00:00Z" });
    const { next } = await completeCard(await ctxOf(PRIYA), { cardId: card.id });
    const before = await rowOf(card.id);
    const count = await cardCount();
    await expect(completeCard(await ctxOf(PRIYA), { cardId: card.id })).rejects.toThrow(new InvalidInputError("This card is already complete"));
    await expect(reopenCard(await ctxOf(PRIYA), { cardId: next!.id })).rejects.toThrow(/not complete/);
    expect(await rowOf(card.id)).toEqual(before);
    expect(await cardCount()).toBe(count);
    expect(await auditOf("card.complete", card.id)).toHaveLength(1);
  });

  it("refuses bad recurrence input with a clear error, and stores nothing", async () => {
    const [todo] = await columnsOf();
    const priya = await ctxOf(PRIYA);
    const count = await cardCount();
    const create = (recurrence: unknown, dates: { startAt?: string; dueAt?: string } = { dueAt: "2030-06-01T09:00:00Z" }) =>
      createCard(priya, { boardId: tasking(), columnId: todo!, title: "Bad recurrence", marking: "OFFICIAL", ...dates, recurrence });
    await expect(create({ frequency: "daily", interval: 0 })).rejects.toThrow(/interval is at least 1/);
    await expect(create({ frequency: "daily", interval: 1000 })).rejects.toThrow(/interval is at most 52/);
    await expect(create({ frequency: "fortnightly", interval: 1 })).rejects.toThrow("Say how often the card repeats: daily, weekly or monthly");
    await expect(create({ frequency: "daily", until: "2030-05-31" }, { startAt: "2030-06-01T08:00:00Z", dueAt: "2030-06-01T09:00:00Z" })).rejects.toThrow(/repeats until \(2030-05-31\) cannot be before its due date/);
    await expect(create(DAILY, {})).rejects.toThrow(/needs a due date \(or a start date\)/);
    expect(await cardCount()).toBe(count);

    // The same on an edit: the row is unchanged.
    const card = await repeatingCard("Edit recurrence", { dueAt: "2030-06-01T09:00:00Z", recurrence: null });
    const before = await rowOf(card.id);
    const update = (fields: Record<string, unknown>) => updateCard(priya, { cardId: card.id, expectedVersion: before.version, ...fields });
    for (const recurrence of [{ frequency: "daily", interval: 0 }, { frequency: "daily", interval: 1000 }, { frequency: "hourly" }, { frequency: "daily", until: "2030-05-01" }]) {
      await expect(update({ recurrence })).rejects.toThrow(InvalidInputError);
    }
    await expect(update({ recurrence: DAILY, dueAt: null })).rejects.toThrow(/needs a due date/);
    expect(await rowOf(card.id)).toEqual(before);
  });

  it("gives a card its series when it is first made to repeat, and keeps it when it stops", async () => {
    const card = await repeatingCard("Made to repeat later", { dueAt: "2030-06-01T09:00:00Z", recurrence: null });
    expect((await rowOf(card.id)).seriesId).toBeNull();
    const priya = await ctxOf(PRIYA);
    const repeating = await updateCard(priya, { cardId: card.id, expectedVersion: 1, recurrence: { frequency: "weekly", interval: 2, until: "2030-12-31" } });
    expect(repeating.recurrence).toEqual({ frequency: "weekly", interval: 2, until: "2030-12-31" });
    const seriesId = (await rowOf(card.id)).seriesId;
    expect(seriesId).not.toBeNull();
    expect((await auditOf("card.update", card.id)).at(-1)!.details).toMatchObject({ fields: ["recurrence"] });
    // A stale version is refused as for any edit.
    await expect(updateCard(priya, { cardId: card.id, expectedVersion: 1, recurrence: null })).rejects.toThrow(CardConflictError);
    const stopped = await updateCard(priya, { cardId: card.id, expectedVersion: 2, recurrence: null });
    expect(stopped.recurrence).toBeNull();
    expect(await rowOf(card.id)).toMatchObject({ recurrence: null, seriesId });
    // Without a recurrence, completing makes nothing.
    expect((await completeCard(priya, { cardId: card.id })).next).toBeUndefined();
  });

  it("seeds the daily patrol plan as a repeating card with a due date", async () => {
    const row = await rowOf(s.cardId("Daily patrol plan"));
    expect(row).toMatchObject({ recurrence: DAILY, completedAt: null });
    expect(row.dueAt).not.toBeNull();
    expect(row.seriesId).not.toBeNull();
  });
});
