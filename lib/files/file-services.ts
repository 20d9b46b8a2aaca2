/**
 * The infrastructure file operations use: the blob store, the virus scanner (when configured)
 * and the upload size limit, built from lib/env on first use. Tests and other embeddings may put
 * their own in place (a temporary folder, a stand-in clamd) with setFileServices().
 */
import { env } from "../env";
import { localBlobStore, type BlobStore } from "./blob-store";
import { clamdScanner, type Scanner } from "./clamd";

export type FileServices = {
  blobs: BlobStore;
  /** Null when no scanner is configured (CLAMD_URL unset): files are stored unscanned. */
  scanner: Scanner | null;
  maxUploadBytes: number;
};

let configured: FileServices | undefined;

/** The file services in use: those set with setFileServices(), or those lib/env describes. */
export function fileServices(): FileServices {
  if (!configured) {
    const e = env();
    configured = { blobs: localBlobStore(e.blobDir), scanner: e.clamd ? clamdScanner(e.clamd) : null, maxUploadBytes: e.maxUploadBytes };
  }
  return configured;
}

/** Replaces the file services (undefined: back to those lib/env describes). */
export function setFileServices(services: FileServices | undefined): void {
  configured = services;
}
