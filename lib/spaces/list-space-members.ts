/** The members of a space the actor may see, with what the actor may do to each membership. */
import { asc, eq } from "drizzle-orm";
import { agencies, spaceMembers, users } from "@/db/schema";
import { authorize, can } from "@/policies/authorize";
import type { PolicyCtx } from "../context";
import { spaceOrNotFound } from "./space-membership-shared";

export type SpaceMemberRow = {
  userId: string;
  name: string;
  jobTitle: string;
  agencyName: string;
  role: "owner" | "member" | "reader" | "guest";
  expiresAt: string | null;
  isPartner: boolean;
  isYou: boolean;
  permissions: { canRemove: boolean; canChangeRole: boolean };
};

/** Lists the space's members by name; 404 unless the actor may see the space. */
export async function listSpaceMembers(ctx: PolicyCtx, input: { spaceId: string }): Promise<SpaceMemberRow[]> {
  const space = await spaceOrNotFound(ctx.db, input.spaceId);
  authorize(ctx.ability, "read", "Space", { id: space.id, ownerAgencyId: space.ownerAgencyId });
  const rows = await ctx.db
    .select({
      userId: users.id,
      name: users.name,
      jobTitle: users.jobTitle,
      agencyId: users.agencyId,
      agencyName: agencies.name,
      role: spaceMembers.role,
      expiresAt: spaceMembers.expiresAt,
    })
    .from(spaceMembers)
    .innerJoin(users, eq(users.id, spaceMembers.userId))
    .innerJoin(agencies, eq(agencies.id, users.agencyId))
    .where(eq(spaceMembers.spaceId, space.id))
    .orderBy(asc(users.name));
  return rows.map((r) => {
    const subject = { spaceId: space.id, userId: r.userId };
    return {
      userId: r.userId,
      name: r.name,
      jobTitle: r.jobTitle,
      agencyName: r.agencyName,
      role: r.role,
      expiresAt: r.expiresAt?.toISOString() ?? null,
      isPartner: r.agencyId !== space.ownerAgencyId,
      isYou: r.userId === ctx.actor.userId,
      permissions: { canRemove: can(ctx.ability, "delete", "Membership", subject), canChangeRole: can(ctx.ability, "update", "Membership", subject) },
    };
  });
}
