/**
 * Delivers the outbox to SharePoint (issue 9): each due row is claimed with a lease (so two workers
 * never send the same change, and a worker killed mid-upload leaves the row to the next once the
 * lease runs out), authorized for the person who caused it, sent through the connection's Graph
 * session (paced, never inside a Retry-After window), and settled in one transaction with the
 * item's remote state, the log of its Graph calls and its audit event (with the request-ids and the
 * human actor: SharePoint itself only ever sees the app).
 *
 * The threats: the app identity doing in the drive what the person could not (so every action is
 * checked against that person's policy first, and a delete only follows a deletion Accord itself
 * made); a change lost or applied twice (so the row is settled only after Graph answered, content
 * uploads are conditional on the cTag Accord last saw, and a resumed upload session goes on from
 * Graph's own record of what arrived); and an edit made in SharePoint overwritten (412 means both
 * changed: both are kept and the item is flagged).
 *
 * Failures keep the change: throttling and transient failures (5xx, the network, a full library)
 * wait and are retried with backoff; refusals a person must act on (a wrong secret, a missing site,
 * no permission, an item locked as a record) mark the row failed with the reason, and a retry
 * sends it again. Nothing is dropped without a person seeing why.
 */
import { createHash } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { documents, files, graphCalls, graphItems, graphOutbox, recordItems, retentionLabels, type GraphUploadSession } from "@/db/schema";
import { rowsOf } from "@/db/client";
import { AppError, NotFoundError } from "../errors";
import { can } from "@/policies/authorize";
import { inTransaction, type Ctx, type PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { getDocumentContent } from "../documents/get-document-content";
import { documentDocx } from "../documents/export-document-docx";
import { loadReadableFile } from "../files/load-readable-file";
import { fileServices } from "../files/file-services";
import { policyCtxForPerson } from "./acting-person";
import { sessionFor, unsafeLoadConnection, type GraphConnectionRow } from "./connection-shared";
import { ensureDrive } from "./resolve-drive";
import { ensureSpaceFolder } from "./ensure-space-folder";
import { describeGraphError, GraphCallError, isTransient } from "./graph-errors";
import type { GraphSession } from "./graph-session";
import { sharePointName, type DriveItem } from "./drive-item";
import { uploadContent, type UploadHooks, type UploadSource } from "./upload-content";
import { recordRemoteDocumentEdit, recordRemoteFileEdit } from "./record-remote-edit";
import { isSyncFailureToTell, notifySyncFailure } from "../notifications/notify-sync-failure";

export type OutboxRow = typeof graphOutbox.$inferSelect;
type GraphItemRow = typeof graphItems.$inferSelect;

export type DeliveryOptions = {
  /** At most this many rows in this run (default 200). */
  limit?: number;
  /** Only this agency's rows. */
  agencyId?: string;
  /** Seconds a claimed row is left to its worker before another may take it (default 300). */
  leaseSeconds?: number;
  /** Stop claiming after this many milliseconds (default: no limit). */
  budgetMs?: number;
  /** Tests: called after each accepted fragment of an upload session (throwing simulates a crash). */
  afterFragment?: UploadHooks["afterFragment"];
};

export type DeliveryResult = { delivered: number; retried: number; failed: number; conflicts: number };

/** What became of one row. */
type Outcome =
  | { kind: "done"; note: string; item?: Partial<GraphItemRow>; requestId?: string | null }
  | { kind: "conflict"; note: string; item: Partial<GraphItemRow> }
  | { kind: "retry"; at: Date; error: { code: string; message: string } }
  | { kind: "failed"; error: { code: string; message: string } };

/** Attempts after which a transient failure stops being retried by itself. */
const MAX_ATTEMPTS = 12;

/** Delivers due outbox rows until none is due (or the limit); returns what happened. */
export async function deliverGraphOutbox(ctx: Ctx, options: DeliveryOptions = {}): Promise<DeliveryResult> {
  const result: DeliveryResult = { delivered: 0, retried: 0, failed: 0, conflicts: 0 };
  const limit = options.limit ?? 200;
  const started = Date.now();
  const sessions = new Map<string, { row: GraphConnectionRow; session: GraphSession } | null>();
  for (let n = 0; n < limit; n++) {
    if (options.budgetMs !== undefined && Date.now() - started > options.budgetMs) break;
    const now = new Date(Math.max(ctx.now.getTime(), Date.now()));
    const row = await claimNext(ctx, now, options);
    if (!row) break;
    let connection = sessions.get(row.agencyId);
    if (connection === undefined) {
      const stored = await unsafeLoadConnection(ctx.db, row.agencyId);
      connection = stored ? { row: stored, session: sessionFor(ctx.db, stored) } : null;
      sessions.set(row.agencyId, connection);
    }
    const runCtx: Ctx = { ...ctx, now, requestId: `graph-outbox-${row.id}` };
    let outcome: Outcome;
    if (!connection) outcome = { kind: "failed", error: { code: "no_connection", message: "The agency has no SharePoint connection any more." } };
    else {
      try {
        outcome = await deliverOne(runCtx, connection.row, connection.session, row, options);
      } catch (err) {
        // A test's stand-in for kill -9 (DeliveryOptions.afterFragment): the worker is gone, nothing is settled.
        if (err instanceof Error && err.name === "WorkerKilled") throw err;
        outcome = failureOutcome(err, row, now);
      }
    }
    await settle(runCtx, row, outcome, connection?.session ?? null);
    if (outcome.kind === "done") result.delivered++;
    else if (outcome.kind === "conflict") result.conflicts++;
    else if (outcome.kind === "retry") result.retried++;
    else result.failed++;
  }
  return result;
}

/** Claims the next due row: its lease pushed forward and its attempt counted, in one statement. */
async function claimNext(ctx: Ctx, now: Date, options: DeliveryOptions): Promise<OutboxRow | null> {
  const lease = new Date(now.getTime() + (options.leaseSeconds ?? 300) * 1000).toISOString();
  const result = await ctx.db.execute(sql`
    UPDATE graph_outbox SET next_attempt_at = ${lease}::timestamptz, attempts = attempts + 1, updated_at = ${now.toISOString()}::timestamptz
    WHERE id = (
      SELECT o.id FROM graph_outbox o
      WHERE o.state = 'pending' AND o.next_attempt_at <= ${now.toISOString()}::timestamptz
        ${options.agencyId ? sql`AND o.agency_id = ${options.agencyId}::uuid` : sql``}
        AND NOT EXISTS (SELECT 1 FROM graph_connections c WHERE c.agency_id = o.agency_id AND c.throttled_until > ${now.toISOString()}::timestamptz)
      ORDER BY o.next_attempt_at, o.id
      LIMIT 1
      FOR UPDATE SKIP LOCKED)
    RETURNING id`);
  const id = rowsOf<{ id: number | string }>(result)[0]?.id;
  if (id === undefined) return null;
  const [row] = await ctx.db.select().from(graphOutbox).where(eq(graphOutbox.id, Number(id))).limit(1);
  return row ?? null;
}

/** A failure as an outcome: wait and retry what may pass, fail what a person must fix. */
function failureOutcome(err: unknown, row: OutboxRow, now: Date): Outcome {
  if (err instanceof AppError && !(err instanceof GraphCallError)) return { kind: "failed", error: { code: err.code, message: err.message } };
  const described = describeGraphError(err);
  if (!(err instanceof GraphCallError) && !(err instanceof Error)) return { kind: "failed", error: described };
  const isQuota = err instanceof GraphCallError && err.status === 507;
  if ((isTransient(err) || isQuota) && row.attempts < MAX_ATTEMPTS) {
    const retryAfter = err instanceof GraphCallError && err.retryAfterSeconds !== null ? err.retryAfterSeconds * 1000 : 0;
    // Backoff with jitter: 5 s, 10 s, 20 s … at most 15 minutes; a full library waits longer.
    const backoff = Math.min(15 * 60_000, 5_000 * 2 ** Math.max(0, row.attempts - 1)) * (0.75 + Math.random() * 0.5);
    return { kind: "retry", at: new Date(now.getTime() + Math.max(retryAfter + 100, isQuota ? Math.max(backoff, 60_000) : backoff)), error: described };
  }
  return { kind: "failed", error: described };
}

async function deliverOne(ctx: Ctx, connection: GraphConnectionRow, session: GraphSession, row: OutboxRow, options: DeliveryOptions): Promise<Outcome> {
  const [item] = await ctx.db.select().from(graphItems).where(and(eq(graphItems.itemType, row.itemType), eq(graphItems.itemId, row.itemId))).limit(1);
  if (row.kind === "delete") return deliverDelete(ctx, session, row, item ?? null);

  // Authorized for the person who caused the change, before anything is sent.
  const held = await contentRow(ctx, row);
  if (!held || held.isRestricted) return { kind: "done", note: "The item is no longer in Accord: nothing to send." };
  const person = row.actorUserId ? await policyCtxForPerson(ctx.db, row.actorUserId, ctx.now, ctx.requestId) : null;
  if (row.actorUserId && !person) return { kind: "failed", error: { code: "actor_cannot_act", message: "The person whose change this is can no longer use Accord: it was not sent. Retry to send it for someone who can." } };
  if (row.kind === "label") return deliverLabel(ctx, session, row, item ?? null, person);
  if (!person) return { kind: "failed", error: { code: "no_actor", message: "No person is named for this change: it was not sent." } };
  if (item?.status === "conflict") return { kind: "done", note: "Waiting for the conflict with SharePoint to be resolved." };

  const driveId = await ensureDrive(ctx, session, connection);
  const folderId = await ensureSpaceFolder(ctx, session, { agencyId: connection.agencyId, spaceId: row.spaceId, driveId });
  const hooks: UploadHooks = {
    saveSession: async (uploadSession: GraphUploadSession | null) => {
      await ctx.db.update(graphOutbox).set({ uploadSession }).where(eq(graphOutbox.id, row.id));
    },
    afterFragment: options.afterFragment,
  };
  const content = row.itemType === "document" ? await documentSource(person, row.itemId) : await fileSource(person, row.itemId);
  if (!content) return { kind: "failed", error: { code: "not_authorized", message: `${person.actor.name} may no longer read this item: it was not sent to SharePoint.` } };
  if (item?.remoteId && item.driveId === driveId && item.syncedVersion === content.version && item.status !== "failed" && item.remoteName === content.name) {
    return { kind: "done", note: "SharePoint already has this version.", item: { status: "synced" } };
  }
  const target = { driveId, folderId, name: content.name, remoteId: item?.driveId === driveId ? (item?.remoteId ?? null) : null, cTag: item?.driveId === driveId ? (item?.cTag ?? null) : null };
  let uploaded: DriveItem;
  try {
    uploaded = await uploadContent(session, target, content.source, row.uploadSession ?? null, hooks);
  } catch (err) {
    if (err instanceof GraphCallError && err.status === 412 && target.remoteId) return keepBoth(ctx, session, row, item!, person);
    throw err;
  }
  if (target.remoteId && uploaded.name !== content.name) uploaded = await renameRemote(session, driveId, uploaded, content.name);
  const state: Partial<GraphItemRow> = {
    driveId,
    remoteId: uploaded.id,
    remoteName: uploaded.name,
    eTag: uploaded.eTag ?? null,
    cTag: uploaded.cTag ?? null,
    syncedVersion: content.version,
    status: "synced",
    syncedAt: ctx.now,
  };
  // A new driveItem carries the item's Accord label from the start.
  const label = await currentLabel(ctx, row);
  if (label !== (item?.remoteId === uploaded.id ? (item?.remoteLabel ?? null) : null) && label !== null) {
    await applyRemoteLabel(session, driveId, uploaded.id, label);
    state.remoteLabel = label;
  }
  return { kind: "done", note: target.remoteId ? "Replaced in SharePoint." : "Uploaded to SharePoint.", item: state };
}

/** The item's content row as the sync needs it (whether it is there, restricted, and its record subject), or null when Accord no longer holds it. */
async function contentRow(ctx: Ctx, row: Pick<OutboxRow, "itemType" | "itemId">) {
  const table = row.itemType === "document" ? documents : files;
  const [found] = await ctx.db
    .select({ isRestricted: table.isRestricted, owningAgencyId: table.owningAgencyId, spaceId: table.spaceId, markingRank: table.markingRank })
    .from(table)
    .where(eq(table.id, row.itemId))
    .limit(1);
  return found ?? null;
}

type Content = { name: string; version: string; source: UploadSource };

/** A document as the person may read it (their read is checked and audited as any read), made a .docx with its marking. */
async function documentSource(person: PolicyCtx, documentId: string): Promise<Content | null> {
  let doc;
  try {
    doc = await getDocumentContent(person, { documentId });
  } catch (err) {
    if (err instanceof NotFoundError) return null;
    throw err;
  }
  const bytes = await documentDocx(doc, { exportedBy: `${person.actor.name} (synced)`, agencyName: person.actor.agency.name, exportedAt: person.now });
  return {
    name: `${sharePointName(doc.title)}.docx`,
    version: `doc:${doc.revision ?? 0}:${doc.marking}:${doc.title}`,
    source: { size: bytes.byteLength, sha256: createHash("sha256").update(bytes).digest("hex"), read: async (start, length) => bytes.subarray(start, start + length) },
  };
}

/** A clean file the person may read, read from the blob store in ranges. */
async function fileSource(person: PolicyCtx, fileId: string): Promise<Content | null> {
  let file;
  try {
    ({ file } = await loadReadableFile(person, fileId, "file.read"));
  } catch (err) {
    if (err instanceof NotFoundError) return null;
    throw err;
  }
  if (file.status !== "clean") return null;
  const blobs = fileServices().blobs;
  return {
    name: sharePointName(file.name, "file"),
    version: `file:${file.sha256}:${file.name}`,
    source: { size: file.sizeBytes, sha256: file.sha256, read: (start, length) => blobs.readRange(file.blobKey, start, length) },
  };
}

async function renameRemote(session: GraphSession, driveId: string, item: DriveItem, name: string): Promise<DriveItem> {
  const headers: Record<string, string> = item.eTag ? { "If-Match": item.eTag } : {};
  return (await session.request<DriveItem>({ method: "PATCH", url: `/drives/${driveId}/items/${item.id}?@microsoft.graph.conflictBehavior=rename`, headers, body: { name } })).body;
}

/** The name of the Accord label on the item, or null. */
async function currentLabel(ctx: Ctx, row: Pick<OutboxRow, "itemType" | "itemId">): Promise<string | null> {
  const [found] = await ctx.db
    .select({ name: retentionLabels.name })
    .from(recordItems)
    .innerJoin(retentionLabels, eq(retentionLabels.id, recordItems.labelId))
    .where(and(eq(recordItems.itemType, row.itemType), eq(recordItems.itemId, row.itemId)))
    .limit(1);
  return found?.name ?? null;
}

async function applyRemoteLabel(session: GraphSession, driveId: string, remoteId: string, label: string | null): Promise<void> {
  if (label === null) {
    try {
      await session.request({ method: "DELETE", url: `/drives/${driveId}/items/${remoteId}/retentionLabel` });
    } catch (err) {
      if (!(err instanceof GraphCallError && err.status === 404)) throw err;
    }
    return;
  }
  await session.request({ method: "PATCH", url: `/drives/${driveId}/items/${remoteId}/retentionLabel`, body: { name: label } });
}

/**
 * The item's label in SharePoint made the same as in Accord. Authorized as the labelling was:
 * the person may still label the record (records managers need not read the content), or Accord's
 * own schedule relabelled it (no person).
 */
async function deliverLabel(ctx: Ctx, session: GraphSession, row: OutboxRow, item: GraphItemRow | null, person: PolicyCtx | null): Promise<Outcome> {
  if (!item?.remoteId || !item.driveId) {
    // Not uploaded yet: the upload applies the label; wait for it.
    if (item && item.status !== "removed" && row.attempts < 20) return { kind: "retry", at: new Date(ctx.now.getTime() + 5_000), error: { code: "waiting_for_upload", message: "Waiting for the item to reach SharePoint." } };
    return { kind: "done", note: "The item is not in SharePoint: no label to apply." };
  }
  if (person) {
    // The record's subject as the records rules see it, from the content's own row.
    const content = await contentRow(ctx, row);
    const mayLabel = !!content && can(person.ability, "update", "RecordItem", { owningAgencyId: content.owningAgencyId, spaceId: content.spaceId, markingRank: content.markingRank, currentReviewerIds: [] });
    if (!mayLabel) return { kind: "failed", error: { code: "not_authorized", message: `${person.actor.name} may no longer label this record: the label was not applied in SharePoint.` } };
  }
  const label = await currentLabel(ctx, row);
  if (label === item.remoteLabel) return { kind: "done", note: "SharePoint already has this label." };
  await applyRemoteLabel(session, item.driveId, item.remoteId, label);
  return { kind: "done", note: label ? `Label "${label}" applied in SharePoint.` : "Label removed in SharePoint.", item: { remoteLabel: label } };
}

/**
 * Deletes the driveItem of content Accord deleted (a disposal, or a person's deletion). Only ever
 * for content that is gone from Accord: the app may delete in SharePoint only what Accord itself
 * already deleted. A refusal because of retention there (423, or 403 notAllowed) is recorded as
 * failed with SharePoint's reason: shown with the item's certificate and on the sync page.
 */
async function deliverDelete(ctx: Ctx, session: GraphSession, row: OutboxRow, item: GraphItemRow | null): Promise<Outcome> {
  if (await contentRow(ctx, row)) return { kind: "failed", error: { code: "still_in_accord", message: "Accord still holds this item: it is not deleted from SharePoint." } };
  if (!item?.remoteId || !item.driveId) return { kind: "done", note: "The item never reached SharePoint: nothing to delete.", item: { status: "removed" } };
  try {
    const { requestId } = await session.request({ method: "DELETE", url: `/drives/${item.driveId}/items/${item.remoteId}` });
    return { kind: "done", note: "Deleted from SharePoint.", item: { status: "removed", lastRequestId: requestId }, requestId };
  } catch (err) {
    if (err instanceof GraphCallError && err.status === 404) return { kind: "done", note: "Already gone from SharePoint.", item: { status: "removed" } };
    if (err instanceof GraphCallError && (err.status === 423 || (err.status === 403 && (err.has("notAllowed") || /retention|record/i.test(err.message))))) {
      const ref = err.requestId ? ` (request-id ${err.requestId})` : "";
      return { kind: "failed", error: { code: "retention_refused", message: `SharePoint refused to delete it: it is kept there by a retention label or locked as a record${ref}. Release it in SharePoint (Purview), then retry.` } };
    }
    throw err;
  }
}

/**
 * Both sides changed (Graph answered 412 to an upload conditional on the cTag Accord last saw):
 * SharePoint's content is brought back as a version of the item, Accord's stays as it is, and the
 * item is flagged for a person to decide. Nothing is overwritten on either side.
 */
async function keepBoth(ctx: Ctx, session: GraphSession, row: OutboxRow, item: GraphItemRow, person: PolicyCtx): Promise<Outcome> {
  const { body: remote } = await session.request<DriveItem>({ method: "GET", url: `/drives/${item.driveId}/items/${item.remoteId}` });
  const bytes = await downloadItem(session, item.driveId!, item.remoteId!);
  const by = remote.lastModifiedBy?.user?.displayName ?? remote.lastModifiedBy?.application?.displayName ?? "someone in SharePoint";
  if (row.itemType === "document") await recordRemoteDocumentEdit(ctx, { documentId: row.itemId, bytes, by, isConflict: true, graphItemId: item.id });
  else await recordRemoteFileEdit(ctx, { fileId: row.itemId, bytes, by, name: remote.name });
  return {
    kind: "conflict",
    note: `Both Accord and SharePoint (${by}) changed it: both are kept; ${person.actor.name}'s change waits for a decision.`,
    item: { status: "conflict", eTag: remote.eTag ?? null, cTag: remote.cTag ?? null, lastError: `Changed in SharePoint by ${by} and in Accord: both kept, choose which to keep.`, lastErrorCode: "conflict" },
  };
}

/** A driveItem's bytes (Graph answers /content with a redirect to a pre-authorized URL, which fetch follows). */
export async function downloadItem(session: GraphSession, driveId: string, remoteId: string): Promise<Uint8Array> {
  return (await session.request<Uint8Array>({ method: "GET", url: `/drives/${driveId}/items/${remoteId}/content`, headers: { Accept: "*/*" }, binary: true })).body;
}

/** Writes what became of the row, the item's state, the calls and the audit event, in one transaction. */
async function settle(ctx: Ctx, row: OutboxRow, outcome: Outcome, session: GraphSession | null): Promise<void> {
  const calls = session?.drainCalls() ?? [];
  const lastRequestId = [...calls].reverse().find((c) => c.requestId)?.requestId ?? null;
  await inTransaction(ctx, async (tx) => {
    if (calls.length > 0) {
      await tx.db.insert(graphCalls).values(calls.map((c) => ({ ...c, agencyId: row.agencyId, outboxId: row.id, actorUserId: row.actorUserId })));
    }
    const itemWhere = and(eq(graphItems.itemType, row.itemType), eq(graphItems.itemId, row.itemId));
    if (outcome.kind === "done" || outcome.kind === "conflict") {
      await tx.db.update(graphOutbox).set({ state: "done", doneAt: tx.now, updatedAt: tx.now, lastError: null, lastErrorCode: null, uploadSession: null }).where(eq(graphOutbox.id, row.id));
      if (outcome.item) {
        const clearError = outcome.kind === "done" ? { lastError: null, lastErrorCode: null } : {};
        await tx.db.update(graphItems).set({ ...clearError, ...outcome.item, lastRequestId: lastRequestId ?? outcome.item.lastRequestId ?? null, updatedAt: tx.now }).where(itemWhere);
      }
      if (outcome.kind === "done" && !outcome.item) {
        // Nothing sent (no change, gone, waiting): the item is as synced as it was.
        await tx.db.execute(sql`UPDATE graph_items SET status = CASE WHEN status = 'pending' AND remote_id IS NOT NULL THEN 'synced'::graph_item_status ELSE status END, updated_at = ${tx.now.toISOString()}::timestamptz
          WHERE item_type = ${row.itemType}::graph_item_type AND item_id = ${row.itemId}::uuid
            AND NOT EXISTS (SELECT 1 FROM graph_outbox o WHERE o.item_type = ${row.itemType}::graph_item_type AND o.item_id = ${row.itemId}::uuid AND o.state = 'pending' AND o.id <> ${row.id})`);
      }
    } else if (outcome.kind === "retry") {
      await tx.db.update(graphOutbox).set({ nextAttemptAt: outcome.at, lastError: outcome.error.message, lastErrorCode: outcome.error.code, updatedAt: tx.now }).where(eq(graphOutbox.id, row.id));
      // Waiting for throttling or an upload is not a failure a person needs to see as one.
      const isWaiting = outcome.error.code === "throttled" || outcome.error.code === "waiting_for_upload";
      await tx.db.update(graphItems).set({ status: isWaiting ? "pending" : "failed", lastError: outcome.error.message, lastErrorCode: outcome.error.code, lastRequestId, updatedAt: tx.now }).where(and(itemWhere, sql`${graphItems.status} <> 'conflict'`));
    } else {
      await tx.db.update(graphOutbox).set({ state: "failed", lastError: outcome.error.message, lastErrorCode: outcome.error.code, updatedAt: tx.now }).where(eq(graphOutbox.id, row.id));
      await tx.db.update(graphItems).set({ status: "failed", lastError: outcome.error.message, lastErrorCode: outcome.error.code, lastRequestId, updatedAt: tx.now }).where(and(itemWhere, sql`${graphItems.status} <> 'conflict'`));
    }
    await recordAudit(tx, {
      action: `graph.sync.${row.kind}`,
      outcome: outcome.kind === "done" || outcome.kind === "conflict" ? "success" : "failure",
      subjectType: row.itemType,
      subjectId: row.itemId,
      spaceId: row.spaceId,
      actorUserId: row.actorUserId ?? undefined,
      agencyId: row.agencyId,
      details: {
        outboxId: row.id,
        result: outcome.kind,
        note: outcome.kind === "done" || outcome.kind === "conflict" ? outcome.note : outcome.error.message,
        code: outcome.kind === "retry" || outcome.kind === "failed" ? outcome.error.code : null,
        requestIds: calls.map((c) => c.requestId).filter((id): id is string => !!id),
        calls: calls.length,
      },
    });
    // The person whose change it was hears of a failure they must act on, with the failure itself.
    if ((outcome.kind === "failed" || outcome.kind === "retry") && isSyncFailureToTell(outcome.kind, outcome.error.code)) {
      await notifySyncFailure(tx, { outboxId: row.id, actorUserId: row.actorUserId, itemType: row.itemType, itemId: row.itemId, spaceId: row.spaceId, code: outcome.error.code });
    }
  });
}
