/**
 * Form submissions (issue 7): filled-in forms are marked content of their space, so the one set
 * of marked-content rules decides who sees them (rules/marked-content.ts, as for documents,
 * files and cards): a submission above a person's vetting, or another agency's whose marking no
 * agreement in force lets cross, is invisible, its existence and count included. Beyond reading:
 *  - creating one is creating content in the space (an open space, a role above reader, within
 *    the creator's vetting, as their own agency);
 *  - editing its answers (saving a draft, submitting, correcting a returned one, editing after
 *    submitting, which keeps every version) is for its owner alone, while it is not accepted;
 *  - reviewing it (returning it with comments, accepting it) is for a supervisor of the
 *    submission's own agency who may edit in the space, and never for its owner: nobody accepts
 *    their own statement.
 * The threat: a statement altered by someone other than the officer who made it, or accepted by
 * that officer themselves; or a submission becoming a side door to what its marking keeps out.
 */
import type { Can, Cannot, Conditions, DerivedFacts } from "../ability";
import { hasRole } from "../roles";
import { markedContentGrants, type MarkedQuery } from "./marked-content";

/** A marked-content condition as a Submission condition, with the owner and status it adds. */
const onSubmission = (c: MarkedQuery, extra: Record<string, unknown> = {}) => ({ ...c, ...extra }) as Conditions<"Submission">;

/** Submission rules. */
export function submissionRules(can: Can, cannot: Cannot, facts: DerivedFacts): void {
  const grants = markedContentGrants(facts);
  if (!grants) return;
  const { actor } = facts;
  for (const c of grants.read) can("read", "Submission", onSubmission(c));
  if (grants.create) can("create", "Submission", onSubmission(grants.create, { ownerId: actor.userId, status: "draft" }));
  for (const c of grants.update) can("update", "Submission", onSubmission(c, { ownerId: actor.userId, status: { $in: ["draft", "submitted", "returned"] } }));
  if (hasRole(actor.roles, "supervisor")) {
    for (const c of grants.remark) can("review", "Submission", onSubmission(c, { ownerId: { $ne: actor.userId }, status: "submitted" }));
  }
  // As for documents: another agency's submission carrying an unknown descriptor is out of reach.
  cannot(["read", "update", "review"], "Submission", onSubmission(grants.unknownDescriptors));
  // Restricted instead of erased (DPA 2018 s.47, issue 8): kept, and refused to everyone, so
  // invisible (404) like content that is gone; its record item and certificate say what it was.
  cannot(["read", "update", "review"], "Submission", { isRestricted: true });
}
