/**
 * The actor's agency's file plan (issue 8): its retention labels by category and reference, with
 * the categories there are (for the filter) and whether the actor may change the plan. Filtered
 * in SQL by the policy; another agency's labels are neither listed nor counted. Only those who
 * may read the file plan (records managers, auditors, administrators) get it; the rest of the
 * agency is refused (403: the plan is the agency's own, not a secret within it).
 */
import { and, asc, eq, isNull, type SQL } from "drizzle-orm";
import { z } from "zod";
import { retentionLabels } from "@/db/schema";
import { accessibleWhere } from "@/policies/to-sql";
import { parseInput } from "../errors";
import type { PolicyCtx } from "../context";
import { authorizeFilePlan, FILE_PLAN_MAX, filePlanPermissions, labelColumns, labelViews, type RetentionLabelView } from "./file-plan-shared";

export const ZListRetentionLabels = z.strictObject(
  {
    category: z.string({ message: "A category must be text" }).trim().max(100, "A category has at most 100 characters").optional(),
    includeRetired: z.union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")], { message: "includeRetired is true or false" }).default(false),
  },
  { error: (issue) => (issue.code === "unrecognized_keys" ? `Unknown filter ${issue.keys.map((k) => `"${k}"`).join(", ")}: filter by category or includeRetired` : undefined) },
);
export type ListRetentionLabelsInput = z.input<typeof ZListRetentionLabels>;

export type RetentionLabelList = { items: RetentionLabelView[]; categories: string[]; permissions: { canManage: boolean } };

/** The labels of the actor's agency's file plan (retired ones only when asked for). */
export async function listRetentionLabels(ctx: PolicyCtx, raw: ListRetentionLabelsInput = {}): Promise<RetentionLabelList> {
  const input = parseInput(ZListRetentionLabels, raw);
  authorizeFilePlan(ctx, "read", ctx.actor.agency.id);
  const policy = accessibleWhere(ctx.ability, "read", "FilePlan", labelColumns);
  if (!policy) return { items: [], categories: [], permissions: filePlanPermissions(ctx) };
  const own = and(policy, eq(retentionLabels.agencyId, ctx.actor.agency.id))!;
  const conditions: SQL[] = [own];
  if (!input.includeRetired) conditions.push(isNull(retentionLabels.retiredAt));
  if (input.category) conditions.push(eq(retentionLabels.category, input.category));
  const rows = await ctx.db
    .select()
    .from(retentionLabels)
    .where(and(...conditions))
    .orderBy(asc(retentionLabels.category), asc(retentionLabels.reference), asc(retentionLabels.id))
    .limit(FILE_PLAN_MAX);
  const categories = await ctx.db
    .selectDistinct({ category: retentionLabels.category })
    .from(retentionLabels)
    .where(input.includeRetired ? own : and(own, isNull(retentionLabels.retiredAt)))
    .orderBy(asc(retentionLabels.category));
  return { items: await labelViews(ctx, rows), categories: categories.map((c) => c.category).filter((c) => c !== ""), permissions: filePlanPermissions(ctx) };
}
