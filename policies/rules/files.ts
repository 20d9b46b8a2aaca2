/**
 * Files uploaded to a space. A file carries the same marking columns as a document, so it follows
 * exactly the document rules (rules/marked-content.ts): the threat is a file becoming a side door
 * to content its marking, the reader's vetting or a partner agreement would keep from them.
 * Files are read (downloaded), updated, deleted and created; they are not re-marked or shared on
 * their own (yet), so those actions grant nothing.
 */
import type { Can, Cannot, Conditions, DerivedFacts } from "../ability";
import { markedContentGrants, type MarkedQuery } from "./marked-content";

/** A marked-content condition as a File condition (a file has those fields and isRestricted). */
const onFile = (c: MarkedQuery) => c as Conditions<"File">;

/** File rules. */
export function fileRules(can: Can, cannot: Cannot, facts: DerivedFacts): void {
  const grants = markedContentGrants(facts);
  if (!grants) return;
  for (const c of grants.read) can("read", "File", onFile(c));
  for (const c of grants.update) can("update", "File", onFile(c));
  for (const c of grants.delete) can("delete", "File", onFile(c));
  if (grants.create) can("create", "File", onFile(grants.create));
  // As for documents: another agency's file carrying an unknown descriptor is out of reach.
  // Declared last so that it bounds every rule above.
  cannot(["read", "update"], "File", onFile(grants.unknownDescriptors));
  // Restricted instead of erased (DPA 2018 s.47, issue 8): kept, and refused to everyone, so
  // invisible (404) like content that is gone; its record item and certificate say what it was.
  cannot(["read", "update", "delete"], "File", { isRestricted: true });
}
