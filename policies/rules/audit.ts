/** The audit trail: auditors and administrators read their own agency's events; nobody edits. */
import type { Can, DerivedFacts } from "../ability";
import { hasRole } from "../roles";

export function auditRules(can: Can, facts: DerivedFacts): void {
  const { actor } = facts;
  if (hasRole(actor.roles, "auditor") || hasRole(actor.roles, "agency_admin")) {
    can("read", "AuditEvent", { agencyId: actor.agencyId });
  }
}
