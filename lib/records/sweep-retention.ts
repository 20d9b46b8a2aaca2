/**
 * The retention sweep (issue 8), run by the job queue every ACCORD_RETENTION_SWEEP_SECONDS and
 * once at start-up (lib/jobs/job-queue.ts). For every labelled item still `retained` whose due
 * day has come (due_on <= today, a UK day) and that no standing hold covers, what its label says:
 *  - review: the item enters its disposal review at stage 1 (state in_review) and the stage's
 *    named reviewers are notified (a content-free "record-review-due");
 *  - relabel: the label's successor is applied and the clock recomputed under it;
 *  - delete: the item is approved for disposal, then disposed (dispose-record-item.ts) with its
 *    certificate.
 * Then every approved item not yet disposed (a review whose last approval's disposal failed, a
 * crashed sweep) is disposed, and certificates past their keep-until date are purged.
 *
 * Holds beat schedules: a held item is never moved, whatever its label says. An item already in
 * review when a hold is placed on it stays in_review at its stage but leaves the queue (the queue
 * and every decision skip held items); when the hold is released it is back where it was.
 *
 * Idempotent and resumable: an item's state is its progress, and every step is a state
 * transition claimed in one short transaction per batch (`UPDATE … WHERE id IN (SELECT … LIMIT n
 * FOR UPDATE SKIP LOCKED)`), so normal use is never held up for long, two sweeps at once (two
 * instances) never take the same item, and a sweep killed mid-batch leaves that batch as it was
 * for the next one. Run twice, the second run finds nothing to do. Work done under the
 * application's identity: its audit events name no actor, and the item's agency.
 */
