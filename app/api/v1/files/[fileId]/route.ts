import { apiRoute } from "@/lib/http/api-route";
import { deleteFile } from "@/lib/files/delete-file";
import { getFile } from "@/lib/files/get-file";

// GET /api/v1/files/{fileId}: one file's metadata; 404 when invisible.
export const GET = apiRoute<{ fileId: string }>(async (ctx, _req, { fileId }) => getFile(ctx, { fileId }));

// DELETE /api/v1/files/{fileId}: deletes the file; 404 when invisible, 403 when visible but not the caller's to delete.
export const DELETE = apiRoute<{ fileId: string }>(async (ctx, _req, { fileId }) => deleteFile(ctx, { fileId }), { requireSameOrigin: true });
