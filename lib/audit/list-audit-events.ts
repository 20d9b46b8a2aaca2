/**
 * The audit trail as its readers browse, filter and export it (DPA 2018 s.62: the log is there
 * to check lawfulness, for self-monitoring and for proceedings). Who may read which events is the
 * policy's alone (policies/rules/audit.ts: an agency's auditors and administrators, its own
 * agency's events), compiled to SQL; no rule, no query.
 *
 * An agency's trail is its own people's events (its chain) and what partner agencies' people did
 * in its spaces: a health trust's practitioner opening the MASH minutes is in both trusts' views.
 *
 * Filters: whose (us, partners), the s.62 kind, the action, the outcome, who acted (by name or e-mail), the subject
 * (type and id), the space, and a range of UTC days. Newest first, by keyset on the id (stable
 * while events keep arriving), `limit` a page at a time.
 */
import { and, desc, eq, ilike, lt, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { agencies, auditEvents, spaces, users } from "@/db/schema";
import { accessibleWhere } from "@/policies/to-sql";
import type { PolicyCtx } from "../context";
import { ForbiddenError, InvalidInputError, parseInput } from "../errors";
import { can } from "@/policies/authorize";
import { auditColumns } from "../authz/columns";
import { S62_KINDS } from "./s62-kinds";

const ZDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Give days as YYYY-MM-DD");
const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

export const ZAuditFilters = z.object({
  kind: z.preprocess(blankToUndefined, z.enum([...S62_KINDS, "none"], { message: `The kind must be one of ${S62_KINDS.join(", ")} or none` }).optional()),
  action: z.preprocess(blankToUndefined, z.string().trim().max(100, "The action is at most 100 characters").optional()),
  outcome: z.preprocess(blankToUndefined, z.enum(["success", "failure", "denied"], { message: "The outcome must be success, failure or denied" }).optional()),
  actor: z.preprocess(blankToUndefined, z.string().trim().max(200, "Who is at most 200 characters").optional()),
  subjectType: z.preprocess(blankToUndefined, z.string().trim().max(50).optional()),
  subjectId: z.preprocess(blankToUndefined, z.string().trim().max(100).optional()),
  spaceId: z.preprocess(blankToUndefined, z.uuid({ message: "The space must be given by its id" }).optional()),
  from: z.preprocess(blankToUndefined, ZDay.optional()),
  to: z.preprocess(blankToUndefined, ZDay.optional()),
  /** `us`: the agency's own people; `partners`: other agencies' people in the agency's spaces. */
  by: z.preprocess(blankToUndefined, z.enum(["us", "partners"], { message: "Choose us or partners" }).optional()),
});
export type AuditFilters = z.infer<typeof ZAuditFilters>;

export const ZListAuditEvents = ZAuditFilters.extend({
  before: z.preprocess(blankToUndefined, z.coerce.number().int().positive().optional()),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

export type AuditEventView = {
  id: number;
  at: string;
  requestId: string | null;
  actor: { id: string; name: string; email: string } | null;
  /** The agency whose chain holds the event (the actor's), null for the system's. */
  agency: { id: string; name: string } | null;
  action: string;
  kind: string | null;
  outcome: string;
  subjectType: string | null;
  subjectId: string | null;
  space: { id: string; name: string | null } | null;
  markingBefore: string | null;
  markingAfter: string | null;
  justification: string | null;
  details: Record<string, unknown>;
  chainSeq: number | null;
  hash: string | null;
};

/** The SQL condition of the filters, ANDed with the policy's; InvalidInputError for a bad range. */
function filterWhere(f: AuditFilters, agencyId: string): SQL | undefined {
  if (f.from && f.to && f.from > f.to) throw new InvalidInputError("The first day must not be after the last day");
  const like = f.actor ? `%${f.actor.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  return and(
    f.kind === "none" ? sql`${auditEvents.kind} IS NULL` : f.kind ? eq(auditEvents.kind, f.kind) : undefined,
    f.action ? or(eq(auditEvents.action, f.action), sql`${auditEvents.action} LIKE ${`${f.action.replace(/[\\%_]/g, (c) => `\\${c}`)}.%`}`) : undefined,
    f.outcome ? sql`${auditEvents.outcome} = ${f.outcome}::audit_outcome` : undefined,
    like ? or(ilike(users.name, like), ilike(users.email, like)) : undefined,
    f.subjectType ? eq(auditEvents.subjectType, f.subjectType) : undefined,
    f.subjectId ? eq(auditEvents.subjectId, f.subjectId) : undefined,
    f.spaceId ? eq(auditEvents.spaceId, f.spaceId) : undefined,
    f.from ? sql`${auditEvents.at} >= ${f.from}::date::timestamp AT TIME ZONE 'UTC'` : undefined,
    f.to ? sql`${auditEvents.at} < (${f.to}::date + 1)::timestamp AT TIME ZONE 'UTC'` : undefined,
    f.by === "us" ? eq(auditEvents.agencyId, agencyId) : f.by === "partners" ? sql`${auditEvents.agencyId} IS DISTINCT FROM ${agencyId}::uuid` : undefined,
  );
}

/** A page of the events the actor may read, newest first; `next` is the `before` of the page after, if any. */
export async function listAuditEvents(ctx: PolicyCtx, raw: unknown = {}): Promise<{ items: AuditEventView[]; next: number | null }> {
  const input = parseInput(ZListAuditEvents, raw);
  if (!can(ctx.ability, "read", "AuditEvent", { agencyId: ctx.actor.agency.id })) throw new ForbiddenError("Only the agency's auditors and administrators can read its audit trail");
  const readable = accessibleWhere(ctx.ability, "read", "AuditEvent", auditColumns);
  const where = filterWhere(input, ctx.actor.agency.id);
  if (!readable) return { items: [], next: null };
  const rows = await ctx.db
    .select({ event: auditEvents, actorName: users.name, actorEmail: users.email, spaceName: spaces.name, agencyName: agencies.name })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    // The policy's spaceOwnerAgencyId is this join's spaces.owner_agency_id (lib/authz/columns.ts).
    .leftJoin(spaces, eq(spaces.id, auditEvents.spaceId))
    .leftJoin(agencies, eq(agencies.id, auditEvents.agencyId))
    .where(and(readable, where, input.before ? lt(auditEvents.id, input.before) : undefined))
    .orderBy(desc(auditEvents.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  return {
    items: page.map(({ event: e, actorName, actorEmail, spaceName, agencyName }) => ({
      id: e.id,
      at: e.at.toISOString(),
      requestId: e.requestId,
      actor: e.actorUserId ? { id: e.actorUserId, name: actorName ?? "(removed user)", email: actorEmail ?? "" } : null,
      agency: e.agencyId ? { id: e.agencyId, name: agencyName ?? "(removed agency)" } : null,
      action: e.action,
      kind: e.kind,
      outcome: e.outcome,
      subjectType: e.subjectType,
      subjectId: e.subjectId,
      space: e.spaceId ? { id: e.spaceId, name: spaceName } : null,
      markingBefore: e.markingBefore,
      markingAfter: e.markingAfter,
      justification: e.justification,
      details: e.details,
      chainSeq: e.chainSeq,
      hash: e.hash,
    })),
    next: rows.length > input.limit ? page[page.length - 1]!.event.id : null,
  };
}
