/**
 * Spaces and their memberships. A person sees a space they belong to only while they have
 * standing there: their agency owns it, or an agreement in force binds the space and names both
 * their agency and the owner's. "MV posts only" spaces need management vetting or above. A
 * membership past its end date gives no standing, and nor does a guest's while the space's access
 * review is overdue. Frozen and archived spaces are read-only for everyone.
 */
import type { Can, DerivedFacts, MembershipFacts } from "../ability";
import { agreementBinds } from "../agreements";
import { hasRole } from "../roles";
import { meetsMvPost } from "../vetting";

/** The memberships that give the actor standing in their space now. */
export function standingMemberships(facts: DerivedFacts): MembershipFacts[] {
  const { actor } = facts;
  const now = actor.now.getTime();
  return actor.memberships.filter((m) => {
    if (m.isMvOnly && !meetsMvPost(facts.vetting)) return false;
    if (m.expiresAt && m.expiresAt.getTime() <= now) return false;
    if (m.role === "guest" && m.attestationDueAt && m.attestationDueAt.getTime() <= now) return false;
    if (!isKnownStatus(m.spaceStatus)) return false;
    if (m.spaceOwnerAgencyId === actor.agencyId) return true;
    return m.agreements.some((isa) => agreementBinds(isa, actor.agencyId, m.spaceOwnerAgencyId, actor.now));
  });
}

/** Unknown statuses give no standing (fail closed); absent means active. */
function isKnownStatus(status: string | undefined): boolean {
  return status === undefined || status === "active" || status === "frozen" || status === "archived";
}

/** True when the space may be changed (it is neither frozen nor archived). */
export function isWritable(m: MembershipFacts): boolean {
  return m.spaceStatus === undefined || m.spaceStatus === "active";
}

/** Memberships owned by the actor with standing, as a member of the owning agency. */
export function ownedMemberships(facts: DerivedFacts): MembershipFacts[] {
  return standingMemberships(facts).filter((m) => m.role === "owner" && m.spaceOwnerAgencyId === facts.actor.agencyId);
}

/** Spaces the actor owns with standing and that are open for change. */
export function ownedSpaceIds(facts: DerivedFacts): string[] {
  return ownedMemberships(facts)
    .filter(isWritable)
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
    can("create", "Membership", { spaceId: { $in: owned } });
  }
  // Owners keep the lifecycle (unfreeze, archive, attest) and may still reduce access in a frozen
  // space: removing people or lowering their role never needs the space to be open.
  const ownedAny = ownedMemberships(facts).map((m) => m.spaceId);
  if (ownedAny.length > 0) {
    can("administer", "Space", { id: { $in: ownedAny } });
    can(["update", "delete"], "Membership", { spaceId: { $in: ownedAny } });
  }
  // Anyone may leave a space they can see.
  if (readable.length > 0) can("delete", "Membership", { spaceId: { $in: readable }, userId: facts.actor.userId });
  // Supervisors of an agency open spaces for it; the space belongs to the agency, not the person.
  if (hasRole(facts.actor.roles, "supervisor") || hasRole(facts.actor.roles, "agency_admin")) {
    can("create", "Space", { ownerAgencyId: facts.actor.agencyId });
  }
}
