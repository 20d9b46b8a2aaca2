/** Removes one link of a card: for people who may edit the card. A link id that is not the card's is a clear error and nothing changes. Audited as "card.unlink". */
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { cardLinks } from "@/db/schema";
import { InvalidInputError } from "../errors";
import { inTransaction, type PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { isUuid } from "../spaces/get-space";
import { cardAudit, changeableCard, lockedCard, parseBoardInput, ZCardRef } from "./board-shared";
import { signalBoardChanged } from "./board-events";
import { toCardView, type CardView } from "./card-view";

export const ZUnlinkCard = z.object({ cardId: z.string(), linkId: z.string({ message: "Name the link" }).max(100) });
export type UnlinkCardInput = z.input<typeof ZUnlinkCard>;

/** Removes the link; returns the card as it now is. */
export async function unlinkCard(ctx: PolicyCtx, raw: unknown): Promise<CardView> {
  const { card, board } = await changeableCard(ctx, parseBoardInput(ZCardRef, raw).cardId, "update", "card.unlink");
  const input = parseBoardInput(ZUnlinkCard, raw);
  const updated = await inTransaction(ctx, async (tx) => {
    const row = await lockedCard(tx, card.id);
    if (!isUuid(input.linkId)) throw new InvalidInputError("This card has no such link");
    const [removed] = await tx.db.delete(cardLinks).where(and(eq(cardLinks.id, input.linkId), eq(cardLinks.cardId, row.id))).returning();
    if (!removed) throw new InvalidInputError("This card has no such link");
    await recordAudit(tx, { action: "card.unlink", ...cardAudit(row), details: { boardId: board.id, linkId: removed.id, documentId: removed.documentId, fileId: removed.fileId, submissionId: removed.submissionId } });
    return toCardView(tx, row);
  });
  signalBoardChanged(board.id, { type: "card", cardId: updated.id });
  return updated;
}
