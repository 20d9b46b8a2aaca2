// Shared request/response plumbing. Handlers work on a small request context and return a Reply,
// so the same code serves real HTTP requests and the inner requests of a $batch.
import type { Readable } from "node:stream";

/** A request as the route handlers see it (the HTTP request or a $batch inner request). */
export type Ctx = {
  method: string;
  /** Raw (still percent-encoded) path, without query. */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | undefined>;
  body: Readable;
  contentLength: number | null;
  requestId: string;
  clientRequestId: string | null;
  /** Set by the server when a valid bearer token was presented. */
  auth: AuthInfo | null;
  /** Bytes of the body read so far. */
  bytesRead(): number;
};

/** What a verified access token grants. */
export type AuthInfo = { tenantId: string; appId: string; roles: string[] };

/** A handler's answer; error replies are rendered into Graph's error JSON by the server. */
export type Reply = {
  status: number;
  headers?: Record<string, string>;
  json?: unknown;
  stream?: Readable;
  error?: { code: string; message: string; inner?: string[] };
  /** Raw JSON body already shaped (used for the AAD token endpoint errors). */
  raw?: string;
  resetConnection?: boolean;
};

/** Thrown from deep inside handlers to answer with a Graph error. */
export class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly inner: string[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** Builds a GraphError (shorthand for `throw fail(...)`). */
export function fail(status: number, code: string, message: string, inner?: string | string[], headers?: Record<string, string>): GraphError {
  return new GraphError(status, code, message, inner === undefined ? [] : Array.isArray(inner) ? inner : [inner], headers);
}

/** Graph's innerError `date`: ISO-8601 to the second, no zone suffix (as the service sends it). */
export function graphDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}

/** Renders Graph's error JSON (§0) with request ids and date in the first innerError. */
export function errorBody(err: { code: string; message: string; inner?: string[] }, requestId: string, clientRequestId: string | null, nowMs: number): string {
  const inner: Record<string, unknown> = {};
  const chain = err.inner ?? [];
  if (chain[0]) inner.code = chain[0];
  let cursor = inner;
  for (const code of chain.slice(1)) {
    const next: Record<string, unknown> = { code };
    cursor.innerError = next;
    cursor = next;
  }
  inner.date = graphDate(nowMs);
  inner["request-id"] = requestId;
  if (clientRequestId) inner["client-request-id"] = clientRequestId;
  return JSON.stringify({ error: { code: err.code, message: err.message, innerError: inner } });
}

/** Reads a (small) body fully; refuses bodies over `limit` bytes. */
export async function readBody(ctx: Ctx, limit = 16 * 1024 * 1024): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of ctx.body) {
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    total += b.length;
    if (total > limit) throw fail(413, "invalidRequest", "The request body is too large.");
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}

/** Reads a JSON object body; an empty body is `{}`. */
export async function readJson(ctx: Ctx): Promise<Record<string, unknown>> {
  const buf = await readBody(ctx);
  if (buf.length === 0) return {};
  try {
    const v: unknown = JSON.parse(buf.toString("utf8"));
    if (v && typeof v === "object" && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    // fall through to the Graph-style error below
  }
  throw fail(400, "invalidRequest", "Invalid request body: expected a JSON object.");
}

/** A fresh lower-case GUID, the form Graph uses for request ids. */
export function guid(): string {
  return crypto.randomUUID();
}
