/**
 * Makes a local variant of a national form for the actor's agency (issue 7): a form of the
 * agency that extends the national one, with a first draft version that is the national form's
 * latest published version as it stands, pinned to that version. From there the agency's
 * administrators add fields, sections, guidance and defaults (save-form-draft.ts), never
 * removing or weakening what the national form requires, and publish it. For the agency's
 * administrators only (403 for everyone else; a national form they cannot see is 404). A key
 * the agency already uses is 409. Audited as "form.variant_create".
 */
import { z } from "zod";
import { forms, formVersions } from "@/db/schema";
import { authorize, can } from "@/policies/authorize";
import { ConflictError, ForbiddenError, InvalidInputError, parseInput } from "../errors";
import { inTransaction, type PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { getForm, readableForm } from "./get-form";
import { latestPublished } from "./form-admin-shared";
import type { FormDetail } from "./form-view";

export const ZCreateFormVariant = z.object({
  formId: z.string({ message: "Choose the national form" }),
  key: z.string({ message: "A key must be text" }).regex(/^[a-z0-9-]{2,64}$/, "A form's key is 2 to 64 lowercase letters, digits and hyphens").optional(),
  title: z.string({ message: "A title must be text" }).trim().min(1, "Give the variant a title").max(200, "A form's title has at most 200 characters").optional(),
});

/** Creates the variant and its first draft; returns it as getForm shows it. */
export async function createFormVariant(ctx: PolicyCtx, raw: unknown): Promise<FormDetail> {
  const input = parseInput(ZCreateFormVariant, raw);
  const national = await readableForm(ctx, input.formId);
  const target = { scope: "agency" as const, agencyId: ctx.actor.agency.id };
  if (!can(ctx.ability, "create", "Form", target)) throw new ForbiddenError("Only your agency's administrators can make its forms");
  if (national.scope !== "national") throw new InvalidInputError("A local variant extends a national form");
  const source = await latestPublished(ctx, national.id);
  if (!source) throw new InvalidInputError("This national form has no published version to extend yet");
  const key = input.key ?? `${national.key}-${ctx.actor.agency.code.toLowerCase()}`.slice(0, 64);
  const title = input.title ?? `${national.title} (${ctx.actor.agency.name})`.slice(0, 200);
  const id = await inTransaction(ctx, async (tx) => {
    authorize(tx.ability, "create", "Form", target);
    const [created] = await tx.db
      .insert(forms)
      .values({ key, scope: "agency", agencyId: tx.actor.agency.id, title, summary: national.summary, extendsFormId: national.id, createdBy: tx.actor.userId, createdAt: tx.now, updatedAt: tx.now })
      .onConflictDoNothing()
      .returning({ id: forms.id });
    if (!created) throw new ConflictError(`Your agency already has a form with the key "${key}": choose another`);
    await tx.db.insert(formVersions).values({ formId: created.id, number: 1, status: "draft", definition: { ...source.definition, key, title }, extendsVersionId: source.id, createdBy: tx.actor.userId, createdAt: tx.now });
    await recordAudit(tx, { action: "form.variant_create", subjectType: "form", subjectId: created.id, details: { extendsFormId: national.id, extendsVersion: source.number, key } });
    return created.id;
  });
  return getForm(ctx, { formId: id, versionNumber: 1 });
}
