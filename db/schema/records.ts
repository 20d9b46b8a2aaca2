import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, jsonb, pgEnum, pgTable, smallint, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from "drizzle-orm/pg-core";
import { agencies } from "./agencies";
import { spaces } from "./spaces";
import { users } from "./users";

/*
 * Records management (issue 8; domain.md §5): each agency's file plan of retention labels, the
 * event types that start their clocks, the labels applied to items (documents, files, form
 * submissions), holds that stop disposal, the multi-stage disposal review and the certificates
 * kept as proof of disposal. Microsoft Purview is the anchor for the mechanics.
 */

/** What starts a label's clock: the item's creation, its last change, its labelling, or an event. */
export const retentionTrigger = pgEnum("retention_trigger", ["created", "modified", "labelled", "event"]);
/** What happens when the period ends: disposal without review, a disposal review, or another label. */
export const retentionAction = pgEnum("retention_action", ["delete", "review", "relabel"]);
/** Whether a label declares a record (content locked) or a regulatory record (locked, and the label cannot be removed). */
export const recordKind = pgEnum("record_kind", ["none", "record", "regulatory"]);
/** The kinds of item a label applies to. */
export const recordItemType = pgEnum("record_item_type", ["document", "file", "submission"]);

/**
 * A kind of event that starts the clocks of labels triggered by it ("Case closed", "Conviction").
 * A computed one has no raising: its date comes from the item (the subject's 100th birthday, from
 * their date of birth, for review group 1).
 */
export const retentionEventTypes = pgTable(
  "retention_event_types",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    agencyId: uuid("agency_id")
      .notNull()
      .references(() => agencies.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    /** null: raised by a records manager; "subject_100th_birthday": computed from the subject's date of birth. */
    computed: text("computed"),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("retention_event_types_key_idx").on(t.agencyId, t.key), check("retention_event_types_computed", sql`${t.computed} IS NULL OR ${t.computed} = 'subject_100th_birthday'`)],
);

/** One stage of a disposal review: its name and the people who review at it. */
export type ReviewStage = { name: string; reviewerIds: string[] };

/**
 * A retention label of an agency's file plan: its reference, category, authority and citation
 * (the file plan's columns), how long items are kept (years, months and days after the trigger),
 * what starts the clock, what happens at the end, and whether it declares a record. Labels are
 * editable data (the police review groups are seeded as labels, not constants); a label in use is
 * retired rather than deleted.
 */
export const retentionLabels = pgTable(
  "retention_labels",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    agencyId: uuid("agency_id")
      .notNull()
      .references(() => agencies.id, { onDelete: "cascade" }),
    reference: text("reference").notNull(),
    name: text("name").notNull(),
    category: text("category").notNull().default(""),
    authority: text("authority").notNull().default(""),
    citation: text("citation").notNull().default(""),
    description: text("description").notNull().default(""),
    periodYears: smallint("period_years").notNull().default(0),
    periodMonths: smallint("period_months").notNull().default(0),
    periodDays: integer("period_days").notNull().default(0),
    trigger: retentionTrigger("trigger").notNull(),
    eventTypeId: uuid("event_type_id").references(() => retentionEventTypes.id),
    /** A clear period: the clock restarts whenever new information about the subject is recorded. */
    isClearPeriod: boolean("is_clear_period").notNull().default(false),
    action: retentionAction("action").notNull(),
    relabelToId: uuid("relabel_to_id").references((): AnyPgColumn => retentionLabels.id),
    reviewStages: jsonb("review_stages").$type<ReviewStage[]>().notNull().default([]),
    recordKind: recordKind("record_kind").notNull().default("none"),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    retiredAt: timestamp("retired_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("retention_labels_reference_idx").on(t.agencyId, t.reference),
    check("retention_labels_period_non_negative", sql`${t.periodYears} >= 0 AND ${t.periodMonths} >= 0 AND ${t.periodDays} >= 0`),
    check("retention_labels_event", sql`(${t.trigger} = 'event') = (${t.eventTypeId} IS NOT NULL)`),
    check("retention_labels_relabel", sql`(${t.action} = 'relabel') = (${t.relabelToId} IS NOT NULL)`),
    check("retention_labels_review_stages", sql`(${t.action} = 'review') = (jsonb_array_length(${t.reviewStages}) BETWEEN 1 AND 5)`),
  ],
);

/** A space's default label: new content of the space gets it. */
export const spaceRetentionDefaults = pgTable("space_retention_defaults", {
  spaceId: uuid("space_id")
    .primaryKey()
    .references(() => spaces.id, { onDelete: "cascade" }),
  labelId: uuid("label_id")
    .notNull()
    .references(() => retentionLabels.id),
  setBy: uuid("set_by").references(() => users.id),
  setAt: timestamp("set_at", { withTimezone: true }).notNull().defaultNow(),
});

