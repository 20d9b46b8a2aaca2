/**
 * The agency's holds, standing first (newest first), then released ones (most recently released
 * first), each with its kind, reference and how many things it covers. Filtered in SQL by the
 * policy (records managers and auditors of the agency); for anyone else 403, since there is no
 * list of holds they may see.
 */
import { and, asc, desc, eq, isNull, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { holds } from "@/db/schema";
import { accessibleWhere } from "@/policies/to-sql";
import { ForbiddenError, parseInput } from "../errors";
import type { PolicyCtx } from "../context";
import { holdColumns, toHoldViews, type HoldView } from "./holds-shared";

export const ZListHolds = z.object({ state: z.enum(["all", "standing", "released"], { message: 'The state is "all", "standing" or "released"' }).default("all") });

/** The holds the actor may read, with whether they may place new ones. */
export async function listHolds(ctx: PolicyCtx, raw: z.input<typeof ZListHolds> | unknown = {}): Promise<{ items: HoldView[]; permissions: { canCreate: boolean } }> {
  const input = parseInput(ZListHolds, raw ?? {});
  const policy = accessibleWhere(ctx.ability, "read", "Hold", holdColumns);
  if (!policy) throw new ForbiddenError("Only the agency's records managers and auditors can see its holds");
  const conditions: SQL[] = [policy, eq(holds.agencyId, ctx.actor.agency.id)];
  if (input.state === "standing") conditions.push(isNull(holds.releasedAt));
  if (input.state === "released") conditions.push(sql`${holds.releasedAt} IS NOT NULL`);
  const rows = await ctx.db
    .select()
    .from(holds)
    .where(and(...conditions))
    .orderBy(sql`${holds.releasedAt} IS NOT NULL`, desc(holds.releasedAt), desc(holds.createdAt), asc(holds.name))
    .limit(500);
  return { items: await toHoldViews(ctx, rows), permissions: { canCreate: ctx.ability.can("create", "Hold") } };
}
