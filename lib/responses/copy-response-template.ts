/**
 * Copies a template the actor may read (typically a national one) into their own agency's
 * library as a local template, which the agency can then extend (its own contacts, resources,
 * local policy). Needs "create" on an agency ResponseTemplate of the actor's own agency
 * (agency administrators and supervisors): anyone else who can see the source is refused (403),
 * and a source they cannot see is 404. The copy keeps the source's key (so it is recognisably
 * the local version of it) unless another is given; one agency cannot hold two templates with
 * the same key, so a second copy is a conflict, not a duplicate. Audited as
 * "response_template.copy" in the same transaction.
 */
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { responseTemplates } from "@/db/schema";
import { can } from "@/policies/authorize";
import { ConflictError, ForbiddenError } from "../errors";
import { inTransaction, type PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { parseBoardInput, titleOf } from "../boards/board-shared";
import { knownFields, ZResponseTemplate } from "./response-template";
import { readableTemplate, templateContent, toTemplateView, type ResponseTemplateView } from "./get-response-template";

export const ZCopyResponseTemplate = knownFields("A copy (key, title)", {
  templateId: z.string({ message: "Choose the template to copy" }),
  key: ZResponseTemplate.shape.key.optional(),
  title: titleOf("template", 200).optional(),
});
export type CopyResponseTemplateInput = z.input<typeof ZCopyResponseTemplate>;

/** Makes the local copy; returns it. */
export async function copyResponseTemplate(ctx: PolicyCtx, raw: unknown): Promise<ResponseTemplateView> {
  const input = parseBoardInput(ZCopyResponseTemplate, raw);
  const source = await readableTemplate(ctx, input.templateId);
  const agencyId = ctx.actor.agency.id;
  if (!can(ctx.ability, "create", "ResponseTemplate", { scope: "agency", agencyId })) throw new ForbiddenError("Only your agency's administrators and supervisors can add templates to its library");
  const content = { ...templateContent(source), ...(input.key ? { key: input.key } : {}), ...(input.title ? { title: input.title } : {}) };
  return inTransaction(ctx, async (tx) => {
    const [clash] = await tx.db
      .select({ id: responseTemplates.id })
      .from(responseTemplates)
      .where(and(eq(responseTemplates.scope, "agency"), eq(responseTemplates.agencyId, agencyId), eq(responseTemplates.key, content.key)))
      .limit(1);
    if (clash) throw new ConflictError(`Your agency already has a template with the key "${content.key}": give the copy another key`);
    const [row] = await tx.db
      .insert(responseTemplates)
      .values({ key: content.key, scope: "agency", agencyId, title: content.title, summary: content.summary, content, createdBy: tx.actor.userId, createdAt: tx.now, updatedAt: tx.now })
      .returning();
    await recordAudit(tx, { action: "response_template.copy", subjectType: "response_template", subjectId: row!.id, details: { sourceId: source.id, sourceKey: source.key, key: content.key } });
    return toTemplateView(tx, row!);
  });
}
