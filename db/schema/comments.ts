import { sql } from "drizzle-orm";
import { check, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { documents } from "./documents";
import { spaces } from "./spaces";
import { users } from "./users";

/**
 * Where a thread is anchored: the Yjs relative positions (Y.relativePositionToJSON) of the start
 * and end of the commented range. They name Yjs items, not offsets, so the range follows
 * everyone's edits; they live here rather than as marks in the document so that people who may
 * comment but not edit can comment, and so that comments never enter the document's content.
 */
export type CommentAnchor = { start: RelativePositionJson; end: RelativePositionJson };

/** The JSON form of a Y.RelativePosition. */
export type RelativePositionJson = {
  type?: { client: number; clock: number };
  tname?: string;
  item?: { client: number; clock: number };
  assoc: number;
};

/**
 * A comment thread on a range of a document. It carries no marking of its own: it is part of the
 * document, so whoever may read the document may read it, and nobody else (lib/comments).
 */
export const commentThreads = pgTable(
  "comment_threads",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    documentId: uuid("document_id")
      .notNull()
      .references(() => documents.id, { onDelete: "cascade" }),
    // The document's space, for the audit trail's activity feed of the space.
    spaceId: uuid("space_id")
      .notNull()
      .references(() => spaces.id, { onDelete: "cascade" }),
    anchor: jsonb("anchor").$type<CommentAnchor>().notNull(),
    // The text selected when the thread was opened (at most 300 characters), shown with the thread
    // so that it still makes sense once the range has been edited away.
    quote: text("quote").notNull().default(""),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    resolvedBy: uuid("resolved_by").references(() => users.id),
  },
  (t) => [
    index("comment_threads_document_idx").on(t.documentId, t.createdAt),
    check("comment_threads_quote_length", sql`char_length(${t.quote}) <= 300`),
  ],
);

/** One comment of a thread: plain text (never HTML), with the people it mentions. */
export const comments = pgTable(
  "comments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    threadId: uuid("thread_id")
      .notNull()
      .references(() => commentThreads.id, { onDelete: "cascade" }),
    authorId: uuid("author_id").references(() => users.id),
    // Emptied when the comment is deleted (the row stays, so the thread keeps its shape).
    body: text("body").notNull(),
    mentionIds: uuid("mention_ids").array().notNull().default(sql`'{}'::uuid[]`),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    editedAt: timestamp("edited_at", { withTimezone: true }),
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
  },
  (t) => [
    index("comments_thread_idx").on(t.threadId, t.createdAt),
    // The same limits as the zod input, so that no code path can store an empty or oversize body.
    check("comments_body_length", sql`(${t.deletedAt} IS NOT NULL AND ${t.body} = '') OR (${t.deletedAt} IS NULL AND char_length(${t.body}) BETWEEN 1 AND 4000)`),
  ],
);
