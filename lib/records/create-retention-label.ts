/**
 * Adds a retention label to the actor's agency's file plan (issue 8): its reference, category,
 * authority and citation, its period and what starts the clock, what happens at the end, and
 * whether it declares a record. Every field's problem is refused at once (`error.issues`); a
 * reference the file plan already has is 409. For the agency's records managers only (403 for
 * the rest of the agency). Audited as "retention_label.create".
 */
import type { z } from "zod";
import { retentionLabels } from "@/db/schema";
import { ConflictError, isUniqueViolation } from "../errors";
import { inTransaction, type PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { authorizeFilePlan, invalidFields, labelIssues, labelValues, labelViews, parseFields, ZLabelFields, type RetentionLabelView } from "./file-plan-shared";

export const ZCreateRetentionLabel = ZLabelFields;
export type CreateRetentionLabelInput = z.input<typeof ZCreateRetentionLabel>;

/** Creates the label; returns it as the file plan shows it. */
export async function createRetentionLabel(ctx: PolicyCtx, raw: unknown): Promise<RetentionLabelView> {
  authorizeFilePlan(ctx, "create", ctx.actor.agency.id);
  const fields = parseFields(ZCreateRetentionLabel, raw);
  const issues = await labelIssues(ctx, fields, null);
  if (issues.length > 0) throw invalidFields(issues);
  try {
    const row = await inTransaction(ctx, async (tx) => {
      authorizeFilePlan(tx, "create", tx.actor.agency.id);
      const [created] = await tx.db
        .insert(retentionLabels)
        .values({ ...labelValues(fields), agencyId: tx.actor.agency.id, createdBy: tx.actor.userId, createdAt: tx.now, updatedAt: tx.now })
        .onConflictDoNothing()
        .returning();
      if (!created) throw new ConflictError(`Your file plan already has a label with the reference "${fields.reference}": choose another`, { issues: [{ path: "reference", message: `Your file plan already has a label with the reference "${fields.reference}"` }] });
      await recordAudit(tx, { action: "retention_label.create", subjectType: "retention_label", subjectId: created.id, details: { after: labelValues(fields) } });
      return created;
    });
    return (await labelViews(ctx, [row]))[0]!;
  } catch (err) {
    if (!(err instanceof ConflictError) && isUniqueViolation(err)) throw new ConflictError(`Your file plan already has a label with the reference "${fields.reference}": choose another`);
    throw err;
  }
}
