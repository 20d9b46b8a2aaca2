/**
 * Stores what the actor chooses to receive, per kind: in the app and by e-mail. Only one's own
 * choices (the rows are keyed by the signed-in actor; no input names a person). A kind left out
 * keeps its choice, and so does the e-mail choice when it is not given (the settings page shows no
 * e-mail column while e-mail is off, and must not turn it off by saying nothing). Audited as
 * "notification.preferences_update" in the same transaction, with what changed; nothing changed,
 * nothing written or recorded.
 */
import { sql } from "drizzle-orm";
import { z } from "zod";
import { NOTIFICATION_KINDS, notificationPreferences, type NotificationKind } from "@/db/schema";
import { parseInput } from "../errors";
import { inTransaction, type PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { listNotificationPreferences, type NotificationPreference } from "./list-notification-preferences";

export const ZSetNotificationPreferences = z.object({
  preferences: z
    .array(
      z.object({
        kind: z.enum(NOTIFICATION_KINDS, { message: "That is not a kind of notification" }),
        inApp: z.boolean({ message: "inApp must be true or false" }),
        email: z.boolean({ message: "email must be true or false" }).optional(),
      }),
      { message: "preferences must be a list" },
    )
    .max(NOTIFICATION_KINDS.length, "Name each kind once")
    .refine((list) => new Set(list.map((p) => p.kind)).size === list.length, "Name each kind once"),
});
export type SetNotificationPreferencesInput = z.input<typeof ZSetNotificationPreferences>;

/** Stores the choices; returns every kind's choice as it now is. */
export async function setNotificationPreferences(ctx: PolicyCtx, raw: unknown): Promise<NotificationPreference[]> {
  const input = parseInput(ZSetNotificationPreferences, raw);
  return inTransaction(ctx, async (tx) => {
    const before = new Map((await listNotificationPreferences(tx)).map((p) => [p.kind, p]));
    const changed: { kind: NotificationKind; before: { inApp: boolean; email: boolean }; after: { inApp: boolean; email: boolean } }[] = [];
    for (const p of input.preferences) {
      const was = before.get(p.kind)!;
      const next = { inApp: p.inApp, email: p.email ?? was.email };
      if (next.inApp !== was.inApp || next.email !== was.email) changed.push({ kind: p.kind, before: { inApp: was.inApp, email: was.email }, after: next });
    }
    if (changed.length === 0) return [...before.values()];
    await tx.db
      .insert(notificationPreferences)
      .values(changed.map((c) => ({ userId: tx.actor.userId, kind: c.kind, inApp: c.after.inApp, email: c.after.email, updatedAt: tx.now })))
      .onConflictDoUpdate({
        target: [notificationPreferences.userId, notificationPreferences.kind],
        set: { inApp: sql`excluded.in_app`, email: sql`excluded.email`, updatedAt: sql`excluded.updated_at` },
      });
    await recordAudit(tx, {
      action: "notification.preferences_update",
      subjectType: "user",
      subjectId: tx.actor.userId,
      details: { changes: changed },
    });
    return listNotificationPreferences(tx);
  });
}
