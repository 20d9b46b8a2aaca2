/**
 * Saves a draft (or a returned submission being corrected) as it is: its owner only (403 for
 * anyone else who may read it, 404 for whoever may not), against the version they opened (a
 * stale save is 409 with the submission as it now is, so nothing typed elsewhere is silently
 * overwritten), checked as a draft (what is answered must be valid; nothing is required yet). A
 * submitted or accepted one is not saved this way: re-submitting keeps every version
 * (submit-submission.ts). Audited as "submission.save".
 */
import { eq } from "drizzle-orm";
import { z } from "zod";
import { submissions } from "@/db/schema";
import { can } from "@/policies/authorize";
import { ConflictError, ForbiddenError, InvalidInputError } from "../errors";
import { inTransaction, type PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { submissionSubject } from "../authz/columns";
import { guardContentChange } from "../records/content-guards";
import { validateSubmission } from "../forms/validate-submission";
import { invalidAnswers, lockedSubmission, parseSubmissionInput, readableSubmission, submissionAudit, toSubmissionView, ZExpectedVersion, ZSubmissionRef, type SubmissionView } from "./submission-shared";

export const ZSaveSubmission = z.object({ submissionId: z.string(), expectedVersion: ZExpectedVersion, answers: z.unknown() });
export type SaveSubmissionInput = z.input<typeof ZSaveSubmission>;

/** The error of a stale save: the submission as it is now, to compare and merge. */
export class SubmissionConflictError extends ConflictError {
  constructor(readonly current: SubmissionView) {
    super("Someone changed this submission since you opened it (in another tab?). Compare, then save again.", { current });
  }
}

/** Saves the answers; returns the submission (its version one higher). */
export async function saveSubmission(ctx: PolicyCtx, raw: unknown): Promise<SubmissionView> {
  const { submission, version, form } = await readableSubmission(ctx, parseSubmissionInput(ZSubmissionRef, raw).submissionId, "submission.save");
  const input = parseSubmissionInput(ZSaveSubmission, raw);
  if (!can(ctx.ability, "update", "Submission", submissionSubject(submission))) throw new ForbiddenError("Only the person who made this submission can change it, and not once it is accepted");
  if (submission.status !== "draft" && submission.status !== "returned") throw new InvalidInputError("This submission has been submitted: submit it again to change it (every version is kept)");
  const checked = validateSubmission(version.definition, input.answers, { isDraft: true, versionId: version.id });
  if (!checked.ok) throw invalidAnswers(checked.errors);
  return inTransaction(ctx, async (tx) => {
    const row = await lockedSubmission(tx, submission.id);
    if (row.version !== input.expectedVersion) throw new SubmissionConflictError(await toSubmissionView(tx, row, version, form));
    // A declared record's answers are locked; a held submission keeps its answers as they were first (issue 8).
    await guardContentChange(tx.db, "submission", row.id, tx.now);
    const [saved] = await tx.db.update(submissions).set({ data: checked.data, version: row.version + 1, updatedAt: tx.now }).where(eq(submissions.id, row.id)).returning();
    await recordAudit(tx, { action: "submission.save", ...submissionAudit(row), details: { version: saved!.version } });
    return toSubmissionView(tx, saved!, version, form);
  });
}
