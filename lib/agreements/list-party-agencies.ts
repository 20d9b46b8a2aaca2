/**
 * The agencies an administrator may name as parties to an agreement. Only people who may create
 * or change agreements get the list: an agreement is how an agency starts sharing with a partner
 * it has no agreement with yet, so the choice is every agency on this deployment (names and codes
 * only), not just the partners the actor can already see.
 */
import { asc } from "drizzle-orm";
import { agencies } from "@/db/schema";
import { ForbiddenError } from "../errors";
import type { PolicyCtx } from "../context";

export type PartyAgency = { id: string; code: string; name: string; isActive: boolean };

/** Every agency, by name, for the parties of an agreement form. */
export async function listPartyAgencies(ctx: PolicyCtx): Promise<PartyAgency[]> {
  if (!ctx.ability.can("create", "Agreement") && !ctx.ability.can("update", "Agreement")) throw new ForbiddenError();
  const rows = await ctx.db.select({ id: agencies.id, code: agencies.code, name: agencies.name, status: agencies.status }).from(agencies).orderBy(asc(agencies.name));
  return rows.map(({ status, ...a }) => ({ ...a, isActive: status === "active" }));
}
