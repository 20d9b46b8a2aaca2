/**
 * Starts filling in a form in a space: a draft submission of the form's version people fill in
 * now, owned by the actor. Its marking is the one given or, by default, the higher of the form's
 * default and the space's (a submission takes the space's default marking or higher), checked as
 * a document's is (within the deployment's and the space's ceilings, within the creator's
 * vetting). A form or space the actor cannot see is 404; one where they may not add content, 403.
 * Any answers given are checked as a draft's: what is answered must be valid, nothing is required
 * yet; without answers, it starts with the defaults the form gives. Audited as "submission.create" in the same transaction.
 */
import { and, desc, eq } from "drizzle-orm";
import { z } from "zod";
import { formVersions, spaces, submissions } from "@/db/schema";
import { authorize, can } from "@/policies/authorize";
import { rankOfMarking } from "@/policies/markings";
import { ForbiddenError, InvalidInputError, NotFoundError } from "../errors";
import { inTransaction, type PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { labelNewItem } from "../records/record-item-shared";
import { resolveCardMarking } from "../boards/card-marking";
import { isUuid } from "../spaces/get-space";
import { readableForm } from "../forms/get-form";
import { validateSubmission } from "../forms/validate-submission";
import { defaultAnswers } from "../forms/form-builder";
import { invalidAnswers, parseSubmissionInput, toSubmissionView, type SubmissionView } from "./submission-shared";

export const ZCreateSubmission = z.object({
  formId: z.string({ message: "Choose the form" }),
  spaceId: z.string({ message: "Choose the space the submission belongs to" }),
  marking: z.string().max(200, "The marking is too long").default(""),
  answers: z.unknown().optional(),
});
export type CreateSubmissionInput = z.input<typeof ZCreateSubmission>;

/** Creates the draft; returns it. */
export async function createSubmission(ctx: PolicyCtx, raw: unknown): Promise<SubmissionView> {
  const input = parseSubmissionInput(ZCreateSubmission, raw);
  const form = await readableForm(ctx, input.formId);
  const [version] = await ctx.db.select().from(formVersions).where(and(eq(formVersions.formId, form.id), eq(formVersions.status, "published"))).orderBy(desc(formVersions.number)).limit(1);
  if (!version) throw new InvalidInputError("This form has no published version to fill in yet");
  if (!isUuid(input.spaceId)) throw new NotFoundError();
  const [space] = await ctx.db.select().from(spaces).where(eq(spaces.id, input.spaceId)).limit(1);
  if (!space) throw new NotFoundError();
  authorize(ctx.ability, "read", "Space", { id: space.id, ownerAgencyId: space.ownerAgencyId });
  // The higher of the form's default marking and the space's, unless one is given.
  const formRank = rankOfMarking(version.definition.defaultMarking) ?? 0;
  const text = input.marking.trim() || (formRank > space.defaultRank ? version.definition.defaultMarking : space.defaultMarking);
  // Without answers, the draft starts with the form's defaults (a variant's local defaults).
  const answers = input.answers ?? defaultAnswers(version.definition);
  const checked = validateSubmission(version.definition, answers, { isDraft: true, versionId: version.id });
  if (!checked.ok) throw invalidAnswers(checked.errors);
  return inTransaction(ctx, async (tx) => {
    const marking = await resolveCardMarking(tx, space, text, []);
    if (marking.markingRank < space.defaultRank) throw new InvalidInputError(`A submission in this space is marked at least ${space.defaultMarking}`);
    const fields = { id: "", spaceId: space.id, owningAgencyId: tx.actor.agency.id, ...marking, isRestricted: false, ownerId: tx.actor.userId, status: "draft" as const };
    if (!can(tx.ability, "create", "Submission", fields)) {
      throw new ForbiddenError(can(tx.ability, "create", "Submission", { ...fields, markingRank: 1, descriptors: [], handling: "" }) ? `Your vetting does not allow you to make a submission marked ${marking.marking}` : "You cannot add submissions to this space");
    }
    const [row] = await tx.db
      .insert(submissions)
      .values({ formVersionId: version.id, spaceId: space.id, owningAgencyId: tx.actor.agency.id, ...marking, ownerId: tx.actor.userId, status: "draft", data: checked.data, createdAt: tx.now, updatedAt: tx.now })
      .returning();
    await labelNewItem(tx, "submission", row!, form.key); // issue 8: a labelling rule's (by form key) or the space's default label
    await recordAudit(tx, { action: "submission.create", subjectType: "submission", subjectId: row!.id, spaceId: space.id, markingAfter: marking.marking, details: { formId: form.id, formKey: form.key, formVersion: version.number } });
    return toSubmissionView(tx, row!, version, form);
  });
}
