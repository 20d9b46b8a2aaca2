/**
 * Turns a session token into the acting person, checking everything that can have changed since
 * the cookie was issued (ASVS v5.0.0-7.4.1/7.4.2): the session is not revoked, not past its
 * absolute or idle timeout; the user is active; their agency is active. Any failure means "not
 * signed in". This runs on every request, so a disabled user is refused on the very next one.
 */
import { eq } from "drizzle-orm";
import { agencies, sessions, users } from "@/db/schema";
import type { Db } from "@/db/client";
import { effectiveVetting, isVettingExpired } from "@/policies/vetting";
import type { Actor } from "./actor";

export type SessionPolicy = { idleMinutes: number };

/** How stale last_seen_at may get before it is written again (limits writes to one a minute). */
const TOUCH_AFTER_MS = 60_000;

/** The actor behind a session token, or null when the session no longer stands. */
export async function resolveActor(db: Db, sessionToken: string, now: Date, policy: SessionPolicy): Promise<Actor | null> {
  const [row] = await db
    .select({ session: sessions, user: users, agency: agencies })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(agencies, eq(agencies.id, users.agencyId))
    .where(eq(sessions.sessionToken, sessionToken))
    .limit(1);
  if (!row) return null;
  const { session, user, agency } = row;

  let revokeReason: string | null = null;
  if (session.revokedAt) return null;
  if (session.expires.getTime() <= now.getTime()) revokeReason = "absolute_timeout";
  else if (session.lastSeenAt.getTime() + policy.idleMinutes * 60_000 <= now.getTime()) revokeReason = "idle_timeout";
  else if (user.status !== "active") revokeReason = `user_${user.status}`;
  else if (agency.status !== "active") revokeReason = "agency_suspended";

  if (revokeReason) {
    await db.update(sessions).set({ revokedAt: now, revokedReason: revokeReason }).where(eq(sessions.sessionToken, sessionToken));
    return null;
  }
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_AFTER_MS) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.sessionToken, sessionToken));
  }

  return toActor(user, agency, sessionToken, now);
}

/** The Actor for a user and their agency rows (whoever checked that they may act). */
export function toActor(user: typeof users.$inferSelect, agency: typeof agencies.$inferSelect, sessionToken: string, now: Date): Actor {
  return {
    userId: user.id,
    sessionToken,
    name: user.name,
    email: user.email,
    jobTitle: user.jobTitle,
    roles: user.roles,
    agency: { id: agency.id, code: agency.code, name: agency.name, kind: agency.kind, isHmg: agency.isHmg, justificationFrom: agency.justificationFrom },
    vetting: {
      level: user.vettingLevel,
      effective: effectiveVetting(user.vettingLevel, user.vettingExpiresOn, now),
      expiresOn: user.vettingExpiresOn,
      isExpired: isVettingExpired(user.vettingExpiresOn, now),
    },
  };
}
