/**
 * Releases a hold: the agency's records managers only, and only with a reason ("Give the reason
 * for releasing the hold"), since a hold released quietly is how held material comes to be
 * destroyed. The hold stays listed, released, with who released it, when and why; what it
 * covered may be deleted or disposed of again from then on (unless another hold stands). Another
 * agency's hold is 404 like a missing one. Audited as "hold.release" with the reason.
 */
import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { holds } from "@/db/schema";
import { can } from "@/policies/authorize";
import { ConflictError, ForbiddenError, parseInput } from "../errors";
import { inTransaction, type PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { readableHold, toHoldViews, ZHoldRef, type HoldView } from "./holds-shared";

export const ZReleaseHold = ZHoldRef.extend({
  reason: z
    .string({ message: "Give the reason for releasing the hold" })
    .trim()
    .min(1, "Give the reason for releasing the hold")
    .max(5000, "The reason has at most 5,000 characters"),
});
export type ReleaseHoldInput = z.input<typeof ZReleaseHold>;

/** Releases the hold with the reason given; returns it, released. */
export async function releaseHold(ctx: PolicyCtx, raw: ReleaseHoldInput | unknown): Promise<HoldView> {
  const hold = await readableHold(ctx, (raw as { holdId?: unknown } | null)?.holdId);
  if (!can(ctx.ability, "update", "Hold", { agencyId: hold.agencyId })) throw new ForbiddenError("Only the agency's records managers can release a hold");
  const input = parseInput(ZReleaseHold, raw);
  return inTransaction(ctx, async (tx) => {
    const [released] = await tx.db
      .update(holds)
      .set({ releasedAt: tx.now, releasedBy: tx.actor.userId, releaseReason: input.reason })
      .where(and(eq(holds.id, hold.id), isNull(holds.releasedAt)))
      .returning();
    if (!released) throw new ConflictError("This hold has already been released");
    await recordAudit(tx, { action: "hold.release", subjectType: "hold", subjectId: hold.id, justification: input.reason, details: { name: hold.name, kind: hold.kind, reference: hold.reference, reason: input.reason } });
    const [view] = await toHoldViews(tx, [released]);
    return view!;
  });
}
