/**
 * The form library as the actor may see it: the national forms and their own agency's forms and
 * local variants, filtered in SQL by the policy (conventions.md §2), national first, then by
 * title, each with the version people fill in now. Another agency's forms are neither listed
 * nor counted.
 */
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { forms, formVersions } from "@/db/schema";
import { can } from "@/policies/authorize";
import { accessibleWhere } from "@/policies/to-sql";
import type { PolicyCtx } from "../context";
import { formColumns } from "../authz/columns";
import { parseInput } from "../errors";
import { toFormSummary, type FormSummary } from "./form-view";

/** A bound on one answer: far above any real library. */
export const FORMS_MAX = 500;

export const ZListForms = z.strictObject({});
export type ListFormsInput = z.input<typeof ZListForms>;

/** Whether the actor may make forms of their agency (a local form or a local variant of a national one). */
export function canCreateForms(ctx: PolicyCtx): boolean {
  return can(ctx.ability, "create", "Form", { scope: "agency", agencyId: ctx.actor.agency.id });
}

/** The forms the actor may read, and whether they may add their agency's own. */
export async function listForms(ctx: PolicyCtx, raw: ListFormsInput = {}): Promise<{ items: FormSummary[]; permissions: { canCreate: boolean } }> {
  parseInput(ZListForms, raw);
  const canCreate = canCreateForms(ctx);
  const policy = accessibleWhere(ctx.ability, "read", "Form", formColumns);
  if (!policy) return { items: [], permissions: { canCreate } };
  const rows = await ctx.db
    .select()
    .from(forms)
    .where(and(policy))
    .orderBy(sql`CASE WHEN ${forms.scope} = 'national' THEN 0 ELSE 1 END`, asc(forms.title), asc(forms.id))
    .limit(FORMS_MAX);
  const published =
    rows.length === 0
      ? []
      : await ctx.db
          .selectDistinctOn([formVersions.formId], { formId: formVersions.formId, id: formVersions.id, number: formVersions.number, publishedAt: formVersions.publishedAt })
          .from(formVersions)
          .where(and(inArray(formVersions.formId, rows.map((r) => r.id)), eq(formVersions.status, "published")))
          .orderBy(formVersions.formId, desc(formVersions.number));
  const latest = new Map(published.map((v) => [v.formId, { id: v.id, number: v.number, status: "published" as const, publishedAt: v.publishedAt?.toISOString() ?? null }]));
  return { items: rows.map((r) => toFormSummary(ctx, r, latest.get(r.id) ?? null)), permissions: { canCreate } };
}
