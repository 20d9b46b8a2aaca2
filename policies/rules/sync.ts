/**
 * SharePoint sync (issue 9): an agency's connection to its tenant is its administrators' to set,
 * test and run (retry a failed delivery, see the queue); its auditors read it, and so do its
 * records managers, who must see a disposal SharePoint refused. Each agency is a tenant
 * (ASVS v5.0.0-8.4.1): nobody reaches another agency's connection. What the sync does with an item
 * is authorized for the person who caused it, by that item's own rules (lib/graph/authorize-sync-action.ts).
 */
import type { Can, DerivedFacts } from "../ability";
import { hasRole } from "../roles";

export function syncRules(can: Can, facts: DerivedFacts): void {
  const { actor } = facts;
  if (hasRole(actor.roles, "agency_admin")) can(["read", "update", "administer"], "SyncConnection", { agencyId: actor.agencyId });
  if (hasRole(actor.roles, "auditor") || hasRole(actor.roles, "records_manager")) can("read", "SyncConnection", { agencyId: actor.agencyId });
}
