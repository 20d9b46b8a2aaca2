// GET /api/v1/documents?spaceId=&limit=&cursor=: documents the caller may read, newest first.
import { apiRoute } from "@/lib/http/api-route";
import { listDocuments } from "@/lib/documents/list-documents";
import { createDocument, type CreateDocumentInput } from "@/lib/documents/create-document";
import { InvalidInputError } from "@/lib/errors";

export const GET = apiRoute(async (ctx, req) => {
  const q = req.nextUrl.searchParams;
  return listDocuments(ctx, {
    spaceId: q.get("spaceId") ?? undefined,
    limit: q.get("limit") ?? undefined,
    cursor: q.get("cursor") ?? undefined,
  });
});

// POST /api/v1/documents: creates a document { spaceId, title, marking? } in a space the caller may write to.
export const POST = apiRoute(async (ctx, req) => {
  const body = (await req.json().catch(() => null)) as unknown;
  if (!body || typeof body !== "object") throw new InvalidInputError("Send a JSON object: { spaceId, title, marking? }");
  return createDocument(ctx, body as CreateDocumentInput);
});
