/**
 * Turns a personal access token into the acting person. The token acts with its owner's current
 * rights (their ability is built afresh on every request), so it can never do more than they
 * can; it stops working when revoked, expired, or when its owner or their agency is disabled.
 */
import { eq } from "drizzle-orm";
import { accessTokens, agencies, users } from "@/db/schema";
import type { Db } from "@/db/client";
import type { Actor } from "../auth/actor";
import { toActor } from "../auth/resolve-actor";
import { hashToken, TOKEN_PREFIX } from "./hash-token";

const TOUCH_AFTER_MS = 60_000;

/** The actor behind a bearer token, or null. */
export async function resolveTokenActor(db: Db, token: string, now: Date): Promise<Actor | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
  const [row] = await db
    .select({ token: accessTokens, user: users, agency: agencies })
    .from(accessTokens)
    .innerJoin(users, eq(users.id, accessTokens.userId))
    .innerJoin(agencies, eq(agencies.id, users.agencyId))
    .where(eq(accessTokens.tokenHash, hashToken(token)))
    .limit(1);
  if (!row) return null;
  const { token: t, user, agency } = row;
  if (t.revokedAt || (t.expiresAt && t.expiresAt.getTime() <= now.getTime())) return null;
  if (user.status !== "active" || agency.status !== "active") return null;
  if (!t.lastUsedAt || now.getTime() - t.lastUsedAt.getTime() > TOUCH_AFTER_MS) {
    await db.update(accessTokens).set({ lastUsedAt: now }).where(eq(accessTokens.id, t.id));
  }
  return toActor(user, agency, `pat:${t.id}`, now);
}
