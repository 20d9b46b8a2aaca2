import { apiRoute } from "@/lib/http/api-route";
import { readJsonObject } from "@/lib/http/read-json-object";
import { createSubmission } from "@/lib/submissions/create-submission";
import { listSubmissions } from "@/lib/submissions/list-submissions";
import { filtersFromQuery } from "@/lib/submissions/submission-filters";

// GET /api/v1/forms/{formId}/submissions?status=&spaceId=&submittedFrom=&submittedTo=&owner=&q=: the form's submissions the caller may read, filtered, newest first.
export const GET = apiRoute<{ formId: string }>(async (ctx, req, { formId }) => listSubmissions(ctx, { formId, ...filtersFromQuery(req.nextUrl.searchParams) }));

// POST /api/v1/forms/{formId}/submissions: starts a draft { spaceId, marking?, answers? } of the form's current version.
export const POST = apiRoute<{ formId: string }>(async (ctx, req, { formId }) => createSubmission(ctx, { ...(await readJsonObject(req, "{ spaceId, marking?, answers? }")), formId }), { requireSameOrigin: true });
