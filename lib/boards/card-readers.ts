/**
 * Who, of some people, is a member of a card's space and may read the card right now (for
 * assignees). Each person's ability is built as a request of theirs would build it (toActor, the
 * policy facts from the database, defineAbilityFor), as lib/comments/document-readers.ts does
 * for mentions, so a card is never assigned to someone it is hidden from. People who cannot sign
 * in read nothing; ids that name nobody are simply not in the answer.
 */
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { agencies, spaceMembers, users } from "@/db/schema";
import { can } from "@/policies/authorize";
import { defineAbilityFor } from "@/policies/ability";
import type { MarkedContentFields } from "@/policies/catalogue";
import { toActor } from "../auth/resolve-actor";
import { loadAbilityActor } from "../authz/build-ability";
import { isUuid } from "../spaces/get-space";

/** The ids among `userIds` of space members who may read the card. */
export async function cardReaders(db: Db, input: { card: MarkedContentFields; userIds: string[]; now: Date }): Promise<Set<string>> {
  const ids = input.userIds.filter(isUuid);
  const readers = new Set<string>();
  if (ids.length === 0) return readers;
  const rows = await db
    .select({ user: users, agency: agencies })
    .from(spaceMembers)
    .innerJoin(users, eq(users.id, spaceMembers.userId))
    .innerJoin(agencies, eq(agencies.id, users.agencyId))
    .where(and(eq(spaceMembers.spaceId, input.card.spaceId), inArray(spaceMembers.userId, ids)));
  for (const { user, agency } of rows) {
    if (user.status !== "active" || agency.status !== "active") continue;
    // The token is a placeholder: the facts come from the database, never from a session.
    const facts = await loadAbilityActor(db, toActor(user, agency, "card-assignee", input.now), input.now);
    if (can(defineAbilityFor(facts), "read", "Card", input.card)) readers.add(user.id);
  }
  return readers;
}
