import { sql } from "drizzle-orm";
import { check, customType, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import type { JSONContent } from "@tiptap/core";
import { documents } from "./documents";
import { files } from "./files";
import { submissions } from "./forms";
import { spaces } from "./spaces";
import { users } from "./users";
import { markedContentColumns } from "./marked-content";

/**
 * A fractional-indexing key (the `fractional-indexing` package): base-62 digits whose order is
 * their byte order. The column is collated "C" so that PostgreSQL orders them by bytes as
 * JavaScript does; under a language collation "a" and "B" would swap and the board would reorder.
 */
const positionKey = customType<{ data: string }>({
  dataType() {
    return 'text COLLATE "C"';
  },
});

/** A tasking board in a space. It carries no marking of its own: each card carries one. */
export const boards = pgTable(
  "boards",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    spaceId: uuid("space_id")
      .notNull()
      .references(() => spaces.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("boards_space_idx").on(t.spaceId, t.createdAt), check("boards_title_length", sql`char_length(${t.title}) BETWEEN 1 AND 200`)],
);

/** A column of a board, ordered by `position` (ties broken by id). */
export const boardColumns = pgTable(
  "board_columns",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    boardId: uuid("board_id")
      .notNull()
      .references(() => boards.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    position: positionKey("position").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("board_columns_board_idx").on(t.boardId, t.position), check("board_columns_title_length", sql`char_length(${t.title}) BETWEEN 1 AND 100`)],
);

/** One item of a card's checklist. */
export type ChecklistItem = { id: string; text: string; done: boolean };

/**
 * How a card repeats (a daily patrol plan, a weekly review): as in Microsoft Planner, completing
 * an occurrence creates the next one, its dates moved on by `interval` days, weeks or months,
 * until the optional `until` date (YYYY-MM-DD) has passed.
 */
export type CardRecurrence = { frequency: "daily" | "weekly" | "monthly"; interval: number; until?: string };

/**
 * A card of a board. Its space and owning agency are copied from the board and the creator so
 * that the policy decides it on its own row; its marking columns are the same as a document's
 * and a file's, so the same marked-content rules decide who sees it (policies/rules/cards.ts).
 * `version` counts edits, for optimistic concurrency: an edit names the version it was made
 * against and is refused when the card has changed since.
 */
export const cards = pgTable(
  "cards",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    boardId: uuid("board_id")
      .notNull()
      .references(() => boards.id, { onDelete: "cascade" }),
    columnId: uuid("column_id")
      .notNull()
      .references(() => boardColumns.id),
    ...markedContentColumns(),
    title: text("title").notNull(),
    // The editor schema's JSON (lib/editor/clean-document-json.ts cleans it on the way in).
    description: jsonb("description").$type<JSONContent>().notNull(),
    startAt: timestamp("start_at", { withTimezone: true }),
    dueAt: timestamp("due_at", { withTimezone: true }),
    labels: text("labels").array().notNull().default([]),
    checklist: jsonb("checklist").$type<ChecklistItem[]>().notNull().default([]),
    position: positionKey("position").notNull(),
    version: integer("version").notNull().default(1),
    // Done, and by whom: a completed card is no longer due, so it raises no reminder.
    completedAt: timestamp("completed_at", { withTimezone: true }),
    completedBy: uuid("completed_by").references(() => users.id),
    // How the card repeats (null: it does not); `seriesId` is shared by every occurrence.
    recurrence: jsonb("recurrence").$type<CardRecurrence>(),
    seriesId: uuid("series_id"),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid("updated_by").references(() => users.id),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("cards_column_position_idx").on(t.columnId, t.position, t.id),
    // The reminder sweep reads the open cards due before a moment.
    index("cards_open_due_idx").on(t.dueAt).where(sql`${t.completedAt} IS NULL AND ${t.dueAt} IS NOT NULL`),
    index("cards_board_idx").on(t.boardId),
    index("cards_space_agency_idx").on(t.spaceId, t.owningAgencyId),
    // The same limits as the zod input, so that no code path can store what the API refuses.
    check("cards_title_length", sql`char_length(${t.title}) BETWEEN 1 AND 200`),
    check("cards_due_after_start", sql`${t.startAt} IS NULL OR ${t.dueAt} IS NULL OR ${t.dueAt} >= ${t.startAt}`),
    check("cards_version_positive", sql`${t.version} >= 1`),
  ],
);

/** Who a card is assigned to (people of any agency in the space who may read it). */
export const cardAssignees = pgTable(
  "card_assignees",
  {
    cardId: uuid("card_id")
      .notNull()
      .references(() => cards.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    assignedBy: uuid("assigned_by").references(() => users.id),
    assignedAt: timestamp("assigned_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.cardId, t.userId] }), index("card_assignees_user_idx").on(t.userId)],
);

/**
 * A link from a card to a document, a file or a form submission of the same space: exactly one
 * of the three is set (the check counts them, so a fourth kind of target is one more column).
 */
export const cardLinks = pgTable(
  "card_links",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    cardId: uuid("card_id")
      .notNull()
      .references(() => cards.id, { onDelete: "cascade" }),
    documentId: uuid("document_id").references(() => documents.id, { onDelete: "cascade" }),
    fileId: uuid("file_id").references(() => files.id, { onDelete: "cascade" }),
    submissionId: uuid("submission_id").references(() => submissions.id, { onDelete: "cascade" }),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("card_links_card_idx").on(t.cardId),
    uniqueIndex("card_links_card_document_idx").on(t.cardId, t.documentId),
    uniqueIndex("card_links_card_file_idx").on(t.cardId, t.fileId),
    uniqueIndex("card_links_card_submission_idx").on(t.cardId, t.submissionId),
    check("card_links_one_target", sql`num_nonnulls(${t.documentId}, ${t.fileId}, ${t.submissionId}) = 1`),
  ],
);
