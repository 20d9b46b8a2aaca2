/**
 * Reopens a completed card: it is due again (and back in My work). Like completing, this is
 * editing the card ("update"): 404 when invisible, 403 when read-only. With `expectedVersion` it
 * is refused (409, with the card as it is now) when the card has changed since; it bumps the
 * version. A next occurrence made when the card was completed stays: the series goes on from it
 * (the recurrence moved there), so reopening and completing again never makes a second one.
 * Reopening a card that is not complete is a clear error and changes nothing. Audited as
 * "card.reopen".
 */
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { cards } from "@/db/schema";
import { InvalidInputError } from "../errors";
import { inTransaction, type PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { cardAudit, changeableCard, lockedCard, parseBoardInput, ZCardRef } from "./board-shared";
import { signalBoardChanged } from "./board-events";
import { toCardView, type CardView } from "./card-view";
import { CardConflictError } from "./update-card";

export const ZReopenCard = z.object({
  cardId: z.string(),
  expectedVersion: z.number({ message: "The card's version must be a number" }).int().min(1).optional(),
});
export type ReopenCardInput = z.input<typeof ZReopenCard>;

/** Clears the card's completion; returns the card as it now is. */
export async function reopenCard(ctx: PolicyCtx, raw: unknown): Promise<CardView> {
  const { card, board } = await changeableCard(ctx, parseBoardInput(ZCardRef, raw).cardId, "update", "card.reopen");
  const input = parseBoardInput(ZReopenCard, raw);
  const reopened = await inTransaction(ctx, async (tx) => {
    const row = await lockedCard(tx, card.id);
    if (!row.completedAt) throw new InvalidInputError("This card is not complete, so it cannot be reopened");
    if (input.expectedVersion !== undefined && row.version !== input.expectedVersion) throw new CardConflictError(await toCardView(tx, row));
    const [saved] = await tx.db
      .update(cards)
      .set({ completedAt: null, completedBy: null, version: row.version + 1, updatedBy: tx.actor.userId, updatedAt: tx.now })
      .where(and(eq(cards.id, row.id), eq(cards.version, row.version)))
      .returning();
    if (!saved) throw new CardConflictError(await toCardView(tx, await lockedCard(tx, row.id)));
    await recordAudit(tx, {
      action: "card.reopen",
      ...cardAudit(row),
      details: { boardId: board.id, version: saved.version, completedAt: row.completedAt.toISOString(), completedBy: row.completedBy },
    });
    return toCardView(tx, saved);
  });
  signalBoardChanged(board.id, { type: "card", cardId: reopened.id });
  return reopened;
}
