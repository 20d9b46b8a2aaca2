/**
 * Pre-planned response templates. National templates are Accord's own (seeded with it, the same
 * for every deployment), so everyone signed in reads them and no one changes them here; an
 * agency's local templates are its own working practice, read only within that agency and
 * written only by its administrators and supervisors. The threat: one agency's local plans (its
 * resources, its contacts) reaching another agency, or a national template being altered so that
 * every agency starts from something no one reviewed.
 */
import type { Can, DerivedFacts } from "../ability";
import { hasRole } from "../roles";

/** Response template rules. */
export function responseTemplateRules(can: Can, facts: DerivedFacts): void {
  const { actor } = facts;
  can("read", "ResponseTemplate", { scope: "national" });
  can("read", "ResponseTemplate", { scope: "agency", agencyId: actor.agencyId });
  // Role checks only ever ask for a known role, so an unknown or missing one grants nothing.
  if (hasRole(actor.roles, "agency_admin") || hasRole(actor.roles, "supervisor")) {
    can(["create", "update", "delete"], "ResponseTemplate", { scope: "agency", agencyId: actor.agencyId });
  }
}
