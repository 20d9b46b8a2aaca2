import { sql } from "drizzle-orm";
import { check, customType, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { cards } from "./boards";
import { documents } from "./documents";
import { files } from "./files";
import { submissions } from "./forms";
import { spaces } from "./spaces";

/** PostgreSQL's tsvector, read as its text form (only ever read by SQL; nothing selects it into JavaScript). */
const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

/**
 * The full-text index of everything Accord searches (issue 10): one row per document, file, card,
 * form submission or space, naming exactly one of them. It holds text and a tsvector only, never
 * a marking or an audience: every search joins the row back to its own table and the policy
 * decides there, on the content's own columns (lib/search/search-content.ts), so nothing copied
 * here can go stale and widen access. Kept apart from the content tables so that their lists and
 * API views never carry text or vectors they do not show.
 *
 * Rows and vectors are kept by triggers (migration 0023) in the same statement as the write that
 * changes the text: the title (name) from the content's own row, and for cards, submissions and
 * spaces the body too. A document's body (its co-edited text, held as Yjs) and a file's
 * (extracted from its bytes) are written by lib/search in the transaction that stores them.
 */
export const searchEntries = pgTable(
  "search_entries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    documentId: uuid("document_id")
      .unique()
      .references(() => documents.id, { onDelete: "cascade" }),
    fileId: uuid("file_id")
      .unique()
      .references(() => files.id, { onDelete: "cascade" }),
    cardId: uuid("card_id")
      .unique()
      .references(() => cards.id, { onDelete: "cascade" }),
    submissionId: uuid("submission_id")
      .unique()
      .references(() => submissions.id, { onDelete: "cascade" }),
    /** The space itself as a search result (its name and description), not the space content lives in. */
    spaceId: uuid("space_id")
      .unique()
      .references(() => spaces.id, { onDelete: "cascade" }),
    title: text("title").notNull().default(""),
    body: text("body").notNull().default(""),
    /** Documents: the document_states revision whose text `body` holds (a newer one is indexed again at start-up). */
    sourceRevision: integer("source_revision"),
    /** Files: how the text was extracted (`text`, `pdf`, `docx`), or why not (`unsupported`, `too_large`, `failed`, `quarantined`). */
    extraction: text("extraction"),
    /** Title (weight A) and body (weight B), english configuration; set by trigger from `title` and `body`. */
    vector: tsvector("vector").notNull().default(sql`''::tsvector`),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check(
      "search_entries_one_subject",
      sql`num_nonnulls(${t.documentId}, ${t.fileId}, ${t.cardId}, ${t.submissionId}, ${t.spaceId}) = 1`,
    ),
    // One GIN index per kind, so that each kind's branch of a search reads only its own entries.
    index("search_entries_document_vector_idx").using("gin", t.vector).where(sql`${t.documentId} IS NOT NULL`),
    index("search_entries_file_vector_idx").using("gin", t.vector).where(sql`${t.fileId} IS NOT NULL`),
    index("search_entries_card_vector_idx").using("gin", t.vector).where(sql`${t.cardId} IS NOT NULL`),
    index("search_entries_submission_vector_idx").using("gin", t.vector).where(sql`${t.submissionId} IS NOT NULL`),
    index("search_entries_space_vector_idx").using("gin", t.vector).where(sql`${t.spaceId} IS NOT NULL`),
  ],
);
