/**
 * An item's SharePoint status, for its own page (whoever may read the item: the caller has loaded
 * it through its policy first): synced, pending, failed (with the reason), in conflict, or removed;
 * null when its space's agency has no SharePoint connection (nothing is synced, so nothing is shown).
 */
import { and, eq, sql } from "drizzle-orm";
import { graphItems } from "@/db/schema";
import { rowsOf } from "@/db/client";
import type { PolicyCtx } from "../context";

export type ItemSyncStatus = {
  status: "pending" | "synced" | "failed" | "conflict" | "removed";
  message: string | null;
  code: string | null;
  requestId: string | null;
  syncedAt: string | null;
  remoteName: string | null;
  /** A document's version made from an edit in SharePoint, waiting for review. */
  reviewVersionId: string | null;
};

/** The status of a document or file the actor has already been allowed to read. */
export async function getItemSyncStatus(ctx: PolicyCtx, input: { itemType: "document" | "file"; itemId: string; spaceId: string }): Promise<ItemSyncStatus | null> {
  const [row] = await ctx.db.select().from(graphItems).where(and(eq(graphItems.itemType, input.itemType), eq(graphItems.itemId, input.itemId))).limit(1);
  if (!row) {
    const connected = rowsOf(await ctx.db.execute(sql`SELECT 1 FROM spaces s JOIN graph_connections c ON c.agency_id = s.owner_agency_id WHERE s.id = ${input.spaceId}::uuid`));
    return connected.length > 0 ? { status: "pending", message: null, code: null, requestId: null, syncedAt: null, remoteName: null, reviewVersionId: null } : null;
  }
  return {
    status: row.status,
    message: row.lastError,
    code: row.lastErrorCode,
    requestId: row.lastRequestId,
    syncedAt: row.syncedAt?.toISOString() ?? null,
    remoteName: row.remoteName,
    reviewVersionId: row.reviewVersionId,
  };
}
