/**
 * Documents. Who may read, change, comment on, re-mark, share, delete and create one is decided for all
 * marked content in rules/marked-content.ts (files follow the same rules): standing in its space,
 * vetting that opens its marking, an agreement in force for another agency's document, and the
 * handling instruction's own audience. Every condition is on a column of the document row, so
 * the same rules filter lists in SQL.
 */
import type { Can, Cannot, Conditions, DerivedFacts } from "../ability";
import { markedContentGrants, type MarkedQuery } from "./marked-content";

/** A marked-content condition as a Document condition (a document has those fields and isRestricted). */
const onDocument = (c: MarkedQuery) => c as Conditions<"Document">;

/** Document rules. */
export function documentRules(can: Can, cannot: Cannot, facts: DerivedFacts): void {
  const grants = markedContentGrants(facts);
  if (!grants) return;
  for (const c of grants.read) can("read", "Document", onDocument(c));
  // Commenting is a contribution like editing, so it takes the same standing: an open space and a
  // role above reader (owners, members, partner guests). Readers read the comments, never write
  // them. Its own action all the same, so that the two can part later without touching callers;
  // one rule for both keeps the rule count (and so every check) as it was.
  for (const c of grants.update) can(["update", "comment"], "Document", onDocument(c));
  for (const c of grants.remark) can("remark", "Document", onDocument(c));
  for (const c of grants.share) can("share", "Document", onDocument(c));
  for (const c of grants.delete) can("delete", "Document", onDocument(c));
  if (grants.create) can("create", "Document", onDocument(grants.create));
  // Unknown descriptors deny: another agency's document carrying one is out of reach. Declared
  // last so that it bounds every rule above (later CASL rules take precedence).
  cannot(["read", "update", "comment", "share"], "Document", onDocument(grants.unknownDescriptors));
  // Restricted instead of erased (DPA 2018 s.47, issue 8): kept, and refused to everyone, so
  // invisible (404) like content that is gone; its record item and certificate say what it was.
  cannot(["read", "update", "comment", "share", "remark", "delete"], "Document", { isRestricted: true });
}
