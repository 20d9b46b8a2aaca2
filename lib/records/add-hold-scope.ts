/**
 * Extends a standing hold to more spaces or items of the agency (a CPIA hold grows as relevant
 * material is identified): the agency's records managers only; each must be the agency's, checked
 * as when placing a hold; what the hold already covers is left as it is. A released hold is not
 * extended (409): place a new one. Audited as "hold.scope_add".
 */
import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { holds, holdScopes } from "@/db/schema";
import { can } from "@/policies/authorize";
import { ConflictError, ForbiddenError, InvalidInputError } from "../errors";
import { inTransaction, type PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { checkedScopes, ZCreateHold } from "./create-hold";
import { readableHold, toHoldViews, ZHoldRef, type HoldView } from "./holds-shared";

export const ZAddHoldScope = ZHoldRef.extend({ spaceIds: ZCreateHold.shape.spaceIds, items: ZCreateHold.shape.items });
export type AddHoldScopeInput = z.input<typeof ZAddHoldScope>;

/** Adds the spaces and items to the hold; returns it. */
export async function addHoldScope(ctx: PolicyCtx, raw: AddHoldScopeInput | unknown): Promise<HoldView> {
  const hold = await readableHold(ctx, (raw as { holdId?: unknown } | null)?.holdId);
  if (!can(ctx.ability, "update", "Hold", { agencyId: hold.agencyId })) throw new ForbiddenError("Only the agency's records managers can change a hold");
  const parsed = ZAddHoldScope.safeParse(raw);
  if (!parsed.success) throw new InvalidInputError(parsed.error.issues[0]?.message ?? "Invalid input", { issues: parsed.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message })) });
  const { spaceIds, items } = await checkedScopes(ctx, parsed.data.spaceIds, parsed.data.items);
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx.db.select().from(holds).where(and(eq(holds.id, hold.id), isNull(holds.releasedAt))).for("update").limit(1);
    if (!row) throw new ConflictError("This hold has been released: place a new hold instead");
    const existing = await tx.db.select().from(holdScopes).where(eq(holdScopes.holdId, hold.id));
    const has = new Set(existing.map((e) => (e.spaceId ? `space:${e.spaceId}` : `${e.itemType}:${e.itemId}`)));
    const added = [
      ...spaceIds.filter((id) => !has.has(`space:${id}`)).map((spaceId) => ({ holdId: hold.id, spaceId })),
      ...items.filter((i) => !has.has(`${i.itemType}:${i.itemId}`)).map((i) => ({ holdId: hold.id, itemType: i.itemType, itemId: i.itemId })),
    ];
    if (added.length > 0) await tx.db.insert(holdScopes).values(added);
    await recordAudit(tx, { action: "hold.scope_add", subjectType: "hold", subjectId: hold.id, details: { spaceIds, items, added: added.length } });
    const [view] = await toHoldViews(tx, [row]);
    return view!;
  });
}
