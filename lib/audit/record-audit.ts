/**
 * Writes one audit event. Call it with the same ctx (and so the same transaction) as the
 * mutation it records, so that the change and its record commit or fail together.
 * Never put tokens, passwords or document content in `details`.
 */
import { sql, type SQLWrapper } from "drizzle-orm";
import { auditEvents } from "@/db/schema";
import { rowsOf } from "@/db/client";
import type { Ctx } from "../context";
import { s62KindOf } from "./s62-kinds";

export type AuditEventInput = {
  action: string;
  outcome?: "success" | "failure" | "denied";
  subjectType?: string;
  subjectId?: string;
  /** The space the event happened in, for the space's activity feed. */
  spaceId?: string;
  markingBefore?: string;
  markingAfter?: string;
  justification?: string;
  details?: Record<string, unknown>;
  /** Only when there is no signed-in actor (e.g. a failed sign-in against a known user). */
  actorUserId?: string;
  agencyId?: string;
};

/** The row an event is stored as: the one place its fields are decided. */
function auditRow(ctx: Ctx, event: AuditEventInput) {
  return {
    at: ctx.now,
    requestId: ctx.requestId,
    actorUserId: ctx.actor?.userId ?? event.actorUserId ?? null,
    agencyId: ctx.actor?.agency.id ?? event.agencyId ?? null,
    action: event.action,
    kind: s62KindOf(event.action),
    outcome: event.outcome ?? "success",
    subjectType: event.subjectType ?? null,
    subjectId: event.subjectId ?? null,
    spaceId: event.spaceId ?? null,
    markingBefore: event.markingBefore ?? null,
    markingAfter: event.markingAfter ?? null,
    justification: event.justification ?? null,
    details: event.details ?? {},
  };
}

/** Appends an audit event within ctx's transaction. */
export async function recordAudit(ctx: Ctx, event: AuditEventInput): Promise<void> {
  await ctx.db.insert(auditEvents).values(auditRow(ctx, event));
}

/**
 * Makes `change` (an UPDATE … RETURNING as a drizzle query) and appends its audit event in one
 * statement, the event only if the change touched a row; returns how many rows it touched. One
 * statement is atomic without a transaction, so the commonest writes (a card moved) pay one round
 * trip for the change and its record instead of four (BEGIN, UPDATE, INSERT, COMMIT).
 */
export async function changeWithAudit(ctx: Ctx, change: SQLWrapper, event: AuditEventInput): Promise<number> {
  const r = auditRow(ctx, event);
  const result = await ctx.db.execute(sql`
    WITH changed AS ${change}
    INSERT INTO audit_events (at, request_id, actor_user_id, agency_id, action, kind, outcome, subject_type, subject_id, space_id, marking_before, marking_after, justification, details)
    SELECT ${r.at.toISOString()}::timestamptz, ${r.requestId}, ${r.actorUserId}::uuid, ${r.agencyId}::uuid, ${r.action}, ${r.kind}, ${r.outcome}::audit_outcome, ${r.subjectType}, ${r.subjectId},
           ${r.spaceId}::uuid, ${r.markingBefore}, ${r.markingAfter}, ${r.justification}, ${JSON.stringify(r.details)}::jsonb
    FROM (SELECT count(*) AS n FROM changed) AS touched
    WHERE touched.n > 0
    RETURNING (SELECT count(*) FROM changed) AS n`);
  const rows = rowsOf<{ n: number | string }>(result);
  return rows.length === 0 ? 0 : Number(rows[0]!.n);
}
