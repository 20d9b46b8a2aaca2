/**
 * The spaces a records manager may place a hold on: every space their agency owns, whatever its
 * status and whether or not they are a member (a hold works on records' metadata, never their
 * content). For the new-hold form's space picker; 403 for anyone who may not place holds.
 */
import { asc, eq } from "drizzle-orm";
import { spaces } from "@/db/schema";
import { can } from "@/policies/authorize";
import { ForbiddenError } from "../errors";
import type { PolicyCtx } from "../context";

export type HoldableSpace = { id: string; name: string; status: "active" | "frozen" | "archived" };

/** The agency's spaces, by name. */
export async function listHoldableSpaces(ctx: PolicyCtx): Promise<HoldableSpace[]> {
  if (!can(ctx.ability, "create", "Hold", { agencyId: ctx.actor.agency.id })) throw new ForbiddenError("Only the agency's records managers can place holds");
  return ctx.db.select({ id: spaces.id, name: spaces.name, status: spaces.status }).from(spaces).where(eq(spaces.ownerAgencyId, ctx.actor.agency.id)).orderBy(asc(spaces.name));
}
