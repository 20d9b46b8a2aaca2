/** Agencies: one's own, and those party to an agreement in force with it; its settings, by its administrators. */
import type { Can, DerivedFacts } from "../ability";
import { isAgreementInForce } from "../agreements";
import { hasRole } from "../roles";

export function agencyRules(can: Can, facts: DerivedFacts): void {
  const { actor } = facts;
  const visible = new Set([actor.agencyId]);
  for (const isa of actor.agencyAgreements) {
    if (isAgreementInForce(isa, actor.now) && isa.partyAgencyIds.includes(actor.agencyId)) {
      for (const id of isa.partyAgencyIds) visible.add(id);
    }
  }
  can("read", "Agency", { id: { $in: [...visible] } });
  // The agency's own settings (such as when its people must justify opening content): its administrators only.
  if (hasRole(actor.roles, "agency_admin")) can("administer", "Agency", { id: actor.agencyId });
}
