"use client";
/**
 * The header's notification bell: a link to /notifications whose accessible name carries the
 * unread count ("Notifications, 3 unread"). The count is rendered by the server on each page load
 * (app/(app)/layout.tsx) and refreshed every minute, while the tab is visible, through the API's
 * count-only answer (GET /api/v1/notifications?limit=0, which names no content), so a reminder
 * made by the sweep shows without a reload.
 */
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useState } from "react";

const POLL_MS = 60_000;

/** The accessible name for `count` unread notifications. */
export function bellLabel(count: number): string {
  return count === 0 ? "Notifications, none unread" : `Notifications, ${count} unread`;
}

/** The bell, starting from the server's count. */
export function NotificationBell({ initialCount }: { initialCount: number }) {
  const pathname = usePathname();
  // The polled count, kept with the server count it followed: a newer server count (a page load,
  // a refresh after marking read) wins until the next poll.
  const [polled, setPolled] = useState<{ base: number; count: number } | null>(null);
  const count = polled && polled.base === initialCount ? polled.count : initialCount;

  useEffect(() => {
    let isCancelled = false;
    const poll = async () => {
      if (document.visibilityState !== "visible") return;
      try {
        const response = await fetch("/api/v1/notifications?limit=0", { cache: "no-store", credentials: "same-origin" });
        if (!response.ok) return;
        const body = (await response.json()) as { unreadCount?: unknown };
        if (!isCancelled && typeof body.unreadCount === "number") setPolled({ base: initialCount, count: body.unreadCount });
      } catch {
        // Offline for a moment: the next poll tries again.
      }
    };
    const timer = setInterval(() => void poll(), POLL_MS);
    const onVisible = () => void poll();
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      isCancelled = true;
      clearInterval(timer);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [initialCount]);

  const isCurrent = pathname === "/notifications";
  return (
    <Link
      href="/notifications"
      className="notification-bell"
      aria-label={bellLabel(count)}
      aria-current={isCurrent ? "page" : undefined}
      data-testid="notification-bell"
      style={{ display: "inline-flex", alignItems: "center", gap: "0.3rem", padding: "0.4rem 0.5rem", borderRadius: "var(--radius)", color: "var(--text)", textDecoration: "none" }}
    >
      <svg aria-hidden="true" focusable="false" width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
        <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
        <path d="M13.73 21a2 2 0 0 1-3.46 0" />
      </svg>
      {count > 0 && (
        <span className="badge badge-danger" aria-hidden="true">
          {count > 99 ? "99+" : count}
        </span>
      )}
    </Link>
  );
}
