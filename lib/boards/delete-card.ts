/**
 * Deletes a card: for the space's owner of the card's agency or that agency's records manager
 * (the policy's "delete", as for documents and files); anyone else who can see it is refused
 * (403), anyone who cannot gets 404. Audited as "card.delete" with its marking.
 */
import { eq } from "drizzle-orm";
import { cards } from "@/db/schema";
import { inTransaction, type PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { cardAudit, changeableCard, lockedCard, parseBoardInput, ZCardRef } from "./board-shared";
import { signalBoardChanged } from "./board-events";

/** Deletes the card; returns its id. */
export async function deleteCard(ctx: PolicyCtx, raw: unknown): Promise<{ id: string }> {
  const { card, board } = await changeableCard(ctx, parseBoardInput(ZCardRef, raw).cardId, "delete", "card.delete");
  await inTransaction(ctx, async (tx) => {
    const row = await lockedCard(tx, card.id);
    await tx.db.delete(cards).where(eq(cards.id, row.id));
    await recordAudit(tx, { action: "card.delete", ...cardAudit(row), details: { boardId: board.id, columnId: row.columnId } });
  });
  signalBoardChanged(board.id, { type: "card", cardId: card.id });
  return { id: card.id };
}
