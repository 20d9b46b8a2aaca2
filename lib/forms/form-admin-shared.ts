/**
 * What the form administration operations share: the form when the actor may manage it (404
 * when invisible, 403 when read-only to them: a national form, or someone who is not one of the
 * agency's administrators), its versions, and the national version a variant is pinned to; and
 * turning a definition's or a variant's problems into one clear error carrying them all
 * (`error.issues`, each with where it is), so the builder can show each beside its place.
 */
import { and, desc, eq } from "drizzle-orm";
import { formVersions } from "@/db/schema";
import { can } from "@/policies/authorize";
import { ForbiddenError, InvalidInputError } from "../errors";
import type { PolicyCtx } from "../context";
import { InvalidFormDefinitionError, parseFormDefinition, type FormDefinition } from "./form-definition";
import { checkVariant } from "./check-variant";
import { readableForm } from "./get-form";
import { formSubject, type FormRow } from "./form-view";

export type FormVersionRow = typeof formVersions.$inferSelect;

/** The form, when the actor may change it. */
export async function manageableForm(ctx: PolicyCtx, formId: unknown): Promise<FormRow> {
  const form = await readableForm(ctx, formId);
  if (!can(ctx.ability, "update", "Form", formSubject(form))) {
    throw new ForbiddenError(form.scope === "national" ? "National forms cannot be changed in Accord: make a local variant of it instead" : "Only your agency's administrators can change its forms");
  }
  return form;
}

/** The form's newest version (draft or published), if any. */
export async function newestVersion(ctx: PolicyCtx, formId: string): Promise<FormVersionRow | null> {
  const [row] = await ctx.db.select().from(formVersions).where(eq(formVersions.formId, formId)).orderBy(desc(formVersions.number)).limit(1);
  return row ?? null;
}

/** The latest published version of a form, if any. */
export async function latestPublished(ctx: PolicyCtx, formId: string): Promise<FormVersionRow | null> {
  const [row] = await ctx.db.select().from(formVersions).where(and(eq(formVersions.formId, formId), eq(formVersions.status, "published"))).orderBy(desc(formVersions.number)).limit(1);
  return row ?? null;
}

/** A version by id (the national version a variant is pinned to). */
export async function versionById(ctx: PolicyCtx, id: string): Promise<FormVersionRow | null> {
  const [row] = await ctx.db.select().from(formVersions).where(eq(formVersions.id, id)).limit(1);
  return row ?? null;
}

/** The refusal of a definition, every problem listed. */
export function invalidDefinition(problems: { path: string; message: string }[], lead = "This form cannot be saved"): InvalidInputError {
  const first = problems[0];
  return new InvalidInputError(`${lead}: ${first ? (first.path ? `${first.message} (${first.path})` : first.message) : "it is not valid"}${problems.length > 1 ? ` and ${problems.length - 1} more problem(s)` : ""}`, { issues: problems });
}

/**
 * Parses a definition for `form` (its key is the form's own, whatever was sent) and, for a local
 * variant, checks it against the national version it is pinned to. Throws invalidDefinition.
 */
export function checkedDefinition(form: FormRow, raw: unknown, pinned: FormDefinition | null): FormDefinition {
  let definition: FormDefinition;
  try {
    definition = parseFormDefinition({ ...(typeof raw === "object" && raw !== null ? raw : {}), key: form.key });
  } catch (err) {
    if (err instanceof InvalidFormDefinitionError) throw invalidDefinition(err.problems);
    throw err;
  }
  if (pinned) {
    const problems = checkVariant(pinned, definition);
    if (problems.length > 0) throw invalidDefinition(problems, "A local variant may add to the national form but not remove or weaken it");
  }
  return definition;
}
