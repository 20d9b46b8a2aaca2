/**
 * Adds a person to a space. Owners only; people of the space's agency in any role, partners only
 * as guests under an agreement in force that includes their agency, with vetting that opens the
 * space's ceiling, until no later than the agreement's review date. Audited with the agreement.
 */
import { z } from "zod";
import { spaceMembers } from "@/db/schema";
import { authorize } from "@/policies/authorize";
import { eligibilityFor, SPACE_ROLES } from "@/policies/membership";
import { ConflictError, InvalidInputError } from "../errors";
import { inTransaction, type PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { candidateOf, membershipOf, spaceOrNotFound } from "./space-membership-shared";

export const ZAddSpaceMember = z.object({
  spaceId: z.string(),
  userId: z.string(),
  role: z.enum(SPACE_ROLES, { message: "Choose a role" }),
  /** Guests only: YYYY-MM-DD, last day of access. Defaults to the agreement's review date. */
  expiresOn: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "Give the end date as a date")
    .optional()
    .or(z.literal("").transform(() => undefined)),
});
export type AddSpaceMemberInput = z.input<typeof ZAddSpaceMember>;

/** Adds the member; returns their role and (for guests) when their access ends. */
export async function addSpaceMember(ctx: PolicyCtx, raw: AddSpaceMemberInput): Promise<{ role: string; expiresAt: string | null }> {
  const input = ZAddSpaceMember.parse(raw);
  const space = await spaceOrNotFound(ctx.db, input.spaceId);
  authorize(ctx.ability, "create", "Membership", { spaceId: space.id, userId: input.userId });
  const candidate = await candidateOf(ctx.db, input.userId);
  if (!candidate) throw new InvalidInputError("That person does not exist");

  const eligibility = eligibilityFor(candidate, space, ctx.now);
  if (!eligibility.isEligible) throw new InvalidInputError(`${candidate.name} cannot be added: ${eligibility.reason}`);
  if (!eligibility.roles.includes(input.role)) {
    throw new InvalidInputError(`${candidate.name} can join only as ${eligibility.roles.join(" or ")}`);
  }

  let expiresAt: Date | null = null;
  if (input.role === "guest") {
    const latest = eligibility.latestExpiry;
    const chosen = input.expiresOn ?? latest;
    if (!chosen) throw new InvalidInputError("Give the date the guest's access ends");
    if (latest && chosen > latest) throw new InvalidInputError(`A guest's access cannot outlast ${eligibility.agreement?.reference}'s review date (${latest})`);
    expiresAt = new Date(`${chosen}T23:59:59.999Z`);
    if (expiresAt.getTime() <= ctx.now.getTime()) throw new InvalidInputError("The end date must be in the future");
  }

  return inTransaction(ctx, async (tx) => {
    if (await membershipOf(tx.db, space.id, candidate.userId)) throw new ConflictError(`${candidate.name} is already a member of this space`);
    // A concurrent add of the same person loses the race here rather than at the check above.
    const inserted = await tx.db
      .insert(spaceMembers)
      .values({
        spaceId: space.id,
        userId: candidate.userId,
        role: input.role,
        addedBy: tx.actor.userId,
        addedAt: tx.now,
        expiresAt,
        agreementId: eligibility.agreement?.id ?? null,
      })
      .onConflictDoNothing()
      .returning({ userId: spaceMembers.userId });
    if (inserted.length === 0) throw new ConflictError(`${candidate.name} is already a member of this space`);
    await recordAudit(tx, {
      action: "space.member_add",
      subjectType: "membership",
      subjectId: candidate.userId,
      spaceId: space.id,
      details: {
        name: candidate.name,
        agency: candidate.agencyName,
        role: input.role,
        agreement: eligibility.agreement?.reference ?? null,
        expiresAt: expiresAt?.toISOString() ?? null,
      },
    });
    return { role: input.role, expiresAt: expiresAt?.toISOString() ?? null };
  });
}
