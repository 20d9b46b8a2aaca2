import { sql } from "drizzle-orm";
import { boolean, check, index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { spaces } from "./spaces";
import { users } from "./users";

/** The kinds of notification there are (the check below repeats the list). */
export const NOTIFICATION_KINDS = [
  "card-assigned",
  "card-due-soon",
  "card-overdue",
  "briefing-published",
  "record-review-due",
  "comment-mention",
  "comment-reply",
  "access-expiring",
  "sync-failed",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * Something that needs a person: a card assigned to them, a card of theirs due soon or overdue,
 * a briefing to acknowledge. It stores no content at all, only the kind, the space and what it
 * is about (by id): the page that lists notifications names the space and the kind, and shows a
 * title only when the recipient may read the subject at that moment, through the policy, so a
 * notification never reveals what is above the recipient's vetting, even once their access has
 * changed. `dedupeKey` makes each reminder once only (the sweep may run any number of times).
 */
export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    recipientId: uuid("recipient_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind").$type<NotificationKind>().notNull(),
    spaceId: uuid("space_id").references(() => spaces.id, { onDelete: "cascade" }),
    subjectType: text("subject_type").notNull(),
    subjectId: uuid("subject_id").notNull(),
    dedupeKey: text("dedupe_key").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp("read_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("notifications_recipient_dedupe_idx").on(t.recipientId, t.dedupeKey),
    index("notifications_recipient_idx").on(t.recipientId, t.createdAt),
    index("notifications_unread_idx").on(t.recipientId).where(sql`${t.readAt} IS NULL`),
    check("notifications_kind_known", sql.raw(`kind IN (${NOTIFICATION_KINDS.map((k) => `'${k}'`).join(", ")})`)),
    check("notifications_dedupe_length", sql`char_length(${t.dedupeKey}) BETWEEN 1 AND 300`),
  ],
);

/**
 * What a person has chosen to receive, per kind: in the app and by e-mail. No row means the
 * default (in the app yes; e-mail yes when SMTP is configured), so a new kind reaches everyone
 * until they turn it off.
 */
export const notificationPreferences = pgTable(
  "notification_preferences",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind").$type<NotificationKind>().notNull(),
    inApp: boolean("in_app").notNull().default(true),
    email: boolean("email").notNull().default(true),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.kind] }),
    check("notification_preferences_kind_known", sql.raw(`kind IN (${NOTIFICATION_KINDS.map((k) => `'${k}'`).join(", ")})`)),
  ],
);
