import { apiRoute } from "@/lib/http/api-route";
import { readJsonObject } from "@/lib/http/read-json-object";
import { getSubmission } from "@/lib/submissions/get-submission";
import { saveSubmission } from "@/lib/submissions/save-submission";

// GET /api/v1/submissions/{submissionId}: the submission, its submitted versions and reviews; 404 when invisible.
export const GET = apiRoute<{ submissionId: string }>(async (ctx, _req, { submissionId }) => getSubmission(ctx, { submissionId }));

// PATCH /api/v1/submissions/{submissionId}: saves a draft's answers { expectedVersion, answers }; 409 when stale, 400 with every field's error in error.issues.
export const PATCH = apiRoute<{ submissionId: string }>(async (ctx, req, { submissionId }) => saveSubmission(ctx, { ...(await readJsonObject(req, "{ expectedVersion, answers }")), submissionId }), {
  requireSameOrigin: true,
});
