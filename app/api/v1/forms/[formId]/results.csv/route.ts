// GET /api/v1/forms/{formId}/results.csv?status=&spaceId=&submittedFrom=&submittedTo=&owner=&q=: the form's submissions the caller may read, filtered as the results page filters them, as CSV (formula-safe), audited as a disclosure.
import { apiBinaryRoute } from "@/lib/http/api-binary-route";
import { exportSubmissionsCsv } from "@/lib/submissions/export-submissions-csv";
import { filtersFromQuery } from "@/lib/submissions/submission-filters";

export const GET = apiBinaryRoute<{ formId: string }>(async (ctx, req, { formId }) => exportSubmissionsCsv(ctx, { formId, ...filtersFromQuery(req.nextUrl.searchParams) }));
