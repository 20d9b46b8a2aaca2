/**
 * The retention sweep (issue 8), run by the job queue every ACCORD_RETENTION_SWEEP_SECONDS and
 * once at start-up (lib/jobs/job-queue.ts). For every labelled item still `retained` whose due
 * day has come (due_on <= today, a UK day) and that no standing hold covers, what its label says:
 *  - review: the item enters its disposal review at stage 1 (state in_review) and the stage's
 *    named reviewers are notified (a content-free "record-review-due");
 *  - relabel: the label's successor is applied and the clock recomputed under it;
 *  - delete: the item is approved for disposal by the schedule and disposed in the same
 *    transaction (dispose-record-item.ts), with its certificate and audit event (no approvals).
 * Then every approved item not yet disposed (a review whose last approval's disposal failed, a
 * crashed sweep) is disposed, and certificates past their keep-until date are purged.
 *
 * Holds beat schedules: a held item is never moved, whatever its label says. An item already in
 * review when a hold is placed on it stays in_review at its stage but leaves the queue (the queue
 * and every decision skip held items); when the hold is released it is back where it was.
 *
 * Idempotent and resumable: an item's state is its progress, and every step is a state
 * transition claimed in one short transaction per batch (`SELECT … LIMIT n FOR UPDATE SKIP
 * LOCKED`, the rows then updated, or for a disposal deleted with their content; set-based, a few
 * statements per batch whatever its size), so normal use is never held up for long, two sweeps
 * at once (two instances) never take the same item, and a sweep killed mid-batch leaves that
 * batch as it was for the next one. Run twice, the second run finds nothing to do. Work done under the
 * application's identity: its audit events name no actor, and the item's agency.
 */
import { randomUUID } from "node:crypto";
import { sql, type SQL } from "drizzle-orm";
import { inTransaction, type Ctx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { env } from "../env";
import { notifyPeople } from "../notifications/notify-people";
import { ukDay } from "./retention-clock";
import { clockUnderLabel, loadRecordItems, notHeldAs, stageReviewerIds } from "./disposal-shared";
import { loadLabels } from "./record-item-shared";
import { rowsOf } from "@/db/client";
import { disposeApprovedItems, removeBlobs, type DisposalCertificateRow } from "./dispose-record-item";
import { enqueueGraphLabels } from "../graph/enqueue-graph-sync";

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
  /** Called inside each disposal transaction for each item, once the batch is written (tests simulate a crash with it). */
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

  // Items due under a label whose action is `action`, not held, claimed for this transaction, in
  // (due day, id) order after `after`, the last item the previous batch took. Each step walks the
  // due items once: a batch starts where the last one ended rather than at the start of the
  // (state, due_on) index, whose first entries are the dead ones of the rows the earlier batches
  // moved or deleted (until vacuum), so a sweep costs what it moves, not its square.
  const dueUnder = (action: "review" | "relabel" | "delete", after: Cursor | null) => sql`
    SELECT ri.id, ri.due_on::text AS due_on FROM record_items ri JOIN retention_labels l ON l.id = ri.label_id
    WHERE ri.state = 'retained' AND ri.due_on IS NOT NULL AND ri.due_on <= ${today}::date AND l.action = ${action}
      AND ${notHeldAs("ri")}
      ${after ? sql`AND (ri.due_on, ri.id) > (${after.due_on}::date, ${after.id}::uuid)` : sql``}
    ORDER BY ri.due_on, ri.id
    LIMIT ${batchSize}
    FOR UPDATE OF ri SKIP LOCKED`;

  // 1. Disposal review: stage 1, its reviewers told.
  let reviewAfter: Cursor | null = null;
  for (;;) {
    const moved = await inTransaction(ctx, async (tx) => {
      const rows = rowsOf<Cursor>(
        await tx.db.execute(sql`
          WITH claimed AS (${dueUnder("review", reviewAfter)})
          UPDATE record_items SET state = 'in_review', review_stage = 1, added_reviewers = '{}'::jsonb, review_started_at = ${tx.now.toISOString()}::timestamptz, updated_at = ${tx.now.toISOString()}::timestamptz
          FROM claimed WHERE record_items.id = claimed.id
          RETURNING record_items.id, claimed.due_on`),
      );
      if (rows.length === 0) return 0;
      reviewAfter = lastOf(rows);
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
  // The cursor also keeps an item relabelled to a label already run out from being relabelled again.
  let relabelAfter: Cursor | null = null;
  for (;;) {
    const moved = await inTransaction(ctx, async (tx) => {
      const rows = rowsOf<Cursor>(await tx.db.execute(dueUnder("relabel", relabelAfter)));
      if (rows.length === 0) return 0;
      relabelAfter = lastOf(rows);
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
      }
      // The successor label in SharePoint too (issue 9).
      await enqueueGraphLabels(tx, loaded.map((l) => ({ itemType: l.item.itemType, itemId: l.item.itemId })));
      return rows.length;
    });
    result.relabelled += moved;
    if (moved < batchSize) break;
  }

  let disposeAfter: Cursor | null = null;
  const dispose = async (claim?: SQL) => {
    const done = await inTransaction(ctx, (tx) => disposeApprovedItems(tx, { claim, limit: batchSize, certificateRetentionYears: options.certificateRetentionYears, afterEach: options.afterDispose }));
    await removeBlobs(ctx, done.blobKeys);
    result.disposed += done.certificates.length;
    disposeAfter = (done.claimed.at(-1) as Cursor | undefined) ?? disposeAfter;
    return done.claimed.length;
  };

  // 3. Deletion without review: approved by the schedule and disposed in the same transaction, a
  // batch at a time (the claim takes due, unheld items under a deleting label; a batch rolled
  // back leaves them due for the next sweep, so each is disposed once).
  for (;;) {
    const claimed = await dispose(dueUnder("delete", disposeAfter));
    result.approved += claimed;
    if (claimed < batchSize) break;
  }

  // 4. Disposal of every other approved item not held (a review's last approval whose disposal
  // failed, or one left by a crash), oldest first.
  for (;;) if ((await dispose()) < batchSize) break;

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

/** Where a step's batches have got to: the last item taken, by due day (as text) and id. */
type Cursor = { id: string; due_on: string };

/** The greatest (due day, id) of a batch (an UPDATE's RETURNING is in no particular order). */
function lastOf(rows: Cursor[]): Cursor {
  return rows.reduce((a, b) => (b.due_on > a.due_on || (b.due_on === a.due_on && b.id > a.id) ? b : a));
}

/** One audit event per agency for a batch's items (the trail is chained per agency), naming them by id. */
async function auditByAgency(tx: Ctx, action: string, items: { agencyId: string; id: string }[]): Promise<void> {
  const byAgency = new Map<string, string[]>();
  for (const { agencyId, id } of items) {
    const ids = byAgency.get(agencyId);
    if (ids) ids.push(id);
    else byAgency.set(agencyId, [id]);
  }
  for (const [agencyId, ids] of byAgency) {
    await recordAudit(tx, { action, subjectType: "system", agencyId, details: { count: ids.length, ids, by: "schedule" } });
  }
}
