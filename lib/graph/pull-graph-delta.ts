/**
 * Back from SharePoint (issue 9; docs/graph-contract.md §7): one drive's changes since the last
 * run, by Graph's delta query, resumed from the stored `@odata.deltaLink` (opaque; a 410 means it
 * expired: start again from a full enumeration, which compares every known item's cTag, so
 * nothing is missed and nothing applied twice). For each driveItem Accord mirrors:
 *  - content changed (its cTag is not the one Accord last saw): a file gets SharePoint's bytes as
 *    a new version (record-remote-edit.ts: checked and scanned like an upload, the old content
 *    kept); a document gets a version to review, never a silent overwrite; if Accord changed it
 *    too since its last upload, both are kept and the item is flagged as a conflict;
 *  - deleted there: the item is marked removed (Accord keeps its content; a retry uploads it again).
 * Items Accord does not mirror are ignored: the drive is the agency's, not Accord's.
 * The same item can appear more than once in a delta; the last occurrence wins.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import { documentStates, graphCalls, graphConnections, graphItems } from "@/db/schema";
import { rowsOf } from "@/db/client";
import { inTransaction, type Ctx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { sessionFor, unsafeLoadConnection } from "./connection-shared";
import { GraphCallError } from "./graph-errors";
import type { GraphSession } from "./graph-session";
import type { DriveItem } from "./drive-item";
import { downloadItem } from "./deliver-graph-outbox";
import { recordRemoteDocumentEdit, recordRemoteFileEdit, RemoteEditRefusedError } from "./record-remote-edit";

export type DeltaResult = { pages: number; seen: number; edited: number; conflicts: number; removed: number; refused: number; resynced: boolean };

type DeltaPage = { value: DriveItem[]; "@odata.nextLink"?: string; "@odata.deltaLink"?: string };

/** Pulls one agency's drive's changes; does nothing when the agency has no connection or drive yet. */
export async function pullGraphDelta(ctx: Ctx, input: { agencyId: string }): Promise<DeltaResult> {
  const result: DeltaResult = { pages: 0, seen: 0, edited: 0, conflicts: 0, removed: 0, refused: 0, resynced: false };
  const connection = await unsafeLoadConnection(ctx.db, input.agencyId);
  if (!connection?.driveId) return result;
  const session = sessionFor(ctx.db, connection);
  const driveId = connection.driveId;
  let url = connection.deltaLink ?? `/drives/${driveId}/root/delta`;
  const latest = new Map<string, DriveItem>();
  let deltaLink: string | null = null;
  try {
    for (;;) {
      let page: DeltaPage;
      try {
        page = (await session.request<DeltaPage>({ method: "GET", url })).body;
      } catch (err) {
        if (err instanceof GraphCallError && err.status === 410 && !result.resynced) {
          // The token expired: enumerate again from the start (every item compared by cTag).
          result.resynced = true;
          latest.clear();
          url = `/drives/${driveId}/root/delta`;
          continue;
        }
        throw err;
      }
      result.pages++;
      for (const item of page.value ?? []) latest.set(item.id, item);
      if (page["@odata.nextLink"]) url = page["@odata.nextLink"];
      else {
        deltaLink = page["@odata.deltaLink"] ?? null;
        break;
      }
    }
    result.seen = latest.size;
    await applyChanges(ctx, session, driveId, input.agencyId, [...latest.values()], result);
  } finally {
    const calls = session.drainCalls();
    await inTransaction(ctx, async (tx) => {
      if (calls.length > 0) await tx.db.insert(graphCalls).values(calls.map((c) => ({ ...c, agencyId: input.agencyId, actorUserId: null })));
      if (deltaLink) await tx.db.update(graphConnections).set({ deltaLink, deltaAt: tx.now }).where(eq(graphConnections.agencyId, input.agencyId));
    });
  }
  return result;
}

