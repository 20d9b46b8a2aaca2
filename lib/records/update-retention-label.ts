/**
 * Changes a label of the actor's agency's file plan (issue 8): any of its fields, the rest kept
 * as they are. The result is checked as a whole, as a new label would be (every problem at once,
 * in `error.issues`); switching the trigger away from an event, or the action away from a review
 * or a relabelling, drops the event type, stages or target that no longer apply. A retired label
 * is not changed (409), nor is a reference taken by another label (409). For the agency's records
 * managers only; another agency's label is 404. Audited as "retention_label.update" with the
 * fields before and after.
 *
 * Items already labelled follow the label as it is now, as in Purview: in the same transaction,
 * every item of the label still `retained` gets its due day recomputed. A change of period alone
 * moves each due day from the day its clock started (set-based, one statement: clear periods keep
 * their last restart); a change of what starts the clock (the trigger, its event type, a clear
 * period) recomputes each item's clock from its content, labelling and events, as labelling it
 * afresh would, except that the day it was labelled stays. Items already in review, approved or
 * restricted stay where they are. A due day brought into the past asks for a sweep at once.
 */
import { and, eq, isNotNull, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { recordItems, retentionLabels } from "@/db/schema";
import { ConflictError, isUniqueViolation } from "../errors";
import { inTransaction, type PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { requestRetentionSweep } from "../jobs/sweep-signal";
import { loadRecordItems } from "./disposal-shared";
import { computeClock, dueSql, loadLabel } from "./record-item-shared";
import { findLabel, invalidFields, labelFieldsOf, labelIssues, labelValues, labelViews, parseFields, ZLabelFields, type RetentionLabelView } from "./file-plan-shared";

export const ZUpdateRetentionLabel = z.looseObject({ labelId: z.string({ message: "Name the label" }) });

/** The fields sent, over the label's current ones. */
function merge(current: z.infer<typeof ZLabelFields>, change: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...current };
  // Unknown fields are kept, so that the strict parse names them.
  for (const [key, value] of Object.entries(change)) if (value !== undefined) merged[key] = value;
  if (change.period && typeof change.period === "object" && !Array.isArray(change.period)) merged.period = { ...current.period, ...(change.period as object) };
  // What no longer applies goes with the choice that made it apply, unless the change names it.
  if (merged.trigger !== "event" && !("eventTypeId" in change)) merged.eventTypeId = null;
  if (merged.action !== "relabel" && !("relabelToId" in change)) merged.relabelToId = null;
  if (merged.action !== "review" && !("reviewStages" in change)) merged.reviewStages = [];
  return merged;
}

/** Changes the label; returns it as the file plan shows it. */
export async function updateRetentionLabel(ctx: PolicyCtx, raw: unknown): Promise<RetentionLabelView> {
  const { labelId, ...change } = parseFields(ZUpdateRetentionLabel, raw);
  const current = await findLabel(ctx, labelId, "update");
  if (current.retiredAt) throw new ConflictError("This label is retired: it can no longer be changed");
  const fields = parseFields(ZLabelFields, merge(labelFieldsOf(current), change));
  const issues = await labelIssues(ctx, fields, current.id);
  if (issues.length > 0) throw invalidFields(issues);
  try {
    const row = await inTransaction(ctx, async (tx) => {
      const before = await findLabel(tx, current.id, "update");
      const [updated] = await tx.db
        .update(retentionLabels)
        .set({ ...labelValues(fields), updatedAt: tx.now })
        .where(and(eq(retentionLabels.id, before.id), isNull(retentionLabels.retiredAt)))
        .returning();
      if (!updated) throw new ConflictError("This label is retired: it can no longer be changed");
      const recomputed = await recomputeClocks(tx, before, updated);
      await recordAudit(tx, { action: "retention_label.update", subjectType: "retention_label", subjectId: updated.id, details: { before: labelValues(labelFieldsOf(before)), after: labelValues(fields), itemsRecomputed: recomputed } });
      return { updated, recomputed };
    });
    if (row.recomputed > 0) requestRetentionSweep();
    return (await labelViews(ctx, [row.updated]))[0]!;
  } catch (err) {
    if (!(err instanceof ConflictError) && isUniqueViolation(err)) {
      throw new ConflictError(`Your file plan already has a label with the reference "${fields.reference}": choose another`, { issues: [{ path: "reference", message: `Your file plan already has a label with the reference "${fields.reference}"` }] });
    }
    throw err;
  }
}

type LabelRow = typeof retentionLabels.$inferSelect;

/** Items recomputed per round of the per-item recomputation (each round one read of the items). */
const RECOMPUTE_BATCH = 500;

/** Recomputes the clocks of the label's retained items after a change; returns how many were recomputed. */
async function recomputeClocks(tx: PolicyCtx, before: LabelRow, after: LabelRow): Promise<number> {
  const sameStart = before.trigger === after.trigger && before.eventTypeId === after.eventTypeId && before.isClearPeriod === after.isClearPeriod;
  const samePeriod = before.periodYears === after.periodYears && before.periodMonths === after.periodMonths && before.periodDays === after.periodDays;
  if (sameStart && samePeriod) return 0;
  const retained = and(eq(recordItems.labelId, after.id), eq(recordItems.state, "retained"));
  if (sameStart) {
    const moved = await tx.db
      .update(recordItems)
      .set({ dueOn: sql`${dueSql(sql`${recordItems.clockStartedOn}`)}`, updatedAt: tx.now })
      .from(retentionLabels)
      .where(and(eq(retentionLabels.id, recordItems.labelId), retained, isNotNull(recordItems.clockStartedOn)))
      .returning({ id: recordItems.id });
    return moved.length;
  }
  const label = (await loadLabel(tx, after.id))!;
  const ids = (await tx.db.select({ id: recordItems.id }).from(recordItems).where(retained).orderBy(recordItems.id)).map((r) => r.id);
  const asDate = (v: string | Date | null) => (v === null ? tx.now : new Date(v));
  for (let i = 0; i < ids.length; i += RECOMPUTE_BATCH) {
    for (const loaded of await loadRecordItems(tx, ids.slice(i, i + RECOMPUTE_BATCH))) {
      const { item } = loaded;
      const clock = await computeClock(
        tx,
        label,
        { owningAgencyId: item.owningAgencyId, spaceId: item.spaceId, createdAt: asDate(loaded.contentCreatedAt), updatedAt: asDate(loaded.contentUpdatedAt) },
        { labelledAt: item.labelledAt, subjectReference: item.subjectReference, subjectDateOfBirth: item.subjectDateOfBirth },
      );
      if (clock.clockStartedOn === item.clockStartedOn && clock.dueOn === item.dueOn) continue;
      await tx.db.update(recordItems).set({ clockStartedOn: clock.clockStartedOn, dueOn: clock.dueOn, updatedAt: tx.now }).where(eq(recordItems.id, item.id));
    }
  }
  return ids.length;
}
