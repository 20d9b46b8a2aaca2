/**
 * Moves a card to a place in a column of its own board: right after `afterCardId` and right
 * before `beforeCardId` (either null for the top or the bottom; both null for the bottom). One
 * row is written, with a fractional key between the two neighbours' keys (lib/boards/
 * positions.ts), so two moves computed against the same board give the same order whichever
 * arrives first, and nobody else's card is renumbered. A column of another board (of this space
 * or another) is refused with a clear error and nothing changes: a card never leaves its board,
 * and so never its space. Neighbours the mover cannot see, or that are not in the column, count
 * as absent, exactly like missing ones, so naming an id teaches nothing. Moving is editing the
 * card ("update"). Audited as "card.move". A move does not bump the card's version: it does not
 * touch what an edit changes, so an edit in progress is not made stale by someone tidying the board.
 */
import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { boardColumns, cards } from "@/db/schema";
import { can } from "@/policies/authorize";
import { InvalidInputError } from "../errors";
import { inTransaction, type PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { cardColumns, cardSubject } from "../authz/columns";
import { accessibleWhere } from "@/policies/to-sql";
import { cardAudit, changeableCard, lockedCard, parseBoardInput, ZCardRef } from "./board-shared";
import { signalBoardChanged } from "./board-events";
import { comparePositioned, placeBetween, type Placement } from "./positions";
import { isUuid } from "../spaces/get-space";

const ZNeighbour = z.string().max(100).nullable().default(null);
export const ZMoveCard = z.object({
  cardId: z.string(),
  columnId: z.string({ message: "Choose the column to move the card to" }).max(100),
  afterCardId: ZNeighbour,
  beforeCardId: ZNeighbour,
});
export type MoveCardInput = z.input<typeof ZMoveCard>;

type Neighbours = { afterCardId: string | null; beforeCardId: string | null };

/**
 * The common move, decided from the two neighbours alone: both named, both in the column, both
 * visible to the mover, in that order with distinct keys: the new key lies between theirs, and
 * no other card of the column needs reading (a column of a thousand cards costs what one of ten
 * does). Null for anything else (a neighbour missing, hidden or moved away, a tie, the top or the
 * bottom), which placeAmongColumn decides over the whole column.
 */
async function placeByNeighbours(tx: PolicyCtx, cardId: string, columnId: string, input: Neighbours): Promise<Placement | null> {
  const { afterCardId, beforeCardId } = input;
  if (afterCardId === null || beforeCardId === null || afterCardId === cardId || beforeCardId === cardId || afterCardId === beforeCardId) return null;
  if (!isUuid(afterCardId) || !isUuid(beforeCardId)) return null;
  const rows = await tx.db.select().from(cards).where(and(eq(cards.columnId, columnId), inArray(cards.id, [afterCardId, beforeCardId])));
  const after = rows.find((r) => r.id === afterCardId);
  const before = rows.find((r) => r.id === beforeCardId);
  if (!after || !before || !can(tx.ability, "read", "Card", cardSubject(after)) || !can(tx.ability, "read", "Card", cardSubject(before))) return null;
  if (comparePositioned(after, before) >= 0 || after.position === before.position) return null;
  return placeBetween([after, before], after.id, before.id);
}

/** Any move, decided over every card of the column (the hidden ones keep their places). */
async function placeAmongColumn(tx: PolicyCtx, cardId: string, columnId: string, input: Neighbours): Promise<Placement> {
  // Only the cards the mover can see may anchor the move; the others keep their places.
  const policy = accessibleWhere(tx.ability, "read", "Card", cardColumns);
  const visible = policy ? await tx.db.select({ id: cards.id, position: cards.position }).from(cards).where(and(policy, eq(cards.columnId, columnId))) : [];
  const hidden = await tx.db.select({ id: cards.id, position: cards.position }).from(cards).where(eq(cards.columnId, columnId));
  const visibleIds = new Set(visible.map((v) => v.id));
  const anchor = (id: string | null) => (id !== null && id !== cardId && visibleIds.has(id) ? id : null);
  // Placed among every card of the column (the hidden ones too, so that keys stay distinct
  // where they can), anchored on visible neighbours only.
  const siblings = hidden.filter((c) => c.id !== cardId);
  return placeBetween(siblings, anchor(input.afterCardId), anchor(input.beforeCardId));
}

/** Moves the card; returns its column and new position. */
export async function moveCard(ctx: PolicyCtx, raw: unknown): Promise<{ id: string; columnId: string; position: string }> {
  const { card, board } = await changeableCard(ctx, parseBoardInput(ZCardRef, raw).cardId, "update", "card.move");
  const input = parseBoardInput(ZMoveCard, raw);
  const moved = await inTransaction(ctx, async (tx) => {
    // The column must be one of the card's own board: the same answer for a column of another
    // board, of another space, or none at all, so that it reveals nothing about other boards.
    const [column] = await tx.db.select().from(boardColumns).where(and(eq(boardColumns.id, input.columnId), eq(boardColumns.boardId, board.id))).for("update").limit(1);
    if (!column) throw new InvalidInputError("A card can only move to a column of its own board");
    const row = await lockedCard(tx, card.id);
    if (row.boardId !== board.id || !can(tx.ability, "update", "Card", cardSubject(row))) throw new InvalidInputError("This card has changed meanwhile; reload the board");
    const placement = (await placeByNeighbours(tx, row.id, column.id, input)) ?? (await placeAmongColumn(tx, row.id, column.id, input));
    await tx.db.update(cards).set({ columnId: column.id, position: placement.position, updatedBy: tx.actor.userId, updatedAt: tx.now }).where(eq(cards.id, row.id));
    for (const r of placement.renumbered) await tx.db.update(cards).set({ position: r.position }).where(eq(cards.id, r.id));
    await recordAudit(tx, {
      action: "card.move",
      ...cardAudit(row),
      details: { boardId: board.id, fromColumnId: row.columnId, toColumnId: column.id, position: placement.position, renumbered: placement.renumbered.length },
    });
    return { id: row.id, columnId: column.id, position: placement.position };
  });
  signalBoardChanged(board.id);
  return moved;
}
