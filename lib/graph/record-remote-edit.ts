/**
 * Edits made in SharePoint/Office, brought back into Accord (issue 9). The threats: a live,
 * co-edited investigation file silently replaced by whatever was saved into the library (so a
 * document's remote edit only ever becomes a *version to review*, kind "remote", which a person may
 * compare and restore); and content from outside Accord entering it unchecked (so a file's new
 * bytes pass the same type check and virus scan as an upload, within the upload size limit, and a
 * declared record or held file keeps its content: the edit is refused with the reason). A file's
 * replaced content stays as a file version. Each is audited in the same transaction.
 */
import { createHash } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { documents, documentVersions, files, fileVersions, graphItems } from "@/db/schema";
import { rowsOf } from "@/db/client";
import { AppError } from "../errors";
import { inTransaction, type Ctx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { nextVersionNumber } from "../collab/take-auto-version";
import { documentStateFromDocx } from "../documents/import-document-docx";
import { detectFileType } from "../files/detect-file-type";
import { fileServices } from "../files/file-services";
import { isRecordLocked } from "../records/record-locks";
import { isHeld } from "../records/holds-shared";
import { extractFileText } from "../search/extract-file-text";
import { indexFileText } from "../search/index-file-text";

/** A remote edit that cannot come into Accord (the reason is shown on the item). */
export class RemoteEditRefusedError extends AppError {
  constructor(message: string) {
    super("remote_edit_refused", message, 422);
  }
}

/**
 * Stores SharePoint's content of a document as a version to review ("Edited in SharePoint by …"),
 * and points the item's sync state at it. Returns the version's id.
 */
export async function recordRemoteDocumentEdit(ctx: Ctx, input: { documentId: string; bytes: Uint8Array; by: string; isConflict: boolean; graphItemId: string }): Promise<string> {
  const [doc] = await ctx.db.select({ id: documents.id, title: documents.title, marking: documents.marking, spaceId: documents.spaceId, agencyId: documents.owningAgencyId }).from(documents).where(eq(documents.id, input.documentId)).limit(1);
  if (!doc) throw new RemoteEditRefusedError("The document is no longer in Accord");
  let state: Uint8Array;
  try {
    ({ state } = await documentStateFromDocx(input.bytes, { title: doc.title }));
  } catch (err) {
    throw new RemoteEditRefusedError(`SharePoint's version could not be read as a Word document: ${err instanceof Error ? err.message : String(err)}`);
  }
  return inTransaction(ctx, async (tx) => {
    const [version] = await tx.db
      .insert(documentVersions)
      .values({
        documentId: doc.id,
        number: await nextVersionNumber(tx.db, doc.id),
        kind: "remote",
        name: `Edited in SharePoint by ${input.by.slice(0, 80)}${input.isConflict ? " (changed in Accord too)" : ""}`,
        state,
        marking: doc.marking,
        createdBy: null,
        createdAt: tx.now,
      })
      .returning({ id: documentVersions.id });
    await tx.db.update(graphItems).set({ reviewVersionId: version!.id, updatedAt: tx.now }).where(eq(graphItems.id, input.graphItemId));
    await recordAudit(tx, {
      action: "document.remote_version",
      subjectType: "document",
      subjectId: doc.id,
      spaceId: doc.spaceId,
      agencyId: doc.agencyId,
      markingAfter: doc.marking,
      details: { versionId: version!.id, by: input.by, isConflict: input.isConflict, bytes: input.bytes.byteLength },
    });
    return version!.id;
  });
}

/**
 * Makes SharePoint's content the file's current content, keeping the content it replaces as a
 * file version. Refused (RemoteEditRefusedError) for a declared record, a held file, a file over
 * the upload limit, content that is not the file's type, or content the scanner does not pass.
 */
export async function recordRemoteFileEdit(ctx: Ctx, input: { fileId: string; bytes: Uint8Array; by: string; name: string; cTag?: string | null; eTag?: string | null }): Promise<void> {
  const [file] = await ctx.db.select().from(files).where(eq(files.id, input.fileId)).limit(1);
  if (!file) throw new RemoteEditRefusedError("The file is no longer in Accord");
  const services = fileServices();
  if (input.bytes.byteLength > services.maxUploadBytes) throw new RemoteEditRefusedError("SharePoint's version is larger than Accord accepts: it was not brought back");
  if (await isRecordLocked(ctx.db, "file", file.id)) throw new RemoteEditRefusedError("The file is a declared record in Accord: SharePoint's edit was not brought back");
  if (await isHeld(ctx.db, "file", file.id, file.spaceId)) throw new RemoteEditRefusedError("The file is under a hold in Accord: SharePoint's edit was not brought back, the original is kept");
  let detected;
  try {
    detected = await detectFileType(file.name, input.bytes);
  } catch (err) {
    throw new RemoteEditRefusedError(`SharePoint's version is not a valid ${file.extension} file: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (services.scanner) {
    const scan = await services.scanner.scan(input.bytes);
    if (scan.verdict !== "clean") throw new RemoteEditRefusedError("SharePoint's version did not pass the virus scan: it was not brought back");
  }
  const sha256 = createHash("sha256").update(input.bytes).digest("hex");
  if (sha256 === file.sha256) return;
  // The new content's text, for search (issue 10; best effort: it never refuses the version).
  const text = await extractFileText({ extension: detected.extension, status: "clean" }, input.bytes);
  const blobKey = await services.blobs.put(input.bytes);
  await inTransaction(ctx, async (tx) => {
    const [{ n } = { n: 0 }] = rowsOf<{ n: number }>(await tx.db.execute(sql`SELECT coalesce(max(number), 0)::int AS n FROM file_versions WHERE file_id = ${file.id}::uuid`));
    await tx.db.insert(fileVersions).values({
      fileId: file.id,
      number: Number(n) + 1,
      name: file.name,
      mediaType: file.mediaType,
      sizeBytes: file.sizeBytes,
      sha256: file.sha256,
      blobKey: file.blobKey,
      source: "accord",
      createdBy: file.createdBy,
      createdAt: file.updatedAt,
    });
    await tx.db.update(files).set({ blobKey, sizeBytes: input.bytes.byteLength, sha256, mediaType: detected.mediaType, updatedAt: tx.now }).where(eq(files.id, file.id));
    await indexFileText(tx.db, file.id, text);
    await tx.db
      .update(graphItems)
      .set({ syncedVersion: `file:${sha256}:${file.name}`, status: "synced", lastError: null, lastErrorCode: null, ...(input.cTag ? { cTag: input.cTag } : {}), ...(input.eTag ? { eTag: input.eTag } : {}), syncedAt: tx.now, updatedAt: tx.now })
      .where(and(eq(graphItems.itemType, "file"), eq(graphItems.itemId, file.id)));
    await recordAudit(tx, {
      action: "file.remote_edit",
      subjectType: "file",
      subjectId: file.id,
      spaceId: file.spaceId,
      agencyId: file.owningAgencyId,
      markingAfter: file.marking,
      details: { by: input.by, sha256, bytes: input.bytes.byteLength, previousSha256: file.sha256 },
    });
  });
}
