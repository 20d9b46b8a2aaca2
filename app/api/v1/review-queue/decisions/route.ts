import { apiRoute } from "@/lib/http/api-route";
import { readJsonObject } from "@/lib/http/read-json-object";
import { decideDisposalReviews } from "@/lib/records/decide-disposal-reviews";

// POST /api/v1/review-queue/decisions: one decision { recordItemIds[], decision, comment, newDueOn?, newLabelId?, reviewerIds? } on up to 200 items of the caller's queue, each decided (and refused) on its own; answers each item's outcome.
export const POST = apiRoute(async (ctx, req) => decideDisposalReviews(ctx, await readJsonObject(req, "{ recordItemIds, decision, comment, newDueOn?, newLabelId?, reviewerIds? }")), { requireSameOrigin: true });
