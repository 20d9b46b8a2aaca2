/**
 * Comments on documents. Writing a new comment, replying and resolving are the document's own
 * "comment" action (rules/documents.ts). This file decides the one thing that belongs to a single
 * comment: changing or deleting it, which is for its author only, and only while they may still
 * comment on its document (a reader, a frozen space or a lapsed agreement ends it). The threat: one
 * person rewriting or withdrawing what another wrote, through an id guessed or seen in the API.
 */
import type { Can, Cannot, Conditions, DerivedFacts } from "../ability";
import { markedContentGrants, type MarkedQuery } from "./marked-content";

/**
 * A marked-content condition as a Comment condition: a comment carries its document's fields
 * under the same names, so the condition means the same thing (TypeScript cannot see that the
 * operator types line up across the two field sets).
 */
const onComment = (c: MarkedQuery, extra: Partial<Record<"authorId", string>> = {}) => ({ ...c, ...extra }) as Conditions<"Comment">;

/** Comment rules. */
export function commentRules(can: Can, cannot: Cannot, facts: DerivedFacts): void {
  const grants = markedContentGrants(facts);
  if (!grants) return;
  // The document's "comment" conditions (the same as its "update") with the author added, so
  // that both must hold in one rule.
  for (const c of grants.update) can(["update", "delete"], "Comment", onComment(c, { authorId: facts.actor.userId }));
  // As for documents: nothing on another agency's document carrying an unknown descriptor.
  cannot(["update", "delete"], "Comment", onComment(grants.unknownDescriptors));
}
