import { apiRoute } from "@/lib/http/api-route";
import { listDisposalCertificates } from "@/lib/records/list-disposal-certificates";

// GET /api/v1/disposal-certificates?q=&from=&to=&limit=: the certificates of disposal still kept, for the agency's records managers and auditors; newest first; each with `sharePoint`, what became of the item's SharePoint copy (deleted, pending, refused with SharePoint's reason, failed; null when it had none), read at read time.
export const GET = apiRoute(async (ctx, req) => {
  const q = req.nextUrl.searchParams;
  return listDisposalCertificates(ctx, { q: q.get("q") ?? undefined, from: q.get("from") ?? undefined, to: q.get("to") ?? undefined, limit: q.get("limit") ?? undefined });
});
