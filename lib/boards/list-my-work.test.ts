/**
 * My work on the demo scenario: a card assigned to Tom is in his list and not in Priya's; an
 * OFFICIAL-SENSITIVE card assigned to Mark (expired vetting) is neither shown nor counted for him;
 * overdue and due-soon flags by a fixed clock; sorting by due date puts cards without one last;
 * completed cards left out unless asked for, and never overdue; a repeating card says so.
 */
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import * as t from "@/db/schema";
import { buildActor, openSeededDatabaseForFile, policyCtx, type SeededScenario } from "@/db/factories";
import { testEngine } from "@/db/testing";
import { InvalidInputError } from "../errors";
import { completeCard } from "./complete-card";
import { createCard } from "./create-card";
import { getBoard } from "./get-board";
import { listMyWork } from "./list-my-work";
import type { CardRecurrence } from "@/db/schema";
import { setCardAssignees } from "./set-card-assignees";

let db: Db;
let s: SeededScenario;
openSeededDatabaseForFile((opened) => {
  db = opened.db;
  s = opened.scenario;
});

const PRIYA = "priya.shah@dcp.example";
const TOM = "tom.hughes@dcp.example";
const MARK = "mark.ellis@dcp.example";
const HOUR = 60 * 60 * 1000;
// A fixed clock for the flags, years after the seed's due dates.
const NOW = new Date("2031-03-01T12:00:00Z");

const ctxOf = async (email: string, now?: Date) => {
  const ctx = await policyCtx(db, await buildActor(db, s.userId(email)));
  return now ? { ...ctx, now } : ctx;
};
const tasking = () => s.boardId("Kestrel tasking");

/** A card on Kestrel's board made by Priya and assigned to the people named. */
async function assignedCard(title: string, assignees: string[], fields: { dueAt?: string | null; marking?: string; recurrence?: CardRecurrence } = {}) {
  const priya = await ctxOf(PRIYA);
  const [todo] = (await getBoard(priya, { boardId: tasking() })).columns;
  const card = await createCard(priya, { boardId: tasking(), columnId: todo!.id, title, marking: fields.marking ?? "OFFICIAL", dueAt: fields.dueAt ?? null, recurrence: fields.recurrence ?? null });
  await setCardAssignees(priya, { cardId: card.id, userIds: assignees.map((e) => s.userId(e)) });
  return card.id;
}

