/**
 * Where uploaded files' bytes live. The threats: a file reachable without the policy's say (so
 * the folder is outside the web root and every read goes through the download route), a name
 * chosen by the uploader steering where bytes are written (so keys are generated, random and
 * checked on every use, and the uploaded name is never part of a path), and a half-written file
 * served after a crash (so bytes are written to a temporary file, flushed, then renamed into
 * place, which is atomic on one file system).
 */
import { randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";

/** A stored blob opened for reading. */
export type BlobReader = { stream: ReadableStream<Uint8Array>; sizeBytes: number };

/** Keeps bytes under generated keys. */
export type BlobStore = {
  /** Stores the bytes; returns the new blob's key. */
  put(bytes: Uint8Array): Promise<string>;
  /** Opens a blob; throws when there is none under the key. */
  open(key: string): Promise<BlobReader>;
  /** Reads `length` bytes from `start` (fewer at the end); for uploads in chunks (Graph upload sessions). */
  readRange(key: string, start: number, length: number): Promise<Uint8Array>;
  /** Removes a blob; does nothing when it is already gone. */
  delete(key: string): Promise<void>;
};

// 128 random bits, hex: unguessable, and nothing but [0-9a-f] can ever reach a path.
const KEY_PATTERN = /^[0-9a-f]{32}$/;

function checkedKey(key: string): string {
  if (!KEY_PATTERN.test(key)) throw new Error("Blob store: malformed key");
  return key;
}

/** A blob store in a local folder: `<dir>/<first two characters of the key>/<key>`, written atomically. */
export function localBlobStore(dir: string): BlobStore {
  const root = path.resolve(dir);
  const tmpDir = path.join(root, ".tmp");
  const pathOf = (key: string) => path.join(root, checkedKey(key).slice(0, 2), key);

  return {
    async put(bytes) {
      const key = randomBytes(16).toString("hex");
      const target = pathOf(key);
      await fs.mkdir(tmpDir, { recursive: true, mode: 0o700 });
      await fs.mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
      const tmp = path.join(tmpDir, `${key}.${randomBytes(4).toString("hex")}.part`);
      // "wx": never write through a file (or a link) that is already there.
      const handle = await fs.open(tmp, "wx", 0o600);
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } catch (err) {
        await handle.close();
        await fs.rm(tmp, { force: true });
        throw err;
      }
      await handle.close();
      try {
        await fs.rename(tmp, target);
      } catch (err) {
        await fs.rm(tmp, { force: true });
        throw err;
      }
      return key;
    },

    async open(key) {
      const file = pathOf(key);
      const { size } = await fs.stat(file);
      return { stream: Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>, sizeBytes: size };
    },

    async readRange(key, start, length) {
      const handle = await fs.open(pathOf(key), "r");
      try {
        const buffer = Buffer.alloc(length);
        const { bytesRead } = await handle.read(buffer, 0, length, start);
        return new Uint8Array(buffer.buffer, buffer.byteOffset, bytesRead);
      } finally {
        await handle.close();
      }
    },

    async delete(key) {
      await fs.rm(pathOf(key), { force: true });
    },
  };
}
