/**
 * People. Each agency is a tenant (ASVS v5.0.0-8.4.1): everyone sees the people of their own
 * agency; only its administrators manage them, and nobody manages anyone else's.
 */
import type { Can, Cannot, DerivedFacts } from "../ability";
import { hasRole } from "../roles";

export function userRules(can: Can, cannot: Cannot, facts: DerivedFacts): void {
  const { actor } = facts;
  can("read", "User", { agencyId: actor.agencyId });
  if (hasRole(actor.roles, "agency_admin")) {
    // "administer": status and sessions; "explain": see why a person may or may not reach something.
    can(["update", "administer", "explain"], "User", { agencyId: actor.agencyId });
    // No administrator disables or signs out themselves (and so locks the agency out).
    cannot("administer", "User", { id: actor.userId });
  }
}
