/**
 * Records a new information sharing agreement for the actor's agency (domain.md §4). Agency
 * administrators only; the actor's agency owns it and is one of at least two parties. Every term
 * is checked before anything is written (agreement-terms.ts), and the agreement, its parties and
 * the audit event are written in one transaction: nothing is half-saved.
 */
import { eq } from "drizzle-orm";
import { z } from "zod";
import { agreementParties, agreements } from "@/db/schema";
import { can } from "@/policies/authorize";
import { ConflictError, ForbiddenError, isUniqueViolation } from "../errors";
import { inTransaction, type PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { checkActivatable, checkTerms, parseOrInvalid, ZAgreementTerms, ZReference } from "./agreement-terms";

export const ZCreateAgreement = ZAgreementTerms.extend({
  reference: ZReference,
  status: z.enum(["draft", "active"], { message: "A new agreement starts as a draft or active" }).default("draft"),
});
export type CreateAgreementInput = z.input<typeof ZCreateAgreement>;

/** Creates the agreement; returns its id and reference. */
export async function createAgreement(ctx: PolicyCtx, raw: CreateAgreementInput): Promise<{ id: string; reference: string }> {
  const owner = ctx.actor.agency;
  if (!can(ctx.ability, "create", "Agreement", { id: "", ownerAgencyId: owner.id })) {
    throw new ForbiddenError("Only your agency's administrators can record sharing agreements");
  }
  const input = parseOrInvalid(ZCreateAgreement, raw, "Invalid agreement");
  const terms = await checkTerms(ctx.db, input, owner);
  if (input.status === "active") checkActivatable(terms, ctx.now);
  const duplicate = () => new ConflictError(`There is already an agreement with the reference ${input.reference}`);

  try {
    return await inTransaction(ctx, async (tx) => {
      const [existing] = await tx.db.select({ id: agreements.id }).from(agreements).where(eq(agreements.reference, input.reference)).limit(1);
      if (existing) throw duplicate();
      const [row] = await tx.db
        .insert(agreements)
        .values({
          reference: input.reference,
          title: terms.title,
          purpose: terms.purpose,
          ownerAgencyId: owner.id,
          maxMarking: terms.maxMarking,
          maxRank: terms.maxRank,
          descriptors: terms.descriptors,
          status: input.status,
          startsOn: terms.startsOn,
          reviewOn: terms.reviewOn,
          endsOn: terms.endsOn,
          createdAt: tx.now,
          updatedAt: tx.now,
        })
        .returning({ id: agreements.id });
      await tx.db.insert(agreementParties).values(terms.parties.map((p) => ({ agreementId: row!.id, agencyId: p.agencyId, lawfulBasis: p.lawfulBasis })));
      await recordAudit(tx, {
        action: "agreement.create",
        subjectType: "agreement",
        subjectId: row!.id,
        markingAfter: terms.maxMarking,
        details: {
          reference: input.reference,
          title: terms.title,
          status: input.status,
          parties: terms.parties.map((p) => terms.partyNames.get(p.agencyId)),
          maxMarking: terms.maxMarking,
          descriptors: terms.descriptors,
          startsOn: terms.startsOn,
          reviewOn: terms.reviewOn,
          endsOn: terms.endsOn,
        },
      });
      return { id: row!.id, reference: input.reference };
    });
  } catch (err) {
    // Two administrators choosing the same reference at once: the unique index decides.
    if (isUniqueViolation(err)) throw duplicate();
    throw err;
  }
}
