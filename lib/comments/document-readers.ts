/**
 * Who, of some people, may read a document right now: for mention suggestions and for checking
 * the mentions of a comment. Each person's ability is built exactly as a request of theirs would
 * build it (toActor, then the policy facts from the database, then defineAbilityFor), so a
 * suggestion can never offer, nor a mention name, someone the document is hidden from: their
 * vetting, their standing in the space, the agreement their agency shares it under and the
 * handling instruction all count. People who cannot sign in (disabled, removed, or of a suspended
 * agency) read nothing.
 */
import { and, asc, eq, ilike, inArray, ne } from "drizzle-orm";
import type { Db } from "@/db/client";
import { agencies, spaceMembers, users } from "@/db/schema";
import { can } from "@/policies/authorize";
import { defineAbilityFor } from "@/policies/ability";
import type { RestrictableFields } from "@/policies/catalogue";
import { InvalidInputError } from "../errors";
import { toActor } from "../auth/resolve-actor";
import { loadAbilityActor } from "../authz/build-ability";

export type DocumentReader = { id: string; name: string; agency: { code: string; name: string } };

type PersonRow = { user: typeof users.$inferSelect; agency: typeof agencies.$inferSelect };

/** True when this person (as their next request would be judged) may read the document. */
async function mayRead(db: Db, person: PersonRow, document: RestrictableFields, now: Date): Promise<boolean> {
  if (person.user.status !== "active" || person.agency.status !== "active") return false;
  // The token is a placeholder: the facts are loaded from the database, never from a session.
  const facts = await loadAbilityActor(db, toActor(person.user, person.agency, "comment-mention", now), now);
  return can(defineAbilityFor(facts), "read", "Document", document);
}

const reader = ({ user, agency }: PersonRow): DocumentReader => ({ id: user.id, name: user.name, agency: { code: agency.code, name: agency.name } });

/** Escapes LIKE's wildcards, so that a query matches as typed. */
function likePattern(query: string): string {
  return `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Up to `limit` people of the document's space whose name contains `query`, by name, who may read
 * the document (the actor excepted). Only members can read anything in a space, so the space's
 * members are the only candidates; each is checked, at most `scan` of them.
 */
export async function findDocumentReaders(
  db: Db,
  input: { document: RestrictableFields; query: string; excludeUserId: string; now: Date; limit: number; scan?: number },
): Promise<DocumentReader[]> {
  const rows = await db
    .select({ user: users, agency: agencies })
    .from(spaceMembers)
    .innerJoin(users, eq(users.id, spaceMembers.userId))
    .innerJoin(agencies, eq(agencies.id, users.agencyId))
    .where(
      and(
        eq(spaceMembers.spaceId, input.document.spaceId),
        ne(users.id, input.excludeUserId),
        eq(users.status, "active"),
        eq(agencies.status, "active"),
        input.query ? ilike(users.name, likePattern(input.query)) : undefined,
      ),
    )
    .orderBy(asc(users.name), asc(users.id))
    .limit(input.scan ?? 40);
  const found: DocumentReader[] = [];
  for (const row of rows) {
    if (found.length >= input.limit) break;
    if (await mayRead(db, row, input.document, input.now)) found.push(reader(row));
  }
  return found;
}

/**
 * The people among `userIds` who may not read the document, each with their name when they are
 * a member of its space (so the author can be told who), else without: naming a stranger by an id
 * would turn this check into a directory of everyone.
 */
export async function nonReadersAmong(db: Db, input: { document: RestrictableFields; userIds: string[]; now: Date }): Promise<{ id: string; name: string | null }[]> {
  if (input.userIds.length === 0) return [];
  const rows = await db
    .select({ user: users, agency: agencies })
    .from(users)
    .innerJoin(agencies, eq(agencies.id, users.agencyId))
    .where(inArray(users.id, input.userIds));
  const members = new Set(
    (
      await db
        .select({ userId: spaceMembers.userId })
        .from(spaceMembers)
        .where(and(eq(spaceMembers.spaceId, input.document.spaceId), inArray(spaceMembers.userId, input.userIds)))
    ).map((m) => m.userId),
  );
  const byId = new Map(rows.map((r) => [r.user.id, r]));
  const refused: { id: string; name: string | null }[] = [];
  for (const id of input.userIds) {
    const row = byId.get(id);
    if (row && (await mayRead(db, row, input.document, input.now))) continue;
    refused.push({ id, name: row && members.has(id) ? row.user.name : null });
  }
  return refused;
}

/**
 * Refuses a comment that mentions someone who may not read its document, with a message naming
 * them where that reveals nothing (see nonReadersAmong); nothing is stored.
 */
export async function assertMentionsMayRead(db: Db, input: { document: RestrictableFields; userIds: string[]; now: Date }): Promise<void> {
  const refused = await nonReadersAmong(db, input);
  if (refused.length === 0) return;
  const named = refused.filter((r) => r.name !== null).map((r) => r.name!);
  const unnamed = refused.length - named.length;
  const who = [...named, ...(unnamed > 0 ? [unnamed === 1 ? "one person you mentioned" : `${unnamed} people you mentioned`] : [])];
  const list = who.length === 1 ? who[0]! : `${who.slice(0, -1).join(", ")} and ${who[who.length - 1]}`;
  throw new InvalidInputError(`${list.charAt(0).toUpperCase()}${list.slice(1)} cannot read this document, so cannot be mentioned in its comments. Remove the mention and try again.`);
}
