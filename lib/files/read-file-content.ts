/**
 * A file's bytes, for download (and for images embedded in documents). The threats: bytes handed
 * to someone the policy keeps out (404, exactly as for a file that does not exist), and a file
 * the scanner could not vouch for reaching anyone (quarantined files are refused). Downloading an
 * OFFICIAL-SENSITIVE file is a disclosure and is audited before any byte leaves.
 */
import { z } from "zod";
import { QuarantinedFileError } from "../errors";
import type { PolicyCtx } from "../context";
import { fileServices } from "./file-services";
import { justifyFileRead, loadReadableFile, recordSensitiveFileRead } from "./load-readable-file";

export const ZReadFileContent = z.object({ fileId: z.string().max(100), justification: z.string().max(2000).nullish() });
export type ReadFileContentInput = z.input<typeof ZReadFileContent>;

/** What a download serves: the detected media type (never the uploader's claim) and the bytes. */
export type FileContent = {
  name: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  stream: ReadableStream<Uint8Array>;
};

/** Opens a clean file the actor may read; NotFoundError or QuarantinedFileError otherwise. */
export async function readFileContent(ctx: PolicyCtx, raw: ReadFileContentInput): Promise<FileContent> {
  const { fileId, justification: given } = ZReadFileContent.parse(raw);
  const { file } = await loadReadableFile(ctx, fileId, "file.download");
  if (file.status !== "clean") throw new QuarantinedFileError();
  // Asked before any byte is read; one justification covers this person's downloads of the file for the window.
  const justification = await justifyFileRead(ctx, file, given);
  const blob = await fileServices().blobs.open(file.blobKey);
  if (blob.sizeBytes !== file.sizeBytes) {
    await blob.stream.cancel();
    throw new Error(`File ${file.id}: stored blob is ${blob.sizeBytes} bytes, the row says ${file.sizeBytes}`);
  }
  await recordSensitiveFileRead(ctx, file, "file.download", justification);
  return { name: file.name, mediaType: file.mediaType, sizeBytes: file.sizeBytes, sha256: file.sha256, stream: blob.stream };
}
