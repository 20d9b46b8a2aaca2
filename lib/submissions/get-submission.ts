/**
 * One submission for someone who may read it (404 otherwise, the refused read audited): its
 * answers, its submitted versions (numbered, oldest first) and its reviews (returns with their
 * comments, acceptance). Reading an OFFICIAL-SENSITIVE submission is a consultation, audited
 * (DPA 2018 s.62).
 */
import { asc, eq } from "drizzle-orm";
import { submissionReviews, submissionVersions, users } from "@/db/schema";
import { RANKS } from "@/policies/markings";
import type { PolicyCtx } from "../context";
import type { FormDefinition } from "../forms/form-definition";
import { recordAudit } from "../audit/record-audit";
import { parseSubmissionInput, readableSubmission, submissionAudit, toSubmissionView, ZSubmissionRef, type SubmissionView } from "./submission-shared";

export type SubmissionDetail = SubmissionView & {
  definition: FormDefinition;
  versions: { number: number; status: string; createdAt: string }[];
  reviews: { decision: "returned" | "accepted"; comment: string; reviewer: string; submittedVersion: number; createdAt: string }[];
};

/** The submission with its history. */
export async function getSubmission(ctx: PolicyCtx, raw: unknown): Promise<SubmissionDetail> {
  const { submission, version, form } = await readableSubmission(ctx, parseSubmissionInput(ZSubmissionRef, raw).submissionId);
  if (submission.markingRank >= RANKS["OFFICIAL-SENSITIVE"]) await recordAudit(ctx, { action: "submission.read", ...submissionAudit(submission), details: { crossAgency: submission.owningAgencyId !== ctx.actor.agency.id } });
  const versions = await ctx.db.select({ number: submissionVersions.number, status: submissionVersions.status, createdAt: submissionVersions.createdAt }).from(submissionVersions).where(eq(submissionVersions.submissionId, submission.id)).orderBy(asc(submissionVersions.number));
  const reviews = await ctx.db
    .select({ decision: submissionReviews.decision, comment: submissionReviews.comment, reviewer: users.name, submittedVersion: submissionReviews.submissionVersion, createdAt: submissionReviews.createdAt })
    .from(submissionReviews)
    .innerJoin(users, eq(users.id, submissionReviews.reviewerId))
    .where(eq(submissionReviews.submissionId, submission.id))
    .orderBy(asc(submissionReviews.createdAt), asc(submissionReviews.submissionVersion));
  return {
    ...(await toSubmissionView(ctx, submission, version, form)),
    definition: version.definition,
    versions: versions.map((v) => ({ ...v, createdAt: v.createdAt.toISOString() })),
    reviews: reviews.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })),
  };
}
