/**
 * Disposal review, disposal and certificates (issue 8) on the demo scenario: a two-stage review
 * (Janet, then Priya) ends with the document, its versions, Yjs state and comments gone and a
 * certificate naming both approvers; extend, relabel, add reviewers and restrict; a comment is
 * required; Tom (not named) and Alex (another agency) get 404, Priya at a stage not hers 403; a
 * held item never enters the queue and survives the sweep; the sweep is idempotent, and a sweep
 * killed mid-batch (or two at once) disposes each item exactly once; files' bytes go after the
 * commit; expired certificates are purged and never listed.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import * as t from "@/db/schema";
import { buildActor, buildDocument, openSeededDatabaseForFile, policyCtx, type SeededScenario } from "@/db/factories";
import { testEngine } from "@/db/testing";
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from "../errors";
import { fileServices } from "../files/file-services";
import { temporaryFileServicesForFile } from "../files/testing/temporary-file-services";
import { addPeriod, ukDay } from "./retention-clock";
import { decideDisposalReview } from "./decide-disposal-review";
import { listReviewQueue } from "./list-review-queue";
import { listDisposalCertificates } from "./list-disposal-certificates";
import { listNotifications } from "../notifications/list-notifications";
import { retentionSweepContext, sweepRetention } from "./sweep-retention";

let db: Db;
let s: SeededScenario;
openSeededDatabaseForFile((opened) => {
  db = opened.db;
  s = opened.scenario;
});
const blobs = temporaryFileServicesForFile({ maxUploadBytes: 1024 * 1024 });

const JANET = "janet.okafor@dcp.example";
const PRIYA = "priya.shah@dcp.example";
const TOM = "tom.hughes@dcp.example";
const ALEX = "alex.morgan@dor.example";
const KESTREL = "Operation Kestrel";
const DAY = 24 * 60 * 60 * 1000;

const ctxOf = async (email: string, now = new Date()) => policyCtx(db, await buildActor(db, s.userId(email), now), now);
const today = () => ukDay(new Date());
const yesterday = () => ukDay(new Date(Date.now() - DAY));
const sweep = (options: Parameters<typeof sweepRetention>[1] = {}) => sweepRetention(retentionSweepContext(db), { batchSize: 50, ...options });

/** A label of DCP's file plan made for one test. */
async function label(fields: { action: "review" | "delete" | "relabel"; stages?: string[][]; relabelToId?: string; periodYears?: number; name?: string }) {
  const [row] = await db
    .insert(t.retentionLabels)
    .values({
      agencyId: s.agencyId("DCP"),
      reference: `T-${randomBytes(4).toString("hex")}`,
      name: fields.name ?? "Test label",
      trigger: "labelled",
      periodYears: fields.periodYears ?? 0,
      action: fields.action,
      relabelToId: fields.relabelToId ?? null,
      reviewStages: (fields.stages ?? []).map((emails, i) => ({ name: `Stage ${i + 1} review`, reviewerIds: emails.map((e) => s.userId(e)) })),
    })
    .returning();
  return row!;
}

/** A Kestrel document with a Yjs state, a version and a comment, labelled and due on `dueOn`. */
async function documentItem(labelId: string, fields: { dueOn?: string; title?: string; state?: "retained" | "in_review"; stage?: number } = {}) {
  const doc = await buildDocument(db, { spaceId: s.spaceId(KESTREL), title: fields.title ?? `Disposal test ${randomUUID()}` });
  const bytes = new Uint8Array([1, 2, 3]);
  await db.insert(t.documentStates).values({ documentId: doc.id, state: bytes });
  await db.insert(t.documentVersions).values({ documentId: doc.id, number: 1, kind: "named", state: bytes, marking: doc.marking });
  const [thread] = await db.insert(t.commentThreads).values({ documentId: doc.id, spaceId: doc.spaceId, anchor: { start: { assoc: 0 }, end: { assoc: 0 } } }).returning();
  await db.insert(t.comments).values({ threadId: thread!.id, body: "A remark" });
  const [item] = await db
    .insert(t.recordItems)
    .values({
      itemType: "document",
      itemId: doc.id,
      spaceId: doc.spaceId,
      owningAgencyId: doc.owningAgencyId,
      labelId,
      appliedHow: "manual",
      dueOn: fields.dueOn ?? yesterday(),
      state: fields.state ?? "retained",
      reviewStage: fields.state === "in_review" ? (fields.stage ?? 1) : null,
      reviewStartedAt: fields.state === "in_review" ? new Date(Date.now() - DAY) : null,
    })
    .returning();
  return { doc, item: item! };
}

