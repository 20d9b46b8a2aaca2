import { index, pgTable, smallint, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { agencies } from "./agencies";
import { spaces } from "./spaces";
import { users } from "./users";

/**
 * A document's metadata. The marking is stored twice: the canonical text people read and its
 * numeric rank, which is what every access comparison uses (in SQL and JavaScript alike).
 */
export const documents = pgTable(
  "documents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    spaceId: uuid("space_id")
      .notNull()
      .references(() => spaces.id, { onDelete: "cascade" }),
    owningAgencyId: uuid("owning_agency_id")
      .notNull()
      .references(() => agencies.id),
    title: text("title").notNull(),
    marking: text("marking").notNull(),
    markingRank: smallint("marking_rank").notNull(),
    descriptors: text("descriptors").array().notNull().default([]),
    // The handling instruction ('' for none); "USE ONLY" means "<ORGANISATION(S)> USE ONLY".
    handling: text("handling").notNull().default(""),
    // RECIPIENTS ONLY: the named recipients' user ids.
    recipientIds: text("recipient_ids").array().notNull().default([]),
    // <ORGANISATION(S)> USE ONLY: the organisations' agency codes.
    useOnlyAgencyCodes: text("use_only_agency_codes").array().notNull().default([]),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("documents_space_updated_idx").on(t.spaceId, t.updatedAt),
    index("documents_owning_agency_idx").on(t.owningAgencyId),
    index("documents_updated_idx").on(t.updatedAt),
    // The policy filter is "space IN (…) AND owning agency = … ORDER BY updated_at": this index
    // answers it without a sort (bench/results/authz-list.json, before and after).
    index("documents_space_agency_updated_idx").on(t.spaceId, t.owningAgencyId, t.updatedAt),
  ],
);
