// GET /api/v1/documents/{documentId}: one document's metadata; 404 when invisible.
import { apiRoute } from "@/lib/http/api-route";
import { getDocument } from "@/lib/documents/get-document";

export const GET = apiRoute<{ documentId: string }>(async (ctx, _req, { documentId }) => getDocument(ctx, { documentId }));
