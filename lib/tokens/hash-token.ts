import { createHash } from "node:crypto";

/** Prefix that makes Accord tokens recognisable to secret scanners and people. */
export const TOKEN_PREFIX = "acc_pat_";

/** SHA-256 of a token: tokens are 256 random bits, so a fast hash resists guessing. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}
