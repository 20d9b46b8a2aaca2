/**
 * The spaces the actor belongs to. For now a plain membership query; the policy engine (issue 3)
 * replaces it with the policy's SQL filter.
 */
import { asc, eq } from "drizzle-orm";
import { agencies, spaceMembers, spaces } from "@/db/schema";
import type { ActorCtx } from "../context";

export type MySpaceRow = {
  id: string;
  name: string;
  description: string;
  ceilingMarking: string;
  ownerAgencyName: string;
  role: "owner" | "member";
};

/** Lists the spaces the actor is a member of, by name. */
export async function listMySpaces(ctx: ActorCtx): Promise<MySpaceRow[]> {
  return ctx.db
    .select({
      id: spaces.id,
      name: spaces.name,
      description: spaces.description,
      ceilingMarking: spaces.ceilingMarking,
      ownerAgencyName: agencies.name,
      role: spaceMembers.role,
    })
    .from(spaceMembers)
    .innerJoin(spaces, eq(spaces.id, spaceMembers.spaceId))
    .innerJoin(agencies, eq(agencies.id, spaces.ownerAgencyId))
    .where(eq(spaceMembers.userId, ctx.actor.userId))
    .orderBy(asc(spaces.name));
}
