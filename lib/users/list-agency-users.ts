/** The people of the actor's agency, for its administrators. */
import { and, asc, eq } from "drizzle-orm";
import { users } from "@/db/schema";
import { accessibleWhere } from "@/policies/to-sql";
import { can } from "@/policies/authorize";
import { ForbiddenError } from "../errors";
import type { PolicyCtx } from "../context";
import { userColumns } from "../authz/columns";

export type AgencyUserRow = {
  id: string;
  name: string;
  email: string;
  jobTitle: string;
  roles: string[];
  vettingLevel: string;
  vettingExpiresOn: string | null;
  status: "active" | "disabled" | "removed";
  canManage: boolean;
};

/** Lists the people the actor may administer, in the actor's agency; others are refused. */
export async function listAgencyUsers(ctx: PolicyCtx): Promise<AgencyUserRow[]> {
  const administrable = accessibleWhere(ctx.ability, "update", "User", userColumns);
  if (!administrable) throw new ForbiddenError();
  const rows = await ctx.db
    .select({
      id: users.id,
      agencyId: users.agencyId,
      name: users.name,
      email: users.email,
      jobTitle: users.jobTitle,
      roles: users.roles,
      vettingLevel: users.vettingLevel,
      vettingExpiresOn: users.vettingExpiresOn,
      status: users.status,
    })
    .from(users)
    .where(and(administrable, eq(users.agencyId, ctx.actor.agency.id)))
    .orderBy(asc(users.name));
  return rows.map(({ agencyId, ...r }) => ({ ...r, canManage: can(ctx.ability, "administer", "User", { id: r.id, agencyId }) }));
}
