/**
 * The results of a form: its submissions the actor may read (any version of the form), filtered
 * in SQL by the policy (conventions.md §2), so a submission above their vetting or in a space
 * they cannot see is neither listed nor counted; narrowed by the results' filters (status, space,
 * submitted from/to, owner, free text over the answers: submission-filters.ts), which are ANDed
 * with the policy and so can only ever narrow it; newest first, at most SUBMISSIONS_MAX
 * (`isCapped` says when more matched). Showing OFFICIAL-SENSITIVE ones is audited as a
 * consultation, with their ids.
 */
import { and, desc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { formVersions, spaces, submissions, users } from "@/db/schema";
import { RANKS } from "@/policies/markings";
import { accessibleWhere } from "@/policies/to-sql";
import type { PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { submissionColumns } from "../authz/columns";
import { readableForm } from "../forms/get-form";
import { parseSubmissionInput } from "./submission-shared";
import { parseSubmissionFilters, submissionFilterConditions, type SubmissionFilters, type SubmissionFiltersInput, type SubmissionStatus } from "./submission-filters";

/** A bound on one answer (the CSV export reads the same list). */
export const SUBMISSIONS_MAX = 1000;

export const ZListSubmissions = z.object({ formId: z.string({ message: "Name the form" }) });
/** The form, and the filters (each optional; blank is none). */
export type ListSubmissionsInput = z.input<typeof ZListSubmissions> & SubmissionFiltersInput;

export type SubmissionListItem = {
  id: string;
  spaceId: string;
  spaceName: string;
  formVersion: number;
  status: SubmissionStatus;
  owner: string;
  marking: string;
  markingRank: number;
  answers: Record<string, unknown>;
  submittedAt: string | null;
  updatedAt: string;
};

export type SubmissionList = {
  items: SubmissionListItem[];
  /** True when more than SUBMISSIONS_MAX matched: the newest SUBMISSIONS_MAX are listed. */
  isCapped: boolean;
  /** The filters as understood (blank ones absent). */
  filters: SubmissionFilters;
};

/** The form's submissions the actor may read, filtered. */
export async function listSubmissions(ctx: PolicyCtx, raw: ListSubmissionsInput): Promise<SubmissionList> {
  const { formId } = parseSubmissionInput(ZListSubmissions, raw);
  const form = await readableForm(ctx, formId);
  // Bad filters are refused after the form is known to be readable: a hidden form is 404 whatever the query.
  const filters = parseSubmissionFilters(raw);
  const policy = accessibleWhere(ctx.ability, "read", "Submission", submissionColumns);
  if (!policy) return { items: [], isCapped: false, filters };
  const versions = await ctx.db.select({ id: formVersions.id, number: formVersions.number }).from(formVersions).where(eq(formVersions.formId, form.id));
  if (versions.length === 0) return { items: [], isCapped: false, filters };
  const numberOf = new Map(versions.map((v) => [v.id, v.number]));
  const rows = await ctx.db
    .select({ submission: submissions, owner: users.name, spaceName: spaces.name })
    .from(submissions)
    .innerJoin(users, eq(users.id, submissions.ownerId))
    .innerJoin(spaces, eq(spaces.id, submissions.spaceId))
    .where(
      and(
        policy,
        inArray(
          submissions.formVersionId,
          versions.map((v) => v.id),
        ),
        submissionFilterConditions(ctx, filters),
      ),
    )
    .orderBy(desc(submissions.updatedAt), desc(submissions.id))
    // One more than is shown, to know whether the list is capped without counting everything.
    .limit(SUBMISSIONS_MAX + 1);
  const shown = rows.slice(0, SUBMISSIONS_MAX);
  const sensitive = shown.filter((r) => r.submission.markingRank >= RANKS["OFFICIAL-SENSITIVE"]);
  if (sensitive.length > 0) {
    await recordAudit(ctx, { action: "submission.list_read", subjectType: "form", subjectId: form.id, details: { sensitiveSubmissionIds: sensitive.map((r) => r.submission.id), filters } });
  }
  return {
    items: shown.map(({ submission: s, owner, spaceName }) => ({
      id: s.id,
      spaceId: s.spaceId,
      spaceName,
      formVersion: numberOf.get(s.formVersionId) ?? 0,
      status: s.status,
      owner,
      marking: s.marking,
      markingRank: s.markingRank,
      answers: s.data,
      submittedAt: s.submittedAt?.toISOString() ?? null,
      updatedAt: s.updatedAt.toISOString(),
    })),
    isCapped: rows.length > SUBMISSIONS_MAX,
    filters,
  };
}
