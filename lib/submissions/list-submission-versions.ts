/**
 * Every kept version of a submission ("edit after submit keeping every version", issue 7): each
 * time it was submitted, its answers as they were sent, who sent them and when, and what the
 * review of that version decided (returned with its comment, accepted, or none yet). For whoever
 * may read the submission, with the same check as getSubmission (readableSubmission): someone
 * who may not gets 404 exactly as for a missing one, and the refusal is audited.
 *
 * Past answers are the submission's content: showing those of an OFFICIAL-SENSITIVE submission
 * is a consultation of it, audited (DPA 2018 s.62) as "submission.versions_read" with the
 * version numbers shown, so the trail says that earlier answers were seen, not only the current.
 */
import { asc, eq } from "drizzle-orm";
import { submissionReviews, submissionVersions, users } from "@/db/schema";
import { RANKS } from "@/policies/markings";
import type { PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { parseSubmissionInput, readableSubmission, submissionAudit, ZSubmissionRef } from "./submission-shared";
import type { SubmissionStatus } from "./submission-filters";

export type SubmissionVersionView = {
  number: number;
  /** The status the submission took when this version was saved ("submitted": a version is kept on every submission). */
  status: SubmissionStatus;
  savedBy: { id: string; name: string } | null;
  savedAt: string;
  answers: Record<string, unknown>;
  /** The supervisor's decision on this version, if one was made. */
  review: { decision: "returned" | "accepted"; comment: string; reviewer: string; reviewedAt: string } | null;
};

/** The submission's versions, oldest first. */
export async function listSubmissionVersions(ctx: PolicyCtx, raw: unknown): Promise<{ submissionId: string; versions: SubmissionVersionView[] }> {
  const { submission } = await readableSubmission(ctx, parseSubmissionInput(ZSubmissionRef, raw).submissionId, "submission.versions_read");
  const rows = await ctx.db
    .select({ version: submissionVersions, savedByName: users.name })
    .from(submissionVersions)
    .leftJoin(users, eq(users.id, submissionVersions.createdBy))
    .where(eq(submissionVersions.submissionId, submission.id))
    .orderBy(asc(submissionVersions.number));
  const reviews = await ctx.db
    .select({ number: submissionReviews.submissionVersion, decision: submissionReviews.decision, comment: submissionReviews.comment, reviewer: users.name, createdAt: submissionReviews.createdAt })
    .from(submissionReviews)
    .innerJoin(users, eq(users.id, submissionReviews.reviewerId))
    .where(eq(submissionReviews.submissionId, submission.id))
    .orderBy(asc(submissionReviews.createdAt));
  // A version is reviewed once (review-submission.ts needs it submitted); should two ever name one, the later stands.
  const reviewOf = new Map(reviews.map((r) => [r.number, r]));
  if (submission.markingRank >= RANKS["OFFICIAL-SENSITIVE"] && rows.length > 0) {
    await recordAudit(ctx, {
      action: "submission.versions_read",
      ...submissionAudit(submission),
      details: { versions: rows.map((r) => r.version.number), crossAgency: submission.owningAgencyId !== ctx.actor.agency.id },
    });
  }
  return {
    submissionId: submission.id,
    versions: rows.map(({ version: v, savedByName }) => {
      const review = reviewOf.get(v.number);
      return {
        number: v.number,
        status: v.status,
        savedBy: v.createdBy ? { id: v.createdBy, name: savedByName ?? "" } : null,
        savedAt: v.createdAt.toISOString(),
        answers: v.data,
        review: review ? { decision: review.decision, comment: review.comment, reviewer: review.reviewer, reviewedAt: review.createdAt.toISOString() } : null,
      };
    }),
  };
}
