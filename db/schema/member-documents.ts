import { index, pgTable, primaryKey, smallint, timestamp, uuid } from "drizzle-orm/pg-core";
import { documents } from "./documents";
import { users } from "./users";

/**
 * A list index, not a source of truth: one row per (member of a space, document in that space),
 * carrying the document's `updated_at` and `marking_rank`. Every reader of a document is a member of its space, so
 * these rows are a superset of what each person may read; "my documents, newest first" walks one
 * person's rows in order instead of merging hundreds of spaces' lists, and the policy filter
 * (accessibleWhere) still decides every row. Database triggers (migration 0006) keep it in step
 * with `documents` and `space_members` in the same transaction as the change, so no code path can
 * forget it. Nothing else reads it.
 */
export const memberDocuments = pgTable(
  "member_documents",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    documentId: uuid("document_id")
      .notNull()
      .references(() => documents.id, { onDelete: "cascade" }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
    // A copy of the document's rank, so a list can skip rows above everything the person's policy
    // could ever open while it walks the index, before joining each row to its document (someone
    // whose vetting lapsed would otherwise fetch every OFFICIAL-SENSITIVE document of their spaces
    // only for the policy to refuse it). Only ever a pre-filter: the policy still decides.
    markingRank: smallint("marking_rank").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.documentId, t.userId] }),
    // Ascending, read backwards for "newest first": a DESC index would be DESC NULLS LAST as drizzle
    // writes it, which does not match ORDER BY … DESC (NULLS FIRST), and the planner would sort.
    // marking_rank last: the order is still (user, updated_at, id), and the rank filter is checked
    // in the index itself (an index-only scan) before any document is fetched.
    index("member_documents_feed_idx").on(t.userId, t.updatedAt, t.documentId, t.markingRank),
  ],
);
