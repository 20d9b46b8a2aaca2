/**
 * A briefing's audience: every active member of its space who may read it right now, each
 * person's ability built as a request of theirs would build it (toActor, the policy facts from
 * the database, defineAbilityFor), as lib/boards/card-readers.ts does for assignees. Who has been
 * briefed (get-briefing-status.ts) and who is told of a new revision (publish-briefing.ts,
 * revise-briefing.ts) both ask this, so nobody is told of a briefing they cannot open, nor listed
 * as "not yet briefed" on one. People who cannot sign in (disabled, agency suspended) are not in it.
 */
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { agencies, spaceMembers, users } from "@/db/schema";
import { can } from "@/policies/authorize";
import { defineAbilityFor } from "@/policies/ability";
import type { MarkedContentFields } from "@/policies/catalogue";
import { toActor } from "../auth/resolve-actor";
import { loadAbilityActor } from "../authz/build-ability";

export type AudienceMember = { user: typeof users.$inferSelect; agency: typeof agencies.$inferSelect };

/** The members of the briefing's space who may read it at `now`. */
export async function briefingAudience(db: Db, input: { briefing: MarkedContentFields; now: Date }): Promise<AudienceMember[]> {
  const members = await db
    .select({ user: users, agency: agencies })
    .from(spaceMembers)
    .innerJoin(users, eq(users.id, spaceMembers.userId))
    .innerJoin(agencies, eq(agencies.id, users.agencyId))
    .where(eq(spaceMembers.spaceId, input.briefing.spaceId));
  const audience: AudienceMember[] = [];
  for (const { user, agency } of members) {
    if (user.status !== "active" || agency.status !== "active") continue;
    // The token is a placeholder: the facts come from the database, never from a session.
    const facts = await loadAbilityActor(db, toActor(user, agency, "briefing-audience", input.now), input.now);
    if (can(defineAbilityFor(facts), "read", "Briefing", input.briefing)) audience.push({ user, agency });
  }
  return audience;
}
