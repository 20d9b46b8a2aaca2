// GET /api/v1/documents/{documentId}: one document's metadata; 404 when invisible; 428 when the caller's agency asks for a justification (Accord-Justification header) and none was given within the last hour.
// DELETE /api/v1/documents/{documentId}: deletes it (content, versions, comments); 404 when invisible, 403 when visible but not the caller's to delete, 409 when held or a declared record.
import { apiRoute } from "@/lib/http/api-route";
import { getDocument } from "@/lib/documents/get-document";
import { headerJustification } from "@/lib/http/request-justification";
import { deleteDocument } from "@/lib/documents/delete-document";

export const GET = apiRoute<{ documentId: string }>(async (ctx, req, { documentId }) => getDocument(ctx, { documentId, justification: headerJustification(req) }));
export const DELETE = apiRoute<{ documentId: string }>(async (ctx, _req, { documentId }) => deleteDocument(ctx, { documentId }), { requireSameOrigin: true });
