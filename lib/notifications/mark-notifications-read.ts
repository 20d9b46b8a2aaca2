/**
 * Marks some of the actor's notifications read (named by id), or all of them. Only one's own:
 * the policy's "update" on Notification, checked for every id named, and its SQL filter bounds
 * the UPDATE as well, so that no id can reach someone else's row. An id that is someone else's,
 * or names nothing, is 404 and nothing changes (not even the actor's own among the ids), so the
 * answer never tells whether another person's notification exists. Marking what is already read
 * changes nothing and records nothing; otherwise audited as "notification.read" in the same
 * transaction.
 */
import { and, inArray, isNull } from "drizzle-orm";
import { z } from "zod";
import { notifications } from "@/db/schema";
import { authorize } from "@/policies/authorize";
import { accessibleWhere } from "@/policies/to-sql";
import { NotFoundError, parseInput } from "../errors";
import { inTransaction, type PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { notificationColumns } from "../authz/columns";
import { isUuid } from "../spaces/get-space";
import { countUnreadNotifications } from "./count-unread-notifications";

/** The most notifications one request names by id (a page's worth). */
export const MARK_READ_MAX = 100;

export const ZMarkNotificationsRead = z
  .object({
    ids: z
      .array(z.string({ message: "A notification must be named by its id" }).max(100), { message: "ids must be a list of notification ids" })
      .min(1, "Name at least one notification, or send { all: true }")
      .max(MARK_READ_MAX, `Name at most ${MARK_READ_MAX} notifications at once, or send { all: true }`)
      .transform((ids) => [...new Set(ids.map((id) => id.toLowerCase()))])
      .optional(),
    all: z.literal(true, { message: "all must be true" }).optional(),
  })
  .refine((v) => (v.ids === undefined) !== (v.all === undefined), "Send either { ids: [...] } or { all: true }");
export type MarkNotificationsReadInput = z.input<typeof ZMarkNotificationsRead>;

/** Marks the notifications read; returns how many changed and how many remain unread. */
export async function markNotificationsRead(ctx: PolicyCtx, raw: unknown): Promise<{ marked: number; unreadCount: number }> {
  const input = parseInput(ZMarkNotificationsRead, raw);
  return inTransaction(ctx, async (tx) => {
    const ids = input.ids;
    if (ids) {
      // Checked before querying: a malformed uuid would abort the transaction in PostgreSQL.
      if (!ids.every(isUuid)) throw new NotFoundError();
      const rows = await tx.db.select({ id: notifications.id, recipientId: notifications.recipientId }).from(notifications).where(inArray(notifications.id, ids));
      if (rows.length !== ids.length) throw new NotFoundError();
      for (const row of rows) authorize(tx.ability, "update", "Notification", { recipientId: row.recipientId });
    }
    const mayUpdate = accessibleWhere(tx.ability, "update", "Notification", notificationColumns);
    if (!mayUpdate) return { marked: 0, unreadCount: 0 };
    const marked = await tx.db
      .update(notifications)
      .set({ readAt: tx.now })
      .where(and(mayUpdate, isNull(notifications.readAt), ids ? inArray(notifications.id, ids) : undefined))
      .returning({ id: notifications.id });
    if (marked.length > 0) {
      await recordAudit(tx, {
        action: "notification.read",
        subjectType: "notification",
        subjectId: marked.length === 1 ? marked[0]!.id : undefined,
        details: ids ? { count: marked.length, notificationIds: marked.map((m) => m.id) } : { count: marked.length, all: true },
      });
    }
    return { marked: marked.length, unreadCount: await countUnreadNotifications(tx) };
  });
}
