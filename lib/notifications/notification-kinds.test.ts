/**
 * The notification kinds of issue 10 on the demo scenario: a mention tells the person mentioned
 * (never the author), a reply tells the thread's earlier authors (not the author, not those the
 * reply mentions, not one who may no longer read the document); the list shows a document's title
 * only while its recipient may read it; access about to end (a membership, an agreement a guest's
 * space runs under, one's vetting) is told once, ahead, to those who may still see the space; and
 * each person's choices are kept (their own only, audited) and respected: a kind turned off in the
 * app stores nothing, from an operation or a sweep.
 */
import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import * as t from "@/db/schema";
import { buildActor, buildDocument, buildMembership, buildUser, openSeededDatabaseForFile, policyCtx, type SeededScenario } from "@/db/factories";
import { testEngine } from "@/db/testing";
import { RANKS } from "@/policies/markings";
import { InvalidInputError } from "../errors";
import { CONTENT_FIELD } from "../collab/yjs-content";
import { createCommentThread } from "../comments/create-comment-thread";
import { replyToCommentThread } from "../comments/reply-to-comment-thread";
import { listNotifications } from "./list-notifications";
import { listNotificationPreferences } from "./list-notification-preferences";
import { setNotificationPreferences } from "./set-notification-preferences";
import { notifyPeople } from "./notify-people";
import { sweepAccessExpiry } from "./sweep-access-expiry";
import { sweepContext } from "./sweep-card-reminders";

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
const DAY = 86_400_000;

const ctxOf = async (email: string) => policyCtx(db, await buildActor(db, s.userId(email)));
const ctxOfId = async (userId: string) => policyCtx(db, await buildActor(db, userId));
/** A valid anchor (the comment operations check its form, not where it points). */
const ANCHOR = { start: { tname: CONTENT_FIELD, assoc: 0 }, end: { tname: CONTENT_FIELD, assoc: -1 } };

/** An OFFICIAL document of Kestrel's, for one test's comments. */
const kestrelDocument = (title: string) => buildDocument(db, { spaceId: s.spaceId(KESTREL), title, marking: "OFFICIAL", createdBy: s.userId(PRIYA) });
const openThread = async (email: string, documentId: string, mentionIds: string[] = []) =>
  createCommentThread(await ctxOf(email), { documentId, anchor: ANCHOR, quote: "", body: "Can you check this?", mentionIds });
const reply = async (email: string, threadId: string, mentionIds: string[] = []) => replyToCommentThread(await ctxOf(email), { threadId, body: "Done.", mentionIds });

const toldOf = async (threadId: string, kind: t.NotificationKind) =>
  (await db.select().from(t.notifications).where(and(eq(t.notifications.subjectId, threadId), eq(t.notifications.kind, kind)))).map((n) => n.recipientId).sort();
const sorted = (...ids: string[]) => [...ids].sort();
/** Raises a document above Mark's expired vetting, as a re-marking would (written directly: that is another operation's). */
const remarkSensitive = (documentId: string) => db.update(t.documents).set({ marking: "OFFICIAL-SENSITIVE", markingRank: RANKS["OFFICIAL-SENSITIVE"] }).where(eq(t.documents.id, documentId));

