import { boolean, index, pgEnum, pgTable, primaryKey, smallint, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { agencies } from "./agencies";
import { agreements } from "./agreements";
import { users } from "./users";

/**
 * owner: runs the space (members, settings); member: reads and edits; reader: reads only;
 * guest: a partner agency's person, admitted under an agreement, until an expiry.
 */
export const spaceRole = pgEnum("space_role", ["owner", "member", "reader", "guest"]);

/** active; frozen: read-only for everyone (investigation closed); archived: kept for records, out of lists. */
export const spaceStatus = pgEnum("space_status", ["active", "frozen", "archived"]);

/** A collaboration space, owned by one agency, with a marking ceiling and a default marking. */
export const spaces = pgTable(
  "spaces",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    ownerAgencyId: uuid("owner_agency_id")
      .notNull()
      .references(() => agencies.id),
    ceilingMarking: text("ceiling_marking").notNull(),
    ceilingRank: smallint("ceiling_rank").notNull(),
    defaultMarking: text("default_marking").notNull(),
    defaultRank: smallint("default_rank").notNull(),
    // "MV posts only": members need management vetting or above.
    isMvOnly: boolean("is_mv_only").notNull().default(false),
    status: spaceStatus("status").notNull().default("active"),
    // Access review: owners attest that members still need access every this many days.
    attestationIntervalDays: smallint("attestation_interval_days").notNull().default(90),
    lastAttestedAt: timestamp("last_attested_at", { withTimezone: true }).notNull().defaultNow(),
    template: text("template").notNull().default("blank"),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("spaces_owner_agency_idx").on(t.ownerAgencyId)],
);

/** The agreements a space runs under. */
export const spaceAgreements = pgTable(
  "space_agreements",
  {
    spaceId: uuid("space_id")
      .notNull()
      .references(() => spaces.id, { onDelete: "cascade" }),
    agreementId: uuid("agreement_id")
      .notNull()
      .references(() => agreements.id),
  },
  (t) => [primaryKey({ columns: [t.spaceId, t.agreementId] })],
);

/** Who belongs to a space. */
export const spaceMembers = pgTable(
  "space_members",
  {
    spaceId: uuid("space_id")
      .notNull()
      .references(() => spaces.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: spaceRole("role").notNull().default("member"),
    // Guests only: the end of their access, no later than the agreement's review date.
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    // Guests only: the agreement they were admitted under (audited with the addition).
    agreementId: uuid("agreement_id").references(() => agreements.id),
    addedBy: uuid("added_by").references(() => users.id),
    addedAt: timestamp("added_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.spaceId, t.userId] }), index("space_members_user_idx").on(t.userId)],
);

/** Each access review: who attested, when, and how many members they confirmed. */
export const spaceAttestations = pgTable(
  "space_attestations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    spaceId: uuid("space_id")
      .notNull()
      .references(() => spaces.id, { onDelete: "cascade" }),
    attestedBy: uuid("attested_by")
      .notNull()
      .references(() => users.id),
    attestedAt: timestamp("attested_at", { withTimezone: true }).notNull().defaultNow(),
    memberCount: smallint("member_count").notNull(),
    note: text("note").notNull().default(""),
  },
  (t) => [index("space_attestations_space_idx").on(t.spaceId, t.attestedAt)],
);
