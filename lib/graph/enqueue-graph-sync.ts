/**
 * The outbox (issue 9; architecture.md "Sync to SharePoint"): a change that must reach SharePoint
 * is written as a graph_outbox row in the same transaction as the change itself, so that a change
 * is never committed without its sync, nor a sync queued for a change that rolled back. The job
 * queue delivers it (deliver-graph-outbox.ts). One statement, and nothing at all when the space's
 * owning agency has no SharePoint connection. At most one pending row per item and kind: a later
 * change before delivery updates the waiting row (the delivery sends the item as it is then), so a
 * document typed in for an hour is uploaded every so often, not on every keystroke's save.
 */
import { sql } from "drizzle-orm";
import { rowsOf } from "@/db/client";
import type { Ctx } from "../context";
import { requestGraphDelivery } from "./graph-signal";

export type GraphItemType = "document" | "file";

export type GraphChange = {
  itemType: GraphItemType;
  itemId: string;
  spaceId: string;
  kind: "upload" | "rename" | "delete" | "label";
  /** For a label: `{ label: name | null }`; for a delete: `{ reason, certificateId? }`. */
  payload?: Record<string, unknown>;
  /** Seconds before the first delivery attempt, so a burst of saves goes as one upload. */
  delaySeconds?: number;
  /** The person whose change it is (default: ctx's actor; null for Accord itself). */
  actorUserId?: string | null;
};

/** Seconds a content change waits, so that co-editing's saves (every few seconds) coalesce. */
export const CONTENT_DEBOUNCE_SECONDS = 20;

/** Queues `change` inside ctx's transaction; true when the agency is connected and a row was written. */
export async function enqueueGraphSync(ctx: Ctx, change: GraphChange): Promise<boolean> {
  const actor = change.actorUserId !== undefined ? change.actorUserId : (ctx.actor?.userId ?? null);
  const now = ctx.now.toISOString();
  const due = new Date(ctx.now.getTime() + (change.delaySeconds ?? 0) * 1000).toISOString();
  const result = await ctx.db.execute(sql`
    WITH conn AS (
      SELECT c.agency_id FROM spaces s JOIN graph_connections c ON c.agency_id = s.owner_agency_id WHERE s.id = ${change.spaceId}::uuid
    ), item AS (
      INSERT INTO graph_items (agency_id, item_type, item_id, space_id, status, updated_at)
      SELECT agency_id, ${change.itemType}::graph_item_type, ${change.itemId}::uuid, ${change.spaceId}::uuid, 'pending', ${now}::timestamptz FROM conn
      ON CONFLICT (item_type, item_id) DO UPDATE SET
        status = CASE WHEN graph_items.status IN ('conflict', 'removed') AND ${change.kind} <> 'delete' THEN graph_items.status ELSE 'pending'::graph_item_status END,
        updated_at = excluded.updated_at
      RETURNING agency_id
    )
    INSERT INTO graph_outbox (agency_id, item_type, item_id, space_id, kind, actor_user_id, payload, next_attempt_at, created_at, updated_at)
    SELECT agency_id, ${change.itemType}::graph_item_type, ${change.itemId}::uuid, ${change.spaceId}::uuid, ${change.kind}::graph_outbox_kind, ${actor}::uuid,
           ${JSON.stringify(change.payload ?? {})}::jsonb, ${due}::timestamptz, ${now}::timestamptz, ${now}::timestamptz
    FROM item
    ON CONFLICT (item_type, item_id, kind) WHERE state = 'pending' DO UPDATE SET
      actor_user_id = excluded.actor_user_id, payload = excluded.payload, updated_at = excluded.updated_at
    RETURNING id`);
  const queued = rowsOf(result).length > 0;
  if (queued) requestGraphDelivery();
  return queued;
}

/**
 * Queues an upload of every document and file of the agency's spaces (a new connection, or one
 * moved to another site): set-based, in ctx's transaction. Each is attributed to the person who
 * created it, whose access is checked at delivery like any change's. Returns how many were queued.
 */
