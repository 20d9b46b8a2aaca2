// GET /api/v1/documents?spaceId=&limit=&cursor=: documents the caller may read, newest first.
import { apiRoute } from "@/lib/http/api-route";
import { listDocuments } from "@/lib/documents/list-documents";

export const GET = apiRoute(async (ctx, req) => {
  const q = req.nextUrl.searchParams;
  return listDocuments(ctx, {
    spaceId: q.get("spaceId") ?? undefined,
    limit: q.get("limit") ?? undefined,
    cursor: q.get("cursor") ?? undefined,
  });
});
