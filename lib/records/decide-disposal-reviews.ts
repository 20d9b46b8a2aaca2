/**
 * One decision on many items of the review queue at once (issue 8; Purview's disposition review
 * lets a reviewer select items and approve them together): the same decision and comment for
 * each, each item decided exactly as decide-disposal-review.ts decides one, in its own
 * transaction, with its own policy check, audit event and (after the last stage) disposal and
 * certificate. So a refusal of one item (another reviewer decided it meanwhile, a hold placed
 * since the page was drawn, someone who may not review it) is that item's answer and leaves the
 * others decided; a problem with the decision itself (no comment, a day in the past) is the same
 * for every item and is thrown before any item is touched.
 *
 * The threat is the single decision's (a record destroyed by someone without the authority),
 * answered the same way: nothing here decides anything decide-disposal-review would not.
 */
import { z } from "zod";
import { AppError, InvalidInputError } from "../errors";
import type { PolicyCtx } from "../context";
import { isUuid } from "../spaces/get-space";
import { decideDisposalReview, parseDisposalDecision, type DisposalDecisionResult } from "./decide-disposal-review";

/** The most items one bulk decision takes (a queue page shows at most this many). */
export const MAX_BULK_DECISIONS = 200;

const ZIds = z
  .array(z.string().max(100), { message: "Choose the items to decide" })
  .min(1, "Choose at least one item to decide")
  .max(MAX_BULK_DECISIONS, `Decide at most ${MAX_BULK_DECISIONS} items at a time`);

/** One item's answer: its result, or why it was not decided (status and message as the API gives them). */
export type BulkDecisionOutcome = { recordItemId: string; result: DisposalDecisionResult | null; error: { status: number; code: string; message: string } | null };

export type BulkDecisionResult = { decided: number; refused: number; outcomes: BulkDecisionOutcome[] };

/** Decides each item in turn; returns every item's outcome, in the order given. */
export async function decideDisposalReviews(ctx: PolicyCtx, raw: unknown): Promise<BulkDecisionResult> {
  const body = (typeof raw === "object" && raw !== null ? raw : {}) as Record<string, unknown>;
  const { recordItemIds: rawIds, ...decision } = body;
  const ids = ZIds.safeParse(rawIds);
  if (!ids.success) {
    const message = ids.error.issues[0]?.message ?? "Choose the items to decide";
    throw new InvalidInputError(message, { issues: [{ path: "recordItemIds", message }] });
  }
  const unique = [...new Set(ids.data)];
  // The decision's own fields, checked once for all (the item id is each item's own).
  parseDisposalDecision({ ...decision, recordItemId: unique[0] });
  const outcomes: BulkDecisionOutcome[] = [];
  for (const recordItemId of unique) {
    if (!isUuid(recordItemId)) {
      outcomes.push({ recordItemId, result: null, error: { status: 404, code: "not_found", message: "There is no such item in your review queue" } });
      continue;
    }
    try {
      outcomes.push({ recordItemId, result: await decideDisposalReview(ctx, { ...decision, recordItemId }), error: null });
    } catch (err) {
      // The decision's fields were checked; a field error left is what the decision means today
      // (a new due day in the past, a label not in the file plan): the same for every item, so
      // on the first item it is the answer to the whole request, with nothing decided.
      if (err instanceof InvalidInputError && outcomes.length === 0) throw err;
      if (!(err instanceof AppError)) throw err;
      outcomes.push({ recordItemId, result: null, error: { status: err.status, code: err.code, message: err.message } });
    }
  }
  const decided = outcomes.filter((o) => o.result !== null).length;
  return { decided, refused: outcomes.length - decided, outcomes };
}
