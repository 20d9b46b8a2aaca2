/**
 * Creates a collaboration space for the actor's agency, with its ceiling and default marking and
 * the agreements it runs under. Everything is checked before anything is written, and it is
 * written in one transaction: nothing is half-saved.
 */
import { inArray } from "drizzle-orm";
import { z } from "zod";
import { spaceAgreements, spaceMembers, spaces } from "@/db/schema";
import { can } from "@/policies/authorize";
import { plainMarking, validateMarking } from "@/policies/classification";
import { RANKS, type Level } from "@/policies/markings";
import { isAgreementInForce } from "@/policies/agreements";
import { ForbiddenError, InvalidInputError } from "../errors";
import { inTransaction, type PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { loadAgreementFacts } from "../authz/build-ability";
import { env } from "../env";
import { agreements as agreementsTable } from "@/db/schema";

const LEVELS = ["OFFICIAL", "OFFICIAL-SENSITIVE", "SECRET", "TOP SECRET"] as const;
export const SPACE_TEMPLATES = ["blank", "investigation", "safeguarding"] as const;

export const ZCreateSpace = z.object({
  name: z.string().trim().min(1, "Give the space a name").max(120, "Keep the name to 120 characters or fewer"),
  purpose: z.string().trim().max(2000, "Keep the purpose to 2,000 characters or fewer").default(""),
  ceilingMarking: z.enum(LEVELS, { message: "Choose the highest marking the space may hold" }),
  defaultMarking: z.enum(LEVELS, { message: "Choose the default marking" }),
  agreementIds: z.array(z.uuid("Unknown agreement")).max(10).default([]),
  isMvOnly: z.boolean().default(false),
  template: z.enum(SPACE_TEMPLATES).default("blank"),
});
export type CreateSpaceInput = z.input<typeof ZCreateSpace>;

/** Creates the space with the actor as its owner; returns its id. */
export async function createSpace(ctx: PolicyCtx, raw: CreateSpaceInput): Promise<{ id: string }> {
  const parsed = ZCreateSpace.safeParse(raw);
  if (!parsed.success) throw new InvalidInputError(parsed.error.issues[0]?.message ?? "Invalid space");
  const input = parsed.data;
  const ownerAgencyId = ctx.actor.agency.id;
  if (!can(ctx.ability, "create", "Space", { id: "", ownerAgencyId })) {
    throw new ForbiddenError("Only supervisors and agency administrators can create spaces");
  }

  const violations = validateMarking(plainMarking(input.ceilingMarking as Level), { ceiling: env().ceiling });
  if (violations.length > 0) throw new InvalidInputError(`The space's highest marking: ${violations[0]!.message}`);
  const ceilingRank = RANKS[input.ceilingMarking];
  const defaultRank = RANKS[input.defaultMarking];
  if (defaultRank > ceilingRank) throw new InvalidInputError("The default marking cannot be above the space's highest marking");

  const agreementIds = [...new Set(input.agreementIds)];
  const facts = await loadAgreementFacts(ctx.db, agreementIds);
  const ownerRows = agreementIds.length
    ? await ctx.db
        .select({ id: agreementsTable.id, ownerAgencyId: agreementsTable.ownerAgencyId })
        .from(agreementsTable)
        .where(inArray(agreementsTable.id, agreementIds))
    : [];
  const owners = new Map(ownerRows.map((r) => [r.id, r.ownerAgencyId]));
  for (const id of agreementIds) {
    const isa = facts.get(id);
    const ownerOfIsa = owners.get(id);
    // An agreement the actor may not read is answered as one that does not exist: naming it in
    // the error would tell them its reference and parties (invisible is as missing).
    if (!isa || ownerOfIsa === undefined || !can(ctx.ability, "read", "Agreement", { id, ownerAgencyId: ownerOfIsa })) {
      throw new InvalidInputError("One of the chosen agreements does not exist");
    }
    if (!isa.partyAgencyIds.includes(ownerAgencyId)) throw new InvalidInputError(`${isa.reference} does not include ${ctx.actor.agency.name}`);
    if (!isAgreementInForce(isa, ctx.now)) throw new InvalidInputError(`${isa.reference} is not in force, so a space cannot run under it`);
  }

  return inTransaction(ctx, async (tx) => {
    const [space] = await tx.db
      .insert(spaces)
      .values({
        name: input.name,
        description: input.purpose,
        ownerAgencyId,
        ceilingMarking: input.ceilingMarking,
        ceilingRank,
        defaultMarking: input.defaultMarking,
        defaultRank,
        isMvOnly: input.isMvOnly,
        template: input.template,
        createdBy: tx.actor.userId,
        createdAt: tx.now,
        updatedAt: tx.now,
        lastAttestedAt: tx.now,
      })
      .returning({ id: spaces.id });
    const spaceId = space!.id;
    await tx.db.insert(spaceMembers).values({ spaceId, userId: tx.actor.userId, role: "owner", addedBy: tx.actor.userId, addedAt: tx.now });
    if (agreementIds.length > 0) await tx.db.insert(spaceAgreements).values(agreementIds.map((agreementId) => ({ spaceId, agreementId })));
    const refs = agreementIds.length
      ? (await tx.db.select({ reference: agreementsTable.reference }).from(agreementsTable).where(inArray(agreementsTable.id, agreementIds))).map((r) => r.reference)
      : [];
    await recordAudit(tx, {
      action: "space.create",
      subjectType: "space",
      subjectId: spaceId,
      spaceId,
      markingAfter: input.ceilingMarking,
      details: { name: input.name, agreements: refs, isMvOnly: input.isMvOnly, template: input.template },
    });
    return { id: spaceId };
  });
}
