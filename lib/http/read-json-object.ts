/**
 * The JSON object a route handler was sent, or a 400 (413 when too large) saying what to send.
 * Two threats: a cross-site form can post text/plain (a "simple" request needing no preflight)
 * that happens to parse as JSON, so only `application/json` bodies are read; and a body far
 * larger than any JSON input Accord takes could exhaust memory before anything looks at it, so a
 * declared Content-Length over the limit is refused before reading and an undeclared one is
 * counted as it arrives and cut off at the limit (read-bounded-body.ts, as for uploads).
 */
import "server-only";
import type { NextRequest } from "next/server";
import { AppError, InvalidInputError } from "../errors";
import { readBoundedBody } from "./read-bounded-body";

/** Far above any comment (4,000 characters, a quote, an anchor and 20 mentions), far below harm. */
export const MAX_JSON_BYTES = 64 * 1024;

class JsonTooLargeError extends AppError {
  constructor() {
    super("too_large", `The request body is larger than ${MAX_JSON_BYTES / 1024} KiB, the most Accord accepts here`, 413);
  }
}

/** Parses the request's JSON object body; `shape` names what to send, for the error. */
export async function readJsonObject(req: NextRequest, shape: string): Promise<Record<string, unknown>> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^application\/json\b/i.test(type.trim())) throw new InvalidInputError(`Send a JSON object (Content-Type: application/json): ${shape}`);
  const chunks = await readBoundedBody(req, MAX_JSON_BYTES, { tooLarge: () => new JsonTooLargeError(), missing: `Send a JSON object: ${shape}` });
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks)));
  } catch {
    throw new InvalidInputError(`The body is not valid JSON. Send a JSON object: ${shape}`);
  }
  if (!body || typeof body !== "object" || Array.isArray(body)) throw new InvalidInputError(`Send a JSON object: ${shape}`);
  return body as Record<string, unknown>;
}
