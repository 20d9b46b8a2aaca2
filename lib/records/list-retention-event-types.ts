/**
 * The event types of the actor's agency's file plan (issue 8), by name, filtered in SQL by the
 * policy. Refused (403) to people of the agency who may not read its file plan.
 */
import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import { retentionEventTypes } from "@/db/schema";
import { accessibleWhere } from "@/policies/to-sql";
import { parseInput } from "../errors";
import type { PolicyCtx } from "../context";
import { authorizeFilePlan, eventTypeColumns, FILE_PLAN_MAX, filePlanPermissions } from "./file-plan-shared";
import { eventTypeView, type RetentionEventTypeView } from "./create-retention-event-type";

export const ZListRetentionEventTypes = z.strictObject({});

/** The agency's event types, and whether the actor may add one. */
export async function listRetentionEventTypes(ctx: PolicyCtx, raw: z.input<typeof ZListRetentionEventTypes> = {}): Promise<{ items: RetentionEventTypeView[]; permissions: { canManage: boolean } }> {
  parseInput(ZListRetentionEventTypes, raw);
  authorizeFilePlan(ctx, "read", ctx.actor.agency.id);
  const policy = accessibleWhere(ctx.ability, "read", "FilePlan", eventTypeColumns);
  if (!policy) return { items: [], permissions: filePlanPermissions(ctx) };
  const rows = await ctx.db
    .select()
    .from(retentionEventTypes)
    .where(and(policy, eq(retentionEventTypes.agencyId, ctx.actor.agency.id)))
    .orderBy(asc(retentionEventTypes.name), asc(retentionEventTypes.id))
    .limit(FILE_PLAN_MAX);
  return { items: rows.map(eventTypeView), permissions: filePlanPermissions(ctx) };
}
