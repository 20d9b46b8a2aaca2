// Streaming request bodies to files in blobDir while hashing, so 100 MB bodies never sit in memory.
import { createWriteStream } from "node:fs";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Readable } from "node:stream";
import { QuickXorHash } from "./quick-xor-hash";
import { fail } from "./http-util";

/** Writes `body` into `file` at `start`, feeding `hasher`; returns the byte count. Refuses more than `limit` bytes. */
export async function streamToFile(body: Readable, file: string, start: number, hasher: QuickXorHash, limit: number, flags: "w" | "r+" = "w"): Promise<number> {
  let n = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      n += chunk.length;
      if (n > limit) {
        cb(fail(413, "invalidRequest", "The request body is larger than allowed.", "maxFileSizeExceeded"));
        return;
      }
      hasher.update(chunk);
      cb(null, chunk);
    },
  });
  await pipeline(body, tap, createWriteStream(file, { flags, start }));
  return n;
}
