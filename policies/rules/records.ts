/**
 * Records management (issue 8; domain.md §5). An agency's records managers decide how long its
 * information is kept and see that it is disposed of lawfully, with proof:
 *  - the file plan (retention labels, event types, labelling rules) is read by the agency's
 *    records managers, auditors and administrators, and changed by its records managers only;
 *  - labelling an item, raising events, holds and the disposal review work on records' metadata
 *    (what an item is, its label and dates), never their content: a records manager sees the
 *    agency's own records up to their vetting, whatever space they are in, without being a
 *    member; opening the content stays with the marked-content rules;
 *  - a space owner may label the content of the spaces they own (by hand), within their vetting;
 *  - at each stage of a disposal review, the named reviewers of that stage (and the agency's
 *    records managers) decide, within their vetting;
 *  - certificates of disposal are read by the agency's records managers and auditors.
 * The threat: a record destroyed, or its schedule shortened, by someone without the authority;
 * a hold released quietly; or the records function becoming a side door to the content itself.
 */
import type { Can, DerivedFacts } from "../ability";
import { hasRole } from "../roles";
import { RANKS } from "../markings";

/** Records rules. */
export function recordsRules(can: Can, facts: DerivedFacts): void {
  const { actor } = facts;
  const own = { agencyId: actor.agencyId };
  const isRecordsManager = hasRole(actor.roles, "records_manager");
  // Ranks from OFFICIAL up to the actor's vetting (a rank below OFFICIAL belongs to no marking).
  const upToVetting = { $gte: RANKS.OFFICIAL, $lte: facts.vettingRank };
  if (isRecordsManager || hasRole(actor.roles, "auditor") || hasRole(actor.roles, "agency_admin")) can("read", "FilePlan", own);
  if (isRecordsManager) {
    can(["create", "update", "delete"], "FilePlan", own);
    can(["read", "create", "update"], "Hold", own);
    can(["read", "create"], "RetentionEvent", own);
    can(["read", "update", "review"], "RecordItem", { owningAgencyId: actor.agencyId, markingRank: upToVetting });
  }
  if (hasRole(actor.roles, "auditor")) {
    can("read", "Hold", own);
    can("read", "RetentionEvent", own);
  }
  // A certificate names what was disposed of (its title): read within vetting, as the record was.
  if (isRecordsManager || hasRole(actor.roles, "auditor")) can("read", "DisposalCertificate", { agencyId: actor.agencyId, markingRank: upToVetting });
  // A space owner labels what their own spaces hold, within their vetting, by hand.
  const owned = actor.memberships.filter((m) => m.role === "owner" && m.spaceOwnerAgencyId === actor.agencyId).map((m) => m.spaceId);
  if (owned.length > 0 && facts.vettingRank > 0) can(["read", "update"], "RecordItem", { owningAgencyId: actor.agencyId, spaceId: { $in: owned }, markingRank: upToVetting });
  // A reviewer named at the item's current stage decides it (lib/records works out who is named).
  if (facts.vettingRank > 0) can(["read", "review"], "RecordItem", { owningAgencyId: actor.agencyId, currentReviewerIds: actor.userId, markingRank: upToVetting });
}
