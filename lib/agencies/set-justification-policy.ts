/**
 * Sets from which classification an agency's people must give a justification before opening or
 * exporting content (DPA 2018 s.62; lib/audit/justification.ts), or that they never must. Only
 * the agency's administrators (policy: administer Agency); audited with the before and after in
 * the same transaction.
 */
import { eq } from "drizzle-orm";
import { z } from "zod";
import { agencies } from "@/db/schema";
import { can } from "@/policies/authorize";
import { RANKS } from "@/policies/markings";
import { inTransaction, type PolicyCtx } from "../context";
import { ForbiddenError, parseInput } from "../errors";
import { recordAudit } from "../audit/record-audit";

export const JUSTIFICATION_LEVELS = Object.keys(RANKS) as (keyof typeof RANKS)[];

export const ZSetJustificationPolicy = z.object({
  from: z.enum(JUSTIFICATION_LEVELS as [string, ...string[]], { message: `Choose one of ${JUSTIFICATION_LEVELS.join(", ")}, or never` }).nullable(),
});

/** The actor's agency's setting: the level from which a justification is asked, or null for never. */
export async function getJustificationPolicy(ctx: PolicyCtx): Promise<{ from: string | null; canChange: boolean }> {
  const agencyId = ctx.actor.agency.id;
  if (!can(ctx.ability, "read", "Agency", { id: agencyId })) throw new ForbiddenError();
  const [row] = await ctx.db.select({ from: agencies.justificationFrom }).from(agencies).where(eq(agencies.id, agencyId)).limit(1);
  return { from: row?.from ?? null, canChange: can(ctx.ability, "administer", "Agency", { id: agencyId }) };
}

export async function setJustificationPolicy(ctx: PolicyCtx, raw: unknown): Promise<{ from: string | null }> {
  const input = parseInput(ZSetJustificationPolicy, raw);
  const agencyId = ctx.actor.agency.id;
  if (!can(ctx.ability, "administer", "Agency", { id: agencyId })) throw new ForbiddenError("Only your agency's administrators may change this");
  return inTransaction(ctx, async (tx) => {
    const [before] = await tx.db.select({ from: agencies.justificationFrom }).from(agencies).where(eq(agencies.id, agencyId)).for("update");
    await tx.db.update(agencies).set({ justificationFrom: input.from }).where(eq(agencies.id, agencyId));
    await recordAudit(tx, { action: "agency.justification_policy", subjectType: "agency", subjectId: agencyId, details: { before: before?.from ?? null, after: input.from } });
    return { from: input.from };
  });
}
