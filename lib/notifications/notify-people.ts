/**
 * Stores notifications for people, inside the caller's transaction, so that a notification
 * exists exactly when the change it tells of was committed. The caller has already decided,
 * through the policy, that each recipient may be told (an assignee who may read the card, a
 * briefing's audience); this only stores. A notification holds no content (no title, no text):
 * what it shows of its subject is decided again by the subject's rules each time it is read
 * (list-notifications.ts), so it never reveals what a recipient may not, or may no longer, read.
 * The same (recipient, dedupe key) is stored once only, so repeating an operation or a sweep
 * tells nobody twice.
 *
 * Each person's choices (notification_preferences) are respected here, once for every caller: a
 * kind they turned off in the app is not stored at all, and an e-mail is queued (in this same
 * transaction, sent by the job queue after the commit: email-queue.ts) for each notification
 * newly stored whose kind they receive by e-mail, and for the e-mail-only ones (in the app off,
 * e-mail on). Those have no row to remember them by, so the e-mail job's own key keeps the same
 * event from being e-mailed twice (send-notification-email.ts); the reminder sweeps skip in SQL
 * whoever turned their kind off in the app, so those are neither stored nor e-mailed.
 */
import { notifications, type NotificationKind } from "@/db/schema";
import type { Ctx } from "../context";
import { isNotificationEmailOn, queueNotificationEmails } from "./email-queue";
import { preferencesFor } from "./list-notification-preferences";

/**
 * What a notification is about: the kind of subject and the operation's own names for it.
 * "record_item": a labelled item due for disposal review (its subject id is the record_items row's);
 * "comment_thread": a thread on a document (mention, reply); "document" / "file": a synced item
 * (sync failure); "space": one's membership of it, "agreement": an agreement a space runs under,
 * "user": one's own vetting (access expiring).
 */
export type NotificationSubjectType = "card" | "briefing" | "record_item" | "comment_thread" | "document" | "file" | "space" | "agreement" | "user";

export type NotifyPersonInput = {
  recipientId: string;
  kind: NotificationKind;
  /** The space it is in; null only for what belongs to no space (one's vetting). */
  spaceId: string | null;
  subjectType: NotificationSubjectType;
  subjectId: string;
  /** Unique per recipient for this event (e.g. `card-overdue:<card id>:<due instant>`). */
  dedupeKey: string;
};

/** Rows written per INSERT: a bound on one statement's parameters (seven a row). */
const INSERT_CHUNK = 500;

/**
 * Stores the notifications not already stored (same recipient and dedupe key) for people who
 * receive their kind in the app, queues the e-mails, and returns those newly stored.
 */
export async function notifyPeople(ctx: Ctx, input: NotifyPersonInput[]): Promise<NotifyPersonInput[]> {
  const unique = [...new Map(input.map((n) => [`${n.recipientId} ${n.dedupeKey}`, n])).values()];
  const isEmailOn = isNotificationEmailOn();
  const created: NotifyPersonInput[] = [];
  for (let i = 0; i < unique.length; i += INSERT_CHUNK) {
    const chunk = unique.slice(i, i + INSERT_CHUNK);
    const choiceOf = await preferencesFor(ctx, chunk.map((n) => n.recipientId), chunk.map((n) => n.kind));
    const inApp = chunk.filter((n) => choiceOf(n.recipientId, n.kind).inApp);
    const emailOnly = chunk.filter((n) => !choiceOf(n.recipientId, n.kind).inApp && choiceOf(n.recipientId, n.kind).email);
    const rows =
      inApp.length === 0
        ? []
        : await ctx.db
            .insert(notifications)
            .values(inApp.map((n) => ({ ...n, createdAt: ctx.now })))
            .onConflictDoNothing({ target: [notifications.recipientId, notifications.dedupeKey] })
            .returning({ recipientId: notifications.recipientId, dedupeKey: notifications.dedupeKey });
    const stored = new Set(rows.map((r) => `${r.recipientId} ${r.dedupeKey}`));
    const newlyStored = inApp.filter((n) => stored.has(`${n.recipientId} ${n.dedupeKey}`));
    created.push(...newlyStored);
    if (isEmailOn) {
      const toEmail = [...newlyStored.filter((n) => choiceOf(n.recipientId, n.kind).email), ...emailOnly];
      await queueNotificationEmails(
        ctx,
        toEmail.map((n) => ({ recipientId: n.recipientId, kind: n.kind, spaceId: n.spaceId, dedupeKey: n.dedupeKey })),
      );
    }
  }
  return created;
}
