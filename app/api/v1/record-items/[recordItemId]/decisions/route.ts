import { apiRoute } from "@/lib/http/api-route";
import { readJsonObject } from "@/lib/http/read-json-object";
import { decideDisposalReview } from "@/lib/records/decide-disposal-review";

// POST /api/v1/record-items/{recordItemId}/decisions: a disposal review decision { decision: approve | extend | relabel | add_reviewers | restrict, comment, newDueOn?, newLabelId?, reviewerIds? } at the item's current stage.
export const POST = apiRoute<{ recordItemId: string }>(
  async (ctx, req, { recordItemId }) => decideDisposalReview(ctx, { ...(await readJsonObject(req, "{ decision, comment, newDueOn?, newLabelId?, reviewerIds? }")), recordItemId }),
  { requireSameOrigin: true },
);
