/**
 * Who may administer people. Each agency is a tenant (ASVS v5.0.0-8.4.1): an agency administrator
 * manages the people of their own agency and nobody else's. Issue 3 folds this into the CASL
 * abilities; the decision stays here either way.
 */
import { hasRole } from "./roles";

export type PolicyActor = { userId: string; roles: readonly string[]; agency: { id: string } };

/** May the actor see and manage the people of `agencyId`? */
export function canAdministerAgencyUsers(actor: PolicyActor, agencyId: string): boolean {
  return hasRole(actor.roles, "agency_admin") && actor.agency.id === agencyId;
}

/** May the actor change this user's status (never their own: no locking yourself out)? */
export function canChangeUserStatus(actor: PolicyActor, target: { id: string; agencyId: string }): boolean {
  return canAdministerAgencyUsers(actor, target.agencyId) && target.id !== actor.userId;
}
