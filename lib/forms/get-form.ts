/**
 * One form of the library with its versions and the definition people fill in now (its latest
 * published version; or a given version, `versionNumber`; drafts only for those who may edit the
 * form). A form the actor may not read,
 * another agency's local form, answers 404 exactly like a missing one.
 */
import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import { forms, formVersions } from "@/db/schema";
import { authorize, can } from "@/policies/authorize";
import { NotFoundError, parseInput } from "../errors";
import type { PolicyCtx } from "../context";
import { isUuid } from "../spaces/get-space";
import { formSubject, toFormSummary, type FormDetail, type FormRow } from "./form-view";

export const ZGetForm = z.strictObject({
  formId: z.string({ message: "Name the form" }),
  versionNumber: z.coerce.number({ message: "A version is a number" }).int("A version is a whole number").min(1, "Versions are numbered from 1").optional(),
});
export type GetFormInput = z.input<typeof ZGetForm>;

/** The form, when the actor may read it (NotFoundError otherwise). */
export async function readableForm(ctx: PolicyCtx, formId: unknown): Promise<FormRow> {
  if (typeof formId !== "string" || !isUuid(formId)) throw new NotFoundError();
  const [row] = await ctx.db.select().from(forms).where(eq(forms.id, formId)).limit(1);
  if (!row) throw new NotFoundError();
  authorize(ctx.ability, "read", "Form", formSubject(row));
  return row;
}

/** The form, its versions (oldest first) and the chosen (or latest published) version's definition. */
export async function getForm(ctx: PolicyCtx, raw: GetFormInput): Promise<FormDetail> {
  const input = parseInput(ZGetForm, raw);
  const row = await readableForm(ctx, input.formId);
  // Drafts are the form administrators' work in progress: others see published versions only.
  const mayEdit = can(ctx.ability, "update", "Form", formSubject(row));
  const versions = (await ctx.db.select().from(formVersions).where(eq(formVersions.formId, row.id)).orderBy(asc(formVersions.number))).filter((v) => mayEdit || v.status === "published");
  const summaries = versions.map((v) => ({ id: v.id, number: v.number, status: v.status, publishedAt: v.publishedAt?.toISOString() ?? null }));
  const published = versions.filter((v) => v.status === "published");
  const latest = published.at(-1) ?? null;
  const chosen = input.versionNumber === undefined ? latest : versions.find((v) => v.number === input.versionNumber);
  if (input.versionNumber !== undefined && !chosen) throw new NotFoundError();
  return {
    ...toFormSummary(ctx, row, latest ? summaries.find((s) => s.id === latest.id)! : null),
    versions: summaries,
    definition: chosen?.definition ?? null,
  };
}
