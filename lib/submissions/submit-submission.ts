/**
 * Submits a submission for review: its owner only, against the version they opened (409 when
 * stale), with the answers given (or those saved) checked in full against the form version's
 * schema on the server: every required field, every condition. A draft or a returned one becomes
 * submitted; a submitted one submitted again is an edit after submitting. Every submission is
 * kept as a numbered row of submission_versions, so what an officer submitted is never
 * overwritten, and a supervisor reviews what was actually sent. Audited as "submission.submit".
 */
import { count, eq } from "drizzle-orm";
import { z } from "zod";
import { submissions, submissionVersions } from "@/db/schema";
import { can } from "@/policies/authorize";
import { ForbiddenError } from "../errors";
import { inTransaction, type PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { submissionSubject } from "../authz/columns";
import { guardContentChange } from "../records/content-guards";
import { validateSubmission } from "../forms/validate-submission";
import { SubmissionConflictError } from "./save-submission";
import { invalidAnswers, lockedSubmission, parseSubmissionInput, readableSubmission, submissionAudit, toSubmissionView, ZExpectedVersion, ZSubmissionRef, type SubmissionView } from "./submission-shared";

export const ZSubmitSubmission = z.object({ submissionId: z.string(), expectedVersion: ZExpectedVersion, answers: z.unknown().optional() });
export type SubmitSubmissionInput = z.input<typeof ZSubmitSubmission>;

/** Submits; returns the submission, now submitted. */
export async function submitSubmission(ctx: PolicyCtx, raw: unknown): Promise<SubmissionView> {
  const { submission, version, form } = await readableSubmission(ctx, parseSubmissionInput(ZSubmissionRef, raw).submissionId, "submission.submit");
  const input = parseSubmissionInput(ZSubmitSubmission, raw);
  if (!can(ctx.ability, "update", "Submission", submissionSubject(submission))) throw new ForbiddenError("Only the person who made this submission can submit it, and not once it is accepted");
  const checked = validateSubmission(version.definition, input.answers ?? submission.data, { isDraft: false, versionId: version.id });
  if (!checked.ok) throw invalidAnswers(checked.errors);
  return inTransaction(ctx, async (tx) => {
    const row = await lockedSubmission(tx, submission.id);
    if (row.version !== input.expectedVersion) throw new SubmissionConflictError(await toSubmissionView(tx, row, version, form));
    // A declared record's answers are locked; a held submission keeps its answers as they were first (issue 8).
    await guardContentChange(tx.db, "submission", row.id, tx.now);
    const [{ n }] = (await tx.db.select({ n: count() }).from(submissionVersions).where(eq(submissionVersions.submissionId, row.id))) as [{ n: number }];
    const number = Number(n) + 1;
    const [saved] = await tx.db
      .update(submissions)
      .set({ data: checked.data, status: "submitted", version: row.version + 1, submittedAt: tx.now, updatedAt: tx.now })
      .where(eq(submissions.id, row.id))
      .returning();
    await tx.db.insert(submissionVersions).values({ submissionId: row.id, number, status: "submitted", data: checked.data, createdBy: tx.actor.userId, createdAt: tx.now });
    await recordAudit(tx, { action: "submission.submit", ...submissionAudit(row), details: { submittedVersion: number, from: row.status } });
    return toSubmissionView(tx, saved!, version, form);
  });
}
