/**
 * Marks a card complete (issue 6). Completing is editing the card ("update"): 404 when the actor
 * cannot see it, 403 when it is read-only to them. A completed card is no longer due, so it
 * raises no reminder and leaves My work. With `expectedVersion` the completion is refused (409,
 * with the card as it is now) when the card has changed since; it bumps the version. Completing
 * a card that is already complete is a clear error and changes nothing.
 *
 * A repeating card (lib/boards/recurrence.ts) makes its next occurrence in the same transaction:
 * on the same board and in the same column (at its end), with the same title, description,
 * labels, marking (every marking column, exactly) and series, its checklist reset to not done,
 * its dates moved on past now, and the assignees who may still read it. The recurrence moves to
 * the new card and leaves the completed one, so that completing twice (say, after a reopen)
 * never makes two. The threat guarded against: the occurrence made by a partner (a DOR guest
 * completing a DCP card) is still the originating agency's card, never the completer's, so it
 * cannot become a way to re-own or re-mark content; and it is never assigned to someone who may
 * no longer read it (their vetting lapsed, the agreement ended).
 *
 * Audited as "card.complete" and, for the new occurrence, "card.recur".
 */
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { boardColumns, cardAssignees, cards } from "@/db/schema";
import { InvalidInputError } from "../errors";
import { inTransaction, type PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { cardSubject } from "../authz/columns";
import { cardAudit, changeableCard, lockedCard, parseBoardInput, ZCardRef, type CardRow } from "./board-shared";
import { signalBoardChanged } from "./board-events";
import { toCardView, type CardView } from "./card-view";
import { COLUMN_CARDS_MAX } from "./create-card";
import { cardReaders } from "./card-readers";
import { placeLast } from "./positions";
import { nextOccurrence } from "./recurrence";
import { CardConflictError } from "./update-card";

export const ZCompleteCard = z.object({
  cardId: z.string(),
  expectedVersion: z.number({ message: "The card's version must be a number" }).int().min(1).optional(),
});
export type CompleteCardInput = z.input<typeof ZCompleteCard>;

/** The completed card, and the next occurrence when it repeats (and the series has not ended). */
export type CompleteCardResult = { card: CardView; next?: CardView };

/** Makes the next occurrence of `row` (completed by the actor) at the end of its column; returns it. */
async function createNextOccurrence(tx: PolicyCtx, row: CardRow, dates: { startAt: Date | null; dueAt: Date | null }, seriesId: string): Promise<CardRow> {
  // The column is kept (not deleted) while the occurrence goes into it, as createCard does.
  const [column] = await tx.db.select({ id: boardColumns.id }).from(boardColumns).where(eq(boardColumns.id, row.columnId)).for("share").limit(1);
  if (!column) throw new InvalidInputError("This card's column has gone meanwhile; reload the board");
  const siblings = await tx.db.select({ id: cards.id, position: cards.position }).from(cards).where(eq(cards.columnId, column.id));
  if (siblings.length >= COLUMN_CARDS_MAX) throw new InvalidInputError(`The column holds ${COLUMN_CARDS_MAX} cards, the most it can, so the card's next occurrence cannot be added: move or delete some cards first`);
  const [created] = await tx.db
    .insert(cards)
    .values({
      boardId: row.boardId,
      columnId: column.id,
      // The card's own space, agency and marking, copied exactly: the occurrence is the same
      // content as the card the actor may edit, whoever completes it.
      spaceId: row.spaceId,
      owningAgencyId: row.owningAgencyId,
      marking: row.marking,
      markingRank: row.markingRank,
      descriptors: row.descriptors,
      handling: row.handling,
      recipientIds: row.recipientIds,
      useOnlyAgencyCodes: row.useOnlyAgencyCodes,
      title: row.title,
      description: row.description,
      startAt: dates.startAt,
      dueAt: dates.dueAt,
      labels: row.labels,
      checklist: row.checklist.map((item) => ({ ...item, done: false })),
      recurrence: row.recurrence,
      seriesId,
      position: placeLast(siblings),
      createdBy: tx.actor.userId,
      createdAt: tx.now,
      updatedBy: tx.actor.userId,
      updatedAt: tx.now,
    })
    .returning();
  // The assignees who may still read it (the same marking, so the same answer as for the card now).
  const assigned = (await tx.db.select({ userId: cardAssignees.userId }).from(cardAssignees).where(eq(cardAssignees.cardId, row.id))).map((a) => a.userId);
  const readers = await cardReaders(tx.db, { card: cardSubject(created!), userIds: assigned, now: tx.now });
  const kept = assigned.filter((id) => readers.has(id));
  if (kept.length) await tx.db.insert(cardAssignees).values(kept.map((userId) => ({ cardId: created!.id, userId, assignedBy: tx.actor.userId, assignedAt: tx.now })));
  return created!;
}

/** Completes the card (and, when it repeats, makes its next occurrence); returns both. */
export async function completeCard(ctx: PolicyCtx, raw: unknown): Promise<CompleteCardResult> {
  const { card, board } = await changeableCard(ctx, parseBoardInput(ZCardRef, raw).cardId, "update", "card.complete");
  const input = parseBoardInput(ZCompleteCard, raw);
  const result = await inTransaction(ctx, async (tx) => {
    const row = await lockedCard(tx, card.id);
    if (row.completedAt) throw new InvalidInputError("This card is already complete");
    if (input.expectedVersion !== undefined && row.version !== input.expectedVersion) throw new CardConflictError(await toCardView(tx, row));

    const dates = row.recurrence ? nextOccurrence(row, row.recurrence, tx.now) : null;
    const seriesId = row.seriesId ?? randomUUID();
    const next = dates ? await createNextOccurrence(tx, row, dates, seriesId) : null;
    const [saved] = await tx.db
      .update(cards)
      .set({
        completedAt: tx.now,
        completedBy: tx.actor.userId,
        // The recurrence now lives on the next occurrence; with none (the series ended) it stays.
        ...(next && { recurrence: null, seriesId }),
        version: row.version + 1,
        updatedBy: tx.actor.userId,
        updatedAt: tx.now,
      })
      .where(and(eq(cards.id, row.id), eq(cards.version, row.version)))
      .returning();
    // The row is locked, so this cannot miss; if it ever did, refusing is the safe answer.
    if (!saved) throw new CardConflictError(await toCardView(tx, await lockedCard(tx, row.id)));

    await recordAudit(tx, {
      action: "card.complete",
      ...cardAudit(row),
      details: { boardId: board.id, version: saved.version, ...(next && { nextCardId: next.id, seriesId }) },
    });
    if (next && dates) {
      // Never the title or description, as for "card.create": that an occurrence was made, and where it falls.
      await recordAudit(tx, {
        action: "card.recur",
        subjectType: "card",
        subjectId: next.id,
        spaceId: next.spaceId,
        markingAfter: next.marking,
        details: {
          boardId: board.id,
          columnId: next.columnId,
          previousCardId: row.id,
          seriesId,
          recurrence: next.recurrence,
          startAt: next.startAt?.toISOString() ?? null,
          dueAt: next.dueAt?.toISOString() ?? null,
          skipped: dates.skipped,
        },
      });
    }
    return { card: await toCardView(tx, saved), ...(next && { next: await toCardView(tx, next) }) };
  });
  signalBoardChanged(board.id, { type: "card", cardId: result.card.id });
  if (result.next) signalBoardChanged(board.id, { type: "card", cardId: result.next.id });
  return result;
}
