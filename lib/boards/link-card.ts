/**
 * Links a card to a document or a file of the same space (one of `documentId`, `fileId`). The
 * linker must be able to edit the card and read the thing linked; a document or file of another
 * space, one they may not read, and one that does not exist all get the same clear error, so the
 * link teaches nothing about what they cannot see. Linking the same thing twice changes nothing.
 * Viewers see a link only when they may read its target (card-view.ts). Audited as "card.link".
 */
import { eq } from "drizzle-orm";
import { z } from "zod";
import { cardLinks, documents, files } from "@/db/schema";
import { can } from "@/policies/authorize";
import { InvalidInputError } from "../errors";
import { inTransaction, type PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { documentSubject, fileSubject } from "../authz/columns";
import { isUuid } from "../spaces/get-space";
import { cardAudit, changeableCard, lockedCard, parseBoardInput, ZCardRef } from "./board-shared";
import { signalBoardChanged } from "./board-events";
import { toCardView, type CardView } from "./card-view";

export const LINKS_MAX = 50;

export const ZLinkCard = z
  .object({ cardId: z.string(), documentId: z.string().max(100).optional(), fileId: z.string().max(100).optional() })
  .refine((v) => (v.documentId === undefined) !== (v.fileId === undefined), { message: "Link either a document (documentId) or a file (fileId)" });
export type LinkCardInput = z.input<typeof ZLinkCard>;

const NOT_LINKABLE = "Link a document or file of this card's space that you can open";

/** Adds the link; returns the card as it now is. */
export async function linkCard(ctx: PolicyCtx, raw: unknown): Promise<CardView> {
  const { card, board } = await changeableCard(ctx, parseBoardInput(ZCardRef, raw).cardId, "update", "card.link");
  const input = parseBoardInput(ZLinkCard, raw);
  const targetId = (input.documentId ?? input.fileId)!;
  if (!isUuid(targetId)) throw new InvalidInputError(NOT_LINKABLE);
  if (input.documentId !== undefined) {
    const [doc] = await ctx.db.select().from(documents).where(eq(documents.id, targetId)).limit(1);
    if (!doc || doc.spaceId !== card.spaceId || !can(ctx.ability, "read", "Document", documentSubject(doc))) throw new InvalidInputError(NOT_LINKABLE);
  } else {
    const [file] = await ctx.db.select().from(files).where(eq(files.id, targetId)).limit(1);
    if (!file || file.spaceId !== card.spaceId || !can(ctx.ability, "read", "File", fileSubject(file))) throw new InvalidInputError(NOT_LINKABLE);
  }
  const updated = await inTransaction(ctx, async (tx) => {
    const row = await lockedCard(tx, card.id);
    const existing = await tx.db.select({ id: cardLinks.id, documentId: cardLinks.documentId, fileId: cardLinks.fileId }).from(cardLinks).where(eq(cardLinks.cardId, row.id));
    const isLinked = existing.some((l) => (input.documentId ? l.documentId === targetId : l.fileId === targetId));
    if (!isLinked) {
      if (existing.length >= LINKS_MAX) throw new InvalidInputError(`A card has at most ${LINKS_MAX} links`);
      const [link] = await tx.db
        .insert(cardLinks)
        .values({ cardId: row.id, documentId: input.documentId ?? null, fileId: input.fileId ?? null, createdBy: tx.actor.userId, createdAt: tx.now })
        .returning({ id: cardLinks.id });
      await recordAudit(tx, { action: "card.link", ...cardAudit(row), details: { boardId: board.id, linkId: link!.id, documentId: input.documentId ?? null, fileId: input.fileId ?? null } });
    }
    return toCardView(tx, row);
  });
  signalBoardChanged(board.id, { type: "card", cardId: updated.id });
  return updated;
}
