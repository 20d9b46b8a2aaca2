/**
 * What a person has chosen to receive, per kind of notification: in the app, and by e-mail. No
 * row means the default (in the app yes; e-mail yes whenever e-mail is on), so a kind added later
 * reaches everyone until they turn it off. Only one's own: the choices are read for the signed-in
 * actor and nobody else (the operations that notify read them through preferencesFor, below).
 */
import { and, eq, inArray } from "drizzle-orm";
import { NOTIFICATION_KINDS, notificationPreferences, type NotificationKind } from "@/db/schema";
import type { Ctx, PolicyCtx } from "../context";

/** One kind's choice. */
export type NotificationPreference = { kind: NotificationKind; inApp: boolean; email: boolean };

/** Each kind in words, for the settings page and for e-mails (which name the kind and nothing more). */
export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, string> = {
  "card-assigned": "A card is assigned to you",
  "card-due-soon": "A card of yours is due within 24 hours",
  "card-overdue": "A card of yours is overdue",
  "briefing-published": "A briefing is published to you",
  "record-review-due": "An item waits for your disposal review",
  "comment-mention": "You are mentioned in a comment",
  "comment-reply": "Someone replies in a comment thread you are in",
  "access-expiring": "Your access to a space, an agreement or your vetting is about to end",
  "sync-failed": "A change of yours could not be synced to SharePoint",
};

const DEFAULT = { inApp: true, email: true } as const;

/** The actor's choice for every kind, defaults filled in, in the catalogue's order. */
export async function listNotificationPreferences(ctx: PolicyCtx): Promise<NotificationPreference[]> {
  const rows = await ctx.db.select().from(notificationPreferences).where(eq(notificationPreferences.userId, ctx.actor.userId));
  const byKind = new Map(rows.map((r) => [r.kind, r]));
  return NOTIFICATION_KINDS.map((kind) => ({ kind, inApp: byKind.get(kind)?.inApp ?? DEFAULT.inApp, email: byKind.get(kind)?.email ?? DEFAULT.email }));
}

/**
 * The choices of several people for one kind or more, for an operation about to notify them:
 * `${userId} ${kind}` → choice; anyone absent has the default.
 */
export async function preferencesFor(ctx: Ctx, userIds: string[], kinds: NotificationKind[]): Promise<(userId: string, kind: NotificationKind) => { inApp: boolean; email: boolean }> {
  const users = [...new Set(userIds)];
  const rows =
    users.length === 0
      ? []
      : await ctx.db
          .select()
          .from(notificationPreferences)
          .where(and(inArray(notificationPreferences.userId, users), inArray(notificationPreferences.kind, [...new Set(kinds)])));
  const map = new Map(rows.map((r) => [`${r.userId} ${r.kind}`, { inApp: r.inApp, email: r.email }]));
  return (userId, kind) => map.get(`${userId} ${kind}`) ?? DEFAULT;
}
