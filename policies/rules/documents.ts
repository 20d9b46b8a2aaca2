/**
 * Documents. Who may read, change, comment on, re-mark, share, delete and create one is decided for all
 * marked content in rules/marked-content.ts (files follow the same rules): standing in its space,
 * vetting that opens its marking, an agreement in force for another agency's document, and the
 * handling instruction's own audience. Every condition is on a column of the document row, so
 * the same rules filter lists in SQL.
 */
import type { Can, Cannot, DerivedFacts } from "../ability";
import { markedContentGrants } from "./marked-content";

/** Document rules. */
export function documentRules(can: Can, cannot: Cannot, facts: DerivedFacts): void {
  const grants = markedContentGrants(facts);
  if (!grants) return;
  for (const c of grants.read) can("read", "Document", c);
  // Commenting is a contribution like editing, so it takes the same standing: an open space and a
  // role above reader (owners, members, partner guests). Readers read the comments, never write
  // them. Its own action all the same, so that the two can part later without touching callers;
  // one rule for both keeps the rule count (and so every check) as it was.
  for (const c of grants.update) can(["update", "comment"], "Document", c);
  for (const c of grants.remark) can("remark", "Document", c);
  for (const c of grants.share) can("share", "Document", c);
  for (const c of grants.delete) can("delete", "Document", c);
  if (grants.create) can("create", "Document", grants.create);
  // Unknown descriptors deny: another agency's document carrying one is out of reach. Declared
  // last so that it bounds every rule above (later CASL rules take precedence).
  cannot(["read", "update", "comment", "share"], "Document", grants.unknownDescriptors);
}
