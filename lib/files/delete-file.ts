/**
 * Deletes a file: its row and audit event in one transaction, then its bytes. Only those the
 * policy lets delete it (the originating agency's space owner or records manager, as for
 * documents); anyone who cannot see it gets 404 and anyone who can but may not delete it 403,
 * with the row unchanged. The bytes go after the commit: a crash between the two leaves an
 * unreferenced blob (harmless, never served), never a row whose bytes are gone.
 */
import { eq } from "drizzle-orm";
import { z } from "zod";
import { files, fileVersions } from "@/db/schema";
import { authorize } from "@/policies/authorize";
import { NotFoundError } from "../errors";
import { inTransaction, type PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { fileSubject } from "../authz/columns";
import { isUuid } from "../spaces/get-space";
import { fileServices } from "./file-services";
import { guardContentDeletion } from "../records/content-guards";
import { enqueueGraphSync } from "../graph/enqueue-graph-sync";

export const ZDeleteFile = z.object({ fileId: z.string().max(100) });
export type DeleteFileInput = z.input<typeof ZDeleteFile>;

/** Deletes the file; returns its id. */
export async function deleteFile(ctx: PolicyCtx, raw: DeleteFileInput): Promise<{ id: string; deleted: true }> {
  const { fileId } = ZDeleteFile.parse(raw);
  if (!isUuid(fileId)) throw new NotFoundError();
  const oldKeys: string[] = [];
  const blobKey = await inTransaction(ctx, async (tx) => {
    const [file] = await tx.db.select().from(files).where(eq(files.id, fileId)).for("update").limit(1);
    if (!file) throw new NotFoundError();
    authorize(tx.ability, "delete", "File", fileSubject(file));
    // Nothing held, and no declared record, is deleted (issue 8).
    await guardContentDeletion(tx.db, "file", file.id);
    // Earlier contents (file_versions) go with the file: their bytes too, after the commit.
    const versionKeys = (await tx.db.select({ blobKey: fileVersions.blobKey }).from(fileVersions).where(eq(fileVersions.fileId, file.id))).map((v) => v.blobKey);
    await tx.db.delete(files).where(eq(files.id, file.id));
    await enqueueGraphSync(tx, { itemType: "file", itemId: file.id, spaceId: file.spaceId, kind: "delete", payload: { reason: "deleted" } }); // issue 9
    oldKeys.push(...versionKeys);
    await recordAudit(tx, {
      action: "file.delete",
      subjectType: "file",
      subjectId: file.id,
      spaceId: file.spaceId,
      markingBefore: file.marking,
      details: { name: file.name, sha256: file.sha256, sizeBytes: file.sizeBytes },
    });
    return file.blobKey;
  });
  try {
    for (const key of [blobKey, ...oldKeys]) await fileServices().blobs.delete(key);
  } catch (err) {
    // The row is gone, so nothing can reach these bytes; say so in the log for the operator.
    console.error(`[${ctx.requestId}] file ${fileId} deleted but its blob could not be removed`, err);
  }
  return { id: fileId, deleted: true };
}
