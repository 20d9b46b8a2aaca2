/**
 * Tasking boards. A board carries no marking of its own (each card carries one, rules/cards.ts),
 * so it is decided by its space: reading it needs standing in the space (as reading the space
 * does), and creating, renaming, deleting it or changing its columns needs what changing content
 * in the space needs: an open (not frozen or archived) space and a role above reader. The threat:
 * a board, its title or its columns reaching someone without standing in the space, or a reader
 * or a frozen space's members rearranging the work.
 */
import type { Can, DerivedFacts } from "../ability";
import { isWritable, standingMemberships } from "./spaces";

/** Board rules. */
export function boardRules(can: Can, facts: DerivedFacts): void {
  const memberships = standingMemberships(facts);
  const readable = memberships.map((m) => m.spaceId);
  if (readable.length === 0) return;
  can("read", "Board", { spaceId: { $in: readable } });
  const editable = memberships.filter((m) => isWritable(m) && m.role !== "reader").map((m) => m.spaceId);
  if (editable.length > 0) can(["create", "update", "delete"], "Board", { spaceId: { $in: editable } });
}
