/**
 * A form of the library as the API and the pages show it, with what the viewer may do to it
 * (booleans from the policy, so the page offers only what the server allows).
 */
import { can } from "@/policies/authorize";
import type { forms } from "@/db/schema";
import type { PolicyCtx } from "../context";
import type { FormDefinition } from "./form-definition";

export type FormRow = typeof forms.$inferSelect;

export type FormVersionSummary = { id: string; number: number; status: "draft" | "published"; publishedAt: string | null };

export type FormSummary = {
  id: string;
  key: string;
  scope: "national" | "agency";
  agencyId: string | null;
  title: string;
  summary: string;
  /** For a local variant: the national form it extends. */
  extendsFormId: string | null;
  /** The version people fill in now (null until one is published). */
  latestPublished: FormVersionSummary | null;
  updatedAt: string;
  permissions: { canUpdate: boolean; canDelete: boolean };
};

export type FormDetail = FormSummary & { versions: FormVersionSummary[]; definition: FormDefinition | null };

/** The policy's view of a form row. */
export function formSubject(row: Pick<FormRow, "scope" | "agencyId">) {
  return { scope: row.scope, agencyId: row.agencyId };
}

/** The summary of a form the caller has checked the actor may read. */
export function toFormSummary(ctx: PolicyCtx, row: FormRow, latestPublished: FormVersionSummary | null): FormSummary {
  const subject = formSubject(row);
  return {
    id: row.id,
    key: row.key,
    scope: row.scope,
    agencyId: row.agencyId,
    title: row.title,
    summary: row.summary,
    extendsFormId: row.extendsFormId,
    latestPublished,
    updatedAt: row.updatedAt.toISOString(),
    permissions: { canUpdate: can(ctx.ability, "update", "Form", subject), canDelete: can(ctx.ability, "delete", "Form", subject) },
  };
}
