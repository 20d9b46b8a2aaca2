import { smallint, text, uuid } from "drizzle-orm/pg-core";
import { agencies } from "./agencies";
import { spaces } from "./spaces";

/**
 * The columns every piece of marked content carries (documents, files, cards): where it is, whose
 * it is and its marking, stored twice: the canonical text people read and its numeric rank, which
 * is what every access comparison uses (in SQL and JavaScript alike). One definition, because the
 * one set of marked-content rules (policies/rules/marked-content.ts) reads these columns on every
 * such table; a table that spelled them differently would fall outside the rules.
 */
export function markedContentColumns() {
  return {
    spaceId: uuid("space_id")
      .notNull()
      .references(() => spaces.id, { onDelete: "cascade" }),
    owningAgencyId: uuid("owning_agency_id")
      .notNull()
      .references(() => agencies.id),
    marking: text("marking").notNull(),
    markingRank: smallint("marking_rank").notNull(),
    descriptors: text("descriptors").array().notNull().default([]),
    // The handling instruction ('' for none); "USE ONLY" means "<ORGANISATION(S)> USE ONLY".
    handling: text("handling").notNull().default(""),
    // RECIPIENTS ONLY: the named recipients' user ids.
    recipientIds: text("recipient_ids").array().notNull().default([]),
    // <ORGANISATION(S)> USE ONLY: the organisations' agency codes.
    useOnlyAgencyCodes: text("use_only_agency_codes").array().notNull().default([]),
  };
}