describe(`mentions and replies (${testEngine})`, () => {
  it("tells the people a new thread mentions, never its author, and nobody else", async () => {
    const doc = await kestrelDocument("Kinds: canvass plan");
    const { id } = await openThread(PRIYA, doc.id, [s.userId(TOM), s.userId(PRIYA), s.userId(ALEX)]);
    expect(await toldOf(id, "comment-mention")).toEqual(sorted(s.userId(TOM), s.userId(ALEX)));
    expect(await toldOf(id, "comment-reply")).toEqual([]);
    const item = (await listNotifications(await ctxOf(TOM))).items.find((n) => n.kind === "comment-mention" && n.subject?.id === doc.id);
    expect(item).toMatchObject({ text: "You were mentioned in a comment on “Kinds: canvass plan”", space: { name: KESTREL }, subject: { type: "document", href: `/documents/${doc.id}`, marking: "OFFICIAL" } });
  });

  it("tells a thread's earlier authors of a reply, except its author and those it mentions (told of the mention instead)", async () => {
    const doc = await kestrelDocument("Kinds: house-to-house");
    const { id } = await openThread(PRIYA, doc.id);
    // Tom replies mentioning Alex: Priya (who wrote before) hears of a reply, Alex of a mention, Tom of nothing.
    await reply(TOM, id, [s.userId(ALEX)]);
    expect(await toldOf(id, "comment-reply")).toEqual([s.userId(PRIYA)]);
    expect(await toldOf(id, "comment-mention")).toEqual([s.userId(ALEX)]);
    // Alex replies mentioning Priya: Tom hears of a reply; Priya of the mention only, not twice.
    await reply(ALEX, id, [s.userId(PRIYA)]);
    expect(await toldOf(id, "comment-reply")).toEqual(sorted(s.userId(PRIYA), s.userId(TOM)));
    expect(await toldOf(id, "comment-mention")).toEqual(sorted(s.userId(ALEX), s.userId(PRIYA)));
    const priyaTold = await db.select().from(t.notifications).where(and(eq(t.notifications.subjectId, id), eq(t.notifications.recipientId, s.userId(PRIYA))));
    expect(priyaTold.map((n) => n.kind).sort()).toEqual(["comment-mention", "comment-reply"]);
    const tomsReply = (await listNotifications(await ctxOf(TOM))).items.find((n) => n.kind === "comment-reply" && n.subject?.id === doc.id);
    expect(tomsReply?.text).toBe("New reply in a comment thread you are in on “Kinds: house-to-house”");
  });

  it("does not tell an earlier author who may no longer read the document, and never shows them its title", async () => {
    const doc = await kestrelDocument("Kinds: informant handling");
    const { id } = await openThread(MARK, doc.id);
    await reply(PRIYA, id);
    expect(await toldOf(id, "comment-reply")).toEqual([s.userId(MARK)]);
    const before = (await listNotifications(await ctxOf(MARK))).items.find((n) => n.kind === "comment-reply" && n.space?.name === KESTREL && n.subject?.id === doc.id);
    expect(before?.text).toBe("New reply in a comment thread you are in on “Kinds: informant handling”");

    // Re-marked above Mark's (expired) vetting: a new reply does not reach him, and the one he had names no title.
    await remarkSensitive(doc.id);
    await reply(TOM, id);
    expect(await toldOf(id, "comment-reply")).toEqual(sorted(s.userId(MARK), s.userId(PRIYA)));
    const list = await listNotifications(await ctxOf(MARK));
    const after = list.items.find((n) => n.id === before!.id);
    expect(after).toMatchObject({ kind: "comment-reply", subject: null, space: { name: KESTREL }, text: `New reply in a comment thread you are in, on a document in ${KESTREL}` });
    expect(JSON.stringify(list)).not.toContain("informant handling");
    expect(JSON.stringify(list)).not.toContain(doc.id);
  });

  it("shows a mention's title only while the person mentioned may read the document", async () => {
    const doc = await kestrelDocument("Kinds: surveillance log");
    await openThread(PRIYA, doc.id, [s.userId(MARK)]);
    const mine = (await listNotifications(await ctxOf(MARK))).items.find((n) => n.kind === "comment-mention" && n.subject?.id === doc.id);
    expect(mine?.text).toBe("You were mentioned in a comment on “Kinds: surveillance log”");
    await remarkSensitive(doc.id);
    const list = await listNotifications(await ctxOf(MARK));
    expect(list.items.find((n) => n.id === mine!.id)).toMatchObject({ subject: null, text: `You were mentioned in a comment on a document in ${KESTREL}` });
    expect(JSON.stringify(list)).not.toContain("surveillance log");
  });
});