import { randomUUID } from "node:crypto";
import { inArray, sql } from "drizzle-orm";
import { inTransaction, type Ctx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { env } from "../env";
import { notifyPeople } from "../notifications/notify-people";
import { retentionLabels } from "@/db/schema";
import { ukDay } from "./retention-clock";
import { clockUnderLabel, loadRecordItems, notHeldAs, stageReviewerIds } from "./disposal-shared";
import { disposeApprovedItems, removeBlobs, rowsOf, type DisposalCertificateRow } from "./dispose-record-item";

export type RetentionSweepResult = {
  reviewStarted: number;
  relabelled: number;
  approved: number;
  disposed: number;
  certificatesPurged: number;
  notified: number;
};

export type SweepRetentionOptions = {
  /** Items per transaction (default ACCORD_RETENTION_SWEEP_BATCH). */
  batchSize?: number;
  certificateRetentionYears?: number;
  /** Called inside the disposal transaction after each item (tests simulate a crash with it). */
  afterDispose?: (certificate: DisposalCertificateRow, index: number) => void | Promise<void>;
};

/** The context of a sweep run by the job queue: no actor, a fresh request id for the audit trail. */
export function retentionSweepContext(db: Ctx["db"], now: Date = new Date()): Ctx {
  return { db, actor: null, requestId: `retention-sweep-${randomUUID()}`, now };
}

/** Sweeps once: review, relabel and delete due items, dispose approved ones, purge expired certificates. */
export async function sweepRetention(ctx: Ctx, options: SweepRetentionOptions = {}): Promise<RetentionSweepResult> {
  const batchSize = options.batchSize ?? env().retentionSweepBatch;
  const result: RetentionSweepResult = { reviewStarted: 0, relabelled: 0, approved: 0, disposed: 0, certificatesPurged: 0, notified: 0 };
  const today = ukDay(ctx.now);

  // Items due under a label whose action is `action`, not held, claimed for this transaction.
  const dueUnder = (action: "review" | "relabel" | "delete", exclude: string[] = []) => sql`
    SELECT ri.id FROM record_items ri JOIN retention_labels l ON l.id = ri.label_id
    WHERE ri.state = 'retained' AND ri.due_on IS NOT NULL AND ri.due_on <= ${today}::date AND l.action = ${action}
      AND ${notHeldAs("ri")}
      ${exclude.length ? sql`AND NOT (ri.id = ANY(${sql.param(exclude)}::uuid[]))` : sql``}
    ORDER BY ri.due_on, ri.id
    LIMIT ${batchSize}
    FOR UPDATE OF ri SKIP LOCKED`;

  // 1. Disposal review: stage 1, its reviewers told.
  for (;;) {
    const moved = await inTransaction(ctx, async (tx) => {
      const rows = rowsOf<{ id: string }>(
        await tx.db.execute(sql`
          UPDATE record_items SET state = 'in_review', review_stage = 1, added_reviewers = '{}'::jsonb, review_started_at = ${tx.now.toISOString()}::timestamptz, updated_at = ${tx.now.toISOString()}::timestamptz
          WHERE id IN (${dueUnder("review")})
          RETURNING id`),
      );
      if (rows.length === 0) return 0;
      const loaded = await loadRecordItems(tx, rows.map((r) => r.id));
      const notified = await notifyPeople(
        tx,
        loaded.flatMap((l) =>
          stageReviewerIds(l.label.reviewStages, 1, {}).map((recipientId) => ({
            recipientId,
            kind: "record-review-due" as const,
            spaceId: l.item.spaceId,
            subjectType: "record_item" as const,
            subjectId: l.item.id,
            dedupeKey: `record-review-due:${l.item.id}:1:${tx.now.toISOString()}`,
          })),
        ),
      );
      result.notified += notified.length;
      await auditByAgency(tx, "record.review_start", loaded.map((l) => ({ agencyId: l.item.owningAgencyId, id: l.item.id })));
      return rows.length;
    });
    result.reviewStarted += moved;
    if (moved < batchSize) break;
  }

  // 2. Relabelling: the successor label, its clock recomputed (an item is relabelled once a sweep).
  const relabelledIds: string[] = [];
  for (;;) {
    const moved = await inTransaction(ctx, async (tx) => {
      const rows = rowsOf<{ id: string }>(await tx.db.execute(dueUnder("relabel", relabelledIds)));
      if (rows.length === 0) return 0;
      const loaded = await loadRecordItems(tx, rows.map((r) => r.id));
      const successors = await loadLabels(tx, [...new Set(loaded.map((l) => l.label.relabelToId!).filter(Boolean))]);
      for (const l of loaded) {
        const next = successors.get(l.label.relabelToId ?? "");
        if (!next) continue;
        const clock = await clockUnderLabel(tx, l, next);
        await tx.db.execute(sql`
          UPDATE record_items SET label_id = ${next.id}, applied_how = 'relabel', labelled_by = NULL, labelled_at = ${tx.now.toISOString()}::timestamptz,
            clock_started_on = ${clock.clockStartedOn}::date, due_on = ${clock.dueOn}::date, updated_at = ${tx.now.toISOString()}::timestamptz
          WHERE id = ${l.item.id}`);
        await recordAudit(tx, {
          action: "record.relabel",
          subjectType: l.item.itemType,
          subjectId: l.item.itemId,
          spaceId: l.item.spaceId,
          agencyId: l.item.owningAgencyId,
          details: { recordItemId: l.item.id, fromLabelId: l.label.id, toLabelId: next.id, dueOn: clock.dueOn, by: "schedule" },
        });
        relabelledIds.push(l.item.id);
      }
      return rows.length;
    });
    result.relabelled += moved;
    if (moved < batchSize) break;
  }

  // 3. Deletion without review: approved by the schedule.
  for (;;) {
    const moved = await inTransaction(ctx, async (tx) => {
      const rows = rowsOf<{ id: string; owning_agency_id: string }>(
        await tx.db.execute(sql`
          UPDATE record_items SET state = 'approved', updated_at = ${tx.now.toISOString()}::timestamptz
          WHERE id IN (${dueUnder("delete")})
          RETURNING id, owning_agency_id`),
      );
      await auditByAgency(tx, "record.approve_disposal", rows.map((r) => ({ agencyId: r.owning_agency_id, id: r.id })));
      return rows.length;
    });
    result.approved += moved;
    if (moved < batchSize) break;
  }

  // 4. Disposal of every approved item not held, a batch per transaction; bytes after each commit.
  for (;;) {
    const done = await inTransaction(ctx, (tx) => disposeApprovedItems(tx, { limit: batchSize, certificateRetentionYears: options.certificateRetentionYears, afterEach: options.afterDispose }));
    await removeBlobs(ctx, done.blobKeys);
    result.disposed += done.certificates.length;
    if (done.certificates.length < batchSize) break;
  }

  // 5. Certificates kept long enough.
  for (;;) {
    const purged = await inTransaction(ctx, async (tx) => {
      const rows = rowsOf<{ id: string; agency_id: string }>(
        await tx.db.execute(sql`
          DELETE FROM disposal_certificates WHERE id IN (
            SELECT id FROM disposal_certificates WHERE keep_until <= ${tx.now.toISOString()}::timestamptz ORDER BY keep_until, id LIMIT ${batchSize} FOR UPDATE SKIP LOCKED
          ) RETURNING id, agency_id`),
      );
      await auditByAgency(tx, "record.certificate_purge", rows.map((r) => ({ agencyId: r.agency_id, id: r.id })));
      return rows.length;
    });
    result.certificatesPurged += purged;
    if (purged < batchSize) break;
  }
  return result;
}

/** One audit event per agency for a batch's items (the trail is chained per agency), naming them by id. */
async function auditByAgency(tx: Ctx, action: string, items: { agencyId: string; id: string }[]): Promise<void> {
  const byAgency = new Map<string, string[]>();
  for (const { agencyId, id } of items) byAgency.set(agencyId, [...(byAgency.get(agencyId) ?? []), id]);
  for (const [agencyId, ids] of byAgency) {
    await recordAudit(tx, { action, subjectType: "system", agencyId, details: { count: ids.length, ids, by: "schedule" } });
  }
}

async function loadLabels(tx: Ctx, ids: string[]): Promise<Map<string, typeof retentionLabels.$inferSelect>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.db.select().from(retentionLabels).where(inArray(retentionLabels.id, ids));
  return new Map(rows.map((r) => [r.id, r]));
}
