// GET /api/v1/documents/{documentId}/export?format=docx|pdf|html: the document as a file to save, audited as a disclosure; 400 for an unknown format, 404 when invisible, 428 when the caller's agency asks for a justification (Accord-Justification header) and none was given.
// POST /api/v1/documents/{documentId}/export (form: format, justification): the same, from the document page's export form, where a justification is asked for.
import { apiBinaryRoute } from "@/lib/http/api-binary-route";
import { exportDocument } from "@/lib/documents/export-document";
import { headerJustification, postedFields } from "@/lib/http/request-justification";

export const GET = apiBinaryRoute<{ documentId: string }>(async (ctx, req, { documentId }) =>
  exportDocument(ctx, { documentId, format: req.nextUrl.searchParams.get("format"), justification: headerJustification(req) }),
);

export const POST = apiBinaryRoute<{ documentId: string }>(
  async (ctx, req, { documentId }) => {
    const form = await postedFields(req);
    return exportDocument(ctx, { documentId, format: form.format, justification: form.justification ?? headerJustification(req) });
  },
  { requireSameOrigin: true },
);