/** A rule applying a label automatically: to every item of a type, or every submission of a form (by its key). */
export const retentionRules = pgTable(
  "retention_rules",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    agencyId: uuid("agency_id")
      .notNull()
      .references(() => agencies.id, { onDelete: "cascade" }),
    labelId: uuid("label_id")
      .notNull()
      .references(() => retentionLabels.id),
    itemType: recordItemType("item_type").notNull(),
    /** For submissions: only those of the form with this key (national or the agency's own). */
    formKey: text("form_key"),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("retention_rules_agency_idx").on(t.agencyId), check("retention_rules_form_key", sql`${t.formKey} IS NULL OR ${t.itemType} = 'submission'`)],
);

/** Where a labelled item is in its life: kept, in review, approved for disposal, disposed, or restricted instead of erased (DPA s.47). */
export const recordState = pgEnum("record_state", ["retained", "in_review", "approved", "disposed", "restricted"]);

/**
 * The label on one item (at most one per item, as in Purview) and the item's clock: when the
 * clock started (null while the label waits for its event), when the item is due, and where it
 * is in review. Rows of items deleted otherwise are removed with them (triggers in the
 * migration); a disposal's proof is its certificate, not this row.
 */
export const recordItems = pgTable(
  "record_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    itemType: recordItemType("item_type").notNull(),
    itemId: uuid("item_id").notNull(),
    spaceId: uuid("space_id")
      .notNull()
      .references(() => spaces.id, { onDelete: "cascade" }),
    owningAgencyId: uuid("owning_agency_id")
      .notNull()
      .references(() => agencies.id),
    labelId: uuid("label_id")
      .notNull()
      .references(() => retentionLabels.id),
    /** How the label came: by hand, by a rule, as the space's default, or by a relabelling at the end of a period. */
    appliedHow: text("applied_how").notNull(),
    labelledBy: uuid("labelled_by").references(() => users.id),
    labelledAt: timestamp("labelled_at", { withTimezone: true }).notNull().defaultNow(),
    /** The subject's reference (a URN, a nominal's id) by which events are raised for a set of items. */
    subjectReference: text("subject_reference"),
    subjectDateOfBirth: date("subject_date_of_birth"),
    clockStartedOn: date("clock_started_on"),
    dueOn: date("due_on"),
    state: recordState("state").notNull().default("retained"),
    /** The review stage the item is at (1–5) while in review. */
    reviewStage: smallint("review_stage"),
    /** Reviewers added to a stage for this item alone, by stage number. */
    addedReviewers: jsonb("added_reviewers").$type<Record<string, string[]>>().notNull().default({}),
    reviewStartedAt: timestamp("review_started_at", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("record_items_item_idx").on(t.itemType, t.itemId),
    index("record_items_due_idx").on(t.state, t.dueOn),
    index("record_items_label_idx").on(t.labelId),
    index("record_items_subject_idx").on(t.owningAgencyId, t.subjectReference),
    index("record_items_space_idx").on(t.spaceId),
    check("record_items_applied_how", sql`${t.appliedHow} IN ('manual', 'rule', 'space_default', 'relabel')`),
    check("record_items_review_stage", sql`(${t.state} = 'in_review') = (${t.reviewStage} IS NOT NULL)`),
  ],
);

/** One raising of an event: its type, the day it happened, and the items it applies to (by subject reference, space, or items named). */
export const retentionEvents = pgTable(
  "retention_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    agencyId: uuid("agency_id")
      .notNull()
      .references(() => agencies.id, { onDelete: "cascade" }),
    eventTypeId: uuid("event_type_id")
      .notNull()
      .references(() => retentionEventTypes.id),
    occurredOn: date("occurred_on").notNull(),
    description: text("description").notNull().default(""),
    subjectReference: text("subject_reference"),
    spaceId: uuid("space_id").references(() => spaces.id, { onDelete: "set null" }),
    /** How many labelled items the raising started the clocks of. */
    itemCount: integer("item_count").notNull().default(0),
    raisedBy: uuid("raised_by").references(() => users.id),
    raisedAt: timestamp("raised_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("retention_events_agency_idx").on(t.agencyId, t.raisedAt), check("retention_events_scope", sql`${t.subjectReference} IS NOT NULL OR ${t.spaceId} IS NOT NULL`)],
);

/** Why something is held: CPIA 1996 relevant material, a public inquiry's moratorium, a court order, or another reason given. */
export const holdKind = pgEnum("hold_kind", ["cpia", "public_inquiry", "court_order", "other"]);

/**
 * A legal or preservation hold: while it stands, nothing it covers is deleted or altered without
 * its original kept, whatever its label's schedule says. Released only with a reason.
 */
export const holds = pgTable(
  "holds",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    agencyId: uuid("agency_id")
      .notNull()
      .references(() => agencies.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    kind: holdKind("kind").notNull(),
    reference: text("reference").notNull().default(""),
    reason: text("reason").notNull(),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    releasedBy: uuid("released_by").references(() => users.id),
    releasedAt: timestamp("released_at", { withTimezone: true }),
    releaseReason: text("release_reason"),
  },
  (t) => [index("holds_agency_idx").on(t.agencyId), check("holds_release_reason", sql`(${t.releasedAt} IS NULL) = (${t.releaseReason} IS NULL)`), check("holds_reason", sql`char_length(btrim(${t.reason})) > 0`)],
);

/** What a hold covers: a whole space, or one item. */
export const holdScopes = pgTable(
  "hold_scopes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    holdId: uuid("hold_id")
      .notNull()
      .references(() => holds.id, { onDelete: "cascade" }),
    spaceId: uuid("space_id").references(() => spaces.id, { onDelete: "cascade" }),
    itemType: recordItemType("item_type"),
    itemId: uuid("item_id"),
  },
  (t) => [
    index("hold_scopes_hold_idx").on(t.holdId),
    index("hold_scopes_space_idx").on(t.spaceId),
    index("hold_scopes_item_idx").on(t.itemType, t.itemId),
    check("hold_scopes_one", sql`(${t.spaceId} IS NOT NULL AND ${t.itemType} IS NULL AND ${t.itemId} IS NULL) OR (${t.spaceId} IS NULL AND ${t.itemType} IS NOT NULL AND ${t.itemId} IS NOT NULL)`),
  ],
);

