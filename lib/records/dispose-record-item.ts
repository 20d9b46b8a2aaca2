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
 * under a hold deleted. So each disposal is guarded by its state transition, claimed with
 * `UPDATE record_items SET state = 'disposed' WHERE … state = 'approved' … FOR UPDATE SKIP
 * LOCKED … RETURNING`: of two sweeps, one claims the row and the other skips it, and a rolled
 * back batch leaves its items approved for the next sweep. The certificate's unique index on
 * (item type, item id) is the second guard. Held items are never claimed, and the database's
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
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { disposalCertificates, disposalDecisions, documents, files, submissions, users, type CertificateApproval } from "@/db/schema";
import { parseInput } from "../errors";
import { inTransaction, type Ctx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { env } from "../env";
import { fileServices } from "../files/file-services";
import { isNotHeldSql, loadRecordItems, type LoadedRecordItem } from "./disposal-shared";

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

export type DisposeApprovedOptions = {
  /** Only these items (otherwise any approved item, oldest first). */
  ids?: string[];
  limit: number;
  disposedBy?: string | null;
  certificateRetentionYears?: number;
  /** Called after each item is disposed, inside the transaction (tests simulate a crash with it). */
  afterEach?: (certificate: DisposalCertificateRow, index: number) => void | Promise<void>;
};

/**
 * Inside the caller's transaction: claims up to `limit` approved, unheld items (skipping any
 * another transaction holds) and disposes each: certificate, audit event, content deleted. The
 * blob keys of deleted files are returned for the caller to remove after the commit (a crash
 * between leaves unreferenced bytes, never served; never a row without its bytes).
 */
export async function disposeApprovedItems(tx: Ctx, options: DisposeApprovedOptions): Promise<{ certificates: DisposalCertificateRow[]; blobKeys: string[] }> {
  if (options.ids && options.ids.length === 0) return { certificates: [], blobKeys: [] };
  const claimed = await tx.db.execute(sql`
    UPDATE record_items SET state = 'disposed', updated_at = ${tx.now.toISOString()}::timestamptz
    WHERE id IN (
      SELECT id FROM record_items
      WHERE state = 'approved' AND ${isNotHeldSql}
        ${options.ids ? sql`AND id = ANY(${sql.param(options.ids)}::uuid[])` : sql``}
      ORDER BY updated_at, id
      LIMIT ${options.limit}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING id`);
  const ids = rowsOf<{ id: string }>(claimed).map((r) => r.id);
  if (ids.length === 0) return { certificates: [], blobKeys: [] };
  const loaded = await loadRecordItems(tx, ids);
  const approvals = await approvalsOf(tx, loaded);
  const certificates: DisposalCertificateRow[] = [];
  const blobKeys: string[] = [];
  for (const [index, item] of loaded.entries()) {
    const certificate = await writeCertificate(tx, item, { outcome: "deleted", approvals: approvals.get(item.item.id) ?? [], disposedBy: options.disposedBy ?? null, certificateRetentionYears: options.certificateRetentionYears });
    blobKeys.push(...(await deleteContent(tx, item)));
    certificates.push(certificate);
    await options.afterEach?.(certificate, index);
  }
  return { certificates, blobKeys };
}

/**
 * Writes the certificate and the audit event of a disposal ("deleted") or of a restriction
 * instead of erasure ("restricted", DPA 2018 s.47), inside the caller's transaction.
 */
export async function writeCertificate(
  tx: Ctx,
  loaded: LoadedRecordItem,
  options: { outcome: "deleted" | "restricted"; approvals: CertificateApproval[]; disposedBy: string | null; certificateRetentionYears?: number },
): Promise<DisposalCertificateRow> {
  const { item, label } = loaded;
  const keepUntil = new Date(tx.now);
  keepUntil.setUTCFullYear(keepUntil.getUTCFullYear() + (options.certificateRetentionYears ?? env().certificateRetentionYears));
  const [certificate] = await tx.db
    .insert(disposalCertificates)
    .values({
      agencyId: item.owningAgencyId,
      itemType: item.itemType,
      itemId: item.itemId,
      title: loaded.title ?? "(untitled)",
      spaceId: item.spaceId,
      spaceName: loaded.spaceName,
      marking: loaded.marking ?? "",
      labelReference: label.reference,
      labelName: label.name,
      approvals: options.approvals,
      outcome: options.outcome,
      disposedAt: tx.now,
      disposedBy: options.disposedBy,
      keepUntil,
    })
    .returning();
  await recordAudit(tx, {
    action: options.outcome === "deleted" ? "record.dispose" : "record.restrict",
    subjectType: item.itemType,
    subjectId: item.itemId,
    spaceId: item.spaceId,
    agencyId: item.owningAgencyId,
    markingBefore: loaded.marking ?? undefined,
    // What identifies the disposal, never the content (nor its title).
    details: { recordItemId: item.id, certificateId: certificate!.id, labelId: label.id, labelReference: label.reference, outcome: options.outcome, approvals: options.approvals.length },
  });
  return certificate!;
}

/** Deletes the item's content; returns the blob keys of a file's bytes, to remove after the commit. */
async function deleteContent(tx: Ctx, loaded: LoadedRecordItem): Promise<string[]> {
  const { itemType, itemId } = loaded.item;
  switch (itemType) {
    case "document":
      // document_states, document_versions, comment threads and comments, member copies and card links cascade.
      await tx.db.delete(documents).where(eq(documents.id, itemId));
      return [];
    case "file": {
      const gone = await tx.db.delete(files).where(eq(files.id, itemId)).returning({ blobKey: files.blobKey });
      return gone.map((f) => f.blobKey);
    }
    case "submission":
      // submission_versions and submission_reviews cascade.
      await tx.db.delete(submissions).where(eq(submissions.id, itemId));
      return [];
  }
}

/**
 * The approvals of each item's current review (decisions since its review started), with the
 * reviewers' names and the stages' names, as its certificate keeps them.
 */
export async function approvalsOf(tx: Ctx, loaded: LoadedRecordItem[]): Promise<Map<string, CertificateApproval[]>> {
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

/** Rows of db.execute() on either driver (postgres.js answers an array, PGlite `{ rows }`). */
export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : ((result as { rows?: T[] }).rows ?? [])) as T[];
}
