/**
 * How many of the actor's notifications are unread (the bell's number), filtered in SQL by the
 * policy like the list it counts, so it counts exactly what listNotifications would show them and
 * nobody else's. No rule, no query: zero.
 */
import { and, count, isNull } from "drizzle-orm";
import { notifications } from "@/db/schema";
import { accessibleWhere } from "@/policies/to-sql";
import type { PolicyCtx } from "../context";
import { notificationColumns } from "../authz/columns";

/** The number of the actor's unread notifications. */
export async function countUnreadNotifications(ctx: PolicyCtx): Promise<number> {
  const mine = accessibleWhere(ctx.ability, "read", "Notification", notificationColumns);
  if (!mine) return 0;
  const [row] = await ctx.db.select({ n: count() }).from(notifications).where(and(mine, isNull(notifications.readAt)));
  return row?.n ?? 0;
}
