/**
 * A request body read whole, but never past a limit: the threat is a body far larger than any
 * input Accord accepts (gigabytes, or an endless chunked stream) exhausting memory before
 * anything has looked at it. A declared Content-Length over the limit is refused before reading;
 * an undeclared one is counted as it arrives and cut off at the limit. Shared by the JSON and the
 * upload readers, so both are bounded the same way.
 */
import { InvalidInputError } from "../errors";

/** The body's chunks, at most `maxBytes` in all; throws `tooLarge()` past it and `InvalidInputError(missing)` without a body. */
export async function readBoundedBody(req: Request, maxBytes: number, errors: { tooLarge: () => Error; missing: string }): Promise<Uint8Array[]> {
  const declared = Number(req.headers.get("content-length") ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) throw errors.tooLarge();
  if (!req.body) throw new InvalidInputError(errors.missing);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return chunks;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw errors.tooLarge();
    }
    chunks.push(value);
  }
}
