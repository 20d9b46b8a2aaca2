import { apiRoute } from "@/lib/http/api-route";
import { listRecordItems } from "@/lib/records/list-record-items";

// GET /api/v1/record-items?labelId&state&dueFrom&dueTo&limit: the caller's agency's labelled items they may see, soonest due first (empty for those with no records role).
export const GET = apiRoute(async (ctx, req) => {
  const q = req.nextUrl.searchParams;
  const param = (name: string) => q.get(name) ?? undefined;
  return listRecordItems(ctx, { labelId: param("labelId"), state: param("state") as "retained" | undefined, dueFrom: param("dueFrom"), dueTo: param("dueTo"), limit: param("limit") as unknown as number | undefined });
});
