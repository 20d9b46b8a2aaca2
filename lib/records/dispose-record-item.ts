/**
 * Disposal (issue 8): an item approved for disposal (every stage of its review approved, or a
 * label whose action is to delete without review) has its content deleted (a document's row,
 * versions, Yjs state and comments; a file's row and, after the commit, its bytes; a
 * submission's row, versions and reviews: every dependent row goes with its parent by the
 * schema's ON DELETE CASCADE), and a certificate of disposal is written in the same transaction
 * with the audit event "record.dispose": what it was (type, id, title, space, marking), under
 * which label, who approved it at each stage and when; no content.
 *
 * The threat: an item disposed twice (two certificates, or a certificate for content that is
 * still there), or not at all, when a sweep is killed mid-batch or two run at once; and content
 * under a hold deleted. So each disposal is guarded by its claim: the approved, unheld record_items
 * rows are locked with `SELECT … WHERE state = 'approved' … FOR UPDATE SKIP LOCKED` in the
 * transaction that writes their certificates and deletes them with their content (approved →
 * gone is the transition): of two sweeps, one claims the row and the other skips it, and a
 * rolled back batch leaves its items approved for the next sweep. The certificate's unique index
 * on (item type, item id) is the second guard. Held items are never claimed, and the database's
 * own trigger refuses deleting held content whatever asks (migration 0017).
 *
 * A declared record (record-locks.ts) is locked against its owner's edits and deletions, not
 * against its own disposal at the end of its retention (as in Purview): so this deletes directly
 * rather than through content-guards.ts, whose hold rule it applies itself (held items are never
 * claimed).
 *
 * Not an operation a person calls: reaching the approved state is what authorizes a disposal
 * (decide-disposal-review.ts asks the policy for every decision; the sweep moves only items whose
 * label says delete). So this takes any context, with or without an actor.
 */