async function applyChanges(ctx: Ctx, session: GraphSession, driveId: string, agencyId: string, changes: DriveItem[], result: DeltaResult): Promise<void> {
  const ids = changes.filter((c) => !c.folder).map((c) => c.id);
  if (ids.length === 0) return;
  // Only what Accord mirrors, in batches (a first enumeration can list the whole library).
  for (let i = 0; i < ids.length; i += 500) {
    const batch = ids.slice(i, i + 500);
    const known = await ctx.db.select().from(graphItems).where(and(eq(graphItems.agencyId, agencyId), eq(graphItems.driveId, driveId), inArray(graphItems.remoteId, batch)));
    for (const item of known) {
      const change = changes.find((c) => c.id === item.remoteId)!;
      if (change.deleted) {
        if (item.status === "removed") continue;
        await inTransaction(ctx, async (tx) => {
          await tx.db.update(graphItems).set({ status: "removed", lastError: "Deleted in SharePoint. Accord keeps the item; retry to put it back.", lastErrorCode: "deleted_remotely", updatedAt: tx.now }).where(eq(graphItems.id, item.id));
          await recordAudit(tx, { action: "graph.sync.removed_remotely", subjectType: item.itemType, subjectId: item.itemId, spaceId: item.spaceId, agencyId, details: { remoteId: item.remoteId } });
        });
        result.removed++;
        continue;
      }
      if (!change.cTag || change.cTag === item.cTag || item.status === "removed") continue;
      const by = change.lastModifiedBy?.user?.displayName ?? change.lastModifiedBy?.application?.displayName ?? "someone in SharePoint";
      try {
        const bytes = await downloadItem(session, driveId, item.remoteId!);
        if (item.itemType === "file") {
          await recordRemoteFileEdit(ctx, { fileId: item.itemId, bytes, by, name: change.name, cTag: change.cTag, eTag: change.eTag ?? null });
          result.edited++;
        } else {
          const isConflict = await hasUnsyncedAccordChange(ctx, item);
          await recordRemoteDocumentEdit(ctx, { documentId: item.itemId, bytes, by, isConflict, graphItemId: item.id });
          await ctx.db
            .update(graphItems)
            .set({
              cTag: change.cTag,
              eTag: change.eTag ?? item.eTag,
              ...(isConflict ? { status: "conflict" as const, lastError: `Changed in SharePoint by ${by} and in Accord: both kept, choose which to keep.`, lastErrorCode: "conflict" } : {}),
              updatedAt: ctx.now,
            })
            .where(eq(graphItems.id, item.id));
          if (isConflict) result.conflicts++;
          else result.edited++;
        }
      } catch (err) {
        if (!(err instanceof RemoteEditRefusedError)) throw err;
        result.refused++;
        // Seen and refused: remember the cTag so it is not fetched again, and say why.
        await ctx.db.update(graphItems).set({ cTag: change.cTag, eTag: change.eTag ?? item.eTag, status: "failed", lastError: err.message, lastErrorCode: err.code, updatedAt: ctx.now }).where(eq(graphItems.id, item.id));
      }
    }
  }
}

/** True when the document changed in Accord since its last upload (a pending upload, or a newer revision). */
async function hasUnsyncedAccordChange(ctx: Ctx, item: typeof graphItems.$inferSelect): Promise<boolean> {
  const pending = rowsOf(await ctx.db.execute(sql`SELECT 1 FROM graph_outbox WHERE item_type = 'document' AND item_id = ${item.itemId}::uuid AND kind = 'upload' AND state = 'pending' LIMIT 1`));
  if (pending.length > 0) return true;
  const [state] = await ctx.db.select({ revision: documentStates.revision }).from(documentStates).where(eq(documentStates.documentId, item.itemId)).limit(1);
  const synced = /^doc:(\d+):/.exec(item.syncedVersion ?? "")?.[1];
  return state !== undefined && synced !== undefined && state.revision > Number(synced);
}

/** The agencies with a connection whose drive is known (the delta job's round). */
export async function connectedAgencies(ctx: Ctx): Promise<string[]> {
  const rows = await ctx.db.select({ agencyId: graphConnections.agencyId }).from(graphConnections).where(sql`${graphConnections.driveId} IS NOT NULL`);
  return rows.map((r) => r.agencyId);
}
