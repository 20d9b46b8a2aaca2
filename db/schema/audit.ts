import { sql } from "drizzle-orm";
import { bigint, bigserial, check, index, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

export const auditOutcome = pgEnum("audit_outcome", ["success", "failure", "denied"]);

/**
 * The audit trail (DPA 2018 s.62; ASVS v5.0.0 V16). Append-only: a trigger in the migrations
 * refuses UPDATE and DELETE, so not even a bug in Accord can rewrite history. No foreign keys, so
 * that an event outlives what it describes (a disposed document, a removed user).
 *
 * Hash-chained per agency (migration 0021): a trigger gives each row the next `chain_seq` of its
 * agency's chain (events with no agency form the system chain), the previous row's hash as
 * `prev_hash`, and `hash` = SHA-256 of the row's canonical JSON, which includes `prev_hash`. A row
 * changed behind the trigger's back (a superuser) no longer matches its hash; one removed leaves
 * a gap in the sequence. `lib/audit/verify-audit-chain.ts` checks both.
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
    // The DPA 2018 s.62 operation the event records (collection, alteration, consultation,
    // disclosure, combination, erasure), or null for one that processes no one's data (a sign-in,
    // a setting). Decided from the action by lib/audit/s62-kinds.ts.
    kind: text("kind"),
    outcome: auditOutcome("outcome").notNull().default("success"),
    subjectType: text("subject_type"),
    subjectId: text("subject_id"),
    // The space an event happened in, for its activity feed.
    spaceId: uuid("space_id"),
    markingBefore: text("marking_before"),
    markingAfter: text("marking_after"),
    justification: text("justification"),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
    // Set by the chaining trigger, never by Accord's code.
    chainSeq: bigint("chain_seq", { mode: "number" }),
    prevHash: text("prev_hash"),
    hash: text("hash"),
  },
  (t) => [
    index("audit_events_agency_at_idx").on(t.agencyId, t.at),
    index("audit_events_subject_idx").on(t.subjectType, t.subjectId),
    index("audit_events_space_at_idx").on(t.spaceId, t.at),
    check("audit_events_kind_known", sql`${t.kind} IS NULL OR ${t.kind} IN ('collection', 'alteration', 'consultation', 'disclosure', 'combination', 'erasure')`),
    uniqueIndex("audit_events_chain_idx").on(sql`coalesce(${t.agencyId}, '00000000-0000-0000-0000-000000000000'::uuid)`, t.chainSeq),
  ],
);

/** Each chain's last link, locked by the trigger while a row joins it (so links never fork). */
export const auditChainHeads = pgTable("audit_chain_heads", {
  // The agency, or the nil UUID for the system chain.
  chainKey: uuid("chain_key").primaryKey(),
  seq: bigint("seq", { mode: "number" }).notNull(),
  hash: text("hash").notNull(),
});
