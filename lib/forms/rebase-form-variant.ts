/**
 * Re-bases a local variant onto the national form's latest published version (lib/forms/
 * diff-form-versions.ts rebase): the new national fields, sections and rules come in, the
 * variant's own additions stay, and the result is saved as the variant's draft, pinned to the new
 * version, to be reviewed and published. Refused, with every problem, when the re-based variant
 * would not pass (a local field whose name the national form now uses). For the agency's
 * administrators only. Audited as "form.rebase".
 */
import { eq } from "drizzle-orm";
import { z } from "zod";
import { formVersions } from "@/db/schema";
import { InvalidInputError, parseInput } from "../errors";
import { inTransaction, type PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { rebase } from "./diff-form-versions";
import { invalidDefinition, latestPublished, manageableForm, newestVersion, versionById } from "./form-admin-shared";
import { getForm } from "./get-form";
import type { FormDetail } from "./form-view";

export const ZRebaseFormVariant = z.object({ formId: z.string({ message: "Name the form" }) });

/** Re-bases the variant into a new draft; returns the form with the draft shown. */
export async function rebaseFormVariant(ctx: PolicyCtx, raw: unknown): Promise<FormDetail> {
  const input = parseInput(ZRebaseFormVariant, raw);
  const form = await manageableForm(ctx, input.formId);
  if (!form.extendsFormId) throw new InvalidInputError("Only a local variant of a national form can be re-based");
  const newest = await newestVersion(ctx, form.id);
  const pinned = newest?.extendsVersionId ? await versionById(ctx, newest.extendsVersionId) : null;
  const latest = await latestPublished(ctx, form.extendsFormId);
  if (!newest || !pinned || !latest) throw new InvalidInputError("This variant is not pinned to a national version");
  if (pinned.id === latest.id) throw new InvalidInputError(`This variant already extends the latest national version (${latest.number})`);
  const result = rebase(newest.definition, pinned.definition, latest.definition);
  if (result.problems.length > 0) throw invalidDefinition(result.problems, "The variant cannot be re-based as it stands");
  const definition = { ...result.variant, key: form.key };
  const number = await inTransaction(ctx, async (tx) => {
    let saved: number;
    if (newest.status === "draft") {
      await tx.db.update(formVersions).set({ definition, extendsVersionId: latest.id }).where(eq(formVersions.id, newest.id));
      saved = newest.number;
    } else {
      saved = newest.number + 1;
      await tx.db.insert(formVersions).values({ formId: form.id, number: saved, status: "draft", definition, extendsVersionId: latest.id, createdBy: tx.actor.userId, createdAt: tx.now });
    }
    await recordAudit(tx, { action: "form.rebase", subjectType: "form", subjectId: form.id, details: { version: saved, fromNationalVersion: pinned.number, toNationalVersion: latest.number } });
    return saved;
  });
  return getForm(ctx, { formId: form.id, versionNumber: number });
}
