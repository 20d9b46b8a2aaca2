import { apiRawRoute } from "@/lib/http/api-route";
import { downloadHeaders } from "@/lib/files/download-headers";
import { readFileContent } from "@/lib/files/read-file-content";

// GET /api/v1/files/{fileId}/content: the file's bytes as an attachment (also the src of images in documents); 404 when invisible, 409 while quarantined.
export const GET = apiRawRoute<{ fileId: string }>(async (ctx, _req, { fileId }) => {
  const content = await readFileContent(ctx, { fileId });
  return new Response(content.stream, { status: 200, headers: downloadHeaders(content) });
});
