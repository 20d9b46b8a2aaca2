/** Pieces the membership operations share: loading a space they act on, and its owners. */
import { and, asc, eq } from "drizzle-orm";
import { agencies, spaceMembers, users } from "@/db/schema";
import type { Candidate } from "@/policies/membership";
import type { Db } from "@/db/client";
import { NotFoundError } from "../errors";
import { isUuid } from "./get-space";
import { loadSpaceFacts, type LoadedSpace } from "./load-space-facts";

/** The space, or NotFoundError for a malformed or unknown id (the caller authorizes). */
export async function spaceOrNotFound(db: Db, spaceId: string): Promise<LoadedSpace> {
  if (!isUuid(spaceId)) throw new NotFoundError();
  const space = await loadSpaceFacts(db, spaceId);
  if (!space) throw new NotFoundError();
  return space;
}

/** The membership row of a person in a space, if any. */
export async function membershipOf(db: Db, spaceId: string, userId: string) {
  const [row] = await db
    .select()
    .from(spaceMembers)
    .where(and(eq(spaceMembers.spaceId, spaceId), eq(spaceMembers.userId, userId)))
    .limit(1);
  return row ?? null;
}

/**
 * How many owners the space has (a space never loses its last owner). Call it inside the
 * transaction that removes or demotes an owner: it locks the owner rows until that transaction
 * ends, so that two owners removing each other at once cannot both see the other still there.
 */
export async function ownerCount(db: Db, spaceId: string): Promise<number> {
  const owners = await db
    .select({ userId: spaceMembers.userId })
    .from(spaceMembers)
    .where(and(eq(spaceMembers.spaceId, spaceId), eq(spaceMembers.role, "owner")))
    .orderBy(asc(spaceMembers.userId))
    .for("update");
  return owners.length;
}

/** A person as a membership candidate, or null. */
export async function candidateOf(db: Db, userId: string): Promise<(Candidate & { name: string; email: string }) | null> {
  if (!isUuid(userId)) return null;
  const [row] = await db
    .select({ user: users, agencyName: agencies.name })
    .from(users)
    .innerJoin(agencies, eq(agencies.id, users.agencyId))
    .where(eq(users.id, userId))
    .limit(1);
  if (!row) return null;
  return {
    userId: row.user.id,
    agencyId: row.user.agencyId,
    agencyName: row.agencyName,
    status: row.user.status,
    vettingLevel: row.user.vettingLevel,
    vettingExpiresOn: row.user.vettingExpiresOn,
    name: row.user.name,
    email: row.user.email,
  };
}
