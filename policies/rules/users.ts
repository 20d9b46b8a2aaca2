/**
 * People. Each agency is a tenant (ASVS v5.0.0-8.4.1): everyone sees the people of their own
 * agency; only its administrators manage them, and nobody manages anyone else's.
 */
import type { Can, DerivedFacts } from "../ability";
import { hasRole } from "../roles";

export function userRules(can: Can, facts: DerivedFacts): void {
  const { actor } = facts;
  can("read", "User", { agencyId: actor.agencyId });
  if (hasRole(actor.roles, "agency_admin")) {
    can(["update", "manage", "explain"], "User", { agencyId: actor.agencyId });
  }
}
