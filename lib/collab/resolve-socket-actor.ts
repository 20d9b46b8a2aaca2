/**
 * The person behind a collaboration socket, checked like every HTTPS request (resolve-actor.ts):
 * the session the token was minted for must still stand (not signed out, revoked, idle or past its
 * absolute timeout), the person must be active and their agency too. Editing counts as activity,
 * so it keeps the session's idle clock running as page requests do.
 */
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { sessions } from "@/db/schema";
import type { Actor } from "../auth/actor";
import { resolveActor, type SessionPolicy } from "../auth/resolve-actor";
import { hashSessionToken } from "./collab-token";

/** The actor for a user's session identified by its hash, or null when it no longer stands. */
export async function resolveSocketActor(db: Db, input: { userId: string; sessionHash: string; now: Date }, policy: SessionPolicy): Promise<Actor | null> {
  const candidates = await db.select({ token: sessions.sessionToken }).from(sessions).where(eq(sessions.userId, input.userId));
  const session = candidates.find((c) => hashSessionToken(c.token) === input.sessionHash);
  if (!session) return null;
  return resolveActor(db, session.token, input.now, policy);
}
