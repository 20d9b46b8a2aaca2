/**
 * Publishes the draft of an agency's form or local variant: checked again (a variant against
 * the national version it is pinned to), then published, never to change; new submissions are
 * made against it, earlier ones keep theirs. For the agency's administrators only. A form
 * without a draft is a clear error. Audited as "form.publish".
 */
import { eq } from "drizzle-orm";
import { z } from "zod";
import { formVersions } from "@/db/schema";
import { InvalidInputError, parseInput } from "../errors";
import { inTransaction, type PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { checkedDefinition, manageableForm, newestVersion, versionById } from "./form-admin-shared";
import { getForm } from "./get-form";
import type { FormDetail } from "./form-view";

export const ZPublishForm = z.object({ formId: z.string({ message: "Name the form" }) });

/** Publishes the draft; returns the form. */
export async function publishForm(ctx: PolicyCtx, raw: unknown): Promise<FormDetail> {
  const input = parseInput(ZPublishForm, raw);
  const form = await manageableForm(ctx, input.formId);
  const draft = await newestVersion(ctx, form.id);
  if (!draft || draft.status !== "draft") throw new InvalidInputError("There is no draft to publish: save changes first");
  const pinned = draft.extendsVersionId ? await versionById(ctx, draft.extendsVersionId) : null;
  checkedDefinition(form, draft.definition, pinned?.definition ?? null);
  await inTransaction(ctx, async (tx) => {
    await tx.db.update(formVersions).set({ status: "published", publishedAt: tx.now, publishedBy: tx.actor.userId }).where(eq(formVersions.id, draft.id));
    await recordAudit(tx, { action: "form.publish", subjectType: "form", subjectId: form.id, details: { version: draft.number } });
  });
  return getForm(ctx, { formId: form.id });
}
