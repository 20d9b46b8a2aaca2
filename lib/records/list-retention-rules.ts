/**
 * The labelling rules of the actor's agency's file plan (issue 8), each with its label, filtered
 * in SQL by the policy. Refused (403) to people of the agency who may not read its file plan.
 */
import { and, asc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { retentionLabels, retentionRules } from "@/db/schema";
import { accessibleWhere } from "@/policies/to-sql";
import { parseInput } from "../errors";
import type { Ctx, PolicyCtx } from "../context";
import { authorizeFilePlan, FILE_PLAN_MAX, filePlanPermissions, ruleColumns, type RuleRow } from "./file-plan-shared";

export const ZListRetentionRules = z.strictObject({});

export type RetentionRuleView = {
  id: string;
  itemType: RuleRow["itemType"];
  formKey: string | null;
  label: { id: string; reference: string; name: string; retiredAt: string | null };
  createdAt: string;
};

/** The views of rule rows, with their labels. */
export async function ruleViews(ctx: Ctx, rows: RuleRow[]): Promise<RetentionRuleView[]> {
  const ids = [...new Set(rows.map((r) => r.labelId))];
  const labels = ids.length === 0 ? [] : await ctx.db.select({ id: retentionLabels.id, reference: retentionLabels.reference, name: retentionLabels.name, retiredAt: retentionLabels.retiredAt }).from(retentionLabels).where(inArray(retentionLabels.id, ids));
  const byId = new Map(labels.map((l) => [l.id, { ...l, retiredAt: l.retiredAt?.toISOString() ?? null }]));
  return rows.map((r) => ({ id: r.id, itemType: r.itemType, formKey: r.formKey, label: byId.get(r.labelId) ?? { id: r.labelId, reference: "", name: "", retiredAt: null }, createdAt: r.createdAt.toISOString() }));
}

/** The agency's labelling rules, and whether the actor may change them. */
export async function listRetentionRules(ctx: PolicyCtx, raw: z.input<typeof ZListRetentionRules> = {}): Promise<{ items: RetentionRuleView[]; permissions: { canManage: boolean } }> {
  parseInput(ZListRetentionRules, raw);
  authorizeFilePlan(ctx, "read", ctx.actor.agency.id);
  const policy = accessibleWhere(ctx.ability, "read", "FilePlan", ruleColumns);
  if (!policy) return { items: [], permissions: filePlanPermissions(ctx) };
  const rows = await ctx.db
    .select()
    .from(retentionRules)
    .where(and(policy, eq(retentionRules.agencyId, ctx.actor.agency.id)))
    .orderBy(asc(retentionRules.itemType), asc(retentionRules.formKey), asc(retentionRules.createdAt), asc(retentionRules.id))
    .limit(FILE_PLAN_MAX);
  return { items: await ruleViews(ctx, rows), permissions: filePlanPermissions(ctx) };
}
