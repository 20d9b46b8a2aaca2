/**
 * Spaces and their memberships. A person sees a space they belong to only while they have
 * standing there: their agency owns it, or an agreement in force binds the space and names both
 * their agency and the owner's. "MV posts only" spaces need management vetting or above.
 */
import type { Can, DerivedFacts, MembershipFacts } from "../ability";
import { agreementBinds } from "../agreements";
import { hasRole } from "../roles";
import { meetsMvPost } from "../vetting";

/** The memberships that give the actor standing in their space now. */
export function standingMemberships(facts: DerivedFacts): MembershipFacts[] {
  const { actor } = facts;
  return actor.memberships.filter((m) => {
    if (m.isMvOnly && !meetsMvPost(facts.vetting)) return false;
    if (m.spaceOwnerAgencyId === actor.agencyId) return true;
    return m.agreements.some((isa) => agreementBinds(isa, actor.agencyId, m.spaceOwnerAgencyId, actor.now));
  });
}

/** Spaces the actor owns with standing, as a member of the owning agency. */
export function ownedSpaceIds(facts: DerivedFacts): string[] {
  return standingMemberships(facts)
    .filter((m) => m.role === "owner" && m.spaceOwnerAgencyId === facts.actor.agencyId)
    .map((m) => m.spaceId);
}

/** Space and Membership rules. */
export function spaceRules(can: Can, facts: DerivedFacts): void {
  const readable = standingMemberships(facts).map((m) => m.spaceId);
  if (readable.length > 0) {
    can("read", "Space", { id: { $in: readable } });
    can("read", "Membership", { spaceId: { $in: readable } });
  }
  const owned = ownedSpaceIds(facts);
  if (owned.length > 0) {
    can(["update", "share"], "Space", { id: { $in: owned } });
    can(["create", "delete"], "Membership", { spaceId: { $in: owned } });
  }
  // Supervisors of an agency open spaces for it; the space belongs to the agency, not the person.
  if (hasRole(facts.actor.roles, "supervisor") || hasRole(facts.actor.roles, "agency_admin")) {
    can("create", "Space", { ownerAgencyId: facts.actor.agencyId });
  }
}
