import { apiRoute } from "@/lib/http/api-route";
import { listSubmissionVersions } from "@/lib/submissions/list-submission-versions";

// GET /api/v1/submissions/{submissionId}/versions: every kept (submitted) version with its answers, who saved it, when, and its review; 404 when invisible.
export const GET = apiRoute<{ submissionId: string }>(async (ctx, _req, { submissionId }) => listSubmissionVersions(ctx, { submissionId }));
