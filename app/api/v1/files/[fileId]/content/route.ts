import { apiRawRoute } from "@/lib/http/api-route";
import { downloadHeaders } from "@/lib/files/download-headers";
import { readFileContent } from "@/lib/files/read-file-content";
import type { PolicyCtx } from "@/lib/context";
import { headerJustification, postedFields } from "@/lib/http/request-justification";

async function download(ctx: PolicyCtx, fileId: string, justification: string | null | undefined): Promise<Response> {
  const content = await readFileContent(ctx, { fileId, justification });
  return new Response(content.stream, { status: 200, headers: downloadHeaders(content) });
}

// GET /api/v1/files/{fileId}/content: the file's bytes as an attachment (also the src of images in documents); 404 when invisible, 409 while quarantined, 428 when the caller's agency asks for a justification (Accord-Justification header) and none was given within the last hour.
export const GET = apiRawRoute<{ fileId: string }>(async (ctx, req, { fileId }) => download(ctx, fileId, headerJustification(req)));

// POST /api/v1/files/{fileId}/content (form: justification): the same, from the space's file list, where a justification is asked for.
export const POST = apiRawRoute<{ fileId: string }>(
  async (ctx, req, { fileId }) => download(ctx, fileId, (await postedFields(req)).justification ?? headerJustification(req)),
  { requireSameOrigin: true },
);
