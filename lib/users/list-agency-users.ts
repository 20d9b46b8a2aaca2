/** The people of the actor's agency, for its administrators. */
import { asc, eq } from "drizzle-orm";
import { users } from "@/db/schema";
import { canAdministerAgencyUsers } from "@/policies/users";
import { ForbiddenError } from "../errors";
import type { ActorCtx } from "../context";

export type AgencyUserRow = {
  id: string;
  name: string;
  email: string;
  jobTitle: string;
  roles: string[];
  vettingLevel: string;
  vettingExpiresOn: string | null;
  status: "active" | "disabled" | "removed";
};

/** Lists the actor's agency's people; only its administrators may. */
export async function listAgencyUsers(ctx: ActorCtx): Promise<AgencyUserRow[]> {
  if (!canAdministerAgencyUsers(ctx.actor, ctx.actor.agency.id)) throw new ForbiddenError();
  return ctx.db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      jobTitle: users.jobTitle,
      roles: users.roles,
      vettingLevel: users.vettingLevel,
      vettingExpiresOn: users.vettingExpiresOn,
      status: users.status,
    })
    .from(users)
    .where(eq(users.agencyId, ctx.actor.agency.id))
    .orderBy(asc(users.name));
}
