/**
 * Writes one audit event. Call it with the same ctx (and so the same transaction) as the
 * mutation it records, so that the change and its record commit or fail together.
 * Never put tokens, passwords or document content in `details`.
 */
import { auditEvents } from "@/db/schema";
import type { Ctx } from "../context";

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

/** Appends an audit event within ctx's transaction. */
export async function recordAudit(ctx: Ctx, event: AuditEventInput): Promise<void> {
  await ctx.db.insert(auditEvents).values({
    at: ctx.now,
    requestId: ctx.requestId,
    actorUserId: ctx.actor?.userId ?? event.actorUserId ?? null,
    agencyId: ctx.actor?.agency.id ?? event.agencyId ?? null,
    action: event.action,
    outcome: event.outcome ?? "success",
    subjectType: event.subjectType ?? null,
    subjectId: event.subjectId ?? null,
    spaceId: event.spaceId ?? null,
    markingBefore: event.markingBefore ?? null,
    markingAfter: event.markingAfter ?? null,
    justification: event.justification ?? null,
    details: event.details ?? {},
  });
}