describe(`preferences (${testEngine})`, () => {
  it("lists every kind with the defaults, stores one's own choices audited, and leaves the e-mail choice alone when it is not given", async () => {
    const person = await buildUser(db, { agencyId: s.agencyId("DCP") });
    const ctx = await ctxOfId(person.id);
    const defaults = await listNotificationPreferences(ctx);
    expect(defaults).toHaveLength(t.NOTIFICATION_KINDS.length);
    expect(defaults.every((p) => p.inApp && p.email)).toBe(true);

    const after = await setNotificationPreferences(ctx, { preferences: [{ kind: "comment-reply", inApp: false, email: false }, { kind: "card-assigned", inApp: true }] });
    expect(after.find((p) => p.kind === "comment-reply")).toEqual({ kind: "comment-reply", inApp: false, email: false });
    expect(after.find((p) => p.kind === "card-assigned")).toEqual({ kind: "card-assigned", inApp: true, email: true });
    // Only the choice that changed is written and audited, with before and after.
    const rows = await db.select().from(t.notificationPreferences).where(eq(t.notificationPreferences.userId, person.id));
    expect(rows.map((r) => r.kind)).toEqual(["comment-reply"]);
    const audits = await db.select().from(t.auditEvents).where(and(eq(t.auditEvents.action, "notification.preferences_update"), eq(t.auditEvents.actorUserId, person.id)));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ subjectId: person.id, details: { changes: [{ kind: "comment-reply", before: { inApp: true, email: true }, after: { inApp: false, email: false } }] } });

    // In the app on again, e-mail not given: e-mail stays off.
    await setNotificationPreferences(ctx, { preferences: [{ kind: "comment-reply", inApp: true }] });
    expect((await listNotificationPreferences(ctx)).find((p) => p.kind === "comment-reply")).toEqual({ kind: "comment-reply", inApp: true, email: false });
    // The same again changes nothing and records nothing.
    await setNotificationPreferences(ctx, { preferences: [{ kind: "comment-reply", inApp: true, email: false }] });
    expect(await db.select().from(t.auditEvents).where(and(eq(t.auditEvents.action, "notification.preferences_update"), eq(t.auditEvents.actorUserId, person.id)))).toHaveLength(2);
    // Someone else's choices are untouched.
    expect((await listNotificationPreferences(await ctxOf(TOM))).every((p) => p.inApp && p.email)).toBe(true);

    await expect(setNotificationPreferences(ctx, { preferences: [{ kind: "everything", inApp: false }] })).rejects.toThrow(InvalidInputError);
    await expect(setNotificationPreferences(ctx, { preferences: [{ kind: "card-assigned", inApp: "no" }] })).rejects.toThrow(InvalidInputError);
    await expect(setNotificationPreferences(ctx, { preferences: [{ kind: "card-assigned", inApp: true }, { kind: "card-assigned", inApp: false }] })).rejects.toThrow(InvalidInputError);
  });

  it("stores nothing of a kind turned off in the app: a mention, a review due", async () => {
    const person = await buildUser(db, { agencyId: s.agencyId("DCP") });
    await buildMembership(db, { spaceId: s.spaceId(KESTREL), userId: person.id, role: "member" });
    const ctx = await ctxOfId(person.id);
    await setNotificationPreferences(ctx, { preferences: [{ kind: "comment-mention", inApp: false }, { kind: "record-review-due", inApp: false }] });
    const doc = await kestrelDocument("Kinds: quiet please");
    const { id } = await openThread(PRIYA, doc.id, [person.id, s.userId(TOM)]);
    expect(await toldOf(id, "comment-mention")).toEqual([s.userId(TOM)]);
    const review = { recipientId: person.id, kind: "record-review-due" as const, spaceId: s.spaceId(KESTREL), subjectType: "record_item" as const, subjectId: doc.id, dedupeKey: `test-review:${doc.id}` };
    expect(await notifyPeople(sweepContext(db), [review])).toEqual([]);
    expect(await db.select().from(t.notifications).where(eq(t.notifications.recipientId, person.id))).toEqual([]);

    // Turned on again, the next mention is told.
    await setNotificationPreferences(ctx, { preferences: [{ kind: "comment-mention", inApp: true }] });
    const again = await openThread(PRIYA, doc.id, [person.id]);
    expect(await toldOf(again.id, "comment-mention")).toEqual([person.id]);
  });
});

