import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { boards } from "./boards";
import { users } from "./users";
import { markedContentColumns } from "./marked-content";

/**
 * A briefing published to a board's audience. It carries the marked-content columns, so the one
 * set of marked-content rules (policies/rules/briefings.ts) decides who may read it, exactly as
 * for a card: a briefing above a person's vetting is invisible to them, its acknowledgements
 * included. Its text lives in revisions; the latest revision is the one to acknowledge.
 */
export const briefings = pgTable(
  "briefings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    boardId: uuid("board_id")
      .notNull()
      .references(() => boards.id, { onDelete: "cascade" }),
    ...markedContentColumns(),
    title: text("title").notNull(),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("briefings_board_idx").on(t.boardId, t.createdAt),
    index("briefings_space_agency_idx").on(t.spaceId, t.owningAgencyId),
    check("briefings_title_length", sql`char_length(${t.title}) BETWEEN 1 AND 200`),
  ],
);

/**
 * One revision of a briefing, numbered from 1. A new revision is an update through the day:
 * acknowledgements belong to a revision, so everyone must acknowledge the new one again.
 * `attachments` are file ids of the briefing's space.
 */
export const briefingRevisions = pgTable(
  "briefing_revisions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    briefingId: uuid("briefing_id")
      .notNull()
      .references(() => briefings.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    body: text("body").notNull(),
    attachments: uuid("attachments").array().notNull().default([]),
    publishedBy: uuid("published_by").references(() => users.id),
    publishedAt: timestamp("published_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("briefing_revisions_number_idx").on(t.briefingId, t.number),
    // The same limits as the zod input, so that no code path can store what the API refuses.
    check("briefing_revisions_body_length", sql`char_length(${t.body}) BETWEEN 1 AND 20000`),
    check("briefing_revisions_number_positive", sql`${t.number} >= 1`),
  ],
);

/** That a person was briefed on a revision, and when. */
export const briefingAcknowledgements = pgTable(
  "briefing_acknowledgements",
  {
    revisionId: uuid("revision_id")
      .notNull()
      .references(() => briefingRevisions.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    acknowledgedAt: timestamp("acknowledged_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.revisionId, t.userId] }), index("briefing_acknowledgements_user_idx").on(t.userId)],
);
