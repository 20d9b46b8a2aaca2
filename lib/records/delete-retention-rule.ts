/**
 * Removes a labelling rule from the actor's agency's file plan (issue 8). What the rule already
 * labelled keeps its label; new items are no longer labelled by it. For the agency's records
 * managers only; another agency's rule, or none, is 404. Audited as "retention_rule.delete".
 */
import { eq } from "drizzle-orm";
import { z } from "zod";
import { retentionRules } from "@/db/schema";
import { NotFoundError, parseInput } from "../errors";
import { inTransaction, type PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { isUuid } from "../spaces/get-space";
import { authorizeFilePlan } from "./file-plan-shared";

export const ZDeleteRetentionRule = z.object({ ruleId: z.string({ message: "Name the rule" }) });

/** Deletes the rule. */
export async function deleteRetentionRule(ctx: PolicyCtx, raw: unknown): Promise<{ id: string; outcome: "deleted" }> {
  const { ruleId } = parseInput(ZDeleteRetentionRule, raw);
  if (!isUuid(ruleId)) throw new NotFoundError();
  return inTransaction(ctx, async (tx) => {
    const [rule] = await tx.db.select().from(retentionRules).where(eq(retentionRules.id, ruleId)).for("update");
    if (!rule) throw new NotFoundError();
    authorizeFilePlan(tx, "delete", rule.agencyId);
    await tx.db.delete(retentionRules).where(eq(retentionRules.id, rule.id));
    await recordAudit(tx, { action: "retention_rule.delete", subjectType: "retention_rule", subjectId: rule.id, details: { labelId: rule.labelId, itemType: rule.itemType, formKey: rule.formKey } });
    return { id: rule.id, outcome: "deleted" as const };
  });
}
