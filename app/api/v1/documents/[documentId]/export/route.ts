// GET /api/v1/documents/{documentId}/export?format=docx|pdf|html: the document as a file to save, audited as a disclosure; 400 for an unknown format, 404 when invisible.
import { apiBinaryRoute } from "@/lib/http/api-binary-route";
import { exportDocument } from "@/lib/documents/export-document";

export const GET = apiBinaryRoute<{ documentId: string }>(async (ctx, req, { documentId }) =>
  exportDocument(ctx, { documentId, format: req.nextUrl.searchParams.get("format") }),
);
