/**
 * A reviewer's decision on an item in its disposal review (issue 8; Purview's disposition review):
 *  - approve: the item moves to the next stage (its reviewers are notified) or, after the last
 *    stage, is approved and disposed at once, in its own transaction (dispose-record-item.ts; if
 *    that fails, the sweep disposes it);
 *  - extend: kept until a new due day after today, back to `retained`;
 *  - relabel: another label of the agency's file plan, its clock recomputed, back to `retained`;
 *  - add_reviewers: more people of the agency review the item at the current stage (notified);
 *  - restrict: DPA 2018 s.47, restrict instead of erase: the content stays, the item is
 *    `restricted` and a certificate with the outcome "restricted" is written.
 * A comment is mandatory for every decision ("every decision to retain is recorded with its
 * reason"). Only the reviewers named at the current stage and the agency's records managers,
 * within their vetting, decide (the policy's `review` on RecordItem); anyone else who cannot see
 * the item gets 404 and the item is unchanged. A held item takes no decision (409): it stays at its
 * stage until the hold is released. Audited as "record.review" in the decision's transaction.
 *
 * The threat: a record destroyed, or its schedule shortened, by someone without the authority;
 * so the stage is read and changed under a row lock, and the decision names the stage it was for.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { disposalDecisions, recordItems, users } from "@/db/schema";
import { authorize } from "@/policies/authorize";
import { ConflictError, HeldError, InvalidInputError, NotFoundError } from "../errors";
import { inTransaction, type PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { notifyPeople } from "../notifications/notify-people";
import { isUuid } from "../spaces/get-space";
import { isDay, ukDay } from "./retention-clock";
import { isHeld } from "./holds-shared";
import { loadLabel, type LabelFacts } from "./record-item-shared";
import { signalAccessChanged } from "../collab/access-signal";
import { clockUnderLabel, loadRecordItems, recordItemSubject, stageReviewerIds } from "./disposal-shared";
import { approvalsOf, disposeRecordItem, writeCertificate } from "./dispose-record-item";
import { enqueueGraphLabels } from "../graph/enqueue-graph-sync";

export const DISPOSAL_DECISIONS = ["approve", "extend", "relabel", "add_reviewers", "restrict"] as const;
export type DisposalDecision = (typeof DISPOSAL_DECISIONS)[number];

/** The most reviewers one decision adds. */
export const MAX_ADDED_REVIEWERS = 20;

const ZUuidList = z.array(z.string().refine(isUuid, "Choose reviewers from the list"), { message: "Choose the reviewers to add" });

export const ZDecideDisposalReview = z.object({
  recordItemId: z.string().max(100),
  decision: z.enum(DISPOSAL_DECISIONS, { message: "Choose a decision: approve, extend, relabel, add reviewers or restrict" }),
  comment: z
    .string({ message: "Give a comment for your decision" })
    .trim()
    .min(1, "Give a comment for your decision")
    .max(2000, "Keep the comment to 2000 characters"),
  newDueOn: z.string().trim().optional(),
  newLabelId: z.string().trim().optional(),
  reviewerIds: ZUuidList.max(MAX_ADDED_REVIEWERS, `Add at most ${MAX_ADDED_REVIEWERS} reviewers at a time`).optional(),
});
export type DecideDisposalReviewInput = z.input<typeof ZDecideDisposalReview>;

export type DisposalDecisionResult = {
  recordItemId: string;
  decision: DisposalDecision;
  /** The item's state after the decision ("disposed" once its content is gone). */
  state: "retained" | "in_review" | "approved" | "disposed" | "restricted";
  /** The stage it is at now (in review), else null. */
  stage: number | null;
  dueOn: string | null;
  /** The certificate written (disposed or restricted), else null. */
  certificateId: string | null;
};

/** An invalid input, named by the control it belongs to (the page shows it beside that control). */
function invalid(field: string, message: string): InvalidInputError {
  return new InvalidInputError(message, { issues: [{ path: field, message }] });
}

/** Parses the input; each problem is named by its field (decide-disposal-reviews checks a bulk decision's fields with it). */
export function parseDisposalDecision(raw: unknown): z.infer<typeof ZDecideDisposalReview> {
  const parsed = ZDecideDisposalReview.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => ({ path: String(i.path[0] ?? ""), message: i.message }));
  // The comment's message first: it is the one every decision needs.
  issues.sort((a, b) => Number(b.path === "comment") - Number(a.path === "comment"));
  throw new InvalidInputError(issues[0]?.message ?? "Invalid input", { issues });
}

