/**
 * The reminder sweep (issue 6): for every open card (not completed) with a due date, each
 * assignee gets "card-due-soon" once the due date is within the next 24 hours and "card-overdue"
 * once it has passed, each only once for that due instant (the key names the card and its due
 * instant, so a card whose due date is moved reminds again). Run by the server every few minutes
 * (start-reminder-sweep.ts) with no signed-in actor: work done under the application's identity is
 * authorized for the person it is for before it is done (ASVS v5.0.0-8.3.3). So each assignee's
 * ability is built from the database as a request of theirs would build it (as
 * lib/boards/board-event-stream.ts mayStillWatchBoard does), and someone who may not read the card
 * now (their vetting lapsed, the card was re-marked, their agreement ended, their account was
 * disabled) is not reminded; they are asked again on the next sweep, so a renewed vetting brings
 * the reminder back. The notification itself holds no content.
 *
 * Idempotent: pairs already reminded are skipped in SQL, and the (recipient, key) index makes a
 * concurrent sweep (a second instance) store nothing twice. Batched: candidates are read a page at
 * a time; the notifications are written in one transaction with one audit event for the sweep.
 */
import { randomUUID } from "node:crypto";
import { and, eq, inArray, isNotNull, isNull, lt, lte, sql, type SQL } from "drizzle-orm";
import { agencies, cardAssignees, cards, notificationPreferences, notifications, users, type NotificationKind } from "@/db/schema";
import { can } from "@/policies/authorize";
import type { AppAbility } from "@/policies/ability";
import { inTransaction, type Ctx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { buildAbility } from "../authz/build-ability";
import { cardSubject } from "../authz/columns";
import { toActor } from "../auth/resolve-actor";
import { DUE_SOON_MS } from "../boards/list-my-work";
import { notifyPeople, type NotifyPersonInput } from "./notify-people";

/** Candidate (card, assignee) pairs read per query. */
export const SWEEP_BATCH = 500;
/** The most reminders one sweep stores; the rest wait for the next sweep (a bound on one transaction). */
export const SWEEP_MAX_REMINDERS = 5_000;

export type SweepResult = {
  /** Reminders stored by this sweep, by kind. */
  dueSoon: number;
  overdue: number;
  /** Pairs not reminded because the assignee may not read the card now (or cannot sign in). */
  skipped: number;
  /** True when the sweep stopped at SWEEP_MAX_REMINDERS and more are waiting. */
  hasMore: boolean;
};

/** The context of a sweep run by the server: no actor, a fresh request id for the audit trail. */
export function sweepContext(db: Ctx["db"], now: Date = new Date()): Ctx {
  return { db, actor: null, requestId: `reminder-sweep-${randomUUID()}`, now };
}

/** Stores the due-soon and overdue reminders not yet stored; returns what it did. */
export async function sweepCardReminders(ctx: Ctx, input: { batchSize?: number; maxReminders?: number } = {}): Promise<SweepResult> {
  const batchSize = input.batchSize ?? SWEEP_BATCH;
  const maxReminders = input.maxReminders ?? SWEEP_MAX_REMINDERS;
  const horizon = new Date(ctx.now.getTime() + DUE_SOON_MS);
  // Computed in SQL, so that the key the sweep skips on and the key it stores are one expression.
  const kind = sql<NotificationKind>`(CASE WHEN ${lt(cards.dueAt, ctx.now)} THEN 'card-overdue' ELSE 'card-due-soon' END)`;
  const dedupeKey = sql<string>`(${kind} || ':' || ${cards.id}::text || ':' || to_char(${cards.dueAt} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`;

  const abilities = new Map<string, AppAbility | null>();
  const due: (NotifyPersonInput & { dueAt: Date })[] = [];
  let skipped = 0;
  let hasMore = false;
  let after: { cardId: string; userId: string } | null = null;
  for (;;) {
    const conditions: (SQL | undefined)[] = [
      isNull(cards.completedAt),
      isNotNull(cards.dueAt),
      lte(cards.dueAt, horizon),
      sql`NOT EXISTS (SELECT 1 FROM ${notifications} WHERE ${notifications.recipientId} = ${cardAssignees.userId} AND ${notifications.dedupeKey} = ${dedupeKey})`,
      // Whoever turned this kind off in the app is left out here, not only by notifyPeople: they
      // would otherwise be a candidate on every sweep for ever (nothing is stored to skip them by).
      sql`NOT EXISTS (SELECT 1 FROM ${notificationPreferences} WHERE ${notificationPreferences.userId} = ${cardAssignees.userId} AND ${notificationPreferences.kind} = ${kind} AND NOT ${notificationPreferences.inApp})`,
      after ? sql`(${cards.id}, ${cardAssignees.userId}) > (${after.cardId}::uuid, ${after.userId}::uuid)` : undefined,
    ];
    const batch = await ctx.db
      .select({ card: cards, userId: cardAssignees.userId, kind, dedupeKey })
      .from(cards)
      .innerJoin(cardAssignees, eq(cardAssignees.cardId, cards.id))
      .where(and(...conditions))
      .orderBy(cards.id, cardAssignees.userId)
      .limit(batchSize);
    if (batch.length === 0) break;
    const last = batch[batch.length - 1]!;
    after = { cardId: last.card.id, userId: last.userId };

    await loadAbilities(ctx, abilities, batch.map((b) => b.userId));
    for (const { card, userId, kind: k, dedupeKey: key } of batch) {
      const ability = abilities.get(userId) ?? null;
      const mayRead = ability !== null && can(ability, "read", "Card", cardSubject(card)) && can(ability, "read", "Board", { id: card.boardId, spaceId: card.spaceId });
      if (!mayRead) {
        skipped++;
        continue;
      }
      if (due.length >= maxReminders) {
        hasMore = true;
        break;
      }
      due.push({ recipientId: userId, kind: k, spaceId: card.spaceId, subjectType: "card", subjectId: card.id, dedupeKey: key, dueAt: card.dueAt! });
    }
    if (hasMore || batch.length < batchSize) break;
  }
  if (due.length === 0) return { dueSoon: 0, overdue: 0, skipped, hasMore };

  return inTransaction(ctx, async (tx) => {
    // A card completed or moved on since it was read is not reminded of (the next sweep sees it as it is).
    const cardIds = [...new Set(due.map((d) => d.subjectId))];
    const current = await tx.db.select({ id: cards.id, dueAt: cards.dueAt }).from(cards).where(and(inArray(cards.id, cardIds), isNull(cards.completedAt), isNotNull(cards.dueAt)));
    const dueAt = new Map(current.map((c) => [c.id, c.dueAt!.getTime()]));
    const stillDue: NotifyPersonInput[] = due
      .filter((d) => dueAt.get(d.subjectId) === d.dueAt.getTime())
      .map((d) => ({ recipientId: d.recipientId, kind: d.kind, spaceId: d.spaceId, subjectType: d.subjectType, subjectId: d.subjectId, dedupeKey: d.dedupeKey }));
    const created = await notifyPeople(tx, stillDue);
    const result = {
      dueSoon: created.filter((n) => n.kind === "card-due-soon").length,
      overdue: created.filter((n) => n.kind === "card-overdue").length,
      skipped,
      hasMore,
    };
    if (created.length > 0) {
      await recordAudit(tx, {
        action: "notification.reminder_sweep",
        subjectType: "system",
        details: { dueSoon: result.dueSoon, overdue: result.overdue, cards: new Set(created.map((n) => n.subjectId)).size, recipients: new Set(created.map((n) => n.recipientId)).size, skipped, hasMore },
      });
    }
    return result;
  });
}

/**
 * Builds, once per sweep, the ability of each person not yet seen, from the database as a request
 * of theirs would (null for someone who cannot sign in: disabled, or their agency suspended).
 */
export async function loadAbilities(ctx: Ctx, abilities: Map<string, AppAbility | null>, userIds: string[]): Promise<void> {
  const missing = [...new Set(userIds)].filter((id) => !abilities.has(id));
  if (missing.length === 0) return;
  const rows = await ctx.db.select({ user: users, agency: agencies }).from(users).innerJoin(agencies, eq(agencies.id, users.agencyId)).where(inArray(users.id, missing));
  for (const id of missing) abilities.set(id, null);
  for (const { user, agency } of rows) {
    if (user.status !== "active" || agency.status !== "active") continue;
    // The token is a placeholder: the facts come from the database, never from a session.
    abilities.set(user.id, await buildAbility(ctx.db, toActor(user, agency, "reminder-sweep", ctx.now), ctx.now));
  }
}
