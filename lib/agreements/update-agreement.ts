/**
 * Changes an agreement's terms: title, purpose, parties and their lawful bases, highest marking,
 * descriptors and dates. Never its reference (the audit trail and every disclosure record name
 * it) nor its status (set-agreement-status.ts). The same checks as on creation apply, so an
 * agreement cannot be edited into a state it could not have been made in. Audited with the
 * reference, the terms before and after, and who lost or regained access.
 */
import { eq } from "drizzle-orm";
import { z } from "zod";
import { agencies, agreementParties, agreements } from "@/db/schema";
import { authorize } from "@/policies/authorize";
import { ConflictError } from "../errors";
import { inTransaction, type PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { loadAgreementFacts } from "../authz/build-ability";
import { agreementOrNotFound, checkTerms, parseOrInvalid, partiesOf, ZAgreementTerms } from "./agreement-terms";
import { applyChange, impactOf } from "./preview-agreement-impact";
import { signalAccessChanged } from "../collab/access-signal";

export const ZUpdateAgreement = ZAgreementTerms.extend({ agreementId: z.string() });
export type UpdateAgreementInput = z.input<typeof ZUpdateAgreement>;

/** Saves the new terms; returns the fields that changed and how many people lost or regained access. */
export async function updateAgreement(
  ctx: PolicyCtx,
  raw: UpdateAgreementInput,
): Promise<{ reference: string; changed: string[]; losingCount: number; regainingCount: number }> {
  const { agreementId, ...rawTerms } = parseOrInvalid(ZUpdateAgreement, raw, "Invalid agreement");
  const result = await inTransaction(ctx, async (tx) => {
    const row = await agreementOrNotFound(tx.db, agreementId, { forUpdate: true });
    authorize(tx.ability, "update", "Agreement", { id: row.id, ownerAgencyId: row.ownerAgencyId });
    if (row.status === "expired") throw new ConflictError(`${row.reference} has expired and cannot be changed: make a new agreement instead`);
    const [owner] = await tx.db.select({ id: agencies.id, name: agencies.name }).from(agencies).where(eq(agencies.id, row.ownerAgencyId));
    const oldParties = await partiesOf(tx.db, row.id);
    const terms = await checkTerms(
      tx.db,
      rawTerms,
      owner!,
      oldParties.map((p) => p.agencyId),
    );

    const before = {
      title: row.title,
      purpose: row.purpose,
      parties: oldParties.map((p) => ({ agency: p.agencyName, lawfulBasis: p.lawfulBasis })),
      maxMarking: row.maxMarking,
      descriptors: row.descriptors,
      startsOn: row.startsOn,
      reviewOn: row.reviewOn,
      endsOn: row.endsOn,
    };
    const after = {
      title: terms.title,
      purpose: terms.purpose,
      parties: terms.parties
        .map((p) => ({ agency: terms.partyNames.get(p.agencyId)!, lawfulBasis: p.lawfulBasis }))
        .sort((a, b) => a.agency.localeCompare(b.agency)),
      maxMarking: terms.maxMarking,
      descriptors: terms.descriptors,
      startsOn: terms.startsOn,
      reviewOn: terms.reviewOn,
      endsOn: terms.endsOn,
    };
    const changed = (Object.keys(before) as (keyof typeof before)[]).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
    if (changed.length === 0) return { reference: row.reference, changed, losingCount: 0, regainingCount: 0 };

    const facts = (await loadAgreementFacts(tx.db, [row.id])).get(row.id)!;
    const impact = await impactOf(
      tx,
      row,
      facts,
      applyChange(facts, {
        partyAgencyIds: terms.parties.map((p) => p.agencyId),
        maxMarking: terms.maxMarking,
        descriptors: terms.descriptors,
        startsOn: terms.startsOn,
        reviewOn: terms.reviewOn,
        endsOn: terms.endsOn,
      }),
    );

    await tx.db
      .update(agreements)
      .set({
        title: terms.title,
        purpose: terms.purpose,
        maxMarking: terms.maxMarking,
        maxRank: terms.maxRank,
        descriptors: terms.descriptors,
        startsOn: terms.startsOn,
        reviewOn: terms.reviewOn,
        endsOn: terms.endsOn,
        updatedAt: tx.now,
      })
      .where(eq(agreements.id, row.id));
    if (changed.includes("parties")) {
      await tx.db.delete(agreementParties).where(eq(agreementParties.agreementId, row.id));
      await tx.db.insert(agreementParties).values(terms.parties.map((p) => ({ agreementId: row.id, agencyId: p.agencyId, lawfulBasis: p.lawfulBasis })));
    }
    await recordAudit(tx, {
      action: "agreement.update",
      subjectType: "agreement",
      subjectId: row.id,
      markingBefore: row.maxMarking,
      markingAfter: terms.maxMarking,
      details: {
        reference: row.reference,
        changed,
        before: Object.fromEntries(changed.map((k) => [k, before[k]])),
        after: Object.fromEntries(changed.map((k) => [k, after[k]])),
        lostAccess: impact.spaces.flatMap((s) => s.losing.map((p) => ({ spaceId: s.id, userId: p.userId }))),
        regainedAccess: impact.spaces.flatMap((s) => s.regaining.map((p) => ({ spaceId: s.id, userId: p.userId }))),
        lostAccessElsewhere: impact.otherSpaces.losingCount,
        regainedAccessElsewhere: impact.otherSpaces.regainingCount,
      },
    });
    return { reference: row.reference, changed, losingCount: impact.losingCount, regainingCount: impact.regainingCount };
  });
  // Open editing sessions are re-checked at once rather than at the next periodic check.
  signalAccessChanged();
  return result;
}