/** The table of each kind of item's content (restricting sets its is_restricted). */
const CONTENT_TABLES = { document: "documents", file: "files", submission: "submissions" } as const;

/** Records a reviewer's decision on an item at its current stage; returns where the item is now. */
export async function decideDisposalReview(ctx: PolicyCtx, raw: DecideDisposalReviewInput | Record<string, unknown>): Promise<DisposalDecisionResult> {
  if (typeof raw !== "object" || raw === null || typeof raw.recordItemId !== "string" || !isUuid(raw.recordItemId)) throw new NotFoundError();
  const input = parseDisposalDecision(raw);
  const today = ukDay(ctx.now);

  const outcome = await inTransaction(ctx, async (tx) => {
    const [locked] = await tx.db.select({ id: recordItems.id }).from(recordItems).where(eq(recordItems.id, input.recordItemId)).for("update").limit(1);
    if (!locked) throw new NotFoundError();
    const [loaded] = await loadRecordItems(tx, [locked.id]);
    if (!loaded) throw new NotFoundError();
    const { item, label } = loaded;
    // Someone who may not even read the item gets 404; who may read it but not review it, 403.
    authorize(tx.ability, "review", "RecordItem", recordItemSubject(loaded));
    if (item.state !== "in_review" || item.reviewStage === null) throw new ConflictError("This item is not waiting for a disposal review");
    if (await isHeld(tx.db, item.itemType, item.itemId, item.spaceId)) throw new HeldError("This item is under a hold: no disposal decision can be made while the hold stands");
    const stage = item.reviewStage;
    const stages = label.reviewStages;

    let newDueOn: string | null = null;
    let newLabel: LabelFacts | null = null;
    let addedIds: string[] = [];
    switch (input.decision) {
      case "extend": {
        const day = input.newDueOn ?? "";
        if (day === "") throw invalid("newDueOn", "Give the new date to keep the item until");
        if (!isDay(day)) throw invalid("newDueOn", "The new date must be a real day, written YYYY-MM-DD");
        if (day <= today) throw invalid("newDueOn", "The new date must be after today");
        newDueOn = day;
        break;
      }
      case "relabel": {
        const id = input.newLabelId ?? "";
        if (id === "") throw invalid("newLabelId", "Choose the new label");
        const row = await loadLabel(tx, id);
        if (!row || row.agencyId !== item.owningAgencyId || row.retiredAt) throw invalid("newLabelId", "Choose a label of the file plan that is in use");
        if (row.id === label.id) throw invalid("newLabelId", "Choose a label other than the item's own");
        newLabel = row;
        break;
      }
      case "add_reviewers": {
        const ids = [...new Set(input.reviewerIds ?? [])];
        if (ids.length === 0) throw invalid("reviewerIds", "Choose the reviewers to add");
        const people = await tx.db
          .select({ id: users.id })
          .from(users)
          .where(and(inArray(users.id, ids), eq(users.agencyId, item.owningAgencyId), eq(users.status, "active")));
        if (people.length !== ids.length) throw invalid("reviewerIds", "Reviewers must be active people of the item's agency");
        const current = new Set(stageReviewerIds(stages, stage, item.addedReviewers));
        addedIds = ids.filter((id) => !current.has(id));
        if (addedIds.length === 0) throw invalid("reviewerIds", "Those people already review this stage");
        break;
      }
      case "approve":
      case "restrict":
        break;
    }

    await tx.db.insert(disposalDecisions).values({
      recordItemId: item.id,
      stage,
      reviewerId: tx.actor.userId,
      decision: input.decision,
      comment: input.comment,
      newDueOn,
      newLabelId: newLabel?.id ?? null,
      addedReviewerIds: addedIds,
      createdAt: tx.now,
    });

    let result: DisposalDecisionResult = { recordItemId: item.id, decision: input.decision, state: "in_review", stage, dueOn: item.dueOn, certificateId: null };
    const notify = (recipients: string[], atStage: number) =>
      notifyPeople(
        tx,
        recipients.map((recipientId) => ({
          recipientId,
          kind: "record-review-due" as const,
          spaceId: item.spaceId,
          subjectType: "record_item" as const,
          subjectId: item.id,
          dedupeKey: `record-review-due:${item.id}:${atStage}:${tx.now.toISOString()}`,
        })),
      );
    const backToRetained = { state: "retained" as const, reviewStage: null, reviewStartedAt: null, addedReviewers: {}, updatedAt: tx.now };

    switch (input.decision) {
      case "approve":
        if (stage < stages.length) {
          await tx.db.update(recordItems).set({ reviewStage: stage + 1, updatedAt: tx.now }).where(eq(recordItems.id, item.id));
          await notify(stageReviewerIds(stages, stage + 1, item.addedReviewers), stage + 1);
          result = { ...result, stage: stage + 1 };
        } else {
          await tx.db.update(recordItems).set({ state: "approved", reviewStage: null, updatedAt: tx.now }).where(eq(recordItems.id, item.id));
          result = { ...result, state: "approved", stage: null };
        }
        break;
      case "extend":
        await tx.db.update(recordItems).set({ ...backToRetained, dueOn: newDueOn }).where(eq(recordItems.id, item.id));
        result = { ...result, state: "retained", stage: null, dueOn: newDueOn };
        break;
      case "relabel": {
        const clock = await clockUnderLabel(tx, loaded, newLabel!);
        await tx.db
          .update(recordItems)
          .set({ ...backToRetained, labelId: newLabel!.id, appliedHow: "relabel", labelledBy: tx.actor.userId, labelledAt: tx.now, clockStartedOn: clock.clockStartedOn, dueOn: clock.dueOn })
          .where(eq(recordItems.id, item.id));
        result = { ...result, state: "retained", stage: null, dueOn: clock.dueOn };
        await enqueueGraphLabels(tx, [{ itemType: item.itemType, itemId: item.itemId }]); // issue 9
        break;
      }
      case "add_reviewers": {
        const key = String(stage);
        const added = { ...item.addedReviewers, [key]: [...(item.addedReviewers[key] ?? []), ...addedIds] };
        await tx.db.update(recordItems).set({ addedReviewers: added, updatedAt: tx.now }).where(eq(recordItems.id, item.id));
        await notify(addedIds, stage);
        break;
      }
      case "restrict": {
        const approvals = await approvalsOf(tx, [loaded]);
        await tx.db.execute(sql`UPDATE record_items SET state = 'restricted', review_stage = NULL, updated_at = ${tx.now.toISOString()}::timestamptz WHERE id = ${item.id}`);
        // The content stays, refused to everyone by the policy from this commit (is_restricted).
        await tx.db.execute(sql`UPDATE ${sql.identifier(CONTENT_TABLES[item.itemType])} SET is_restricted = true WHERE id = ${item.itemId}`);
        const certificate = await writeCertificate(tx, loaded, { outcome: "restricted", approvals: approvals.get(item.id) ?? [], disposedBy: tx.actor.userId });
        result = { ...result, state: "restricted", stage: null, certificateId: certificate.id };
        break;
      }
    }

    await recordAudit(tx, {
      action: "record.review",
      subjectType: item.itemType,
      subjectId: item.itemId,
      spaceId: item.spaceId,
      markingBefore: loaded.marking ?? undefined,
      // The decision, never the content; the comment is kept with the decision itself.
      details: { recordItemId: item.id, decision: input.decision, stage, stages: stages.length, labelId: label.id, newDueOn, newLabelId: newLabel?.id ?? null, addedReviewerIds: addedIds },
    });
    return result;
  });

  // Whoever has a restricted document open loses it now, not at the next periodic re-check.
  if (outcome.state === "restricted") signalAccessChanged();
  if (outcome.state !== "approved") return outcome;
  // The last stage approved: disposed at once, in its own transaction (the sweep retries a failure).
  try {
    const certificate = await disposeRecordItem(ctx, { recordItemId: outcome.recordItemId, disposedBy: ctx.actor.userId });
    return certificate ? { ...outcome, state: "disposed", certificateId: certificate.id } : outcome;
  } catch (err) {
    console.error(`[${ctx.requestId}] record item ${outcome.recordItemId} approved; its disposal failed and is left to the sweep`, err);
    return outcome;
  }
}
