/** Agreements: readable by their parties; managed by the owning agency's administrators. */
import type { Can, DerivedFacts } from "../ability";
import { hasRole } from "../roles";

export function agreementRules(can: Can, facts: DerivedFacts): void {
  const { actor } = facts;
  const party = actor.agencyAgreements.filter((isa) => isa.partyAgencyIds.includes(actor.agencyId)).map((isa) => isa.id);
  if (party.length > 0) can("read", "Agreement", { id: { $in: party } });
  if (hasRole(actor.roles, "agency_admin")) {
    can(["read", "update", "administer"], "Agreement", { ownerAgencyId: actor.agencyId });
    can("create", "Agreement", { ownerAgencyId: actor.agencyId });
  }
}