async function holdOn(target: { itemType: "document" | "file" | "submission"; itemId: string } | { spaceId: string }) {
  const [hold] = await db.insert(t.holds).values({ agencyId: s.agencyId("DCP"), name: "Kestrel disclosure", kind: "cpia", reason: "Relevant material (CPIA 1996)" }).returning();
  await db.insert(t.holdScopes).values({ holdId: hold!.id, ...target });
  return hold!;
}
const releaseHold = (holdId: string) => db.update(t.holds).set({ releasedAt: new Date(), releaseReason: "Case concluded" }).where(eq(t.holds.id, holdId));

const itemRow = async (id: string) => (await db.select().from(t.recordItems).where(eq(t.recordItems.id, id)))[0];
const certificatesOf = (itemId: string) => db.select().from(t.disposalCertificates).where(eq(t.disposalCertificates.itemId, itemId));
const auditCount = async (action: string, subjectId: string) =>
  (await db.select({ id: t.auditEvents.id }).from(t.auditEvents).where(and(eq(t.auditEvents.action, action), eq(t.auditEvents.subjectId, subjectId)))).length;
const queueIds = async (email: string) => (await listReviewQueue(await ctxOf(email))).items.map((i) => i.id);
const documentGone = async (documentId: string) => ({
  document: (await db.select().from(t.documents).where(eq(t.documents.id, documentId))).length,
  state: (await db.select().from(t.documentStates).where(eq(t.documentStates.documentId, documentId))).length,
  versions: (await db.select().from(t.documentVersions).where(eq(t.documentVersions.documentId, documentId))).length,
  threads: (await db.select().from(t.commentThreads).where(eq(t.commentThreads.documentId, documentId))).length,
});

