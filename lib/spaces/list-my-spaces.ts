/**
 * The spaces the actor may see, filtered in SQL by the policy (a person belongs to them and has
 * standing there: own agency, or an agreement in force binding the space). When the actor may
 * see no space at all, nothing is queried.
 */
import { and, asc, eq, ne } from "drizzle-orm";
import { agencies, spaceMembers, spaces } from "@/db/schema";
import { accessibleWhere } from "@/policies/to-sql";
import type { PolicyCtx } from "../context";
import { spaceColumns } from "../authz/columns";

export type MySpaceRow = {
  id: string;
  name: string;
  description: string;
  ceilingMarking: string;
  ownerAgencyName: string;
  role: "owner" | "member" | "reader" | "guest";
  status: "active" | "frozen" | "archived";
};

/** Lists the spaces the actor may read, by name, with the actor's role in each. */
export async function listMySpaces(ctx: PolicyCtx): Promise<MySpaceRow[]> {
  const visible = accessibleWhere(ctx.ability, "read", "Space", spaceColumns);
  if (!visible) return [];
  return ctx.db
    .select({
      id: spaces.id,
      name: spaces.name,
      description: spaces.description,
      ceilingMarking: spaces.ceilingMarking,
      ownerAgencyName: agencies.name,
      role: spaceMembers.role,
      status: spaces.status,
    })
    .from(spaces)
    .innerJoin(spaceMembers, and(eq(spaceMembers.spaceId, spaces.id), eq(spaceMembers.userId, ctx.actor.userId)))
    .innerJoin(agencies, eq(agencies.id, spaces.ownerAgencyId))
    // Archived spaces are kept for records management but leave everyone's list.
    .where(and(visible, ne(spaces.status, "archived")))
    .orderBy(asc(spaces.name));
}
