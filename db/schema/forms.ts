import { sql } from "drizzle-orm";
import { boolean, check, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from "drizzle-orm/pg-core";
import type { FormDefinition } from "@/lib/forms/form-definition";
import { agencies } from "./agencies";
import { users } from "./users";
import { markedContentColumns } from "./marked-content";

/** National forms are owned nationally (seeded with Accord); agency forms belong to one agency. */
export const formScope = pgEnum("form_scope", ["national", "agency"]);

/**
 * A form of the library (lib/forms/form-definition.ts): national (MG11, stop and search, …) or
 * an agency's own, which is either a local form or a local variant of a national one
 * (`extendsFormId`). What it asks lives in its versions; key, title and scope are here so that
 * the library lists without reading every version. Keys are unique among national forms and
 * within each agency (two partial unique indexes: a NULL agency never collides in a plain one).
 */
export const forms = pgTable(
  "forms",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    key: text("key").notNull(),
    scope: formScope("scope").notNull(),
    agencyId: uuid("agency_id").references(() => agencies.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    summary: text("summary").notNull(),
    /** For a local variant: the national form it extends. */
    extendsFormId: uuid("extends_form_id").references((): AnyPgColumn => forms.id),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("forms_national_key_idx").on(t.key).where(sql`${t.scope} = 'national'`),
    uniqueIndex("forms_agency_key_idx").on(t.agencyId, t.key).where(sql`${t.scope} = 'agency'`),
    index("forms_agency_idx").on(t.agencyId),
    check("forms_scope_agency", sql`(${t.scope} = 'national') = (${t.agencyId} IS NULL)`),
    check("forms_national_extends_nothing", sql`${t.scope} = 'agency' OR ${t.extendsFormId} IS NULL`),
    check("forms_title_length", sql`char_length(${t.title}) BETWEEN 1 AND 200`),
  ],
);

export const formVersionStatus = pgEnum("form_version_status", ["draft", "published"]);

/**
 * One version of a form, numbered from 1: the whole definition (schema and layout) as validated
 * JSON. A draft may be edited; a published version never changes (a trigger in the migrations
 * refuses it), because submissions are made against it and must always be read with the exact
 * questions they answered. A local variant's version pins the national version it extends.
 */
export const formVersions = pgTable(
  "form_versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    formId: uuid("form_id")
      .notNull()
      .references(() => forms.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    status: formVersionStatus("status").notNull().default("draft"),
    definition: jsonb("definition").$type<FormDefinition>().notNull(),
    /** For a variant's version: the national version it extends (pinned until re-based). */
    extendsVersionId: uuid("extends_version_id").references((): AnyPgColumn => formVersions.id),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    publishedBy: uuid("published_by").references(() => users.id),
    publishedAt: timestamp("published_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("form_versions_number_idx").on(t.formId, t.number),
    check("form_versions_number_positive", sql`${t.number} >= 1`),
    check("form_versions_published_at", sql`(${t.status} = 'published') = (${t.publishedAt} IS NOT NULL)`),
  ],
);

export const submissionStatus = pgEnum("submission_status", ["draft", "submitted", "returned", "accepted"]);

/**
 * A filled-in form: a record of its space, with the marked-content columns (so the one set of
 * marked-content rules decides who may read it, as for documents and cards), its owner, its
 * status, and its answers as the form version's schema describes them. `version` counts saves,
 * for optimistic concurrency; every submission (and every edit after one) is kept as a row of
 * submission_versions, so nothing an officer submitted is ever overwritten.
 */
export const submissions = pgTable(
  "submissions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    formVersionId: uuid("form_version_id")
      .notNull()
      .references(() => formVersions.id),
    ...markedContentColumns(),
    ownerId: uuid("owner_id")
      .notNull()
      .references(() => users.id),
    status: submissionStatus("status").notNull().default("draft"),
    /**
     * Restricted instead of erased (DPA 2018 s.47, issue 8): a disposal review decided the
     * content must be kept but no longer used, so the policy refuses every action on it
     * (policies/rules/*: invisible, as if it were gone); its record item and certificate say so.
     */
    isRestricted: boolean("is_restricted").notNull().default(false),
    data: jsonb("data").$type<Record<string, unknown>>().notNull(),
    version: integer("version").notNull().default(1),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("submissions_space_agency_idx").on(t.spaceId, t.owningAgencyId),
    index("submissions_form_version_idx").on(t.formVersionId, t.createdAt),
    index("submissions_owner_idx").on(t.ownerId, t.updatedAt),
    check("submissions_version_positive", sql`${t.version} >= 1`),
    // 5 MB of answers at the very most (the HTTP layer refuses far less).
    check("submissions_data_size", sql`pg_column_size(${t.data}) <= 5242880`),
  ],
);

/** Every submitted state of a submission, numbered from 1 (the answers as they were sent). */
export const submissionVersions = pgTable(
  "submission_versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    submissionId: uuid("submission_id")
      .notNull()
      .references(() => submissions.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    status: submissionStatus("status").notNull(),
    data: jsonb("data").$type<Record<string, unknown>>().notNull(),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("submission_versions_number_idx").on(t.submissionId, t.number), check("submission_versions_number_positive", sql`${t.number} >= 1`)],
);

export const reviewDecision = pgEnum("review_decision", ["returned", "accepted"]);

/** A supervisor's review of a submission: returned with a comment, or accepted. */
export const submissionReviews = pgTable(
  "submission_reviews",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    submissionId: uuid("submission_id")
      .notNull()
      .references(() => submissions.id, { onDelete: "cascade" }),
    /** The submitted version reviewed. */
    submissionVersion: integer("submission_version").notNull(),
    decision: reviewDecision("decision").notNull(),
    comment: text("comment").notNull().default(""),
    reviewerId: uuid("reviewer_id")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("submission_reviews_submission_idx").on(t.submissionId, t.createdAt),
    check("submission_reviews_comment_length", sql`char_length(${t.comment}) <= 5000`),
    // Returning needs a reason the officer can act on.
    check("submission_reviews_return_reason", sql`${t.decision} = 'accepted' OR char_length(${t.comment}) >= 1`),
  ],
);
