import { apiRoute } from "@/lib/http/api-route";
import { readJsonObject } from "@/lib/http/read-json-object";
import { submitSubmission } from "@/lib/submissions/submit-submission";

// POST /api/v1/submissions/{submissionId}/submit: submits { expectedVersion, answers? } after checking it in full; every submitted version is kept.
export const POST = apiRoute<{ submissionId: string }>(async (ctx, req, { submissionId }) => submitSubmission(ctx, { ...(await readJsonObject(req, "{ expectedVersion, answers? }")), submissionId }), {
  requireSameOrigin: true,
});
