/**
 * What the form builder opens with: the form and its newest version (the draft being built, or
 * the latest published one to start a new draft from), and for a local variant the national
 * version it is pinned to (whose fields, sections and rules the builder locks) and what the
 * national form has changed since (to re-base or keep the pin). For the agency's administrators
 * only: 404 when the form is invisible, 403 when it is read-only to the actor.
 */
import { z } from "zod";
import { forms } from "@/db/schema";
import { eq } from "drizzle-orm";
import type { PolicyCtx } from "../context";
import { parseInput } from "../errors";
import type { FormDefinition } from "./form-definition";
import { manageableForm, newestVersion, versionById } from "./form-admin-shared";
import { getForm } from "./get-form";
import { getNationalChanges, type NationalChanges } from "./get-national-changes";
import type { FormDetail } from "./form-view";

export const ZGetFormForEditing = z.object({ formId: z.string({ message: "Name the form" }) });

export type FormForEditing = {
  form: FormDetail;
  /** The version the builder edits: its number and whether it is a draft already. */
  editing: { number: number; status: "draft" | "published" } | null;
  /** For a local variant: the national form and the version it is pinned to. */
  national: { formId: string; title: string; version: number; definition: FormDefinition } | null;
  nationalChanges: NationalChanges;
};

/** The form as the builder opens it. */
export async function getFormForEditing(ctx: PolicyCtx, raw: unknown): Promise<FormForEditing> {
  const input = parseInput(ZGetFormForEditing, raw);
  const row = await manageableForm(ctx, input.formId);
  const newest = await newestVersion(ctx, row.id);
  const form = await getForm(ctx, { formId: row.id, versionNumber: newest?.number });
  const pinned = newest?.extendsVersionId ? await versionById(ctx, newest.extendsVersionId) : null;
  let national: FormForEditing["national"] = null;
  if (pinned && row.extendsFormId) {
    // The national form is readable to everyone who may manage a variant of it.
    const [nationalRow] = await ctx.db.select({ title: forms.title }).from(forms).where(eq(forms.id, row.extendsFormId)).limit(1);
    national = { formId: row.extendsFormId, title: nationalRow?.title ?? "", version: pinned.number, definition: pinned.definition };
  }
  return { form, editing: newest ? { number: newest.number, status: newest.status } : null, national, nationalChanges: await getNationalChanges(ctx, { formId: row.id }) };
}