describe(`my work (${testEngine})`, () => {
  it("lists a card assigned to Tom for him, with where it lives, and not for Priya", async () => {
    const id = await assignedCard("Canvass the Launceston estate", [TOM]);
    const tom = (await listMyWork(await ctxOf(TOM))).items;
    const mine = tom.find((c) => c.id === id);
    expect(mine).toMatchObject({ title: "Canvass the Launceston estate", boardId: tasking(), boardTitle: "Kestrel tasking", spaceId: s.spaceId("Operation Kestrel"), spaceName: "Operation Kestrel", columnTitle: "To do", marking: "OFFICIAL" });
    expect(tom.map((c) => c.title)).toContain("Request ANPR hits on the A30 corridor");
    expect((await listMyWork(await ctxOf(PRIYA))).items.map((c) => c.id)).not.toContain(id);
  });

  it("shows Mark (expired vetting) neither an OFFICIAL-SENSITIVE card assigned to him nor its count", async () => {
    const id = await assignedCard("Debrief the covert source", [PRIYA], { marking: "OFFICIAL-SENSITIVE" });
    // Assigned while he could read it (his vetting has since lapsed): written directly, as the
    // operation would now refuse it.
    await db.insert(t.cardAssignees).values({ cardId: id, userId: s.userId(MARK) });
    const before = await db.select().from(t.cardAssignees).where(eq(t.cardAssignees.userId, s.userId(MARK)));
    const mark = await listMyWork(await ctxOf(MARK));
    expect(mark.items.map((c) => c.title)).toEqual(["Draft press lines"]);
    expect(before.length).toBeGreaterThan(mark.items.length);
    expect(JSON.stringify(mark)).not.toContain("covert source");
    expect(JSON.stringify(mark)).not.toContain(id);
    // Priya, who may read it, sees it.
    expect((await listMyWork(await ctxOf(PRIYA))).items.map((c) => c.id)).toContain(id);
  });

  it("flags overdue and due-soon cards by the clock, and sorts by due date with none last", async () => {
    const at = (ms: number) => new Date(NOW.getTime() + ms).toISOString();
    const none = await assignedCard("Flag: no due date", [TOM]);
    const later = await assignedCard("Flag: due in three days", [TOM], { dueAt: at(72 * HOUR) });
    const soon = await assignedCard("Flag: due in two hours", [TOM], { dueAt: at(2 * HOUR) });
    const overdue = await assignedCard("Flag: due an hour ago", [TOM], { dueAt: at(-HOUR) });
    const ours = [none, later, soon, overdue];

    const byDue = (await listMyWork(await ctxOf(TOM, NOW), { sort: "due" })).items;
    const flags = Object.fromEntries(byDue.filter((c) => ours.includes(c.id)).map((c) => [c.id, [c.isOverdue, c.isDueSoon]]));
    expect(flags).toEqual({ [overdue]: [true, false], [soon]: [false, true], [later]: [false, false], [none]: [false, false] });
    expect(byDue.filter((c) => ours.includes(c.id)).map((c) => c.id)).toEqual([overdue, soon, later, none]);
    // Every card without a due date comes after every card with one.
    const firstUndated = byDue.findIndex((c) => c.dueAt === null);
    expect(firstUndated).toBeGreaterThan(0);
    expect(byDue.slice(firstUndated).every((c) => c.dueAt === null)).toBe(true);

    // By last update, the most recently changed first (the flagged ones were made last to first).
    const byUpdate = (await listMyWork(await ctxOf(TOM, NOW), { sort: "updated" })).items;
    expect(byUpdate.filter((c) => ours.includes(c.id)).map((c) => c.id)).toEqual([overdue, soon, later, none]);
    const updated = byUpdate.map((c) => c.updatedAt);
    expect(updated).toEqual([...updated].sort().reverse());
  });

  it("leaves completed cards out unless asked for, never flags them overdue, and says how a card repeats", async () => {
    const at = (ms: number) => new Date(NOW.getTime() + ms).toISOString();
    const done = await assignedCard("Completed: was overdue", [TOM], { dueAt: at(-HOUR) });
    const open = await assignedCard("Open: overdue", [TOM], { dueAt: at(-HOUR) });
    await completeCard(await ctxOf(PRIYA), { cardId: done });
    const tom = await ctxOf(TOM, NOW);

    const byDefault = (await listMyWork(tom)).items;
    expect(byDefault.map((c) => c.id)).toContain(open);
    expect(byDefault.map((c) => c.id)).not.toContain(done);
    expect(byDefault.every((c) => c.completedAt === null)).toBe(true);

    const all = (await listMyWork(tom, { includeCompleted: true })).items;
    const completed = all.find((c) => c.id === done)!;
    expect(completed.completedAt).not.toBeNull();
    expect([completed.isOverdue, completed.isDueSoon]).toEqual([false, false]);
    expect(all.find((c) => c.id === open)).toMatchObject({ completedAt: null, isOverdue: true });
    await expect(listMyWork(tom, { includeCompleted: "yes" as unknown as boolean })).rejects.toThrow(InvalidInputError);

    // A repeating card carries its recurrence; completed, its next occurrence takes its place.
    const daily = await assignedCard("Repeating: daily check", [TOM], { dueAt: at(HOUR), recurrence: { frequency: "daily", interval: 1 } });
    expect((await listMyWork(tom)).items.find((c) => c.id === daily)!.recurrence).toEqual({ frequency: "daily", interval: 1 });
    const { next } = await completeCard(await ctxOf(TOM), { cardId: daily });
    const after = (await listMyWork(tom)).items;
    expect(after.map((c) => c.id)).not.toContain(daily);
    expect(after.find((c) => c.id === next!.id)).toMatchObject({ title: "Repeating: daily check", completedAt: null, recurrence: { frequency: "daily", interval: 1 } });
  });

  it("defaults to sorting by due date and refuses an unknown sort", async () => {
    const tom = await ctxOf(TOM);
    expect((await listMyWork(tom, {})).items).toEqual((await listMyWork(tom, { sort: "due" })).items);
    await expect(listMyWork(tom, { sort: "title" as "due" })).rejects.toThrow(InvalidInputError);
  });
});
