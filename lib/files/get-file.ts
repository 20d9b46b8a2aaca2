/**
 * One file's metadata. A file the actor may not read answers like one that does not exist (404);
 * consulting an OFFICIAL-SENSITIVE file's metadata is audited, like a document's.
 */
import { z } from "zod";
import type { PolicyCtx } from "../context";
import { toFileView, type FileView } from "./file-view";
import type { DocumentReadPurpose } from "../documents/get-document";
import { justifyFileRead, loadReadableFile, recordSensitiveFileRead } from "./load-readable-file";

export const ZGetFile = z.object({ fileId: z.string().max(100), justification: z.string().max(2000).nullish() });
export type GetFileInput = z.input<typeof ZGetFile>;

/** Loads a file's metadata for an actor who may read it; NotFoundError otherwise. A status read (`isConsultation: false`, as getDocument's) is not audited as a consultation. */
export async function getFile(ctx: PolicyCtx, raw: GetFileInput, { isConsultation = true }: DocumentReadPurpose = {}): Promise<FileView> {
  const { fileId } = ZGetFile.parse(raw);
  const { file, uploaderName } = await loadReadableFile(ctx, fileId, "file.read");
  if (isConsultation) await recordSensitiveFileRead(ctx, file, "file.read", await justifyFileRead(ctx, file, raw.justification));
  return toFileView(ctx, file, uploaderName);
}
