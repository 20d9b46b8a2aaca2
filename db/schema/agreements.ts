import { date, pgEnum, pgTable, primaryKey, smallint, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { agencies } from "./agencies";

export const agreementStatus = pgEnum("agreement_status", ["draft", "active", "suspended", "expired"]);

/** An information sharing agreement (ICO Data Sharing Code; domain.md §4), held as data. */
export const agreements = pgTable("agreements", {
  id: uuid("id").primaryKey().defaultRandom(),
  reference: text("reference").notNull().unique(),
  title: text("title").notNull(),
  purpose: text("purpose").notNull().default(""),
  ownerAgencyId: uuid("owner_agency_id")
    .notNull()
    .references(() => agencies.id),
  maxMarking: text("max_marking").notNull(),
  maxRank: smallint("max_rank").notNull(),
  descriptors: text("descriptors").array().notNull().default([]),
  status: agreementStatus("status").notNull().default("draft"),
  startsOn: date("starts_on", { mode: "string" }).notNull(),
  reviewOn: date("review_on", { mode: "string" }),
  endsOn: date("ends_on", { mode: "string" }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** The agencies party to an agreement, each with its lawful basis. */
export const agreementParties = pgTable(
  "agreement_parties",
  {
    agreementId: uuid("agreement_id")
      .notNull()
      .references(() => agreements.id, { onDelete: "cascade" }),
    agencyId: uuid("agency_id")
      .notNull()
      .references(() => agencies.id),
    lawfulBasis: text("lawful_basis").notNull().default(""),
  },
  (t) => [primaryKey({ columns: [t.agreementId, t.agencyId] })],
);
