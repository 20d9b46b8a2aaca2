/**
 * The SharePoint status of every document and file of one space that the actor may read, in one
 * read (the space's file list asked once per file before: N files cost N requests, each polled).
 *
 * The threat: a status read that reveals what the reader may not see, e.g. that a document above
 * their vetting exists in the space, or that it failed to sync. So the items are the space's
 * documents and files trimmed in SQL by the same policy as their lists (conventions.md §2:
 * accessibleWhere() ANDed with the space; no rule, no query), joined to their graph_items row;
 * a space the actor may not see is 404, like the space itself (readableSpace).
 *
 * Not a consultation (security.md, DPA 2018 s.62): the answer is keyed by ids the reader's own
 * lists already give (listDocuments and listFiles, which are not audited as consultation either)
 * and carries only how the mirror stands: status, Accord's description of the last failure, the
 * Graph request id, when it synced, a review version's id. It carries no title, no file name, no
 * marking, no SharePoint name (remoteName, the title as stored there, is left out on purpose) and
 * no content, so polling it writes no audit event. Opening an item's metadata or content stays
 * audited where it happens (getDocument "document.read", getFile "file.read", downloads).
 */
import { and, desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { documents, files, graphItems } from "@/db/schema";
import { rowsOf } from "@/db/client";
import { accessibleWhere } from "@/policies/to-sql";
import type { PolicyCtx } from "../context";
import { parseInput } from "../errors";
import { documentColumns, fileColumns } from "../authz/columns";
import { readableSpace } from "../spaces/readable-space";
import { toSyncState, WAITING, type SyncState } from "./get-item-sync-status";

/** `only`: one kind, for a list that shows only that kind (the space's file list), so the other is not read. */
export const ZListSpaceSyncStatus = z.object({ spaceId: z.string().max(100), only: z.enum(["document", "file"], { message: "only is document or file" }).optional() });
export type ListSpaceSyncStatusInput = z.input<typeof ZListSpaceSyncStatus>;

/** The most items of each kind one answer holds: well above a space's file list (listFiles shows at most 200), a bound on one response. */
export const SPACE_SYNC_MAX = 1000;

/** What GET /api/v1/spaces/{spaceId}/sync answers: each readable item's status by id (absent: nothing to show, as `sync: null` in the single read). */
export type SpaceSyncStatus = {
  spaceId: string;
  /** The space's agency has a SharePoint connection (when not, only items mirrored before it was removed have a status). */
  isConnected: boolean;
  documents: Record<string, SyncState>;
  files: Record<string, SyncState>;
  /** More than SPACE_SYNC_MAX documents or files: the newest ones are given. */
  isTruncated: boolean;
};

type Kind = "document" | "file";

/** The status of each document and file of the space the actor may read; NotFoundError when the space is invisible. */
export async function listSpaceSyncStatus(ctx: PolicyCtx, raw: ListSpaceSyncStatusInput): Promise<SpaceSyncStatus> {
  const input = parseInput(ZListSpaceSyncStatus, raw);
  const space = await readableSpace(ctx, input.spaceId);
  const connected = rowsOf(await ctx.db.execute(sql`SELECT 1 FROM graph_connections WHERE agency_id = ${space.ownerAgencyId}::uuid`));
  const isConnected = connected.length > 0;
  const [docs, fileRows] = await Promise.all([input.only === "file" ? [] : readableItems(ctx, "document", space.id), input.only === "document" ? [] : readableItems(ctx, "file", space.id)]);
  return {
    spaceId: space.id,
    isConnected,
    documents: statusById(docs, isConnected),
    files: statusById(fileRows, isConnected),
    isTruncated: docs.length > SPACE_SYNC_MAX || fileRows.length > SPACE_SYNC_MAX,
  };
}

type ItemRow = { id: string; graph: typeof graphItems.$inferSelect | null };

/** The space's items of one kind the actor may read (policy in SQL), newest first, each with its graph_items row if any; one more than the bound, to tell truncation. */
async function readableItems(ctx: PolicyCtx, kind: Kind, spaceId: string): Promise<ItemRow[]> {
  if (kind === "document") {
    const policy = accessibleWhere(ctx.ability, "read", "Document", documentColumns);
    if (!policy) return [];
    return ctx.db
      .select({ id: documents.id, graph: graphItems })
      .from(documents)
      .leftJoin(graphItems, and(eq(graphItems.itemType, "document"), eq(graphItems.itemId, documents.id)))
      .where(and(policy, eq(documents.spaceId, spaceId)))
      .orderBy(desc(documents.updatedAt), desc(documents.id))
      .limit(SPACE_SYNC_MAX + 1);
  }
  const policy = accessibleWhere(ctx.ability, "read", "File", fileColumns);
  if (!policy) return [];
  return ctx.db
    .select({ id: files.id, graph: graphItems })
    .from(files)
    .leftJoin(graphItems, and(eq(graphItems.itemType, "file"), eq(graphItems.itemId, files.id)))
    .where(and(policy, eq(files.spaceId, spaceId)))
    .orderBy(desc(files.createdAt), desc(files.id))
    .limit(SPACE_SYNC_MAX + 1);
}

/** As the single read decides: the row's state; no row yet but connected: waiting; otherwise nothing. */
function statusById(rows: ItemRow[], isConnected: boolean): Record<string, SyncState> {
  const out: Record<string, SyncState> = {};
  for (const row of rows.slice(0, SPACE_SYNC_MAX)) {
    if (row.graph) out[row.id] = toSyncState(row.graph);
    else if (isConnected) out[row.id] = { ...WAITING };
  }
  return out;
}
