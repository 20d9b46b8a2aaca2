/**
 * Notifications on the demo scenario: assigning a card tells the people newly assigned (not the
 * assigner); publishing or updating a briefing tells whoever may read it (not the author, not
 * Mark for an OFFICIAL-SENSITIVE one); the reminder sweep stores due-soon and overdue reminders
 * once (a second sweep stores nothing, a moved due date reminds again), skips completed cards and
 * an assignee who may not read the card now (Mark, expired vetting, on a card re-marked
 * OFFICIAL-SENSITIVE); the list never shows the title of a card its recipient may not read now,
 * and names no space they have left; nobody lists, counts or marks another person's.
 */
import { describe, expect, it } from "vitest";
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import * as t from "@/db/schema";
import { buildActor, buildMembership, buildUser, openSeededDatabaseForFile, policyCtx, type SeededScenario } from "@/db/factories";
import { testEngine } from "@/db/testing";
import { InvalidInputError, NotFoundError } from "../errors";
import { createCard } from "../boards/create-card";
import { getBoard } from "../boards/get-board";
import { getCard } from "../boards/get-card";
import { setCardAssignees } from "../boards/set-card-assignees";
import { updateCard } from "../boards/update-card";
import { publishBriefing } from "../briefings/publish-briefing";
import { reviseBriefing } from "../briefings/revise-briefing";
import { removeSpaceMember } from "../spaces/remove-space-member";
import { countUnreadNotifications } from "./count-unread-notifications";
import { listNotifications } from "./list-notifications";
import { markNotificationsRead } from "./mark-notifications-read";
import { notifyPeople } from "./notify-people";
import { startReminderSweep } from "./start-reminder-sweep";
import { sweepCardReminders, sweepContext } from "./sweep-card-reminders";

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
const KESTREL = "Operation Kestrel";
const HOUR = 60 * 60 * 1000;

const ctxOf = async (email: string) => policyCtx(db, await buildActor(db, s.userId(email)));
const ctxOfId = async (userId: string) => policyCtx(db, await buildActor(db, userId));
const tasking = () => s.boardId("Kestrel tasking");
const at = (ms: number) => new Date(Date.now() + ms).toISOString();

/** A card on Kestrel's board made by Priya, assigned to the people named (by id). */
async function assignedCard(title: string, assigneeIds: string[], fields: { dueAt?: string | null; marking?: string } = {}) {
  const priya = await ctxOf(PRIYA);
  const [todo] = (await getBoard(priya, { boardId: tasking() })).columns;
  const card = await createCard(priya, { boardId: tasking(), columnId: todo!.id, title, marking: fields.marking ?? "OFFICIAL", dueAt: fields.dueAt ?? null });
  const assigned = await setCardAssignees(priya, { cardId: card.id, userIds: assigneeIds });
  return assigned;
}

/** The notifications about a subject, as stored. */
const storedFor = (subjectId: string) => db.select().from(t.notifications).where(eq(t.notifications.subjectId, subjectId));
const recipientsOf = async (subjectId: string, kind?: t.NotificationKind) =>
  (await storedFor(subjectId))
    .filter((n) => kind === undefined || n.kind === kind)
    .map((n) => n.recipientId)
    .sort();
const sorted = (...ids: string[]) => [...ids].sort();
const sweep = (now = new Date()) => sweepCardReminders(sweepContext(db, now));

