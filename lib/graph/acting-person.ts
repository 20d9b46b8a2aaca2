/**
 * The person a sync action is authorized for (security.md: background work done with an
 * application identity is authorized for the person who caused it before it runs, ASVS
 * v5.0.0-8.3.3). The app's Graph permissions reach the whole drive, so every delivery first
 * rebuilds that person's ability exactly as their next request would (toActor, the policy facts
 * from the database, defineAbilityFor): someone disabled, of a suspended agency, whose vetting
 * lapsed or who lost the space since the change, no longer has it sent.
 */
import { eq } from "drizzle-orm";
import { agencies, users } from "@/db/schema";
import type { Db } from "@/db/client";
import { defineAbilityFor } from "@/policies/ability";
import type { PolicyCtx } from "../context";
import { toActor } from "../auth/resolve-actor";
import { loadAbilityActor } from "../authz/build-ability";

/** The person's request context, as of `now`; null when they cannot act at all (gone, disabled, suspended agency). */
export async function policyCtxForPerson(db: Db, userId: string, now: Date, requestId: string): Promise<PolicyCtx | null> {
  const [row] = await db.select({ user: users, agency: agencies }).from(users).innerJoin(agencies, eq(agencies.id, users.agencyId)).where(eq(users.id, userId)).limit(1);
  if (!row || row.user.status !== "active" || row.agency.status !== "active") return null;
  // The session token is a placeholder: the facts come from the database, never from a session.
  const actor = toActor(row.user, row.agency, "graph-sync", now);
  const ability = defineAbilityFor(await loadAbilityActor(db, actor, now));
  return { db, actor, ability, requestId, now };
}
