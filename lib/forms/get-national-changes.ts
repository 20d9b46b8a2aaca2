/**
 * For a local variant: what the national form has changed since the version the variant is
 * pinned to (lib/forms/diff-form-versions.ts), for its administrators to re-base or keep the pin.
 * A form that is not a variant, or one already on the latest national version, has no changes.
 * For whoever may read the variant (404 otherwise).
 */
import { z } from "zod";
import type { PolicyCtx } from "../context";
import { parseInput } from "../errors";
import { diffFormVersions, type FormVersionChange } from "./diff-form-versions";
import { latestPublished, newestVersion, versionById } from "./form-admin-shared";
import { readableForm } from "./get-form";

export const ZGetNationalChanges = z.object({ formId: z.string({ message: "Name the form" }) });

export type NationalChanges = { extendsFormId: string | null; pinnedVersion: number | null; latestVersion: number | null; changes: FormVersionChange[] };

/** The national form's changes since the variant's pin. */
export async function getNationalChanges(ctx: PolicyCtx, raw: unknown): Promise<NationalChanges> {
  const input = parseInput(ZGetNationalChanges, raw);
  const form = await readableForm(ctx, input.formId);
  const none: NationalChanges = { extendsFormId: form.extendsFormId, pinnedVersion: null, latestVersion: null, changes: [] };
  if (!form.extendsFormId) return none;
  const newest = await newestVersion(ctx, form.id);
  const pinned = newest?.extendsVersionId ? await versionById(ctx, newest.extendsVersionId) : null;
  const latest = await latestPublished(ctx, form.extendsFormId);
  if (!pinned || !latest) return none;
  return { extendsFormId: form.extendsFormId, pinnedVersion: pinned.number, latestVersion: latest.number, changes: pinned.id === latest.id ? [] : diffFormVersions(pinned.definition, latest.definition) };
}
