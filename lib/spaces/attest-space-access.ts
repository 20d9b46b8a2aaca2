/**
 * Access review: an owner attests that everyone in the space still needs to be there. An overdue
 * attestation suspends partner guests (policies/rules/spaces.ts) until someone attests.
 */
import { eq } from "drizzle-orm";
import { z } from "zod";
import { spaceAttestations, spaceMembers, spaces } from "@/db/schema";
import { authorize } from "@/policies/authorize";
import { inTransaction, type PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { spaceOrNotFound } from "./space-membership-shared";

export const ZAttestSpaceAccess = z.object({ spaceId: z.string(), note: z.string().trim().max(1000).default("") });

/** Records the attestation and restarts the review clock; returns when the next one is due. */
export async function attestSpaceAccess(ctx: PolicyCtx, raw: z.input<typeof ZAttestSpaceAccess>): Promise<{ nextDueAt: string }> {
  const input = ZAttestSpaceAccess.parse(raw);
  const space = await spaceOrNotFound(ctx.db, input.spaceId);
  authorize(ctx.ability, "administer", "Space", { id: space.id, ownerAgencyId: space.ownerAgencyId });
  return inTransaction(ctx, async (tx) => {
    const members = await tx.db.select({ userId: spaceMembers.userId }).from(spaceMembers).where(eq(spaceMembers.spaceId, space.id));
    await tx.db.insert(spaceAttestations).values({ spaceId: space.id, attestedBy: tx.actor.userId, attestedAt: tx.now, memberCount: members.length, note: input.note });
    await tx.db.update(spaces).set({ lastAttestedAt: tx.now }).where(eq(spaces.id, space.id));
    await recordAudit(tx, { action: "space.attest", subjectType: "space", subjectId: space.id, spaceId: space.id, details: { members: members.length, note: input.note } });
    return { nextDueAt: new Date(tx.now.getTime() + space.row.attestationIntervalDays * 86_400_000).toISOString() };
  });
}
