/**
 * Saves the draft of an agency's form or local variant (the builder's "Save"): the whole
 * definition, checked as any definition is (lib/forms/form-definition.ts) and, for a variant,
 * against the national version it is pinned to (lib/forms/check-variant.ts: nothing national
 * removed or weakened). The newest version is replaced when it is a draft; after a publication
 * a new draft version is started (published versions never change). Every problem is returned
 * at once in `error.issues`, and nothing is saved. For the agency's administrators only.
 * Audited as "form.draft_save".
 */
import { eq } from "drizzle-orm";
import { z } from "zod";
import { forms, formVersions } from "@/db/schema";
import { inTransaction, type PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { parseInput } from "../errors";
import { checkedDefinition, manageableForm, newestVersion, versionById } from "./form-admin-shared";
import { getForm } from "./get-form";
import type { FormDetail } from "./form-view";

export const ZSaveFormDraft = z.object({ formId: z.string({ message: "Name the form" }), definition: z.unknown() });

/** Saves the draft; returns the form with the draft shown. */
export async function saveFormDraft(ctx: PolicyCtx, raw: unknown): Promise<FormDetail> {
  const input = parseInput(ZSaveFormDraft, raw);
  const form = await manageableForm(ctx, input.formId);
  const newest = await newestVersion(ctx, form.id);
  const pinnedId = newest?.extendsVersionId ?? null;
  const pinned = pinnedId ? await versionById(ctx, pinnedId) : null;
  const definition = checkedDefinition(form, input.definition, pinned?.definition ?? null);
  const number = await inTransaction(ctx, async (tx) => {
    let saved: number;
    if (newest && newest.status === "draft") {
      await tx.db.update(formVersions).set({ definition }).where(eq(formVersions.id, newest.id));
      saved = newest.number;
    } else {
      saved = (newest?.number ?? 0) + 1;
      await tx.db.insert(formVersions).values({ formId: form.id, number: saved, status: "draft", definition, extendsVersionId: pinnedId, createdBy: tx.actor.userId, createdAt: tx.now });
    }
    await tx.db.update(forms).set({ title: definition.title, summary: definition.summary, updatedAt: tx.now }).where(eq(forms.id, form.id));
    await recordAudit(tx, { action: "form.draft_save", subjectType: "form", subjectId: form.id, details: { version: saved } });
    return saved;
  });
  return getForm(ctx, { formId: form.id, versionNumber: number });
}