describe(`access about to end (${testEngine})`, () => {
  /** Kestrel runs under ISA-SW-001, reviewed on 2027-05-01: four days before, Alex (DOR, a guest) is told. */
  const beforeReview = new Date("2027-04-27T09:00:00Z");
  const sweep = (now: Date) => sweepAccessExpiry(sweepContext(db, now));
  const accessOf = async (userId: string) => db.select().from(t.notifications).where(and(eq(t.notifications.recipientId, userId), eq(t.notifications.kind, "access-expiring")));

  it("tells a guest, once, that the agreement their space runs under ends, and nobody of the owning agency", async () => {
    // Kestrel's access review is kept up to date by then (an overdue one suspends guests, who then hear nothing).
    const [kestrel] = await db.select().from(t.spaces).where(eq(t.spaces.id, s.spaceId(KESTREL)));
    await db.update(t.spaces).set({ lastAttestedAt: new Date("2027-04-20T09:00:00Z") }).where(eq(t.spaces.id, kestrel!.id));
    try {
      await expectAgreementNotice();
    } finally {
      await db.update(t.spaces).set({ lastAttestedAt: kestrel!.lastAttestedAt }).where(eq(t.spaces.id, kestrel!.id));
    }
  });

  async function expectAgreementNotice() {
    const first = await sweep(beforeReview);
    expect(first.agreements).toBeGreaterThanOrEqual(1);
    const alex = (await accessOf(s.userId(ALEX))).filter((n) => n.subjectType === "agreement");
    expect(alex.map((n) => [n.spaceId, n.subjectId, n.dedupeKey])).toEqual([[s.spaceId(KESTREL), s.agreementId("ISA-SW-001"), `access-expiring:agreement:${s.agreementId("ISA-SW-001")}:${s.spaceId(KESTREL)}:2027-05-01`]]);
    expect((await accessOf(s.userId(TOM))).filter((n) => n.subjectType === "agreement")).toEqual([]);
    // Again: nothing more.
    const second = await sweep(beforeReview);
    expect(second.agreements).toBe(0);
    expect((await accessOf(s.userId(ALEX))).filter((n) => n.subjectType === "agreement")).toHaveLength(1);
    // A month before, it was too early to tell.
    const person = await buildUser(db, { agencyId: s.agencyId("DOR") });
    await buildMembership(db, { spaceId: s.spaceId(KESTREL), userId: person.id, role: "guest", agreementId: s.agreementId("ISA-SW-001"), expiresAt: new Date("2027-05-01T00:00:00Z") });
    await sweep(new Date("2027-03-27T09:00:00Z"));
    expect(await accessOf(person.id)).toEqual([]);
  }

  it("tells a member whose membership ends within the week, once per end date, and not one who turned the kind off in the app", async () => {
    const now = new Date();
    const leaving = await buildUser(db, { agencyId: s.agencyId("DCP") });
    const later = await buildUser(db, { agencyId: s.agencyId("DCP") });
    const quiet = await buildUser(db, { agencyId: s.agencyId("DCP") });
    await buildMembership(db, { spaceId: s.spaceId(KESTREL), userId: leaving.id, role: "member", expiresAt: new Date(now.getTime() + 2 * DAY) });
    await buildMembership(db, { spaceId: s.spaceId(KESTREL), userId: later.id, role: "member", expiresAt: new Date(now.getTime() + 30 * DAY) });
    await buildMembership(db, { spaceId: s.spaceId(KESTREL), userId: quiet.id, role: "member", expiresAt: new Date(now.getTime() + 2 * DAY) });
    await setNotificationPreferences(await ctxOfId(quiet.id), { preferences: [{ kind: "access-expiring", inApp: false }] });

    await sweep(now);
    expect((await accessOf(leaving.id)).map((n) => [n.subjectType, n.spaceId])).toEqual([["space", s.spaceId(KESTREL)]]);
    expect(await accessOf(later.id)).toEqual([]);
    expect(await accessOf(quiet.id)).toEqual([]);
    const listed = (await listNotifications(await ctxOfId(leaving.id))).items.find((n) => n.kind === "access-expiring");
    expect(listed).toMatchObject({ text: `Your access to ${KESTREL} ends soon`, space: { name: KESTREL }, subject: null });

    // Extended, then ending again: told again for the new date.
    await sweep(now);
    expect(await accessOf(leaving.id)).toHaveLength(1);
    await db.update(t.spaceMembers).set({ expiresAt: new Date(now.getTime() + 5 * DAY) }).where(and(eq(t.spaceMembers.spaceId, s.spaceId(KESTREL)), eq(t.spaceMembers.userId, leaving.id)));
    await sweep(now);
    expect(await accessOf(leaving.id)).toHaveLength(2);
  });

  it("tells a person whose vetting expires within the week, without naming a space, and not a disabled one", async () => {
    const now = new Date();
    const day = (ms: number) => new Date(now.getTime() + ms).toISOString().slice(0, 10);
    const expiring = await buildUser(db, { agencyId: s.agencyId("DCP"), vettingExpiresOn: day(3 * DAY) });
    const renewed = await buildUser(db, { agencyId: s.agencyId("DCP"), vettingExpiresOn: day(300 * DAY) });
    const disabled = await buildUser(db, { agencyId: s.agencyId("DCP"), vettingExpiresOn: day(3 * DAY), status: "disabled" });
    const result = await sweep(now);
    expect(result.vetting).toBeGreaterThanOrEqual(1);
    expect((await accessOf(expiring.id)).map((n) => [n.subjectType, n.spaceId, n.dedupeKey])).toEqual([["user", null, `access-expiring:vetting:${day(3 * DAY)}`]]);
    expect(await accessOf(renewed.id)).toEqual([]);
    expect(await accessOf(disabled.id)).toEqual([]);
    const listed = (await listNotifications(await ctxOfId(expiring.id))).items.find((n) => n.kind === "access-expiring");
    expect(listed).toMatchObject({ text: "Your vetting expires soon: ask your vetting unit to renew it", space: null, subject: null });
    expect((await sweep(now)).vetting).toBe(0);
  });
});
