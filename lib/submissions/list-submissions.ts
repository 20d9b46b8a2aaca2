/**
 * The results of a form: its submissions the actor may read (any version of the form), filtered
 * in SQL by the policy (conventions.md §2), so a submission above their vetting or in a space
 * they cannot see is neither listed nor counted; optionally in one space and of one status;
 * newest first. Showing OFFICIAL-SENSITIVE ones is audited as a consultation, with their ids.
 */
import { and, desc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { formVersions, submissions, users } from "@/db/schema";
import { RANKS } from "@/policies/markings";
import { accessibleWhere } from "@/policies/to-sql";
import type { PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { submissionColumns } from "../authz/columns";
import { isUuid } from "../spaces/get-space";
import { readableForm } from "../forms/get-form";
import { parseSubmissionInput } from "./submission-shared";

/** A bound on one answer (the CSV export reads the same list). */
export const SUBMISSIONS_MAX = 1000;

export const ZListSubmissions = z.object({
  formId: z.string({ message: "Name the form" }),
  spaceId: z.string().optional(),
  status: z.enum(["draft", "submitted", "returned", "accepted"], { message: "A status is draft, submitted, returned or accepted" }).optional(),
});
export type ListSubmissionsInput = z.input<typeof ZListSubmissions>;

export type SubmissionListItem = {
  id: string;
  spaceId: string;
  formVersion: number;
  status: "draft" | "submitted" | "returned" | "accepted";
  owner: string;
  marking: string;
  markingRank: number;
  answers: Record<string, unknown>;
  submittedAt: string | null;
  updatedAt: string;
};

/** The form's submissions the actor may read. */
export async function listSubmissions(ctx: PolicyCtx, raw: ListSubmissionsInput): Promise<{ items: SubmissionListItem[] }> {
  const input = parseSubmissionInput(ZListSubmissions, raw);
  const form = await readableForm(ctx, input.formId);
  const policy = accessibleWhere(ctx.ability, "read", "Submission", submissionColumns);
  if (!policy) return { items: [] };
  if (input.spaceId !== undefined && !isUuid(input.spaceId)) return { items: [] };
  const versions = await ctx.db.select({ id: formVersions.id, number: formVersions.number }).from(formVersions).where(eq(formVersions.formId, form.id));
  if (versions.length === 0) return { items: [] };
  const numberOf = new Map(versions.map((v) => [v.id, v.number]));
  const rows = await ctx.db
    .select({ submission: submissions, owner: users.name })
    .from(submissions)
    .innerJoin(users, eq(users.id, submissions.ownerId))
    .where(
      and(
        policy,
        inArray(
          submissions.formVersionId,
          versions.map((v) => v.id),
        ),
        input.spaceId ? eq(submissions.spaceId, input.spaceId) : undefined,
        input.status ? eq(submissions.status, input.status) : undefined,
      ),
    )
    .orderBy(desc(submissions.updatedAt), desc(submissions.id))
    .limit(SUBMISSIONS_MAX);
  const sensitive = rows.filter((r) => r.submission.markingRank >= RANKS["OFFICIAL-SENSITIVE"]);
  if (sensitive.length > 0) {
    await recordAudit(ctx, { action: "submission.list_read", subjectType: "form", subjectId: form.id, details: { sensitiveSubmissionIds: sensitive.map((r) => r.submission.id) } });
  }
  return {
    items: rows.map(({ submission: s, owner }) => ({
      id: s.id,
      spaceId: s.spaceId,
      formVersion: numberOf.get(s.formVersionId) ?? 0,
      status: s.status,
      owner,
      marking: s.marking,
      markingRank: s.markingRank,
      answers: s.data,
      submittedAt: s.submittedAt?.toISOString() ?? null,
      updatedAt: s.updatedAt.toISOString(),
    })),
  };
}
