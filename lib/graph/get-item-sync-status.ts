/**
 * An item's SharePoint status, for its own page (whoever may read the item: the caller has loaded
 * it through its policy first, and that load is what audits consulting an OFFICIAL-SENSITIVE
 * item: getDocument "document.read", getFile "file.read"): synced, pending, failed (with the
 * reason), in conflict, or removed; null when its space's agency has no SharePoint connection
 * (nothing is synced, so nothing is shown).
 *
 * What may be shown of a status is split in two: SyncState is how the mirror stands and nothing
 * of the item (what the space's batch read, list-space-sync-status.ts, gives without an audit);
 * ItemSyncStatus adds remoteName, the item's name as stored in SharePoint (its title or file
 * name, so content metadata), given only by the single reads, behind their audited load.
 */
import { and, eq, sql } from "drizzle-orm";
import { graphItems } from "@/db/schema";
import { rowsOf } from "@/db/client";
import type { PolicyCtx } from "../context";

/** How an item's mirror stands: no title, name, marking or content (see the file's comment). */
export type SyncState = {
  status: "pending" | "synced" | "failed" | "conflict" | "removed";
  message: string | null;
  code: string | null;
  requestId: string | null;
  syncedAt: string | null;
  /** A document's version made from an edit in SharePoint, waiting for review. */
  reviewVersionId: string | null;
};

/** The single read's answer: the state and the item's name in SharePoint. */
export type ItemSyncStatus = SyncState & { remoteName: string | null };

/** An item with no graph_items row yet in a connected agency: waiting for its first delivery. */
export const WAITING: SyncState = { status: "pending", message: null, code: null, requestId: null, syncedAt: null, reviewVersionId: null };

/** The state of a graph_items row, without its remote name. */
export function toSyncState(row: typeof graphItems.$inferSelect): SyncState {
  return {
    status: row.status,
    message: row.lastError,
    code: row.lastErrorCode,
    requestId: row.lastRequestId,
    syncedAt: row.syncedAt?.toISOString() ?? null,
    reviewVersionId: row.reviewVersionId,
  };
}

/** The status of a document or file the actor has already been allowed to read. */
export async function getItemSyncStatus(ctx: PolicyCtx, input: { itemType: "document" | "file"; itemId: string; spaceId: string }): Promise<ItemSyncStatus | null> {
  const [row] = await ctx.db.select().from(graphItems).where(and(eq(graphItems.itemType, input.itemType), eq(graphItems.itemId, input.itemId))).limit(1);
  if (!row) {
    const connected = rowsOf(await ctx.db.execute(sql`SELECT 1 FROM spaces s JOIN graph_connections c ON c.agency_id = s.owner_agency_id WHERE s.id = ${input.spaceId}::uuid`));
    return connected.length > 0 ? { ...WAITING, remoteName: null } : null;
  }
  return { ...toSyncState(row), remoteName: row.remoteName };
}
