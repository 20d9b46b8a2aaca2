/**
 * Adds a labelling rule to the actor's agency's file plan (issue 8): every new item of a type
 * (documents, files, form submissions), or every submission of one form (by its key, e.g. every
 * MG11), gets a label. The label must be one of the agency's own, in use (not retired); the form
 * must be one the agency has (national, or its own). An item gets one label, so a second rule for
 * the same items is 409: the rule there is names its label. Applying rules to new items is the
 * labelling operations' (lib/records/apply-*); a rule for a form is more specific than one for
 * all submissions and wins over it. For the agency's records managers only. Audited as
 * "retention_rule.create".
 */
import { and, eq, isNull, type SQL } from "drizzle-orm";
import { z } from "zod";
import { forms, retentionLabels, retentionRules } from "@/db/schema";
import { accessibleWhere } from "@/policies/to-sql";
import { ConflictError } from "../errors";
import { inTransaction, type PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { formColumns } from "../authz/columns";
import { isUuid } from "../spaces/get-space";
import { authorizeFilePlan, invalidFields, parseFields, type FieldIssue } from "./file-plan-shared";
import { ruleViews, type RetentionRuleView } from "./list-retention-rules";

export const ZCreateRetentionRule = z
  .strictObject(
    {
      labelId: z.string({ message: "Choose the label the rule applies" }).refine(isUuid, "Choose the label the rule applies from your file plan"),
      itemType: z.enum(["document", "file", "submission"], { message: "Choose what the rule labels: document, file or submission" }),
      formKey: z
        .string({ message: "A form key must be text" })
        .trim()
        .regex(/^[a-z0-9-]{2,64}$/, "A form's key is 2 to 64 lowercase letters, digits and hyphens (e.g. mg11)")
        .nullable()
        .default(null),
    },
    { error: (issue) => (issue.code === "unrecognized_keys" ? `A rule has no field ${issue.keys.map((k) => `"${k}"`).join(", ")}` : "Send the rule as a JSON object") },
  )
  .superRefine((r, ctx) => {
    if (r.formKey !== null && r.itemType !== "submission") ctx.addIssue({ code: "custom", path: ["formKey"], message: "A form key applies only to a rule for form submissions" });
  });

/** Creates the rule; returns it as the file plan shows it. */
export async function createRetentionRule(ctx: PolicyCtx, raw: unknown): Promise<RetentionRuleView> {
  authorizeFilePlan(ctx, "create", ctx.actor.agency.id);
  const input = parseFields(ZCreateRetentionRule, raw);
  const agencyId = ctx.actor.agency.id;
  const issues: FieldIssue[] = [];
  const [label] = await ctx.db.select({ id: retentionLabels.id, retiredAt: retentionLabels.retiredAt }).from(retentionLabels).where(and(eq(retentionLabels.id, input.labelId), eq(retentionLabels.agencyId, agencyId)));
  if (!label) issues.push({ path: "labelId", message: "Choose the label the rule applies from your file plan" });
  else if (label.retiredAt) issues.push({ path: "labelId", message: "That label is retired: choose one in use" });
  if (input.formKey !== null) {
    const readable = accessibleWhere(ctx.ability, "read", "Form", formColumns);
    const [form] = readable ? await ctx.db.select({ id: forms.id }).from(forms).where(and(readable, eq(forms.key, input.formKey))).limit(1) : [];
    if (!form) issues.push({ path: "formKey", message: `Unknown form: neither the national library nor your agency has a form with the key "${input.formKey}"` });
  }
  if (issues.length > 0) throw invalidFields(issues);
  const row = await inTransaction(ctx, async (tx) => {
    authorizeFilePlan(tx, "create", agencyId);
    const same: SQL[] = [eq(retentionRules.agencyId, agencyId), eq(retentionRules.itemType, input.itemType), input.formKey === null ? isNull(retentionRules.formKey) : eq(retentionRules.formKey, input.formKey)];
    const [existing] = await tx.db
      .select({ id: retentionRules.id, reference: retentionLabels.reference, name: retentionLabels.name })
      .from(retentionRules)
      .innerJoin(retentionLabels, eq(retentionLabels.id, retentionRules.labelId))
      .where(and(...same))
      .limit(1);
    const what = input.formKey === null ? `every ${input.itemType}` : `every submission of ${input.formKey}`;
    if (existing) throw new ConflictError(`A rule already labels ${what} (with ${existing.reference} ${existing.name}): delete it first`, { ruleId: existing.id });
    const [created] = await tx.db.insert(retentionRules).values({ agencyId, labelId: input.labelId, itemType: input.itemType, formKey: input.formKey, createdBy: tx.actor.userId, createdAt: tx.now }).returning();
    await recordAudit(tx, { action: "retention_rule.create", subjectType: "retention_rule", subjectId: created!.id, details: { labelId: input.labelId, itemType: input.itemType, formKey: input.formKey } });
    return created!;
  });
  return (await ruleViews(ctx, [row]))[0]!;
}