import { randomUUID } from "node:crypto";
import { and, asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { disposalCertificates, disposalDecisions, documents, files, fileVersions, recordItems, submissions, users, type CertificateApproval } from "@/db/schema";
import { rowsOf } from "@/db/client";
import { parseInput } from "../errors";
import { inTransaction, type Ctx } from "../context";
import { s62KindOf } from "../audit/s62-kinds";
import { env } from "../env";
import { fileServices } from "../files/file-services";
import { enqueueGraphDisposals } from "../graph/enqueue-graph-sync";
import { isNotHeldSql, loadDisposalItems, type DisposalItem, type LoadedRecordItem } from "./disposal-shared";

export type DisposalCertificateRow = typeof disposalCertificates.$inferSelect;

export const ZDisposeRecordItem = z.object({
  recordItemId: z.uuid("That is not a record item"),
  /** The person whose approval completed the review (null when a label deletes without review). */
  disposedBy: z.uuid().nullable().default(null),
  /** Years the certificate is kept (default ACCORD_CERTIFICATE_RETENTION_YEARS). */
  certificateRetentionYears: z.number().int().positive().optional(),
});
export type DisposeRecordItemInput = z.input<typeof ZDisposeRecordItem>;

/**
 * Disposes one approved item in its own transaction, then removes a file's bytes. Returns its
 * certificate, or null when the item was not there to dispose (not approved, already disposed by
 * someone else, held, or gone): a disposal happens once.
 */
export async function disposeRecordItem(ctx: Ctx, raw: DisposeRecordItemInput): Promise<DisposalCertificateRow | null> {
  const input = parseInput(ZDisposeRecordItem, raw);
  const done = await inTransaction(ctx, (tx) =>
    disposeApprovedItems(tx, { ids: [input.recordItemId], limit: 1, disposedBy: input.disposedBy, certificateRetentionYears: input.certificateRetentionYears }),
  );
  await removeBlobs(ctx, done.blobKeys);
  return done.certificates[0] ?? null;
}

/** A batch disposed: its certificates, the blob keys to remove after the commit, and the rows the claim took (in its order, as it selected them). */
export type DisposedBatch = { certificates: DisposalCertificateRow[]; blobKeys: string[]; claimed: (Record<string, unknown> & { id: string })[] };

export type DisposeApprovedOptions = {
  /** Only these items (otherwise any approved item, oldest first). */
  ids?: string[];
  /**
   * Instead of approved items: this SELECT of record item ids, which must lock what it selects
   * (FOR UPDATE SKIP LOCKED) and exclude held items. The sweep disposes items due under a label
   * that deletes without review this way: approved by the schedule and disposed in one
   * transaction, with no approved state in between to write.
   */
  claim?: SQL;
  limit: number;
  disposedBy?: string | null;
  certificateRetentionYears?: number;
  /**
   * Called for each item disposed, in order, once the batch's certificates, audit events and
   * deletions are written and before the transaction commits (tests simulate a crash with it:
   * throwing rolls the whole batch back).
   */
  afterEach?: (certificate: DisposalCertificateRow, index: number) => void | Promise<void>;
};

/**
 * Inside the caller's transaction: claims up to `limit` approved, unheld items (skipping any
 * another transaction holds) and disposes them: a certificate and an audit event for each, their
 * content and record item deleted. Set-based, so a batch costs the same few statements whatever
 * its size: the claim, one read of the items, one of their approvals (for reviewed items), one
 * statement writing every certificate and its audit event, one DELETE per kind of content. The
 * blob keys of deleted files are returned for the caller to remove after the commit (a crash
 * between leaves unreferenced bytes, never served; never a row without its bytes).
 */
export async function disposeApprovedItems(tx: Ctx, options: DisposeApprovedOptions): Promise<DisposedBatch> {
  if (options.ids && options.ids.length === 0) return { certificates: [], blobKeys: [], claimed: [] };
  // The claim. Given ids, the state is compared as text so that the planner goes by the ids'
  // primary key rather than the (state, due_on) index, whose statistics lag far behind a sweep
  // that has just approved thousands of items.
  const claimed = await tx.db.execute(
    options.claim ??
      sql`
    SELECT id FROM record_items
    WHERE ${options.ids ? sql`id = ANY(${sql.param(options.ids)}::uuid[]) AND state::text = 'approved'` : sql`state = 'approved'`} AND ${isNotHeldSql}
    ORDER BY updated_at, id
    LIMIT ${options.limit}
    FOR UPDATE SKIP LOCKED`,
  );
  const claimedRows = rowsOf<Record<string, unknown> & { id: string }>(claimed);
  const loaded = await loadDisposalItems(tx, claimedRows.map((r) => r.id));
  if (loaded.length === 0) return { certificates: [], blobKeys: [], claimed: claimedRows };
  const approvals = await approvalsOf(tx, loaded);
  const certificates = await writeCertificates(
    tx,
    loaded.map((item) => ({ loaded: item, approvals: approvals.get(item.item.id) ?? [] })),
    { outcome: "deleted", disposedBy: options.disposedBy ?? null, certificateRetentionYears: options.certificateRetentionYears },
  );
  const blobKeys = await deleteContent(tx, loaded);
  // The content's own delete trigger has taken each item's row with it (migration 0017); this
  // makes sure no claimed item is left approved, to be claimed (and certified) again.
  await tx.db.delete(recordItems).where(sql`${recordItems.id} = ANY(${sql.param(loaded.map((l) => l.item.id))}::uuid[])`);
  for (const [index, certificate] of certificates.entries()) await options.afterEach?.(certificate, index);
  return { certificates, blobKeys, claimed: claimedRows };
}

type CertificateOptions = { outcome: "deleted" | "restricted"; disposedBy: string | null; certificateRetentionYears?: number };

/**
 * Writes the certificate and the audit event of a disposal ("deleted") or of a restriction
 * instead of erasure ("restricted", DPA 2018 s.47), inside the caller's transaction.
 */
export async function writeCertificate(tx: Ctx, loaded: LoadedRecordItem, options: CertificateOptions & { approvals: CertificateApproval[] }): Promise<DisposalCertificateRow> {
  const [certificate] = await writeCertificates(tx, [{ loaded, approvals: options.approvals }], options);
  return certificate!;
}

/**
 * writeCertificate for many items in one statement: every certificate, and for each its own
 * audit event ("record.dispose" or "record.restrict": what identifies the disposal, never the
 * content nor its title), with the fields recordAudit() gives an event (the actor when there is
 * one, otherwise the item's agency). Returns the certificates in the order of `entries`. The
 * certificates' unique index on (item type, item id) refuses the whole statement if any item
 * already has one.
 */
export async function writeCertificates(tx: Ctx, entries: { loaded: DisposalItem; approvals: CertificateApproval[] }[], options: CertificateOptions): Promise<DisposalCertificateRow[]> {
  if (entries.length === 0) return [];
  const keepUntil = new Date(tx.now);
  keepUntil.setUTCFullYear(keepUntil.getUTCFullYear() + (options.certificateRetentionYears ?? env().certificateRetentionYears));
  const certificates: DisposalCertificateRow[] = entries.map(({ loaded, approvals }) => ({
    // Made here rather than by the column's default, so that each audit event can name its certificate in the same statement.
    id: randomUUID(),
    agencyId: loaded.item.owningAgencyId,
    itemType: loaded.item.itemType,
    itemId: loaded.item.itemId,
    title: loaded.title ?? "(untitled)",
    spaceId: loaded.item.spaceId,
    spaceName: loaded.spaceName,
    marking: loaded.marking ?? "",
    // The column is generated from the marking by the database (never inserted); the same rank.
    markingRank: loaded.markingRank,
    labelReference: loaded.label.reference,
    labelName: loaded.label.name,
    approvals,
    outcome: options.outcome,
    disposedAt: tx.now,
    disposedBy: options.disposedBy,
    keepUntil,
  }));
  const input = certificates.map((c, i) => ({
    id: c.id,
    agency_id: c.agencyId,
    item_type: c.itemType,
    item_id: c.itemId,
    title: c.title,
    space_id: c.spaceId,
    space_name: c.spaceName,
    marking: c.marking,
    label_reference: c.labelReference,
    label_name: c.labelName,
    approvals: c.approvals,
    record_item_id: entries[i]!.loaded.item.id,
    label_id: entries[i]!.loaded.label.id,
    marking_before: entries[i]!.loaded.marking,
    ord: i,
  }));
  const at = tx.now.toISOString();
  const action = options.outcome === "deleted" ? "record.dispose" : "record.restrict";
  await tx.db.execute(sql`
    WITH input AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(input)}::jsonb) AS x(
        id uuid, agency_id uuid, item_type record_item_type, item_id uuid, title text, space_id uuid, space_name text, marking text,
        label_reference text, label_name text, approvals jsonb, record_item_id uuid, label_id uuid, marking_before text, ord int)
    ), certificates AS (
      INSERT INTO disposal_certificates (id, agency_id, item_type, item_id, title, space_id, space_name, marking, label_reference, label_name, approvals, outcome, disposed_at, disposed_by, keep_until)
      SELECT id, agency_id, item_type, item_id, title, space_id, space_name, marking, label_reference, label_name, approvals,
        ${options.outcome}, ${at}::timestamptz, ${options.disposedBy}::uuid, ${keepUntil.toISOString()}::timestamptz
      FROM input
    )
    INSERT INTO audit_events (at, request_id, actor_user_id, agency_id, action, kind, outcome, subject_type, subject_id, space_id, marking_before, details)
    SELECT ${at}::timestamptz, ${tx.requestId}, ${tx.actor?.userId ?? null}::uuid, COALESCE(${tx.actor?.agency.id ?? null}::uuid, agency_id), ${action}, ${s62KindOf(action)}, 'success',
      item_type::text, item_id::text, space_id, marking_before,
      jsonb_build_object('recordItemId', record_item_id, 'certificateId', id, 'labelId', label_id, 'labelReference', label_reference, 'outcome', ${options.outcome}::text, 'approvals', jsonb_array_length(approvals))
    FROM input ORDER BY ord`);
  return certificates;
}

/** Deletes the items' content, one statement per kind; returns the blob keys of files' bytes, to remove after the commit. */
async function deleteContent(tx: Ctx, loaded: DisposalItem[]): Promise<string[]> {
  const idsOf = (itemType: DisposalItem["item"]["itemType"]) => loaded.filter((l) => l.item.itemType === itemType).map((l) => l.item.itemId);
  const anyOf = (column: typeof documents.id | typeof files.id | typeof submissions.id, ids: string[]) => sql`${column} = ANY(${sql.param(ids)}::uuid[])`;
  const documentIds = idsOf("document");
  const fileIds = idsOf("file");
  const submissionIds = idsOf("submission");
  // document_states, document_versions, comment threads and comments, member copies and card links cascade.
  // What was mirrored to SharePoint is deleted there too (issue 9), queued in this transaction.
  await enqueueGraphDisposals(tx, loaded.filter((l) => l.item.itemType !== "submission").map((l) => ({ itemType: l.item.itemType as "document" | "file", itemId: l.item.itemId })));
  if (documentIds.length > 0) await tx.db.delete(documents).where(anyOf(documents.id, documentIds));
  // submission_versions and submission_reviews cascade.
  if (submissionIds.length > 0) await tx.db.delete(submissions).where(anyOf(submissions.id, submissionIds));
  if (fileIds.length === 0) return [];
  // Earlier contents of the files (versions brought back from SharePoint) go with them.
  const versions = await tx.db.select({ blobKey: fileVersions.blobKey }).from(fileVersions).where(sql`${fileVersions.fileId} = ANY(${sql.param(fileIds)}::uuid[])`);
  const gone = await tx.db.delete(files).where(anyOf(files.id, fileIds)).returning({ blobKey: files.blobKey });
  return [...gone.map((f) => f.blobKey), ...versions.map((v) => v.blobKey)];
}

/**
 * The approvals of each item's current review (decisions since its review started), with the
 * reviewers' names and the stages' names, as its certificate keeps them.
 */
export async function approvalsOf(tx: Ctx, loaded: DisposalItem[]): Promise<Map<string, CertificateApproval[]>> {
  const result = new Map<string, CertificateApproval[]>();
  const reviewed = loaded.filter((l) => l.item.reviewStartedAt !== null);
  if (reviewed.length === 0) return result;
  const rows = await tx.db
    .select({ decision: disposalDecisions, reviewerName: users.name })
    .from(disposalDecisions)
    .innerJoin(users, eq(users.id, disposalDecisions.reviewerId))
    .where(and(inArray(disposalDecisions.recordItemId, reviewed.map((l) => l.item.id)), inArray(disposalDecisions.decision, ["approve", "restrict"])))
    .orderBy(asc(disposalDecisions.createdAt), asc(disposalDecisions.stage));
  const byId = new Map(reviewed.map((l) => [l.item.id, l]));
  for (const { decision, reviewerName } of rows) {
    const item = byId.get(decision.recordItemId);
    if (!item || decision.createdAt < item.item.reviewStartedAt!) continue;
    const list = result.get(decision.recordItemId) ?? [];
    list.push({
      stage: decision.stage,
      stageName: item.label.reviewStages[decision.stage - 1]?.name ?? `Stage ${decision.stage}`,
      reviewerId: decision.reviewerId,
      reviewerName,
      comment: decision.comment,
      at: decision.createdAt.toISOString(),
    });
    result.set(decision.recordItemId, list);
  }
  return result;
}

/** Removes deleted files' bytes after the commit; a failure is logged (the row is gone, so nothing can reach them). */
export async function removeBlobs(ctx: Ctx, blobKeys: string[]): Promise<void> {
  for (const key of blobKeys) {
    try {
      await fileServices().blobs.delete(key);
    } catch (err) {
      console.error(`[${ctx.requestId}] a disposed file's blob could not be removed`, err);
    }
  }
}
