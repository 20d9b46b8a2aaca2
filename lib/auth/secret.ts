/**
 * The key that encrypts session cookies. AUTH_SECRET when set (required when several instances
 * share sessions); otherwise a random key generated once and kept in the data directory, so the
 * embedded default needs nothing set up and restarts keep people signed in.
 */
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { env } from "../env";

let cached: string | undefined;

/** The session encryption secret, created on first use when not configured. */
export function authSecret(): string {
  if (cached) return cached;
  const e = env();
  if (e.authSecret) return (cached = e.authSecret);
  const file = path.resolve(e.dataDir, "auth-secret");
  try {
    cached = fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const secret = randomBytes(48).toString("base64url");
    // "wx" fails if another process created it first; then read theirs.
    try {
      fs.writeFileSync(file, secret, { mode: 0o600, flag: "wx" });
      cached = secret;
    } catch {
      cached = fs.readFileSync(file, "utf8").trim();
    }
  }
  return cached;
}
