// GET /api/v1/forms/{formId}/results.csv?spaceId=&status=: the form's submissions the caller may read, as CSV (formula-safe), audited as a disclosure.
import { apiBinaryRoute } from "@/lib/http/api-binary-route";
import { exportSubmissionsCsv } from "@/lib/submissions/export-submissions-csv";

export const GET = apiBinaryRoute<{ formId: string }>(async (ctx, req, { formId }) =>
  exportSubmissionsCsv(ctx, { formId, spaceId: req.nextUrl.searchParams.get("spaceId") ?? undefined, status: (req.nextUrl.searchParams.get("status") ?? undefined) as never }),
);
