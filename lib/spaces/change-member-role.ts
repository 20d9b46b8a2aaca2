/** Changes a member's role (owners only). Partners stay guests; the last owner stays an owner. */
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { spaceMembers } from "@/db/schema";
import { authorize } from "@/policies/authorize";
import { OWN_AGENCY_ROLES, SPACE_ROLES } from "@/policies/membership";
import { InvalidInputError, NotFoundError } from "../errors";
import { inTransaction, type PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { candidateOf, membershipOf, ownerCount, spaceOrNotFound } from "./space-membership-shared";
import { signalAccessChanged } from "../collab/access-signal";

export const ZChangeMemberRole = z.object({ spaceId: z.string(), userId: z.string(), role: z.enum(SPACE_ROLES, { message: "Choose a role" }) });

/** Sets the member's role. */
export async function changeMemberRole(ctx: PolicyCtx, raw: z.input<typeof ZChangeMemberRole>): Promise<void> {
  const input = ZChangeMemberRole.parse(raw);
  const space = await spaceOrNotFound(ctx.db, input.spaceId);
  authorize(ctx.ability, "update", "Membership", { spaceId: space.id, userId: input.userId });
  await inTransaction(ctx, async (tx) => {
    const member = await membershipOf(tx.db, space.id, input.userId);
    const person = await candidateOf(tx.db, input.userId);
    if (!member || !person) throw new NotFoundError();
    if (member.role === input.role) return;
    const isOwnAgency = person.agencyId === space.ownerAgencyId;
    if (isOwnAgency && !OWN_AGENCY_ROLES.includes(input.role)) throw new InvalidInputError("Guest is for people of partner agencies");
    if (!isOwnAgency && input.role !== "guest") throw new InvalidInputError(`People of ${person.agencyName} can only be guests here`);
    // A frozen or archived space only ever loses access: roles may go down, never up.
    const weight = { reader: 1, guest: 1, member: 2, owner: 3 } as const;
    if (space.status !== "active" && weight[input.role] > weight[member.role]) {
      throw new InvalidInputError("The space is frozen or archived: roles can be lowered but not raised");
    }
    if (member.role === "owner" && (await ownerCount(tx.db, space.id)) <= 1) {
      throw new InvalidInputError("A space needs at least one owner: make someone else an owner first");
    }
    await tx.db
      .update(spaceMembers)
      .set({ role: input.role })
      .where(and(eq(spaceMembers.spaceId, space.id), eq(spaceMembers.userId, input.userId)));
    await recordAudit(tx, {
      action: "space.member_role",
      subjectType: "membership",
      subjectId: input.userId,
      spaceId: space.id,
      details: { before: member.role, after: input.role, name: person.name },
    });
  });
  // Open editing sessions are re-checked at once rather than at the next periodic check.
  signalAccessChanged();
}
