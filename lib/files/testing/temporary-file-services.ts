/**
 * Gives a test file its own blob folder (a fresh temporary directory, removed afterwards) and
 * file services over it, in the manner of openSeededDatabaseForFile. For tests only.
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { localBlobStore } from "../blob-store";
import { setFileServices, type FileServices } from "../file-services";
import type { Scanner } from "../clamd";

export type TemporaryFileServices = {
  /** The blob folder of this test file. */
  readonly dir: string;
  /** Puts a scanner in place (null: none), or changes the size limit, for the tests that follow. */
  configure(change: { scanner?: Scanner | null; maxUploadBytes?: number }): void;
  /** How many blobs are stored (temporary files included: a half-written upload counts). */
  blobCount(): Promise<number>;
};

/** Installs file services over a temporary folder before the file's tests; removes it after them. */
export function temporaryFileServicesForFile(initial: { maxUploadBytes: number }): TemporaryFileServices {
  let dir = "";
  let services: FileServices | undefined;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "accord-blobs-"));
    services = { blobs: localBlobStore(dir), scanner: null, maxUploadBytes: initial.maxUploadBytes };
    setFileServices(services);
  });
  afterAll(async () => {
    setFileServices(undefined);
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  });
  return {
    get dir() {
      return dir;
    },
    configure(change) {
      if (!services) throw new Error("temporaryFileServicesForFile: not set up yet");
      services = { ...services, ...change };
      setFileServices(services);
    },
    async blobCount() {
      const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true });
      return entries.filter((e) => e.isFile()).length;
    },
  };
}
