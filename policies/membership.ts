/**
 * Who may join a space, in which role, until when (domain.md §4; issue "Collaboration spaces").
 * The threat: a person of an agency that no agreement covers, or whose vetting does not open what
 * the space holds, being added by a well-meaning owner. Every refusal carries a reason a person
 * can act on, because the add dialog shows it.
 */
import type { AgreementFacts } from "./agreements";
import { isAgreementInForce } from "./agreements";
import { effectiveVetting, meetsMvPost, vettingOpensRank, VETTING_LABELS, isVettingLevel } from "./vetting";
import { RANKS } from "./markings";

export const SPACE_ROLES = ["owner", "member", "reader", "guest"] as const;
export type SpaceRole = (typeof SPACE_ROLES)[number];

/** Roles for people of the space's own agency; partners join only as guests. */
export const OWN_AGENCY_ROLES: readonly SpaceRole[] = ["owner", "member", "reader"];

export type Candidate = {
  userId: string;
  agencyId: string;
  agencyName: string;
  status: string;
  vettingLevel: string;
  vettingExpiresOn: string | null;
};

export type SpaceFacts = {
  id: string;
  ownerAgencyId: string;
  ceilingRank: number;
  ceilingMarking: string;
  isMvOnly: boolean;
  status: string;
  agreements: AgreementFacts[];
};

export type Eligibility =
  | { isEligible: true; roles: readonly SpaceRole[]; agreement: AgreementFacts | null; latestExpiry: string | null }
  | { isEligible: false; reason: string };

const LEVEL_NAME: Record<number, string> = { 1: "OFFICIAL", 2: "OFFICIAL-SENSITIVE", 3: "SECRET", 4: "TOP SECRET" };

/** The agreements that let a person of `agencyId` into the space now, best (latest review) first. */
export function admittingAgreements(space: SpaceFacts, agencyId: string, now: Date): AgreementFacts[] {
  return space.agreements
    .filter((isa) => isAgreementInForce(isa, now) && isa.partyAgencyIds.includes(agencyId) && isa.partyAgencyIds.includes(space.ownerAgencyId))
    .sort((a, b) => (b.reviewOn ?? "9999").localeCompare(a.reviewOn ?? "9999"));
}

/** May this person be added to the space, in which roles, and until when? */
export function eligibilityFor(candidate: Candidate, space: SpaceFacts, now: Date): Eligibility {
  if (space.status !== "active") return { isEligible: false, reason: "The space is frozen or archived: nobody can be added" };
  if (candidate.status !== "active") return { isEligible: false, reason: "Their account is not active" };
  const vetting = effectiveVetting(candidate.vettingLevel, candidate.vettingExpiresOn, now);
  if (space.isMvOnly && !meetsMvPost(vetting)) return { isEligible: false, reason: "The space is for MV posts only and they do not hold MV" };
  if (candidate.agencyId === space.ownerAgencyId) {
    return { isEligible: true, roles: OWN_AGENCY_ROLES, agreement: null, latestExpiry: null };
  }
  const agreements = admittingAgreements(space, candidate.agencyId, now);
  if (agreements.length === 0) {
    const refs = space.agreements.map((a) => a.reference);
    return {
      isEligible: false,
      reason:
        refs.length === 0
          ? `The space is not shared under any agreement, so nobody from ${candidate.agencyName} can join`
          : `No agreement in force for this space includes ${candidate.agencyName} (the space runs under ${refs.join(", ")})`,
    };
  }
  const opens = vettingOpensRank(vetting);
  if (opens < Math.max(space.ceilingRank, RANKS.OFFICIAL)) {
    const label = isVettingLevel(candidate.vettingLevel) ? VETTING_LABELS[candidate.vettingLevel] : "unknown";
    const expired = vetting === "NONE" && candidate.vettingLevel !== "NONE" ? " (expired)" : "";
    return {
      isEligible: false,
      reason: `Their vetting, ${label}${expired}, does not open ${space.ceilingMarking}, the highest marking this space may hold (it opens ${LEVEL_NAME[opens] ?? "nothing"})`,
    };
  }
  const best = agreements[0]!;
  // A guest's access ends no later than the agreement's review (or end) date.
  const limits = [best.reviewOn, best.endsOn].filter((d): d is string => d !== null).sort();
  return { isEligible: true, roles: ["guest"], agreement: best, latestExpiry: limits[0] ?? null };
}

/**
 * True when a space's access review is overdue at `now`: from the instant it falls due, the same
 * instant from which rules/spaces.ts suspends guests (so the page never says "not overdue" to a
 * suspended guest's owner).
 */
export function isAttestationOverdue(lastAttestedAt: Date, intervalDays: number, now: Date): boolean {
  return now.getTime() >= lastAttestedAt.getTime() + intervalDays * 86_400_000;
}
