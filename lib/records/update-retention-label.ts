/**
 * Changes a label of the actor's agency's file plan (issue 8): any of its fields, the rest kept
 * as they are. The result is checked as a whole, as a new label would be (every problem at once,
 * in `error.issues`); switching the trigger away from an event, or the action away from a review
 * or a relabelling, drops the event type, stages or target that no longer apply. A retired label
 * is not changed (409), nor is a reference taken by another label (409). For the agency's records
 * managers only; another agency's label is 404. Audited as "retention_label.update" with the
 * fields before and after.
 *
 * Items already labelled keep the due date they were given; recomputing them is the labelling
 * operations' (lib/records/apply-*), which read the label as it is now.
 */
import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { retentionLabels } from "@/db/schema";
import { ConflictError } from "../errors";
import { inTransaction, type PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { findLabel, invalidFields, isUniqueViolation, labelFieldsOf, labelIssues, labelValues, labelViews, parseFields, ZLabelFields, type RetentionLabelView } from "./file-plan-shared";

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
      await recordAudit(tx, { action: "retention_label.update", subjectType: "retention_label", subjectId: updated.id, details: { before: labelValues(labelFieldsOf(before)), after: labelValues(fields) } });
      return updated;
    });
    return (await labelViews(ctx, [row]))[0]!;
  } catch (err) {
    if (!(err instanceof ConflictError) && isUniqueViolation(err)) {
      throw new ConflictError(`Your file plan already has a label with the reference "${fields.reference}": choose another`, { issues: [{ path: "reference", message: `Your file plan already has a label with the reference "${fields.reference}"` }] });
    }
    throw err;
  }
}
