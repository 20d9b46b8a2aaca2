/**
 * A supervisor's decision on a submitted submission: return it to its owner with a comment they
 * can act on (required), or accept it. Only a supervisor of the submission's own agency who may
 * edit in the space, never its owner (403; 404 for whoever may not read it); only a submitted one
 * (a draft, a returned or an accepted one is refused with a clear error). The decision names the
 * submitted version it was made on. Audited as "submission.return" or "submission.accept".
 */
import { desc, eq } from "drizzle-orm";
import { z } from "zod";
import { submissionReviews, submissions, submissionVersions } from "@/db/schema";
import { can } from "@/policies/authorize";
import { ForbiddenError, InvalidInputError } from "../errors";
import { inTransaction, type PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { submissionSubject } from "../authz/columns";
import { lockedSubmission, parseSubmissionInput, readableSubmission, submissionAudit, toSubmissionView, ZSubmissionRef, type SubmissionView } from "./submission-shared";

export const ZReviewSubmission = z
  .object({
    submissionId: z.string(),
    decision: z.enum(["return", "accept"], { message: 'The decision is "return" or "accept"' }),
    comment: z.string({ message: "The comment must be text" }).trim().max(5000, "A comment has at most 5,000 characters").default(""),
  })
  .refine((v) => v.decision === "accept" || v.comment.length > 0, { message: "Say what needs correcting: a returned submission needs a comment", path: ["comment"] });
export type ReviewSubmissionInput = z.input<typeof ZReviewSubmission>;

/** Records the decision; returns the submission (returned or accepted). */
export async function reviewSubmission(ctx: PolicyCtx, raw: unknown): Promise<SubmissionView> {
  const { submission, version, form } = await readableSubmission(ctx, parseSubmissionInput(ZSubmissionRef, raw).submissionId, "submission.review");
  const input = parseSubmissionInput(ZReviewSubmission, raw);
  if (submission.status !== "submitted") throw new InvalidInputError(`Only a submitted submission can be reviewed; this one is ${submission.status}`);
  if (!can(ctx.ability, "review", "Submission", submissionSubject(submission))) {
    throw new ForbiddenError(submission.ownerId === ctx.actor.userId ? "You cannot review your own submission" : "Only a supervisor of the submission's agency can review it");
  }
  return inTransaction(ctx, async (tx) => {
    const row = await lockedSubmission(tx, submission.id);
    if (row.status !== "submitted") throw new InvalidInputError("This submission has changed meanwhile; reload it");
    const [latest] = await tx.db.select({ number: submissionVersions.number }).from(submissionVersions).where(eq(submissionVersions.submissionId, row.id)).orderBy(desc(submissionVersions.number)).limit(1);
    const status = input.decision === "accept" ? ("accepted" as const) : ("returned" as const);
    await tx.db.insert(submissionReviews).values({ submissionId: row.id, submissionVersion: latest?.number ?? 1, decision: status, comment: input.comment, reviewerId: tx.actor.userId, createdAt: tx.now });
    const [saved] = await tx.db.update(submissions).set({ status, version: row.version + 1, updatedAt: tx.now }).where(eq(submissions.id, row.id)).returning();
    await recordAudit(tx, { action: input.decision === "accept" ? "submission.accept" : "submission.return", ...submissionAudit(row), details: { submittedVersion: latest?.number ?? 1 } });
    return toSubmissionView(tx, saved!, version, form);
  });
}
