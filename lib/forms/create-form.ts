/**
 * Makes a new local form for the actor's agency (the builder's "New form"): a first draft that
 * asks one question, to be built on in the form builder (lib/forms/form-builder.ts) and
 * published. For the agency's administrators only (403 for everyone else). A key the agency
 * already uses is 409; without a key, one is made from the title. Audited as "form.create".
 */
import { z } from "zod";
import { forms, formVersions } from "@/db/schema";
import { authorize, can } from "@/policies/authorize";
import { ConflictError, ForbiddenError, parseInput } from "../errors";
import { inTransaction, type PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { blankDefinition } from "./form-builder";
import { getForm } from "./get-form";
import type { FormDetail } from "./form-view";

export const ZCreateForm = z.strictObject({
  title: z.string({ message: "Give the form a title" }).trim().min(1, "Give the form a title").max(200, "A form's title has at most 200 characters"),
  key: z.string({ message: "A key must be text" }).regex(/^[a-z0-9-]{2,64}$/, "A form's key is 2 to 64 lowercase letters, digits and hyphens").optional(),
});

/** A key made from a title ("Vehicle check – DCP" → "vehicle-check-dcp"). */
export function keyFromTitle(title: string): string {
  const key = title.normalize("NFKD").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 64).replace(/-+$/, "");
  return key.length >= 2 ? key : `form-${key}`.slice(0, 64);
}

/** Creates the form and its first draft; returns it as getForm shows it. */
export async function createForm(ctx: PolicyCtx, raw: unknown): Promise<FormDetail> {
  const input = parseInput(ZCreateForm, raw);
  const target = { scope: "agency" as const, agencyId: ctx.actor.agency.id };
  if (!can(ctx.ability, "create", "Form", target)) throw new ForbiddenError("Only your agency's administrators can make its forms");
  const key = input.key ?? keyFromTitle(input.title);
  const definition = blankDefinition(key, input.title);
  const id = await inTransaction(ctx, async (tx) => {
    authorize(tx.ability, "create", "Form", target);
    const [created] = await tx.db
      .insert(forms)
      .values({ key, scope: "agency", agencyId: tx.actor.agency.id, title: definition.title, summary: definition.summary, createdBy: tx.actor.userId, createdAt: tx.now, updatedAt: tx.now })
      .onConflictDoNothing()
      .returning({ id: forms.id });
    if (!created) throw new ConflictError(`Your agency already has a form with the key "${key}": choose another`);
    await tx.db.insert(formVersions).values({ formId: created.id, number: 1, status: "draft", definition, createdBy: tx.actor.userId, createdAt: tx.now });
    await recordAudit(tx, { action: "form.create", subjectType: "form", subjectId: created.id, details: { key } });
    return created.id;
  });
  return getForm(ctx, { formId: id, versionNumber: 1 });
}
