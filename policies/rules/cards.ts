/**
 * Cards of tasking boards. A card carries the same marking columns as a document and a file, so
 * it follows exactly the marked-content rules (rules/marked-content.ts; rules/files.ts is the
 * model): the threat is a card becoming a side door to what its marking, the reader's vetting or
 * a partner agreement would keep from them, in its title, its description or merely its count.
 * A card above a person's vetting, or another agency's card whose marking no agreement in force
 * lets cross, is invisible to them. Moving, editing, assigning and linking a card are "update";
 * re-marking is for the originating agency only (GSCP paras 37-38), as for documents; deleting is
 * for the originating agency's space owner or records manager, as for documents and files.
 */
import type { Can, Cannot, DerivedFacts } from "../ability";
import { markedContentGrants } from "./marked-content";

/** Card rules. */
export function cardRules(can: Can, cannot: Cannot, facts: DerivedFacts): void {
  const grants = markedContentGrants(facts);
  if (!grants) return;
  for (const c of grants.read) can("read", "Card", c);
  for (const c of grants.update) can("update", "Card", c);
  for (const c of grants.remark) can("remark", "Card", c);
  for (const c of grants.delete) can("delete", "Card", c);
  if (grants.create) can("create", "Card", grants.create);
  // As for documents and files: another agency's card carrying an unknown descriptor is out of
  // reach. Declared last so that it bounds every rule above.
  cannot(["read", "update", "remark"], "Card", grants.unknownDescriptors);
}
