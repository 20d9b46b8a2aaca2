import { sql } from "drizzle-orm";
import { boolean, check, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

export const agencyKind = pgEnum("agency_kind", ["police", "local_authority", "health", "probation", "other"]);
export const agencyStatus = pgEnum("agency_status", ["active", "suspended"]);

/** A force or partner agency: the unit of tenancy (ASVS v5.0.0-8.4.1). */
export const agencies = pgTable("agencies", {
  id: uuid("id").primaryKey().defaultRandom(),
  code: text("code").notNull().unique(),
  name: text("name").notNull(),
  kind: agencyKind("kind").notNull(),
  // HMG USE ONLY material may not reach agencies outside His Majesty's Government.
  isHmg: boolean("is_hmg").notNull().default(false),
  status: agencyStatus("status").notNull().default("active"),
  // DPA 2018 s.62: the lowest classification at which this agency's people must give a
  // justification before opening or exporting content (null: never asked).
  justificationFrom: text("justification_from"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  check("agencies_justification_from_known", sql`${t.justificationFrom} IS NULL OR ${t.justificationFrom} IN ('OFFICIAL', 'OFFICIAL-SENSITIVE', 'SECRET', 'TOP SECRET')`),
]);
