import { apiRoute } from "@/lib/http/api-route";
import { deleteFile } from "@/lib/files/delete-file";
import { getFile } from "@/lib/files/get-file";
import { headerJustification } from "@/lib/http/request-justification";

// GET /api/v1/files/{fileId}: one file's metadata; 404 when invisible; 428 when the caller's agency asks for a justification (Accord-Justification header) and none was given within the last hour.
export const GET = apiRoute<{ fileId: string }>(async (ctx, req, { fileId }) => getFile(ctx, { fileId, justification: headerJustification(req) }));

// DELETE /api/v1/files/{fileId}: deletes the file; 404 when invisible, 403 when visible but not the caller's to delete.
export const DELETE = apiRoute<{ fileId: string }>(async (ctx, _req, { fileId }) => deleteFile(ctx, { fileId }), { requireSameOrigin: true });