describe(`disposal review (${testEngine})`, () => {
  it("takes an item through a two-stage review to disposal: content gone, a certificate naming both approvers", async () => {
    const lbl = await label({ action: "review", stages: [[JANET], [PRIYA]], name: "Crime file – Group 3" });
    const { doc, item } = await documentItem(lbl.id, { title: "Kestrel witness list" });
    await sweep();
    const inReview = await itemRow(item.id);
    expect([inReview?.state, inReview?.reviewStage]).toEqual(["in_review", 1]);
    const told = await db.select().from(t.notifications).where(and(eq(t.notifications.subjectId, item.id), eq(t.notifications.kind, "record-review-due")));
    expect(told.map((n) => n.recipientId)).toEqual([s.userId(JANET)]);
    // Content-free: the notification names no title.
    const listed = (await listNotifications(await ctxOf(JANET), { limit: 100 })).items.find((n) => n.id === told[0]!.id);
    expect([listed?.kind, listed?.text, listed?.subject]).toEqual(["record-review-due", "An item is waiting for your disposal review", null]);

    const janetQueue = await listReviewQueue(await ctxOf(JANET));
    const shown = janetQueue.items.find((i) => i.id === item.id);
    expect(shown).toMatchObject({ title: "Kestrel witness list", itemType: "document", space: { name: KESTREL }, stage: 1, stageCount: 2, stageName: "Stage 1 review", label: { reference: lbl.reference } });
    expect(await queueIds(PRIYA)).not.toContain(item.id);

    const first = await decideDisposalReview(await ctxOf(JANET), { recordItemId: item.id, decision: "approve", comment: "No longer needed at stage 1" });
    expect([first.state, first.stage]).toEqual(["in_review", 2]);
    expect(await queueIds(PRIYA)).toContain(item.id);
    const toldPriya = await db.select().from(t.notifications).where(and(eq(t.notifications.subjectId, item.id), eq(t.notifications.recipientId, s.userId(PRIYA))));
    expect(toldPriya).toHaveLength(1);

    const second = await decideDisposalReview(await ctxOf(PRIYA), { recordItemId: item.id, decision: "approve", comment: "Agreed: dispose" });
    expect(second.state).toBe("disposed");
    expect(await documentGone(doc.id)).toEqual({ document: 0, state: 0, versions: 0, threads: 0 });
    expect(await itemRow(item.id)).toBeUndefined();
    const [certificate, ...more] = await certificatesOf(doc.id);
    expect(more).toHaveLength(0);
    expect(certificate).toMatchObject({ itemType: "document", title: "Kestrel witness list", spaceName: KESTREL, marking: "OFFICIAL", labelReference: lbl.reference, labelName: "Crime file – Group 3", outcome: "deleted", disposedBy: s.userId(PRIYA) });
    expect(certificate!.approvals.map((a) => [a.stage, a.stageName, a.reviewerName, a.comment])).toEqual([
      [1, "Stage 1 review", "Janet Okafor", "No longer needed at stage 1"],
      [2, "Stage 2 review", "DS Priya Shah", "Agreed: dispose"],
    ]);
    expect(certificate!.keepUntil.getUTCFullYear() - certificate!.disposedAt.getUTCFullYear()).toBe(7);
    expect(await auditCount("record.dispose", doc.id)).toBe(1);
    expect(await auditCount("record.review", doc.id)).toBe(2);
    const [dispose] = await db.select().from(t.auditEvents).where(and(eq(t.auditEvents.action, "record.dispose"), eq(t.auditEvents.subjectId, doc.id)));
    expect(JSON.stringify(dispose!.details)).not.toContain("Kestrel witness list");
    // The event names its certificate and is Priya's, as recordAudit() would have written it.
    expect(dispose!.details).toEqual({ recordItemId: item.id, certificateId: certificate!.id, labelId: lbl.id, labelReference: lbl.reference, outcome: "deleted", approvals: 2 });
    expect([dispose!.actorUserId, dispose!.agencyId, dispose!.subjectType, dispose!.spaceId, dispose!.markingBefore]).toEqual([s.userId(PRIYA), s.agencyId("DCP"), "document", doc.spaceId, "OFFICIAL"]);

    const found = await listDisposalCertificates(await ctxOf(JANET), { q: "witness list" });
    expect(found.items.map((c) => c.itemId)).toContain(doc.id);
    expect((await listDisposalCertificates(await ctxOf(JANET), { q: lbl.reference })).items.map((c) => c.itemId)).toEqual([doc.id]);
    expect((await listDisposalCertificates(await ctxOf(JANET), { from: today(), to: today() })).items.map((c) => c.itemId)).toContain(doc.id);
    expect((await listDisposalCertificates(await ctxOf(JANET), { to: yesterday() })).items.map((c) => c.itemId)).not.toContain(doc.id);
    expect((await listDisposalCertificates(await ctxOf(TOM))).items).toEqual([]);
    expect((await listDisposalCertificates(await ctxOf(ALEX))).items).toEqual([]);
  });

  it("requires a comment for every decision, and leaves the item as it was without one", async () => {
    const lbl = await label({ action: "review", stages: [[JANET]] });
    const { item } = await documentItem(lbl.id, { state: "in_review" });
    const janet = await ctxOf(JANET);
    for (const decision of ["approve", "extend", "relabel", "add_reviewers", "restrict"] as const) {
      for (const comment of [undefined, "", "   "]) {
        const err = await decideDisposalReview(janet, { recordItemId: item.id, decision, comment: comment as string }).catch((e: unknown) => e);
        expect(err, `${decision} ${JSON.stringify(comment)}`).toBeInstanceOf(InvalidInputError);
        expect((err as Error).message).toBe("Give a comment for your decision");
      }
    }
    expect((await itemRow(item.id))?.state).toBe("in_review");
    expect(await db.select().from(t.disposalDecisions).where(eq(t.disposalDecisions.recordItemId, item.id))).toHaveLength(0);
  });

  it("lets only the stage's reviewers and records managers decide: Tom and Alex 404, Priya 403 at a stage not hers", async () => {
    const lbl = await label({ action: "review", stages: [[JANET], [PRIYA]] });
    const { item } = await documentItem(lbl.id, { state: "in_review", stage: 1 });
    const decide = async (email: string) => decideDisposalReview(await ctxOf(email), { recordItemId: item.id, decision: "approve", comment: "Dispose" }).catch((e: unknown) => e);
    expect(await decide(TOM)).toBeInstanceOf(NotFoundError);
    expect(await decide(ALEX)).toBeInstanceOf(NotFoundError);
    // Priya owns Kestrel, so she sees its items' records; stage 1 is not hers to decide.
    expect(await decide(PRIYA)).toBeInstanceOf(ForbiddenError);
    expect(await decideDisposalReview(await ctxOf(TOM), { recordItemId: randomUUID(), decision: "approve", comment: "x" }).catch((e: unknown) => e)).toBeInstanceOf(NotFoundError);
    expect(await queueIds(TOM)).not.toContain(item.id);
    expect(await queueIds(ALEX)).toEqual([]);
    const row = await itemRow(item.id);
    expect([row?.state, row?.reviewStage]).toEqual(["in_review", 1]);
  });

  it("extends to a new date after today, back to retained and out of the queue", async () => {
    const lbl = await label({ action: "review", stages: [[JANET]] });
    const { item } = await documentItem(lbl.id, { state: "in_review" });
    const janet = await ctxOf(JANET);
    const refusal = async (newDueOn: string | undefined) => (await decideDisposalReview(janet, { recordItemId: item.id, decision: "extend", comment: "Keep", newDueOn }).catch((e: unknown) => e)) as InvalidInputError;
    expect((await refusal(undefined)).details).toEqual({ issues: [{ path: "newDueOn", message: "Give the new date to keep the item until" }] });
    expect((await refusal(today())).message).toBe("The new date must be after today");
    expect((await refusal("2031-02-30")).message).toMatch(/real day/);
    const until = addPeriod(today(), { years: 2, months: 0, days: 0 });
    const done = await decideDisposalReview(janet, { recordItemId: item.id, decision: "extend", comment: "Linked case still open", newDueOn: until });
    expect([done.state, done.dueOn]).toEqual(["retained", until]);
    const row = await itemRow(item.id);
    expect([row?.state, row?.dueOn, row?.reviewStage]).toEqual(["retained", until, null]);
    expect(await queueIds(JANET)).not.toContain(item.id);
  });

  it("relabels, recomputing the clock under the new label", async () => {
    const lbl = await label({ action: "review", stages: [[JANET]] });
    const longer = await label({ action: "delete", periodYears: 6 });
    const { item } = await documentItem(lbl.id, { state: "in_review" });
    const janet = await ctxOf(JANET);
    expect(await decideDisposalReview(janet, { recordItemId: item.id, decision: "relabel", comment: "Group 3", newLabelId: randomUUID() }).catch((e: unknown) => (e as Error).message)).toBe("Choose a label of the file plan that is in use");
    const done = await decideDisposalReview(janet, { recordItemId: item.id, decision: "relabel", comment: "Group 3 applies", newLabelId: longer.id });
    const due = addPeriod(ukDay(janet.now), { years: 6, months: 0, days: 0 });
    expect([done.state, done.dueOn]).toEqual(["retained", due]);
    const row = await itemRow(item.id);
    expect([row?.labelId, row?.appliedHow, row?.dueOn, row?.state]).toEqual([longer.id, "relabel", due, "retained"]);
  });

  it("adds reviewers to the current stage: Tom, added, sees the item and decides it", async () => {
    const lbl = await label({ action: "review", stages: [[JANET], [JANET]] });
    const { item } = await documentItem(lbl.id, { state: "in_review" });
    const janet = await ctxOf(JANET);
    expect(await decideDisposalReview(janet, { recordItemId: item.id, decision: "add_reviewers", comment: "Ask Tom", reviewerIds: [s.userId(ALEX)] }).catch((e: unknown) => (e as Error).message)).toBe("Reviewers must be active people of the item's agency");
    await decideDisposalReview(janet, { recordItemId: item.id, decision: "add_reviewers", comment: "Tom knows this case", reviewerIds: [s.userId(TOM)] });
    expect((await itemRow(item.id))?.addedReviewers).toEqual({ "1": [s.userId(TOM)] });
    expect(await db.select().from(t.notifications).where(and(eq(t.notifications.subjectId, item.id), eq(t.notifications.recipientId, s.userId(TOM))))).toHaveLength(1);
    expect(await queueIds(TOM)).toContain(item.id);
    const moved = await decideDisposalReview(await ctxOf(TOM), { recordItemId: item.id, decision: "approve", comment: "Nothing outstanding" });
    expect(moved.stage).toBe(2);
    // Added to stage 1 only: stage 2 is not Tom's.
    expect(await queueIds(TOM)).not.toContain(item.id);
  });

  it("restricts instead of erasing (DPA s.47): the content stays, a certificate says restricted", async () => {
    const lbl = await label({ action: "review", stages: [[JANET], [PRIYA]] });
    const { doc, item } = await documentItem(lbl.id, { state: "in_review" });
    const done = await decideDisposalReview(await ctxOf(JANET), { recordItemId: item.id, decision: "restrict", comment: "Needed as evidence: restrict" });
    expect(done.state).toBe("restricted");
    expect((await itemRow(item.id))?.state).toBe("restricted");
    expect((await documentGone(doc.id)).document).toBe(1);
    const [certificate] = await certificatesOf(doc.id);
    expect(certificate?.outcome).toBe("restricted");
    expect(certificate?.approvals.map((a) => a.reviewerName)).toEqual(["Janet Okafor"]);
    expect(await auditCount("record.restrict", doc.id)).toBe(1);
    // Done: the sweep and the queue leave it alone.
    await sweep();
    expect((await itemRow(item.id))?.state).toBe("restricted");
    expect(await queueIds(JANET)).not.toContain(item.id);
  });
});

