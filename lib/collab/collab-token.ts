/**
 * Collaboration tokens: what a page presents to open one document on the WebSocket. The threat is
 * a socket opened without the HTTPS session's checks (a forged, replayed, stale or borrowed
 * token), so a token is minted only after a `read` check on the document (create-collab-token.ts),
 * names exactly one document and one session, lives for a minute, and is an HMAC-SHA256 over its
 * claims with a key derived from the session secret. The socket still re-checks the policy on
 * connect and every few seconds after (collab-server.ts); the token only proves who is asking.
 *
 * The session is bound by a SHA-256 of its token, never the token itself: the session token is
 * the HttpOnly cookie's secret and must not reach page scripts.
 */
import { createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";

/** How long a collaboration token may be used to connect (reconnects ask for a fresh one). */
export const COLLAB_TOKEN_TTL_MS = 60_000;

export type CollabClaims = { documentId: string; userId: string; sessionHash: string; expiresAt: number };

/** The session binding a token carries. */
export function hashSessionToken(sessionToken: string): string {
  return createHash("sha256").update(sessionToken).digest("base64url");
}

function key(secret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, "accord", "collaboration-token-v1", 32));
}

/** A signed token for `documentId`, for the person and session given. */
export function mintCollabToken(secret: string, input: { documentId: string; userId: string; sessionToken: string; now: Date }): { token: string; expiresAt: Date } {
  const expiresAt = input.now.getTime() + COLLAB_TOKEN_TTL_MS;
  const claims = { d: input.documentId, u: input.userId, s: hashSessionToken(input.sessionToken), e: expiresAt, n: randomBytes(9).toString("base64url") };
  const body = Buffer.from(JSON.stringify(claims)).toString("base64url");
  const mac = createHmac("sha256", key(secret)).update(body).digest("base64url");
  return { token: `${body}.${mac}`, expiresAt: new Date(expiresAt) };
}

/**
 * The claims of a token that is genuine, unexpired and for `documentId`; null for anything else
 * (the reason is not told: the socket answers every failure the same way).
 */
export function verifyCollabToken(secret: string, token: unknown, expected: { documentId: string; now: Date }): CollabClaims | null {
  if (typeof token !== "string" || token.length > 1024) return null;
  const [body, mac, extra] = token.split(".");
  if (!body || !mac || extra !== undefined) return null;
  const wanted = createHmac("sha256", key(secret)).update(body).digest();
  let given: Buffer;
  try {
    given = Buffer.from(mac, "base64url");
  } catch {
    return null;
  }
  if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) return null;
  let claims: { d?: unknown; u?: unknown; s?: unknown; e?: unknown };
  try {
    claims = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as typeof claims;
  } catch {
    return null;
  }
  if (typeof claims.d !== "string" || typeof claims.u !== "string" || typeof claims.s !== "string" || typeof claims.e !== "number") return null;
  if (claims.d !== expected.documentId) return null;
  if (claims.e <= expected.now.getTime()) return null;
  return { documentId: claims.d, userId: claims.u, sessionHash: claims.s, expiresAt: claims.e };
}
