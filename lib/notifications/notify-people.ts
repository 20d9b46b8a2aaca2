/**
 * Stores notifications for people, inside the caller's transaction, so that a notification
 * exists exactly when the change it tells of was committed. The caller has already decided,
 * through the policy, that each recipient may be told (an assignee who may read the card, a
 * briefing's audience); this only stores. A notification holds no content (no title, no text):
 * what it shows of its subject is decided again by the subject's rules each time it is read
 * (list-notifications.ts), so it never reveals what a recipient may not, or may no longer, read.
 * The same (recipient, dedupe key) is stored once only, so repeating an operation or a sweep
 * tells nobody twice.
 */
import { notifications, type NotificationKind } from "@/db/schema";
import type { Ctx } from "../context";

/** What a notification is about: the kind of subject and the operation's own names for it. */
/** "record_item": a labelled item due for disposal review (its subject id is the record_items row's). */
export type NotificationSubjectType = "card" | "briefing" | "record_item";

export type NotifyPersonInput = {
  recipientId: string;
  kind: NotificationKind;
  spaceId: string;
  subjectType: NotificationSubjectType;
  subjectId: string;
  /** Unique per recipient for this event (e.g. `card-overdue:<card id>:<due instant>`). */
  dedupeKey: string;
};

/** Rows written per INSERT: a bound on one statement's parameters (seven a row). */
const INSERT_CHUNK = 500;

/** Stores the notifications not already stored (same recipient and dedupe key); returns those newly stored. */
export async function notifyPeople(ctx: Ctx, input: NotifyPersonInput[]): Promise<NotifyPersonInput[]> {
  const unique = [...new Map(input.map((n) => [`${n.recipientId} ${n.dedupeKey}`, n])).values()];
  const created: NotifyPersonInput[] = [];
  for (let i = 0; i < unique.length; i += INSERT_CHUNK) {
    const chunk = unique.slice(i, i + INSERT_CHUNK);
    const rows = await ctx.db
      .insert(notifications)
      .values(chunk.map((n) => ({ ...n, createdAt: ctx.now })))
      .onConflictDoNothing({ target: [notifications.recipientId, notifications.dedupeKey] })
      .returning({ recipientId: notifications.recipientId, dedupeKey: notifications.dedupeKey });
    const stored = new Set(rows.map((r) => `${r.recipientId} ${r.dedupeKey}`));
    created.push(...chunk.filter((n) => stored.has(`${n.recipientId} ${n.dedupeKey}`)));
  }
  return created;
}