/** "restrict": DPA 2018 s.47, restrict instead of erase (migration 0018). */
export const disposalDecisionKind = pgEnum("disposal_decision_kind", ["approve", "extend", "relabel", "add_reviewers", "restrict"]);

/** A reviewer's decision on an item at a stage of its disposal review; a comment is always required. */
export const disposalDecisions = pgTable(
  "disposal_decisions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    recordItemId: uuid("record_item_id")
      .notNull()
      .references(() => recordItems.id, { onDelete: "cascade" }),
    stage: smallint("stage").notNull(),
    reviewerId: uuid("reviewer_id")
      .notNull()
      .references(() => users.id),
    decision: disposalDecisionKind("decision").notNull(),
    comment: text("comment").notNull(),
    newDueOn: date("new_due_on"),
    newLabelId: uuid("new_label_id").references(() => retentionLabels.id),
    addedReviewerIds: jsonb("added_reviewer_ids").$type<string[]>().notNull().default([]),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("disposal_decisions_item_idx").on(t.recordItemId),
    check("disposal_decisions_comment", sql`char_length(btrim(${t.comment})) > 0`),
    check("disposal_decisions_extend", sql`(${t.decision} = 'extend') = (${t.newDueOn} IS NOT NULL)`),
    check("disposal_decisions_relabel", sql`(${t.decision} = 'relabel') = (${t.newLabelId} IS NOT NULL)`),
  ],
);

/** One approval as a certificate keeps it. */
export type CertificateApproval = { stage: number; stageName: string; reviewerId: string; reviewerName: string; comment: string; at: string };

/**
 * Proof of a disposal, kept for a configurable period (default 7 years) after the content is
 * gone: what it was (type, id, title, space, marking), under which label, who approved it at each
 * stage and when, and the outcome (deleted, or restricted instead of erased). No content.
 */
export const disposalCertificates = pgTable(
  "disposal_certificates",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    agencyId: uuid("agency_id")
      .notNull()
      .references(() => agencies.id, { onDelete: "cascade" }),
    itemType: recordItemType("item_type").notNull(),
    itemId: uuid("item_id").notNull(),
    title: text("title").notNull(),
    spaceId: uuid("space_id"),
    spaceName: text("space_name").notNull(),
    marking: text("marking").notNull(),
    /**
     * The marking's rank, derived by the database from the canonical marking text (which starts
     * with its level), so that whatever writes a certificate, its title is read only within the
     * reader's vetting (policies/rules/records.ts). An unknown marking gives NULL: no one (fail closed).
     */
    markingRank: smallint("marking_rank").generatedAlwaysAs(
      sql`CASE WHEN marking LIKE 'TOP SECRET%' THEN 4 WHEN marking LIKE 'SECRET%' THEN 3 WHEN marking LIKE 'OFFICIAL-SENSITIVE%' THEN 2 WHEN marking LIKE 'OFFICIAL%' THEN 1 END`,
    ),
    labelReference: text("label_reference").notNull(),
    labelName: text("label_name").notNull(),
    approvals: jsonb("approvals").$type<CertificateApproval[]>().notNull().default([]),
    outcome: text("outcome").notNull(),
    disposedAt: timestamp("disposed_at", { withTimezone: true }).notNull(),
    /** The person whose approval completed it (null when a label disposes without review). */
    disposedBy: uuid("disposed_by").references(() => users.id),
    keepUntil: timestamp("keep_until", { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex("disposal_certificates_item_idx").on(t.itemType, t.itemId),
    index("disposal_certificates_agency_idx").on(t.agencyId, t.disposedAt),
    index("disposal_certificates_keep_idx").on(t.keepUntil),
    check("disposal_certificates_outcome", sql`${t.outcome} IN ('deleted', 'restricted')`),
  ],
);
