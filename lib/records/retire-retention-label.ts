/**
 * Takes a label out of the actor's agency's file plan (issue 8). A label in use (on items, in a
 * rule, a space's default, another label's relabelling target, a review decision, a certificate
 * of disposal citing it) is retired, not deleted: what it labels keeps it and its schedule, and
 * it is offered for nothing new. A label nothing refers to is deleted. Retiring a retired label
 * again changes nothing. For the agency's records managers only; another agency's label is 404.
 * Audited as "retention_label.retire" or "retention_label.delete".
 */
import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { retentionLabels } from "@/db/schema";
import { parseInput } from "../errors";
import { inTransaction, type PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { findLabel, labelFieldsOf, labelUsage, labelValues, labelViews, type RetentionLabelView } from "./file-plan-shared";

export const ZRetireRetentionLabel = z.object({ labelId: z.string({ message: "Name the label" }) });

export type RetireRetentionLabelResult = { outcome: "retired"; label: RetentionLabelView } | { outcome: "deleted"; id: string };

/** Retires the label when it is in use, deletes it otherwise. */
export async function retireRetentionLabel(ctx: PolicyCtx, raw: unknown): Promise<RetireRetentionLabelResult> {
  const { labelId } = parseInput(ZRetireRetentionLabel, raw);
  await findLabel(ctx, labelId, "delete");
  const result = await inTransaction(ctx, async (tx): Promise<{ outcome: "retired"; row: typeof retentionLabels.$inferSelect } | { outcome: "deleted"; id: string }> => {
    const label = await findLabel(tx, labelId, "delete");
    // Locks the label so that nothing starts using it between the count and the delete.
    await tx.db.select({ id: retentionLabels.id }).from(retentionLabels).where(eq(retentionLabels.id, label.id)).for("update");
    if (label.retiredAt) return { outcome: "retired", row: label };
    const usage = await labelUsage(tx, label);
    const isInUse = Object.values(usage).some((n) => n > 0);
    if (isInUse) {
      const [retired] = await tx.db.update(retentionLabels).set({ retiredAt: tx.now, updatedAt: tx.now }).where(and(eq(retentionLabels.id, label.id), isNull(retentionLabels.retiredAt))).returning();
      await recordAudit(tx, { action: "retention_label.retire", subjectType: "retention_label", subjectId: label.id, details: { reference: label.reference, usage } });
      return { outcome: "retired", row: retired ?? label };
    }
    await tx.db.delete(retentionLabels).where(eq(retentionLabels.id, label.id));
    await recordAudit(tx, { action: "retention_label.delete", subjectType: "retention_label", subjectId: label.id, details: { before: labelValues(labelFieldsOf(label)) } });
    return { outcome: "deleted", id: label.id };
  });
  if (result.outcome === "deleted") return result;
  return { outcome: "retired", label: (await labelViews(ctx, [result.row]))[0]! };
}
