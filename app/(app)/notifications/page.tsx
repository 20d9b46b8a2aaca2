import Link from "next/link";
import { requireActorContext } from "@/lib/auth/get-actor";
import { InvalidInputError } from "@/lib/errors";
import { listNotifications, type NotificationPage, type NotificationView } from "@/lib/notifications/list-notifications";
import { countUnreadNotifications } from "@/lib/notifications/count-unread-notifications";
import type { PolicyCtx } from "@/lib/context";
import { MarkingBadge } from "../../ui/marking-badge";
import { formatDateTime } from "../../ui/format";
import { markAllNotificationsReadAction, markNotificationReadAction } from "./actions";

export const metadata = { title: "Notifications" };

type Props = { searchParams: Promise<{ cursor?: string | string[] }> };

const KIND_LABELS: Record<NotificationView["kind"], string> = {
  "card-assigned": "Assigned to you",
  "card-due-soon": "Due soon",
  "card-overdue": "Overdue",
  "briefing-published": "Briefing",
  "record-review-due": "Disposal review",
  "comment-mention": "Mention",
  "comment-reply": "Comment reply",
  "access-expiring": "Access ending",
  "sync-failed": "SharePoint sync",
};

/** A page of notifications; a cursor this list did not give falls back to the newest page rather than failing. */
async function pageOf(ctx: PolicyCtx, cursor: string | undefined): Promise<NotificationPage> {
  try {
    return await listNotifications(ctx, { cursor });
  } catch (err) {
    if (err instanceof InvalidInputError && cursor) return listNotifications(ctx, {});
    throw err;
  }
}

/**
 * The reader's notifications, newest first (lib/notifications/list-notifications.ts): each names
 * its kind and space, and links to its card or briefing only while they may read it; otherwise a
 * neutral sentence with no title. Unread ones are marked, each can be marked read, or all at once.
 */
export default async function NotificationsPage({ searchParams }: Props) {
  const { cursor: rawCursor } = await searchParams;
  const cursor = typeof rawCursor === "string" && rawCursor !== "" ? rawCursor : undefined;
  const ctx = await requireActorContext();
  const [{ items, nextCursor }, unreadCount] = await Promise.all([pageOf(ctx, cursor), countUnreadNotifications(ctx)]);
  return (
    <>
      <h1>Notifications</h1>
      <p>
        Cards assigned to you or due, briefings to read, mentions and replies in comments, access about to end, and changes that could not reach
        SharePoint. A title is shown only for what you can open now. Choose what you receive in{" "}
        <Link href="/settings/notifications">notification settings</Link>.
      </p>
      <div style={{ display: "flex", gap: "1rem", alignItems: "center", flexWrap: "wrap", marginBottom: "1rem" }}>
        <p className="meta" style={{ margin: 0 }} data-testid="unread-count">
          {unreadCount === 0 ? "Nothing unread." : `${unreadCount} unread.`}
        </p>
        {unreadCount > 0 && (
          <form action={markAllNotificationsReadAction}>
            <button type="submit" className="button button-secondary button-small">
              Mark all as read
            </button>
          </form>
        )}
      </div>
      {items.length === 0 ? (
        <div className="card empty">
          <p>{cursor ? "No older notifications." : "You have no notifications."}</p>
          <p>When a card is assigned to you, falls due or is overdue, a briefing is published to you, or someone mentions you in a comment, it will appear here.</p>
        </div>
      ) : (
        <ul aria-label="Notifications" style={{ listStyle: "none", padding: 0 }}>
          {items.map((n) => (
            <NotificationItem key={n.id} notification={n} />
          ))}
        </ul>
      )}
      <nav aria-label="Pages of notifications" className="meta">
        {cursor && <Link href="/notifications">Newest</Link>}
        {cursor && nextCursor && " · "}
        {nextCursor && <Link href={`/notifications?cursor=${encodeURIComponent(nextCursor)}`}>Older notifications</Link>}
      </nav>
    </>
  );
}

/** One notification: unread marked in words (not by colour alone), linked only when its subject is readable. */
function NotificationItem({ notification: n }: { notification: NotificationView }) {
  return (
    <li className="card" data-testid="notification" data-unread={n.isUnread ? "true" : "false"} style={{ marginBottom: "0.75rem", borderLeft: n.isUnread ? "4px solid var(--primary)" : undefined }}>
      {n.isUnread && (
        <>
          <span className="badge badge-warning">Unread</span>{" "}
        </>
      )}
      {n.subject ? (
        <>
          <Link href={n.subject.href} style={{ fontWeight: n.isUnread ? 600 : undefined }}>
            {n.text}
          </Link>{" "}
          <MarkingBadge marking={n.subject.marking} rank={n.subject.markingRank} />
        </>
      ) : (
        <span style={{ fontWeight: n.isUnread ? 600 : undefined }}>{n.text}</span>
      )}
      <br />
      <span className="meta">
        {KIND_LABELS[n.kind]}
        {n.subject && n.space && ` · ${n.space.name}`}
        {n.subject?.dueAt && ` · Due ${formatDateTime(n.subject.dueAt)}`}
        {` · ${formatDateTime(n.createdAt)}`}
      </span>
      {n.isUnread && (
        <form action={markNotificationReadAction} style={{ display: "inline", marginLeft: "0.75rem" }}>
          <input type="hidden" name="notificationId" value={n.id} />
          <button type="submit" className="button-link">
            Mark as read<span className="visually-hidden">: {n.text}</span>
          </button>
        </form>
      )}
    </li>
  );
}
