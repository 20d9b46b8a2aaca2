import { date, index, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { agencies } from "./agencies";

export const userStatus = pgEnum("user_status", ["active", "disabled", "removed"]);

/** A person of one agency, with their roles and vetting. */
export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    agencyId: uuid("agency_id")
      .notNull()
      .references(() => agencies.id),
    // Stored lower-cased; the sign-in name of the demo and the matching key for first OIDC sign-in.
    email: text("email").notNull().unique(),
    name: text("name").notNull(),
    jobTitle: text("job_title").notNull().default(""),
    roles: text("roles").array().notNull().default([]),
    vettingLevel: text("vetting_level").notNull().default("NONE"),
    vettingAgencyId: uuid("vetting_agency_id").references(() => agencies.id),
    // Inclusive last day of validity; null means no expiry (e.g. BPSS).
    vettingExpiresOn: date("vetting_expires_on", { mode: "string" }),
    status: userStatus("status").notNull().default("active"),
    // Only demo accounts have a password (argon2id); real people sign in through their agency.
    passwordHash: text("password_hash"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("users_agency_idx").on(t.agencyId)],
);
