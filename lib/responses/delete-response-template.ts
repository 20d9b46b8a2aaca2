/**
 * Deletes one of an agency's local pre-planned response templates. For whoever the policy lets
 * "delete" it (the agency's administrators and supervisors); a national template cannot be deleted
 * by anyone (403 while visible), and another agency's local template is 404, exactly like a missing
 * one. Boards already started from the template are real boards with their own cards and are left
 * as they are. Audited as "response_template.delete" in the same transaction, with the key and
 * title so that the trail still says what was removed.
 */
import { eq } from "drizzle-orm";
import { z } from "zod";
import { responseTemplates } from "@/db/schema";
import { NotFoundError } from "../errors";
import { inTransaction, type PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { parseBoardInput } from "../boards/board-shared";
import { knownFields } from "./response-template";
import { changeableTemplate } from "./update-response-template";

export const ZDeleteResponseTemplate = knownFields("Deleting a template", { templateId: z.string({ message: "Name the template" }) });
export type DeleteResponseTemplateInput = z.input<typeof ZDeleteResponseTemplate>;

/** Deletes the template; returns its id. */
export async function deleteResponseTemplate(ctx: PolicyCtx, raw: DeleteResponseTemplateInput): Promise<{ id: string }> {
  const row = await changeableTemplate(ctx, raw?.templateId, "delete");
  parseBoardInput(ZDeleteResponseTemplate, raw);
  return inTransaction(ctx, async (tx) => {
    const [deleted] = await tx.db.delete(responseTemplates).where(eq(responseTemplates.id, row.id)).returning({ id: responseTemplates.id });
    if (!deleted) throw new NotFoundError();
    await recordAudit(tx, { action: "response_template.delete", subjectType: "response_template", subjectId: row.id, details: { key: row.key, title: row.title, scope: row.scope } });
    return { id: row.id };
  });
}
