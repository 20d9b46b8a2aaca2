/**
 * An administrator asks why one of their agency's people may or may not reach one of their
 * agency's documents. Both must be the administrator's to know about: a person of another
 * agency, or a document neither owned by nor held in a space of their agency, is a 404.
 */
import { eq } from "drizzle-orm";
import { z } from "zod";
import { agencies, documents, spaces, users } from "@/db/schema";
import { authorize } from "@/policies/authorize";
import { defineAbilityFor } from "@/policies/ability";
import { explainDocumentAccess, type Explanation } from "@/policies/explain";
import { NotFoundError } from "../errors";
import type { PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { toActor } from "../auth/resolve-actor";
import { loadAbilityActor } from "./build-ability";
import { documentSubject } from "./columns";

export const ZExplainAccess = z.object({ userId: z.uuid(), documentId: z.uuid() });

export type ExplainResult = Explanation & { person: { id: string; name: string }; document: { id: string; title: string; marking: string } };

/** Explains `userId`'s access to `documentId`, and audits that the question was asked. */
export async function explainAccess(ctx: PolicyCtx, input: z.infer<typeof ZExplainAccess>): Promise<ExplainResult> {
  const [person] = await ctx.db
    .select({ user: users, agency: agencies })
    .from(users)
    .innerJoin(agencies, eq(agencies.id, users.agencyId))
    .where(eq(users.id, input.userId))
    .limit(1);
  if (!person) throw new NotFoundError();
  authorize(ctx.ability, "explain", "User", { id: person.user.id, agencyId: person.user.agencyId });

  const [row] = await ctx.db
    .select({ doc: documents, space: { name: spaces.name, ownerAgencyId: spaces.ownerAgencyId } })
    .from(documents)
    .innerJoin(spaces, eq(spaces.id, documents.spaceId))
    .where(eq(documents.id, input.documentId))
    .limit(1);
  const isOurs = row && (row.doc.owningAgencyId === ctx.actor.agency.id || row.space.ownerAgencyId === ctx.actor.agency.id);
  if (!row || !isOurs) throw new NotFoundError();

  const facts = await loadAbilityActor(ctx.db, toActor(person.user, person.agency, "explain", ctx.now), ctx.now);
  const codes = new Map((await ctx.db.select({ id: agencies.id, code: agencies.code }).from(agencies)).map((a) => [a.id, a.code]));
  const explanation = explainDocumentAccess(
    facts,
    defineAbilityFor(facts),
    { ...documentSubject(row.doc), marking: row.doc.marking, spaceName: row.space.name, owningAgencyCode: codes.get(row.doc.owningAgencyId) ?? "" },
    codes,
  );
  await recordAudit(ctx, {
    action: "access.explain",
    subjectType: "document",
    subjectId: row.doc.id,
    markingBefore: row.doc.marking,
    details: { personId: person.user.id, canRead: explanation.verdicts.read },
  });
  return { ...explanation, person: { id: person.user.id, name: person.user.name }, document: { id: row.doc.id, title: row.doc.title, marking: row.doc.marking } };
}
