import { apiRoute } from "@/lib/http/api-route";
import { readUploadForm } from "@/lib/http/read-upload-form";
import { InvalidInputError } from "@/lib/errors";
import { fileServices } from "@/lib/files/file-services";
import { listFiles } from "@/lib/files/list-files";
import { uploadFile } from "@/lib/files/upload-file";

// GET /api/v1/spaces/{spaceId}/files?limit=: the space's files the caller may read, newest first; 404 when the space is invisible.
export const GET = apiRoute<{ spaceId: string }>(async (ctx, req, { spaceId }) =>
  listFiles(ctx, { spaceId, limit: req.nextUrl.searchParams.get("limit") ?? undefined }),
);

// POST /api/v1/spaces/{spaceId}/files (multipart: file, optional marking): uploads a file; its metadata, with a notice when quarantined.
export const POST = apiRoute<{ spaceId: string }>(async (ctx, req, { spaceId }) => {
  const form = await readUploadForm(req, fileServices().maxUploadBytes);
  const file = form.get("file");
  if (!(file instanceof File)) throw new InvalidInputError("Choose a file to upload");
  const marking = form.get("marking");
  return uploadFile(ctx, {
    spaceId,
    name: file.name,
    marking: typeof marking === "string" ? marking : undefined,
    bytes: new Uint8Array(await file.arrayBuffer()),
  });
}, { requireSameOrigin: true });
