/**
 * The sync page's figures for an agency (administrators, auditors, records managers): the queue
 * (waiting, failed, conflicts), the last hour's throughput (calls, bytes, throttled answers), the
 * items that need a person (failed or in conflict, with the reason and the last request-id), and
 * the latest Graph calls with the person who caused each. Items are named by kind and space only:
 * an administrator is not thereby a reader of the content, so no title is shown here; the item's
 * own page (behind its own policy) shows the rest.
 */
import { sql } from "drizzle-orm";
import { rowsOf } from "@/db/client";
import { can } from "@/policies/authorize";
import { ForbiddenError } from "../errors";
import type { PolicyCtx } from "../context";

export type SyncQueueFigures = { pending: number; failed: number; conflicts: number; doneLastHour: number };
export type SyncThroughput = { calls: number; bytes: number; throttled: number; errors: number };
export type SyncProblem = { outboxId: number | null; itemType: "document" | "file"; itemId: string; spaceName: string; kind: string; status: string; code: string | null; message: string; requestId: string | null; attempts: number; updatedAt: string };
export type SyncCall = { at: string; method: string; path: string; status: number; requestId: string | null; actorName: string | null; durationMs: number };

export type GraphSyncOverview = { queue: SyncQueueFigures; lastHour: SyncThroughput; problems: SyncProblem[]; calls: SyncCall[]; canRetry: boolean };

/** The overview of the actor's agency. */
export async function getGraphSyncOverview(ctx: PolicyCtx): Promise<GraphSyncOverview> {
  const agencyId = ctx.actor.agency.id;
  if (!can(ctx.ability, "read", "SyncConnection", { agencyId })) throw new ForbiddenError("Only the agency's administrators, auditors and records managers can see its SharePoint sync");
  const hourAgo = new Date(ctx.now.getTime() - 3_600_000).toISOString();
  const [queueRows, hourRows, problemRows, callRows] = await Promise.all([
    ctx.db.execute(sql`
      SELECT count(*) FILTER (WHERE state = 'pending')::int AS pending,
             count(*) FILTER (WHERE state = 'failed')::int AS failed,
             count(*) FILTER (WHERE state = 'done' AND done_at > ${hourAgo}::timestamptz)::int AS "doneLastHour",
             (SELECT count(*)::int FROM graph_items WHERE agency_id = ${agencyId}::uuid AND status = 'conflict') AS conflicts
      FROM graph_outbox WHERE agency_id = ${agencyId}::uuid`),
    ctx.db.execute(sql`
      SELECT count(*)::int AS calls, coalesce(sum(bytes), 0)::bigint AS bytes,
             count(*) FILTER (WHERE status IN (429, 503))::int AS throttled,
             count(*) FILTER (WHERE status >= 400 OR status = 0)::int AS errors
      FROM graph_calls WHERE agency_id = ${agencyId}::uuid AND at > ${hourAgo}::timestamptz`),
    ctx.db.execute(sql`
      SELECT o.id AS "outboxId", gi.item_type AS "itemType", gi.item_id AS "itemId", coalesce(s.name, '') AS "spaceName",
             coalesce(o.kind::text, 'upload') AS kind, gi.status::text AS status, coalesce(o.last_error_code, gi.last_error_code) AS code,
             coalesce(o.last_error, gi.last_error, '') AS message, gi.last_request_id AS "requestId", coalesce(o.attempts, 0) AS attempts, gi.updated_at AS "updatedAt"
      FROM graph_items gi
      LEFT JOIN spaces s ON s.id = gi.space_id
      LEFT JOIN LATERAL (SELECT * FROM graph_outbox o WHERE o.item_type = gi.item_type AND o.item_id = gi.item_id AND o.state <> 'done' ORDER BY o.id DESC LIMIT 1) o ON true
      WHERE gi.agency_id = ${agencyId}::uuid AND gi.status IN ('failed', 'conflict')
      ORDER BY gi.updated_at DESC LIMIT 100`),
    ctx.db.execute(sql`
      SELECT c.at, c.method, c.path, c.status, c.request_id AS "requestId", u.name AS "actorName", c.duration_ms AS "durationMs"
      FROM graph_calls c LEFT JOIN users u ON u.id = c.actor_user_id
      WHERE c.agency_id = ${agencyId}::uuid ORDER BY c.id DESC LIMIT 50`),
  ]);
  const q = rowsOf<{ pending: number; failed: number; conflicts: number; doneLastHour: number }>(queueRows)[0]!;
  const h = rowsOf<{ calls: number; bytes: number | string; throttled: number; errors: number }>(hourRows)[0]!;
  const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString());
  return {
    queue: { pending: Number(q.pending), failed: Number(q.failed), conflicts: Number(q.conflicts), doneLastHour: Number(q.doneLastHour) },
    lastHour: { calls: Number(h.calls), bytes: Number(h.bytes), throttled: Number(h.throttled), errors: Number(h.errors) },
    problems: rowsOf<SyncProblem & { updatedAt: unknown; outboxId: unknown }>(problemRows).map((p) => ({ ...p, outboxId: p.outboxId === null ? null : Number(p.outboxId), attempts: Number(p.attempts), updatedAt: iso(p.updatedAt) })),
    calls: rowsOf<SyncCall & { at: unknown }>(callRows).map((c) => ({ ...c, at: iso(c.at), status: Number(c.status), durationMs: Number(c.durationMs) })),
    canRetry: can(ctx.ability, "administer", "SyncConnection", { agencyId }),
  };
}
