/**
 * Documents. Who may read, change, re-mark, share, delete and create one is decided for all
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
  for (const c of grants.update) can("update", "Document", c);
  for (const c of grants.remark) can("remark", "Document", c);
  for (const c of grants.share) can("share", "Document", c);
  for (const c of grants.delete) can("delete", "Document", c);
  if (grants.create) can("create", "Document", grants.create);
  // Unknown descriptors deny: another agency's document carrying one is out of reach. Declared
  // last so that it bounds every rule above (later CASL rules take precedence).
  cannot(["read", "update", "share"], "Document", grants.unknownDescriptors);
}
