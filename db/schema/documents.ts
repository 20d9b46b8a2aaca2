import { boolean, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";
import { markedContentColumns } from "./marked-content";

/**
 * A document's metadata. The marking is stored twice: the canonical text people read and its
 * numeric rank, which is what every access comparison uses (in SQL and JavaScript alike).
 */
export const documents = pgTable(
  "documents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ...markedContentColumns(),
    title: text("title").notNull(),
    /**
     * Restricted instead of erased (DPA 2018 s.47, issue 8): a disposal review decided the
     * content must be kept but no longer used, so the policy refuses every action on it
     * (policies/rules/*: invisible, as if it were gone); its record item and certificate say so.
     */
    isRestricted: boolean("is_restricted").notNull().default(false),
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