describe(`notifications (${testEngine})`, () => {
  describe("assignment and briefings", () => {
    it("tells the people newly assigned to a card, not the assigner, and not again for the same assignment", async () => {
      const card = await assignedCard("Notify: canvass the estate", [s.userId(TOM), s.userId(PRIYA)]);
      expect(await recipientsOf(card.id, "card-assigned")).toEqual([s.userId(TOM)]);
      // Adding Alex tells Alex only: Tom was already assigned.
      const priya = await ctxOf(PRIYA);
      await setCardAssignees(priya, { cardId: card.id, userIds: [s.userId(TOM), s.userId(ALEX)] });
      expect(await recipientsOf(card.id, "card-assigned")).toEqual(sorted(s.userId(TOM), s.userId(ALEX)));
      // Unassigned and assigned again: told again (a new assignment).
      await setCardAssignees(priya, { cardId: card.id, userIds: [s.userId(ALEX)] });
      await setCardAssignees(priya, { cardId: card.id, userIds: [s.userId(ALEX), s.userId(TOM)] });
      expect((await recipientsOf(card.id, "card-assigned")).filter((id) => id === s.userId(TOM))).toHaveLength(2);
    });

    it("stores a (recipient, key) once only, however often it is asked", async () => {
      const card = await assignedCard("Notify: dedupe", []);
      const one = { recipientId: s.userId(TOM), kind: "card-assigned" as const, spaceId: s.spaceId(KESTREL), subjectType: "card" as const, subjectId: card.id, dedupeKey: `test:${card.id}` };
      const ctx = sweepContext(db);
      expect(await notifyPeople(ctx, [one, one])).toHaveLength(1);
      expect(await notifyPeople(ctx, [one])).toHaveLength(0);
      expect(await storedFor(card.id)).toHaveLength(1);
    });

    it("tells a briefing's audience of each revision, never the author, and not Mark of an OFFICIAL-SENSITIVE one", async () => {
      const priya = await ctxOf(PRIYA);
      const open = await publishBriefing(priya, { boardId: tasking(), title: "Notify: morning briefing", body: "Meet at 08:00.", marking: "OFFICIAL" });
      expect(await recipientsOf(open.id, "briefing-published")).toEqual(sorted(s.userId(TOM), s.userId(MARK), s.userId(ALEX)));
      const hidden = await publishBriefing(priya, { boardId: tasking(), title: "Notify: source briefing", body: "Handler meets at 14:00." });
      expect(hidden.marking).toBe("OFFICIAL-SENSITIVE");
      expect(await recipientsOf(hidden.id, "briefing-published")).toEqual(sorted(s.userId(TOM), s.userId(ALEX)));
      // An update is a new revision: its audience is told again.
      await reviseBriefing(priya, { briefingId: open.id, body: "Moved to 09:00." });
      const told = await recipientsOf(open.id, "briefing-published");
      expect(told.filter((id) => id === s.userId(TOM))).toHaveLength(2);
      expect(told).not.toContain(s.userId(PRIYA));
      // Tom's list names it, with a link to the board.
      const item = (await listNotifications(await ctxOf(TOM))).items.find((n) => n.subject?.id === open.id);
      expect(item).toMatchObject({ kind: "briefing-published", text: "Briefing published: “Notify: morning briefing”", space: { name: KESTREL }, subject: { type: "briefing", href: `/spaces/${s.spaceId(KESTREL)}/boards/${tasking()}` } });
    });
  });

  describe("the reminder sweep", () => {
    it("reminds each assignee once of a card due soon and of an overdue one, and a second sweep stores nothing", async () => {
      const now = new Date();
      const soon = await assignedCard("Sweep: due in two hours", [s.userId(TOM), s.userId(ALEX)], { dueAt: at(2 * HOUR) });
      const overdue = await assignedCard("Sweep: due an hour ago", [s.userId(TOM)], { dueAt: at(-HOUR) });
      const later = await assignedCard("Sweep: due in three days", [s.userId(TOM)], { dueAt: at(72 * HOUR) });
      const undated = await assignedCard("Sweep: no due date", [s.userId(TOM)]);

      const first = await sweep(now);
      expect(first.dueSoon).toBeGreaterThanOrEqual(2);
      expect(first.overdue).toBeGreaterThanOrEqual(1);
      expect(await recipientsOf(soon.id, "card-due-soon")).toEqual(sorted(s.userId(TOM), s.userId(ALEX)));
      expect(await recipientsOf(overdue.id, "card-overdue")).toEqual([s.userId(TOM)]);
      expect(await recipientsOf(overdue.id, "card-due-soon")).toEqual([]);
      expect(await recipientsOf(later.id, "card-due-soon")).toEqual([]);
      expect(await recipientsOf(undated.id, "card-due-soon")).toEqual([]);
      const audits = await db.select().from(t.auditEvents).where(eq(t.auditEvents.action, "notification.reminder_sweep"));
      expect(audits.length).toBeGreaterThanOrEqual(1);
      expect(audits.at(-1)).toMatchObject({ actorUserId: null, outcome: "success" });
      expect(JSON.stringify(audits.at(-1))).not.toContain("Sweep: due");

      // Idempotent: the same sweep again stores nothing and audits nothing.
      const second = await sweep(now);
      expect(second).toMatchObject({ dueSoon: 0, overdue: 0, hasMore: false });
      expect(await db.select().from(t.auditEvents).where(eq(t.auditEvents.action, "notification.reminder_sweep"))).toHaveLength(audits.length);

      // Later, the due-soon card is overdue: one overdue reminder more for each assignee.
      const afterDue = new Date(now.getTime() + 3 * HOUR);
      const third = await sweep(afterDue);
      expect(third.overdue).toBeGreaterThanOrEqual(2);
      expect(await recipientsOf(soon.id, "card-overdue")).toEqual(sorted(s.userId(TOM), s.userId(ALEX)));
      expect(await sweep(afterDue)).toMatchObject({ dueSoon: 0, overdue: 0 });
    });

    it("reminds again when the due date moves, and works through the candidates in batches", async () => {
      const now = new Date();
      const card = await assignedCard("Sweep: moved", [s.userId(TOM)], { dueAt: at(HOUR) });
      await sweep(now);
      expect(await recipientsOf(card.id, "card-due-soon")).toEqual([s.userId(TOM)]);
      const current = await getCard(await ctxOf(PRIYA), { cardId: card.id });
      await updateCard(await ctxOf(PRIYA), { cardId: card.id, expectedVersion: current.version, dueAt: at(5 * HOUR) });
      // A batch of one: every candidate is still reached.
      const result = await sweepCardReminders(sweepContext(db, now), { batchSize: 1 });
      expect(result.dueSoon).toBe(1);
      expect(await recipientsOf(card.id, "card-due-soon")).toEqual([s.userId(TOM), s.userId(TOM)]);
      const keys = (await storedFor(card.id)).filter((n) => n.kind === "card-due-soon").map((n) => n.dedupeKey);
      expect(new Set(keys).size).toBe(2);
      expect(keys.every((k) => k.includes(card.id))).toBe(true);
    });

    it("stops at its bound and leaves the rest for the next sweep", async () => {
      const now = new Date();
      const a = await assignedCard("Sweep: bound A", [s.userId(TOM)], { dueAt: at(3 * HOUR) });
      const b = await assignedCard("Sweep: bound B", [s.userId(TOM)], { dueAt: at(3 * HOUR) });
      const first = await sweepCardReminders(sweepContext(db, now), { maxReminders: 1 });
      expect(first).toMatchObject({ dueSoon: 1, hasMore: true });
      const second = await sweepCardReminders(sweepContext(db, now), { maxReminders: 1 });
      expect(second.dueSoon).toBe(1);
      expect([...(await recipientsOf(a.id, "card-due-soon")), ...(await recipientsOf(b.id, "card-due-soon"))]).toHaveLength(2);
    });

    it("skips completed cards", async () => {
      const card = await assignedCard("Sweep: already done", [s.userId(TOM)], { dueAt: at(-2 * HOUR) });
      // Completed (written directly: completing is another operation's).
      await db.update(t.cards).set({ completedAt: new Date(), completedBy: s.userId(TOM) }).where(eq(t.cards.id, card.id));
      await sweep();
      expect(await recipientsOf(card.id, "card-overdue")).toEqual([]);
    });

    it("skips an assignee who may not read the card now: Mark, once the card is re-marked above his expired vetting", async () => {
      const card = await assignedCard("Sweep: Mark's card", [s.userId(MARK), s.userId(TOM)], { dueAt: at(HOUR) });
      expect(await recipientsOf(card.id, "card-assigned")).toEqual(sorted(s.userId(MARK), s.userId(TOM)));
      const priya = await ctxOf(PRIYA);
      const current = await getCard(priya, { cardId: card.id });
      await updateCard(priya, { cardId: card.id, expectedVersion: current.version, marking: "OFFICIAL-SENSITIVE" });
      const result = await sweep();
      expect(result.skipped).toBeGreaterThanOrEqual(1);
      expect(await recipientsOf(card.id, "card-due-soon")).toEqual([s.userId(TOM)]);
      // Asked again on every sweep, and still not reminded.
      await sweep();
      expect(await recipientsOf(card.id, "card-due-soon")).toEqual([s.userId(TOM)]);
    });

    it("skips an assignee whose account is disabled", async () => {
      const person = await buildUser(db, { agencyId: s.agencyId("DCP") });
      await buildMembership(db, { spaceId: s.spaceId(KESTREL), userId: person.id, role: "member" });
      const card = await assignedCard("Sweep: disabled assignee", [person.id], { dueAt: at(HOUR) });
      await db.update(t.users).set({ status: "disabled" }).where(eq(t.users.id, person.id));
      await sweep();
      expect(await recipientsOf(card.id, "card-due-soon")).toEqual([]);
    });
  });

  describe("the list", () => {
    it("shows the title while the recipient may read the card, and no title once it is re-marked above their vetting", async () => {
      const card = await assignedCard("List: interview the neighbour", [s.userId(MARK)]);
      const before = (await listNotifications(await ctxOf(MARK))).items.find((n) => n.kind === "card-assigned" && n.subject?.id === card.id);
      expect(before).toMatchObject({ text: "You were assigned “List: interview the neighbour”", isUnread: true, space: { id: s.spaceId(KESTREL), name: KESTREL }, subject: { type: "card", marking: "OFFICIAL", href: `/spaces/${s.spaceId(KESTREL)}/boards/${tasking()}#card-${card.id}` } });

      const priya = await ctxOf(PRIYA);
      const current = await getCard(priya, { cardId: card.id });
      await updateCard(priya, { cardId: card.id, expectedVersion: current.version, marking: "OFFICIAL-SENSITIVE" });

      const after = await listNotifications(await ctxOf(MARK));
      const item = after.items.find((n) => n.id === before!.id);
      expect(item).toMatchObject({ kind: "card-assigned", subject: null, text: `You were assigned a card in ${KESTREL}`, space: { name: KESTREL } });
      expect(JSON.stringify(after)).not.toContain("interview the neighbour");
      // Priya may read it: her own notifications are hers, and Mark's are not among them.
      expect((await listNotifications(priya)).items.map((n) => n.id)).not.toContain(before!.id);
    });

    it("names no space the recipient has left, and no title", async () => {
      const person = await buildUser(db, { agencyId: s.agencyId("DCP") });
      await buildMembership(db, { spaceId: s.spaceId(KESTREL), userId: person.id, role: "member" });
      const card = await assignedCard("List: leaver's card", [person.id], { dueAt: at(-HOUR) });
      await sweep();
      await removeSpaceMember(await ctxOf(PRIYA), { spaceId: s.spaceId(KESTREL), userId: person.id });
      const list = await listNotifications(await ctxOfId(person.id));
      expect(list.items.map((n) => [n.kind, n.text, n.space, n.subject])).toEqual(
        expect.arrayContaining([
          ["card-assigned", "You were assigned a card in a space you no longer have access to", null, null],
          ["card-overdue", "A card in a space you no longer have access to is overdue", null, null],
        ]),
      );
      const text = JSON.stringify(list);
      expect(text).not.toContain("leaver's card");
      expect(text).not.toContain(KESTREL);
      expect(text).not.toContain(card.id);
    });

    it("pages newest first, refuses a cursor it did not give, and audits showing OFFICIAL-SENSITIVE titles", async () => {
      const person = await buildUser(db, { agencyId: s.agencyId("DCP"), vettingLevel: "RV", vettingExpiresOn: "2099-01-01" });
      await buildMembership(db, { spaceId: s.spaceId(KESTREL), userId: person.id, role: "member" });
      const first = await assignedCard("List: first", [person.id], { marking: "OFFICIAL-SENSITIVE" });
      const second = await assignedCard("List: second", [person.id]);
      const ctx = await ctxOfId(person.id);
      const page1 = await listNotifications(ctx, { limit: 1 });
      expect(page1.items.map((n) => n.subject?.id)).toEqual([second.id]);
      expect(page1.nextCursor).not.toBeNull();
      const page2 = await listNotifications(ctx, { limit: 1, cursor: page1.nextCursor! });
      expect(page2.items.map((n) => n.subject?.id)).toEqual([first.id]);
      expect(page2.nextCursor).toBeNull();
      const consulted = await db.select().from(t.auditEvents).where(and(eq(t.auditEvents.action, "notification.list_read"), eq(t.auditEvents.actorUserId, person.id)));
      expect(consulted).toHaveLength(1);
      expect(consulted[0]).toMatchObject({ markingBefore: "OFFICIAL-SENSITIVE", details: { sensitiveCardIds: [first.id] } });
      await expect(listNotifications(ctx, { cursor: "bm90LWEtY3Vyc29y" })).rejects.toThrow(InvalidInputError);
      await expect(listNotifications(ctx, { limit: 1000 })).rejects.toThrow(InvalidInputError);
    });
  });

  describe("one's own only", () => {
    it("counts and marks read one's own, one or all, audited; another person's is 404 and unchanged", async () => {
      const person = await buildUser(db, { agencyId: s.agencyId("DCP") });
      const other = await buildUser(db, { agencyId: s.agencyId("DCP") });
      for (const id of [person.id, other.id]) await buildMembership(db, { spaceId: s.spaceId(KESTREL), userId: id, role: "member" });
      await assignedCard("Own: one", [person.id, other.id]);
      await assignedCard("Own: two", [person.id, other.id]);
      const ctx = await ctxOfId(person.id);
      const otherCtx = await ctxOfId(other.id);
      expect(await countUnreadNotifications(ctx)).toBe(2);
      const [mine] = (await listNotifications(ctx)).items;
      const theirs = (await listNotifications(otherCtx)).items;

      // Someone else's: 404, alone or beside one's own, and nothing changes.
      await expect(markNotificationsRead(ctx, { ids: [theirs[0]!.id] })).rejects.toThrow(NotFoundError);
      await expect(markNotificationsRead(ctx, { ids: [mine!.id, theirs[0]!.id] })).rejects.toThrow(NotFoundError);
      await expect(markNotificationsRead(ctx, { ids: ["not-a-uuid"] })).rejects.toThrow(NotFoundError);
      await expect(markNotificationsRead(ctx, { ids: [] })).rejects.toThrow(InvalidInputError);
      await expect(markNotificationsRead(ctx, {})).rejects.toThrow(InvalidInputError);
      await expect(markNotificationsRead(ctx, { ids: [mine!.id], all: true })).rejects.toThrow(InvalidInputError);
      expect(await countUnreadNotifications(ctx)).toBe(2);
      expect(await countUnreadNotifications(otherCtx)).toBe(2);

      expect(await markNotificationsRead(ctx, { ids: [mine!.id] })).toEqual({ marked: 1, unreadCount: 1 });
      // Again: nothing more changes, and nothing more is recorded.
      expect(await markNotificationsRead(ctx, { ids: [mine!.id] })).toEqual({ marked: 0, unreadCount: 1 });
      expect(await markNotificationsRead(ctx, { all: true })).toEqual({ marked: 1, unreadCount: 0 });
      expect((await listNotifications(ctx)).items.every((n) => !n.isUnread)).toBe(true);
      const audits = await db.select().from(t.auditEvents).where(and(eq(t.auditEvents.action, "notification.read"), eq(t.auditEvents.actorUserId, person.id)));
      expect(audits).toHaveLength(2);
      // "All" was the person's own: the other's are untouched.
      expect(await countUnreadNotifications(otherCtx)).toBe(2);
      const othersRows = await db.select().from(t.notifications).where(inArray(t.notifications.id, theirs.map((n) => n.id)));
      expect(othersRows.every((n) => n.readAt === null)).toBe(true);
    });
  });

  describe("the schedule", () => {
    it("sweeps at once, and a failing sweep is logged with its request id, not thrown", async () => {
      const card = await assignedCard("Schedule: at start-up", [s.userId(TOM)], { dueAt: at(HOUR) });
      const logs: string[] = [];
      const running = startReminderSweep({ db: async () => db, intervalSeconds: 3600, log: (m) => logs.push(m) });
      await running.runNow();
      await running.stop();
      expect(await recipientsOf(card.id, "card-due-soon")).toEqual([s.userId(TOM)]);
      expect(logs.some((m) => /reminders: \d+ due soon/.test(m))).toBe(true);

      const errors: string[] = [];
      const failing = startReminderSweep({
        db: async () => {
          throw new Error("database down");
        },
        intervalSeconds: 3600,
        log: () => {},
        logError: (m) => errors.push(m),
      });
      expect(await failing.runNow()).toBeNull();
      await failing.stop();
      expect(errors.length).toBeGreaterThanOrEqual(1);
      expect(errors[0]).toMatch(/reminders: sweep .* failed/);
      expect(() => startReminderSweep({ db: async () => db, intervalSeconds: 0, log: () => {} })).toThrow(/bad interval/);
    });
  });
});
