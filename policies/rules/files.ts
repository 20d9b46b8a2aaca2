/**
 * Files uploaded to a space. A file carries the same marking columns as a document, so it follows
 * exactly the document rules (rules/marked-content.ts): the threat is a file becoming a side door
 * to content its marking, the reader's vetting or a partner agreement would keep from them.
 * Files are read (downloaded), updated, deleted and created; they are not re-marked or shared on
 * their own (yet), so those actions grant nothing.
 */
import type { Can, Cannot, DerivedFacts } from "../ability";
import { markedContentGrants } from "./marked-content";

/** File rules. */
export function fileRules(can: Can, cannot: Cannot, facts: DerivedFacts): void {
  const grants = markedContentGrants(facts);
  if (!grants) return;
  for (const c of grants.read) can("read", "File", c);
  for (const c of grants.update) can("update", "File", c);
  for (const c of grants.delete) can("delete", "File", c);
  if (grants.create) can("create", "File", grants.create);
  // As for documents: another agency's file carrying an unknown descriptor is out of reach.
  // Declared last so that it bounds every rule above.
  cannot(["read", "update"], "File", grants.unknownDescriptors);
}
