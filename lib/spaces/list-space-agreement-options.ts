/**
 * The sharing agreements a person may choose when creating a space: those in force today that
 * include their agency (createSpace refuses any other). Someone who may not create spaces is
 * offered nothing, and nothing is queried.
 */
import { asc, eq, inArray } from "drizzle-orm";
import { agencies, agreementParties, agreements } from "@/db/schema";
import { isAgreementInForce } from "@/policies/agreements";
import type { PolicyCtx } from "../context";
import { loadAgreementFacts } from "../authz/build-ability";

export type SpaceAgreementOption = {
  id: string;
  reference: string;
  title: string;
  maxMarking: string;
  reviewOn: string | null;
  /** The other agencies party to the agreement, by name. */
  partnerNames: string[];
};

/** Agreements in force that include the actor's agency, by reference. */
export async function listSpaceAgreementOptions(ctx: PolicyCtx): Promise<SpaceAgreementOption[]> {
  if (!ctx.ability.can("create", "Space")) return [];
  const agencyId = ctx.actor.agency.id;
  const partyOf = await ctx.db.select({ agreementId: agreementParties.agreementId }).from(agreementParties).where(eq(agreementParties.agencyId, agencyId));
  const facts = await loadAgreementFacts(ctx.db, partyOf.map((p) => p.agreementId));
  const inForce = [...facts.values()].filter((isa) => isa.partyAgencyIds.includes(agencyId) && isAgreementInForce(isa, ctx.now));
  if (inForce.length === 0) return [];

  const rows = await ctx.db
    .select({ id: agreements.id, reference: agreements.reference, title: agreements.title, maxMarking: agreements.maxMarking, reviewOn: agreements.reviewOn })
    .from(agreements)
    .where(inArray(agreements.id, inForce.map((isa) => isa.id)))
    .orderBy(asc(agreements.reference));
  const partnerIds = [...new Set(inForce.flatMap((isa) => isa.partyAgencyIds))].filter((id) => id !== agencyId);
  const names = new Map(
    partnerIds.length ? (await ctx.db.select({ id: agencies.id, name: agencies.name }).from(agencies).where(inArray(agencies.id, partnerIds))).map((a) => [a.id, a.name]) : [],
  );
  return rows.map((r) => ({
    ...r,
    partnerNames: (facts.get(r.id)?.partyAgencyIds ?? [])
      .filter((id) => id !== agencyId)
      .map((id) => names.get(id) ?? "an unknown agency")
      .sort(),
  }));
}