describe(`holds beat schedules (${testEngine})`, () => {
  it("never puts a held item in the queue, nor disposes one, whatever its label says", async () => {
    const review = await label({ action: "review", stages: [[JANET]] });
    const deletes = await label({ action: "delete" });
    const reviewed = await documentItem(review.id);
    const deleted = await documentItem(deletes.id);
    const hold = await holdOn({ itemType: "document", itemId: reviewed.doc.id });
    const hold2 = await holdOn({ itemType: "document", itemId: deleted.doc.id });
    await sweep();
    await sweep();
    expect((await itemRow(reviewed.item.id))?.state).toBe("retained");
    expect((await itemRow(deleted.item.id))?.state).toBe("retained");
    expect(await queueIds(JANET)).not.toContain(reviewed.item.id);
    expect((await documentGone(deleted.doc.id)).document).toBe(1);
    expect(await certificatesOf(deleted.doc.id)).toHaveLength(0);
    await releaseHold(hold.id);
    await releaseHold(hold2.id);
    await sweep();
    expect((await itemRow(reviewed.item.id))?.state).toBe("in_review");
    expect((await documentGone(deleted.doc.id)).document).toBe(0);
  });

  it("takes an item in review out of the queue while a hold on its space stands; no decision is taken on it", async () => {
    const lbl = await label({ action: "review", stages: [[JANET]] });
    const { doc, item } = await documentItem(lbl.id, { state: "in_review" });
    const hold = await holdOn({ spaceId: doc.spaceId });
    expect(await queueIds(JANET)).not.toContain(item.id);
    expect(await decideDisposalReview(await ctxOf(JANET), { recordItemId: item.id, decision: "approve", comment: "Dispose" }).catch((e: unknown) => (e as Error & { code: string }).code)).toBe("held");
    await sweep();
    expect((await itemRow(item.id))?.state).toBe("in_review");
    expect((await documentGone(doc.id)).document).toBe(1);
    await releaseHold(hold.id);
    expect(await queueIds(JANET)).toContain(item.id);
  });
});

