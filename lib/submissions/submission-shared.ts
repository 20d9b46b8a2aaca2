/**
 * What the submission operations share: finding a submission with its form version and form
 * together with the read check every operation makes (an invisible submission answers exactly
 * like a missing one: 404, and the refused read is audited), its view with the viewer's
 * permissions as booleans, and turning the validator's per-field errors into one clear error
 * that carries them all (`error.issues`), so the page can show each beside its field.
 */
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { forms, formVersions, submissions, users } from "@/db/schema";
import { can } from "@/policies/authorize";
import { InvalidInputError, NotFoundError, parseInput } from "../errors";
import type { PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { submissionSubject } from "../authz/columns";
import { isUuid } from "../spaces/get-space";
import type { FormDefinition } from "../forms/form-definition";
import type { SubmissionError } from "../forms/validate-submission";

export type SubmissionRow = typeof submissions.$inferSelect;
export type FormVersionRow = typeof formVersions.$inferSelect;
export type FormRow = typeof forms.$inferSelect;

export const ZSubmissionRef = z.object({ submissionId: z.string({ message: "Name the submission" }) });
export const ZExpectedVersion = z.number({ message: "Say which version of the submission you edited (expectedVersion)" }).int().min(1);

/** Parses input, turning the first problem into an InvalidInputError with its message. */
export const parseSubmissionInput = parseInput;

/** The answers refused, every field's problem listed (`issues`), the first as the message. */
export function invalidAnswers(errors: SubmissionError[]): InvalidInputError {
  const first = errors[0];
  const message = errors.length === 1 ? first!.message : `${first?.message ?? "Some answers are not valid"} (and ${errors.length - 1} more: see each field)`;
  return new InvalidInputError(message, { issues: errors });
}

/** The submission, its form version and form, when the actor may read it (NotFoundError otherwise, the refusal audited). */
export async function readableSubmission(ctx: PolicyCtx, submissionId: unknown, auditAction = "submission.read"): Promise<{ submission: SubmissionRow; version: FormVersionRow; form: FormRow }> {
  if (typeof submissionId !== "string" || !isUuid(submissionId)) throw new NotFoundError();
  const [row] = await ctx.db
    .select({ submission: submissions, version: formVersions, form: forms })
    .from(submissions)
    .innerJoin(formVersions, eq(formVersions.id, submissions.formVersionId))
    .innerJoin(forms, eq(forms.id, formVersions.formId))
    .where(eq(submissions.id, submissionId))
    .limit(1);
  if (!row) throw new NotFoundError();
  if (!can(ctx.ability, "read", "Submission", submissionSubject(row.submission))) {
    await recordAudit(ctx, {
      action: auditAction,
      outcome: "denied",
      subjectType: "submission",
      subjectId: row.submission.id,
      markingBefore: row.submission.marking,
      details: { owningAgencyId: row.submission.owningAgencyId, spaceId: row.submission.spaceId },
    });
    throw new NotFoundError();
  }
  return row;
}

/** The submission's row again inside the transaction that changes it, locked (NotFoundError when it has gone). */
export async function lockedSubmission(ctx: PolicyCtx, submissionId: string): Promise<SubmissionRow> {
  const [row] = await ctx.db.select().from(submissions).where(and(eq(submissions.id, submissionId))).for("update").limit(1);
  if (!row) throw new NotFoundError();
  return row;
}

/** The audit fields every submission event shares. */
export function submissionAudit(row: Pick<SubmissionRow, "id" | "spaceId" | "marking">) {
  return { subjectType: "submission", subjectId: row.id, spaceId: row.spaceId, markingBefore: row.marking };
}

export type SubmissionView = {
  id: string;
  form: { id: string; key: string; title: string; versionId: string; versionNumber: number };
  spaceId: string;
  marking: string;
  markingRank: number;
  owner: { id: string; name: string };
  status: SubmissionRow["status"];
  answers: Record<string, unknown>;
  version: number;
  submittedAt: string | null;
  createdAt: string;
  updatedAt: string;
  permissions: { canUpdate: boolean; canReview: boolean };
};

/** A submission the caller has checked the actor may read, as the API shows it. */
export async function toSubmissionView(ctx: PolicyCtx, row: SubmissionRow, version: FormVersionRow, form: FormRow): Promise<SubmissionView> {
  const [owner] = await ctx.db.select({ id: users.id, name: users.name }).from(users).where(eq(users.id, row.ownerId)).limit(1);
  const subject = submissionSubject(row);
  return {
    id: row.id,
    form: { id: form.id, key: form.key, title: form.title, versionId: version.id, versionNumber: version.number },
    spaceId: row.spaceId,
    marking: row.marking,
    markingRank: row.markingRank,
    owner: owner ?? { id: row.ownerId, name: "" },
    status: row.status,
    answers: row.data,
    version: row.version,
    submittedAt: row.submittedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    permissions: { canUpdate: can(ctx.ability, "update", "Submission", subject), canReview: can(ctx.ability, "review", "Submission", subject) },
  };
}

/** The definition a version holds. */
export const definitionOf = (version: FormVersionRow): FormDefinition => version.definition;
