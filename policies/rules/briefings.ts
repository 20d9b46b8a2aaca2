/**
 * Briefings on tasking boards. A briefing carries the same marking columns as a card, so it
 * follows exactly the marked-content rules (rules/marked-content.ts; rules/cards.ts is the
 * model): the threat is a briefing becoming a side door to what its marking, the reader's vetting
 * or a partner agreement would keep from them, in its text, its attachments, its acknowledgements
 * or merely its existence. Acknowledging ("briefed") is "read": everyone who may read it is its
 * audience. Publishing is "create"; publishing an update (a new revision) is "update".
 */
import type { Can, Cannot, DerivedFacts } from "../ability";
import { markedContentGrants } from "./marked-content";

/** Briefing rules. */
export function briefingRules(can: Can, cannot: Cannot, facts: DerivedFacts): void {
  const grants = markedContentGrants(facts);
  if (!grants) return;
  for (const c of grants.read) can("read", "Briefing", c);
  for (const c of grants.update) can("update", "Briefing", c);
  for (const c of grants.delete) can("delete", "Briefing", c);
  if (grants.create) can("create", "Briefing", grants.create);
  // As for cards: another agency's briefing carrying an unknown descriptor is out of reach.
  // Declared last so that it bounds every rule above.
  cannot(["read", "update"], "Briefing", grants.unknownDescriptors);
}
