import { apiRoute } from "@/lib/http/api-route";
import { readJsonObject } from "@/lib/http/read-json-object";
import { reviewSubmission } from "@/lib/submissions/review-submission";

// POST /api/v1/submissions/{submissionId}/reviews: a supervisor returns { decision: "return", comment } or accepts { decision: "accept" } a submitted submission.
export const POST = apiRoute<{ submissionId: string }>(async (ctx, req, { submissionId }) => reviewSubmission(ctx, { ...(await readJsonObject(req, "{ decision, comment? }")), submissionId }), {
  requireSameOrigin: true,
});
