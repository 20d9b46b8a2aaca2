import { apiRoute } from "@/lib/http/api-route";
import { listNotifications } from "@/lib/notifications/list-notifications";
import { countUnreadNotifications } from "@/lib/notifications/count-unread-notifications";

// GET /api/v1/notifications?limit=&cursor=: the caller's own notifications, newest first, with the unread count; limit=0 answers the count alone (what the bell polls).
export const GET = apiRoute(async (ctx, req) => {
  const q = req.nextUrl.searchParams;
  const unreadCount = await countUnreadNotifications(ctx);
  if (q.get("limit") === "0") return { items: [], nextCursor: null, unreadCount };
  return { ...(await listNotifications(ctx, { limit: q.get("limit") ?? undefined, cursor: q.get("cursor") ?? undefined })), unreadCount };
});
