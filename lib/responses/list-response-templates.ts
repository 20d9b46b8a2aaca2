/**
 * The template library as the actor may see it: the national templates and their own agency's
 * local ones, filtered in SQL by the policy (conventions.md §2), national first, then by title.
 * Another agency's local templates are neither listed nor counted.
 */
import { and, asc, sql } from "drizzle-orm";
import { z } from "zod";
import { responseTemplates } from "@/db/schema";
import { can } from "@/policies/authorize";
import { accessibleWhere } from "@/policies/to-sql";
import type { PolicyCtx } from "../context";
import { responseTemplateColumns } from "../authz/columns";
import { parseBoardInput } from "../boards/board-shared";
import { toTemplateView, type ResponseTemplateView } from "./get-response-template";

/** A bound on one answer: far above any real library. */
export const TEMPLATES_MAX = 500;

export const ZListResponseTemplates = z.object({}).strict();
export type ListResponseTemplatesInput = z.input<typeof ZListResponseTemplates>;

/** The templates the actor may read, and whether they may add local ones to their agency. */
export async function listResponseTemplates(ctx: PolicyCtx, raw: ListResponseTemplatesInput = {}): Promise<{ items: ResponseTemplateView[]; permissions: { canCreate: boolean } }> {
  parseBoardInput(ZListResponseTemplates, raw);
  const canCreate = can(ctx.ability, "create", "ResponseTemplate", { scope: "agency", agencyId: ctx.actor.agency.id });
  const policy = accessibleWhere(ctx.ability, "read", "ResponseTemplate", responseTemplateColumns);
  if (!policy) return { items: [], permissions: { canCreate } };
  const rows = await ctx.db
    .select()
    .from(responseTemplates)
    .where(and(policy))
    .orderBy(sql`CASE WHEN ${responseTemplates.scope} = 'national' THEN 0 ELSE 1 END`, asc(responseTemplates.title), asc(responseTemplates.id))
    .limit(TEMPLATES_MAX);
  return { items: rows.map((r) => toTemplateView(ctx, r)), permissions: { canCreate } };
}