describe(`the retention sweep (${testEngine})`, () => {
  it("is idempotent: a second run changes nothing", async () => {
    const deletes = await label({ action: "delete" });
    const review = await label({ action: "review", stages: [[JANET]] });
    const items = [await documentItem(deletes.id), await documentItem(deletes.id), await documentItem(review.id)];
    const notDue = await documentItem(deletes.id, { dueOn: addPeriod(today(), { years: 0, months: 0, days: 1 }) });
    const first = await sweep();
    expect(first.disposed).toBeGreaterThanOrEqual(2);
    const second = await sweep();
    expect(second).toEqual({ reviewStarted: 0, relabelled: 0, approved: 0, disposed: 0, certificatesPurged: 0, notified: 0 });
    for (const { doc } of items.slice(0, 2)) expect(await certificatesOf(doc.id)).toHaveLength(1);
    expect((await itemRow(items[2]!.item.id))?.state).toBe("in_review");
    expect(await db.select().from(t.notifications).where(eq(t.notifications.subjectId, items[2]!.item.id))).toHaveLength(1);
    expect((await itemRow(notDue.item.id))?.state).toBe("retained");
  });

  it("disposes each item exactly once when a sweep is killed mid-batch and run again", async () => {
    const deletes = await label({ action: "delete" });
    const items = await Promise.all(Array.from({ length: 5 }, () => documentItem(deletes.id)));
    let disposedBeforeCrash = 0;
    const crash = await sweep({
      batchSize: 2,
      afterDispose: (_certificate, index) => {
        disposedBeforeCrash++;
        if (index === 1) throw new Error("killed mid-batch");
      },
    }).catch((e: unknown) => e);
    expect((crash as Error).message).toBe("killed mid-batch");
    expect(disposedBeforeCrash).toBe(2);
    // The batch rolled back: nothing half-disposed, every item still due (approval and disposal
    // are one transaction for a label that deletes without review) and its content there.
    const states = await db.select({ state: t.recordItems.state }).from(t.recordItems).where(inArray(t.recordItems.id, items.map((i) => i.item.id)));
    expect(states.map((r) => r.state)).toEqual(Array(5).fill("retained"));
    for (const { doc } of items) expect((await documentGone(doc.id)).document).toBe(1);
    expect(await db.select().from(t.disposalCertificates).where(inArray(t.disposalCertificates.itemId, items.map((i) => i.doc.id)))).toHaveLength(0);

    await sweep({ batchSize: 2 });
    for (const { doc, item } of items) {
      const [certificate] = await certificatesOf(doc.id);
      expect(await certificatesOf(doc.id)).toHaveLength(1);
      expect(await auditCount("record.dispose", doc.id)).toBe(1);
      // Each disposal has its own event, naming its certificate; the schedule's work names no actor.
      const [event] = await db.select().from(t.auditEvents).where(and(eq(t.auditEvents.action, "record.dispose"), eq(t.auditEvents.subjectId, doc.id)));
      expect([event!.details.certificateId, event!.details.recordItemId, event!.actorUserId, event!.agencyId]).toEqual([certificate!.id, item.id, null, s.agencyId("DCP")]);
      expect(await itemRow(item.id)).toBeUndefined();
      expect((await documentGone(doc.id)).document).toBe(0);
    }
  });

  it("disposes an item a review approved whose disposal did not happen (a crash after the last approval), with the approvals on its certificate", async () => {
    const lbl = await label({ action: "review", stages: [[JANET]] });
    const { doc, item } = await documentItem(lbl.id, { state: "in_review" });
    await db.insert(t.disposalDecisions).values({ recordItemId: item.id, stage: 1, reviewerId: s.userId(JANET), decision: "approve", comment: "Dispose" });
    // Left approved, as a last approval whose own disposal failed leaves it.
    await db.update(t.recordItems).set({ state: "approved", reviewStage: null }).where(eq(t.recordItems.id, item.id));
    const result = await sweep();
    expect(result.disposed).toBeGreaterThanOrEqual(1);
    expect((await documentGone(doc.id)).document).toBe(0);
    const [certificate] = await certificatesOf(doc.id);
    expect(certificate?.approvals.map((a) => [a.stage, a.reviewerName, a.comment])).toEqual([[1, "Janet Okafor", "Dispose"]]);
  });

  it("disposes each item exactly once when two sweeps run at once", async () => {
    const deletes = await label({ action: "delete" });
    const items = await Promise.all(Array.from({ length: 8 }, () => documentItem(deletes.id)));
    const [a, b] = await Promise.all([sweep({ batchSize: 3 }), sweep({ batchSize: 3 })]);
    expect(a.disposed + b.disposed).toBeGreaterThanOrEqual(8);
    for (const { doc } of items) {
      expect(await certificatesOf(doc.id)).toHaveLength(1);
      expect(await auditCount("record.dispose", doc.id)).toBe(1);
    }
  });

  it("relabels at the end of a period, the clock recomputed under the successor", async () => {
    const successor = await label({ action: "delete", periodYears: 3 });
    const relabel = await label({ action: "relabel", relabelToId: successor.id });
    const { doc, item } = await documentItem(relabel.id);
    const ctx = retentionSweepContext(db);
    const result = await sweepRetention(ctx, { batchSize: 50 });
    expect(result.relabelled).toBeGreaterThanOrEqual(1);
    const row = await itemRow(item.id);
    expect([row?.labelId, row?.appliedHow, row?.dueOn, row?.state]).toEqual([successor.id, "relabel", addPeriod(ukDay(ctx.now), { years: 3, months: 0, days: 0 }), "retained"]);
    expect((await documentGone(doc.id)).document).toBe(1);
  });

  it("deletes a file's row and its bytes, and a submission with its versions", async () => {
    const deletes = await label({ action: "delete" });
    const blobKey = await fileServices().blobs.put(new Uint8Array([9, 9, 9]));
    const space = s.spaceId(KESTREL);
    const [file] = await db
      .insert(t.files)
      .values({ spaceId: space, owningAgencyId: s.agencyId("DCP"), marking: "OFFICIAL", markingRank: 1, name: "statement.pdf", extension: "pdf", mediaType: "application/pdf", sizeBytes: 3, sha256: "0".repeat(64), blobKey })
      .returning();
    const [version] = await db.select().from(t.formVersions).where(eq(t.formVersions.status, "published")).limit(1);
    const [submission] = await db
      .insert(t.submissions)
      .values({ formVersionId: version!.id, spaceId: space, owningAgencyId: s.agencyId("DCP"), marking: "OFFICIAL", markingRank: 1, ownerId: s.userId(PRIYA), status: "submitted", data: {} })
      .returning();
    await db.insert(t.submissionVersions).values({ submissionId: submission!.id, number: 1, status: "submitted", data: {} });
    for (const [itemType, itemId] of [["file", file!.id], ["submission", submission!.id]] as const) {
      await db.insert(t.recordItems).values({ itemType, itemId, spaceId: space, owningAgencyId: s.agencyId("DCP"), labelId: deletes.id, appliedHow: "manual", dueOn: yesterday() });
    }
    const before = await blobs.blobCount();
    await sweep();
    expect(await db.select().from(t.files).where(eq(t.files.id, file!.id))).toHaveLength(0);
    expect(await blobs.blobCount()).toBe(before - 1);
    expect(await db.select().from(t.submissions).where(eq(t.submissions.id, submission!.id))).toHaveLength(0);
    expect(await db.select().from(t.submissionVersions).where(eq(t.submissionVersions.submissionId, submission!.id))).toHaveLength(0);
    expect((await certificatesOf(file!.id))[0]?.title).toBe("statement.pdf");
    expect((await certificatesOf(submission!.id))).toHaveLength(1);
  });

  it("purges certificates kept long enough, and never lists them", async () => {
    const past = new Date(Date.now() - DAY);
    const [expired] = await db
      .insert(t.disposalCertificates)
      .values({ agencyId: s.agencyId("DCP"), itemType: "document", itemId: randomUUID(), title: "Old expired record", spaceName: KESTREL, marking: "OFFICIAL", labelReference: "OLD", labelName: "Old", outcome: "deleted", disposedAt: new Date(Date.now() - 8 * 365 * DAY), keepUntil: past })
      .returning();
    expect((await listDisposalCertificates(await ctxOf(JANET), { q: "Old expired" })).items).toEqual([]);
    const result = await sweep();
    expect(result.certificatesPurged).toBeGreaterThanOrEqual(1);
    expect(await db.select().from(t.disposalCertificates).where(eq(t.disposalCertificates.id, expired!.id))).toHaveLength(0);
    const purges = await db.select().from(t.auditEvents).where(eq(t.auditEvents.action, "record.certificate_purge"));
    expect(purges.some((e) => JSON.stringify(e.details).includes(expired!.id))).toBe(true);
  });

  it("refuses bad certificate searches with a clear message", async () => {
    const janet = await ctxOf(JANET);
    expect(await listDisposalCertificates(janet, { from: "2026-13-01" }).catch((e: unknown) => (e as Error).message)).toBe("The first day must be a real day, written YYYY-MM-DD");
    expect(await listDisposalCertificates(janet, { from: "2026-05-02", to: "2026-05-01" }).catch((e: unknown) => (e as Error).message)).toBe("The first day must not be after the last day");
  });
});

describe(`an item that is not in review (${testEngine})`, () => {
  let retainedId = "";
  beforeAll(async () => {
    const lbl = await label({ action: "review", stages: [[JANET]] });
    retainedId = (await documentItem(lbl.id, { dueOn: "2099-01-01" })).item.id;
  });
  it("takes no decision: 409 for a records manager, 404 for a stage reviewer (no stage names them while it is not in review)", async () => {
    expect(await decideDisposalReview(await ctxOf(JANET), { recordItemId: retainedId, decision: "approve", comment: "x" }).catch((e: unknown) => e)).toBeInstanceOf(ConflictError);
    expect(await decideDisposalReview(await ctxOf(TOM), { recordItemId: retainedId, decision: "approve", comment: "x" }).catch((e: unknown) => e)).toBeInstanceOf(NotFoundError);
    expect((await itemRow(retainedId))?.state).toBe("retained");
  });
});
