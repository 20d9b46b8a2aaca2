/**
 * The audit trail: auditors and administrators read their own agency's events, and the events of
 * partner agencies' people in their agency's spaces (who consulted or disclosed the agency's
 * content, and why: DPA 2018 s.62); nobody edits.
 */
import type { Can, DerivedFacts } from "../ability";
import { hasRole } from "../roles";

export function auditRules(can: Can, facts: DerivedFacts): void {
  const { actor } = facts;
  if (hasRole(actor.roles, "auditor") || hasRole(actor.roles, "agency_admin")) {
    can("read", "AuditEvent", { agencyId: actor.agencyId });
    can("read", "AuditEvent", { spaceOwnerAgencyId: actor.agencyId });
  }
}