export async function enqueueAgencyBackfill(ctx: Ctx, agencyId: string): Promise<number> {
  const now = ctx.now.toISOString();
  const result = await ctx.db.execute(sql`
    WITH content AS (
      SELECT 'document'::graph_item_type AS item_type, d.id AS item_id, d.space_id, d.created_by
      FROM documents d JOIN spaces s ON s.id = d.space_id
      WHERE s.owner_agency_id = ${agencyId}::uuid AND NOT d.is_restricted
      UNION ALL
      SELECT 'file'::graph_item_type, f.id, f.space_id, f.created_by
      FROM files f JOIN spaces s ON s.id = f.space_id
      WHERE s.owner_agency_id = ${agencyId}::uuid AND NOT f.is_restricted AND f.status = 'clean'
    ), items AS (
      INSERT INTO graph_items (agency_id, item_type, item_id, space_id, status, updated_at)
      SELECT ${agencyId}::uuid, item_type, item_id, space_id, 'pending', ${now}::timestamptz FROM content
      ON CONFLICT (item_type, item_id) DO UPDATE SET status = 'pending', updated_at = excluded.updated_at
      RETURNING item_type, item_id
    )
    INSERT INTO graph_outbox (agency_id, item_type, item_id, space_id, kind, actor_user_id, payload, next_attempt_at, created_at, updated_at)
    SELECT ${agencyId}::uuid, c.item_type, c.item_id, c.space_id, 'upload', c.created_by, '{"reason":"backfill"}'::jsonb, ${now}::timestamptz, ${now}::timestamptz, ${now}::timestamptz
    FROM content c JOIN items i ON i.item_type = c.item_type AND i.item_id = c.item_id
    ON CONFLICT (item_type, item_id, kind) WHERE state = 'pending' DO NOTHING
    RETURNING id`);
  return rowsOf(result).length;
}

/** Queues `kind` for those of `items` already mirrored (a graph_items row matching `where`), in one statement. */
async function enqueueForMirrored(ctx: Ctx, kind: "delete" | "label", items: { itemType: GraphItemType; itemId: string }[], where: ReturnType<typeof sql>, onPending: ReturnType<typeof sql>, payload: Record<string, unknown>): Promise<number> {
  if (items.length === 0) return 0;
  const now = ctx.now.toISOString();
  const result = await ctx.db.execute(sql`
    INSERT INTO graph_outbox (agency_id, item_type, item_id, space_id, kind, actor_user_id, payload, next_attempt_at, created_at, updated_at)
    SELECT gi.agency_id, gi.item_type, gi.item_id, gi.space_id, ${kind}::graph_outbox_kind, ${ctx.actor?.userId ?? null}::uuid, ${JSON.stringify(payload)}::jsonb, ${now}::timestamptz, ${now}::timestamptz, ${now}::timestamptz
    FROM graph_items gi
    JOIN jsonb_to_recordset(${JSON.stringify(items)}::jsonb) AS x("itemType" graph_item_type, "itemId" uuid) ON gi.item_type = x."itemType" AND gi.item_id = x."itemId"
    WHERE ${where}
    ON CONFLICT (item_type, item_id, kind) WHERE state = 'pending' ${onPending}
    RETURNING id`);
  const queued = rowsOf(result).length;
  if (queued > 0) requestGraphDelivery();
  return queued;
}

/**
 * Queues the deletion in SharePoint of disposed items that were mirrored there (set-based, in the
 * disposal's transaction): only items with a known driveItem. The delivery deletes each only once
 * the content is gone from Accord, and records a refusal by SharePoint's retention.
 */
export function enqueueGraphDisposals(ctx: Ctx, items: { itemType: GraphItemType; itemId: string }[]): Promise<number> {
  return enqueueForMirrored(ctx, "delete", items, sql`gi.remote_id IS NOT NULL`, sql`DO NOTHING`, { reason: "disposal" });
}

/**
 * Queues the retention label of already-mirrored items to be made the same in SharePoint (a label
 * applied, changed or removed in Accord, by hand, rule, space default or the schedule); items not
 * yet uploaded get their label with the upload.
 */
export function enqueueGraphLabels(ctx: Ctx, items: { itemType: string; itemId: string }[]): Promise<number> {
  const mirrorable = items.filter((i): i is { itemType: GraphItemType; itemId: string } => i.itemType === "document" || i.itemType === "file");
  return enqueueForMirrored(ctx, "label", mirrorable, sql`gi.status <> 'removed'`, sql`DO UPDATE SET actor_user_id = excluded.actor_user_id, updated_at = excluded.updated_at`, {});
}

/** enqueueGraphLabels for every mirrored, labelled item of a space (a space default applied to what it holds). */
export async function enqueueGraphSpaceLabels(ctx: Ctx, spaceId: string): Promise<number> {
  const now = ctx.now.toISOString();
  const result = await ctx.db.execute(sql`
    INSERT INTO graph_outbox (agency_id, item_type, item_id, space_id, kind, actor_user_id, payload, next_attempt_at, created_at, updated_at)
    SELECT gi.agency_id, gi.item_type, gi.item_id, gi.space_id, 'label', ${ctx.actor?.userId ?? null}::uuid, '{}'::jsonb, ${now}::timestamptz, ${now}::timestamptz, ${now}::timestamptz
    FROM graph_items gi
    WHERE gi.space_id = ${spaceId}::uuid AND gi.status <> 'removed'
      AND EXISTS (SELECT 1 FROM record_items r WHERE r.item_type::text = gi.item_type::text AND r.item_id = gi.item_id)
    ON CONFLICT (item_type, item_id, kind) WHERE state = 'pending' DO NOTHING
    RETURNING id`);
  const queued = rowsOf(result).length;
  if (queued > 0) requestGraphDelivery();
  return queued;
}
