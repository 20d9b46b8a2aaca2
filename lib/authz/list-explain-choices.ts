/** What an administrator may ask about: their agency's people and their agency's documents. */
import { asc, eq, or } from "drizzle-orm";
import { documents, spaces, users } from "@/db/schema";
import { accessibleWhere } from "@/policies/to-sql";
import type { PolicyCtx } from "../context";
import { userColumns } from "./columns";

export type ExplainChoices = {
  people: { id: string; name: string }[];
  documents: { id: string; title: string; spaceName: string; marking: string }[];
};

/** The people and documents the explain page offers; nothing when the actor may not explain. */
export async function listExplainChoices(ctx: PolicyCtx): Promise<ExplainChoices> {
  const explainable = accessibleWhere(ctx.ability, "explain", "User", userColumns);
  if (!explainable) return { people: [], documents: [] };
  const people = await ctx.db.select({ id: users.id, name: users.name }).from(users).where(explainable).orderBy(asc(users.name));
  const docs = await ctx.db
    .select({ id: documents.id, title: documents.title, spaceName: spaces.name, marking: documents.marking })
    .from(documents)
    .innerJoin(spaces, eq(spaces.id, documents.spaceId))
    .where(or(eq(documents.owningAgencyId, ctx.actor.agency.id), eq(spaces.ownerAgencyId, ctx.actor.agency.id)))
    .orderBy(asc(spaces.name), asc(documents.title))
    .limit(500);
  return { people, documents: docs };
}
