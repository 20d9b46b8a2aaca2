// GET /api/v1/submissions/{submissionId}/pdf?disclosable=1: the submission as a printable PDF (marking and declaration on every page), audited as a disclosure; 404 when invisible.
import { apiBinaryRoute } from "@/lib/http/api-binary-route";
import { exportSubmissionPdf } from "@/lib/submissions/export-submission-pdf";

export const GET = apiBinaryRoute<{ submissionId: string }>(async (ctx, req, { submissionId }) =>
  exportSubmissionPdf(ctx, { submissionId, disclosable: req.nextUrl.searchParams.get("disclosable") === "1" }),
);
