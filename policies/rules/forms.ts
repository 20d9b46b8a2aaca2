/**
 * The form library (issue 7). National forms (MG11, stop and search, missing person, …) are owned
 * nationally and seeded with Accord: everyone signed in reads them, no one changes them here. An
 * agency's own forms and local variants are its working practice: read within the agency, and
 * written (made, edited, published, deleted) only by its agency administrators, who act as its
 * form administrators. The threat: one agency's local forms (its guidance, its extra questions)
 * reaching another, or a national form altered so that what every force asks is no longer what
 * the national standard requires.
 */
import type { Can, DerivedFacts } from "../ability";
import { hasRole } from "../roles";

/** Form rules. */
export function formRules(can: Can, facts: DerivedFacts): void {
  const { actor } = facts;
  can("read", "Form", { scope: "national" });
  can("read", "Form", { scope: "agency", agencyId: actor.agencyId });
  // Role checks only ever ask for a known role, so an unknown or missing one grants nothing.
  if (hasRole(actor.roles, "agency_admin")) can(["create", "update", "delete"], "Form", { scope: "agency", agencyId: actor.agencyId });
}
