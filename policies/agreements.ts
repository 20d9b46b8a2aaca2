/**
 * Information sharing agreements as code (domain.md §4). Partner access stands only while an
 * agreement is in force: active, started, not past its end date and not past a missed review.
 * The threat: access that outlives the agreement that justified it.
 */

export type AgreementFacts = {
  id: string;
  reference: string;
  status: string;
  startsOn: string;
  reviewOn: string | null;
  endsOn: string | null;
  maxRank: number;
  descriptors: readonly string[];
  partyAgencyIds: readonly string[];
};

/** The calendar day (UTC) of an instant, as YYYY-MM-DD. */
export function dayOf(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** True when the agreement permits sharing at `at`. Unknown statuses are not in force. */
export function isAgreementInForce(isa: Pick<AgreementFacts, "status" | "startsOn" | "reviewOn" | "endsOn">, at: Date): boolean {
  if (isa.status !== "active") return false;
  const day = dayOf(at);
  if (day < isa.startsOn) return false;
  if (isa.endsOn !== null && day > isa.endsOn) return false;
  // A missed review ends sharing until the agreement is reviewed (its review date moved on).
  if (isa.reviewOn !== null && day > isa.reviewOn) return false;
  return true;
}

/** True when the agreement is in force and names both agencies as parties. */
export function agreementBinds(isa: AgreementFacts, agencyA: string, agencyB: string, at: Date): boolean {
  return isAgreementInForce(isa, at) && isa.partyAgencyIds.includes(agencyA) && isa.partyAgencyIds.includes(agencyB);
}
