/**
 * Removes someone from a space (an owner removing a member, or a person leaving). Takes effect on
 * the person's next request; a space never loses its last owner.
 */
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { spaceMembers } from "@/db/schema";
import { authorize } from "@/policies/authorize";
import { InvalidInputError, NotFoundError } from "../errors";
import { inTransaction, type PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { candidateOf, membershipOf, ownerCount, spaceOrNotFound } from "./space-membership-shared";
import { signalAccessChanged } from "../collab/access-signal";

export const ZRemoveSpaceMember = z.object({ spaceId: z.string(), userId: z.string() });

/** Removes the membership. */
export async function removeSpaceMember(ctx: PolicyCtx, raw: z.input<typeof ZRemoveSpaceMember>): Promise<void> {
  const input = ZRemoveSpaceMember.parse(raw);
  const space = await spaceOrNotFound(ctx.db, input.spaceId);
  authorize(ctx.ability, "delete", "Membership", { spaceId: space.id, userId: input.userId });
  await inTransaction(ctx, async (tx) => {
    const member = await membershipOf(tx.db, space.id, input.userId);
    if (!member) throw new NotFoundError();
    if (member.role === "owner" && (await ownerCount(tx.db, space.id)) <= 1) {
      throw new InvalidInputError("A space needs at least one owner: make someone else an owner first");
    }
    await tx.db.delete(spaceMembers).where(and(eq(spaceMembers.spaceId, space.id), eq(spaceMembers.userId, input.userId)));
    const isLeaving = input.userId === tx.actor.userId;
    await recordAudit(tx, {
      action: isLeaving ? "space.member_leave" : "space.member_remove",
      subjectType: "membership",
      subjectId: input.userId,
      spaceId: space.id,
      details: { role: member.role, name: (await candidateOf(tx.db, input.userId))?.name ?? null },
    });
  });
  // Open editing sessions are re-checked at once rather than at the next periodic check.
  signalAccessChanged();
}
