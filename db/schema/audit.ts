import { bigserial, index, jsonb, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

export const auditOutcome = pgEnum("audit_outcome", ["success", "failure", "denied"]);

/**
 * The audit trail (DPA 2018 s.62; ASVS v5.0.0 V16). Append-only: a trigger in the migrations
 * refuses UPDATE and DELETE, so not even a bug in Accord can rewrite history. No foreign keys, so
 * that an event outlives what it describes (a disposed document, a removed user).
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    requestId: text("request_id"),
    actorUserId: uuid("actor_user_id"),
    agencyId: uuid("agency_id"),
    action: text("action").notNull(),
    outcome: auditOutcome("outcome").notNull().default("success"),
    subjectType: text("subject_type"),
    subjectId: text("subject_id"),
    // The space an event happened in, for its activity feed.
    spaceId: uuid("space_id"),
    markingBefore: text("marking_before"),
    markingAfter: text("marking_after"),
    justification: text("justification"),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    index("audit_events_agency_at_idx").on(t.agencyId, t.at),
    index("audit_events_subject_idx").on(t.subjectType, t.subjectId),
    index("audit_events_space_at_idx").on(t.spaceId, t.at),
  ],
);
