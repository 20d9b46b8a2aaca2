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
 *
 * A move is the board's commonest write, and every statement it makes is a round trip the
 * viewers' feeds wait behind, so the common move is two statements: one read of the card and
 * both neighbours (only the fields a move needs) with the target column, then the UPDATE with
 * its audit row in one statement (lib/audit/record-audit.ts changeWithAudit, atomic without a
 * transaction). The card is not locked between the read and the
 * write: the UPDATE is made only if the fields the policy decided on are still what was read
 * (someone re-marking the card meanwhile makes the move fail with "changed meanwhile", never
 * apply unchecked), and two concurrent moves of one card both apply, the later one winning.
 */
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { boardColumns, cards } from "@/db/schema";
import { authorize, can } from "@/policies/authorize";
import { ForbiddenError, InvalidInputError, NotFoundError } from "../errors";
import { inTransaction, type PolicyCtx } from "../context";
import { changeWithAudit, recordAudit } from "../audit/record-audit";
import { boardSubject, cardColumns, cardSubject } from "../authz/columns";
import { accessibleWhere } from "@/policies/to-sql";
import { auditRefusedCardRead, cardAudit, parseBoardInput, ZCardRef, type CardRow } from "./board-shared";
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

/** What a move reads of a card: its place, its board, and what the policy decides on. */
const moveFields = {
  id: cards.id,
  boardId: cards.boardId,
  columnId: cards.columnId,
  position: cards.position,
  marking: cards.marking,
  spaceId: cards.spaceId,
  owningAgencyId: cards.owningAgencyId,
  markingRank: cards.markingRank,
  descriptors: cards.descriptors,
  handling: cards.handling,
  recipientIds: cards.recipientIds,
  useOnlyAgencyCodes: cards.useOnlyAgencyCodes,
};
type MoveRow = { [K in keyof typeof moveFields]: CardRow[K] };

/**
 * The common move, decided from the two neighbours alone: both named, both in the column, both
 * visible to the mover, in that order with distinct keys: the new key lies between theirs, and
 * no other card of the column needs reading (a column of a thousand cards costs what one of ten
 * does). Null for anything else (a neighbour missing, hidden or moved away, a tie, the top or the
 * bottom), which placeAmongColumn decides over the whole column.
 */
function placeByNeighbours(ctx: PolicyCtx, rows: MoveRow[], cardId: string, columnId: string, input: Neighbours): Placement | null {
  const { afterCardId, beforeCardId } = input;
  if (afterCardId === null || beforeCardId === null || afterCardId === cardId || beforeCardId === cardId || afterCardId === beforeCardId) return null;
  const inColumn = (id: string) => rows.find((r) => r.id === id && r.columnId === columnId && can(ctx.ability, "read", "Card", cardSubject(r)));
  const after = inColumn(afterCardId);
  const before = inColumn(beforeCardId);
  if (!after || !before) return null;
  if (comparePositioned(after, before) >= 0 || after.position === before.position) return null;
  return placeBetween([after, before], after.id, before.id);
}

/** Any move, decided over every card of the column (the hidden ones keep their places). */
async function placeAmongColumn(ctx: PolicyCtx, cardId: string, columnId: string, input: Neighbours): Promise<Placement> {
  // Only the cards the mover can see may anchor the move; the others keep their places.
  const policy = accessibleWhere(ctx.ability, "read", "Card", cardColumns);
  const visible = policy ? await ctx.db.select({ id: cards.id, position: cards.position }).from(cards).where(and(policy, eq(cards.columnId, columnId))) : [];
  const hidden = await ctx.db.select({ id: cards.id, position: cards.position }).from(cards).where(eq(cards.columnId, columnId));
  const visibleIds = new Set(visible.map((v) => v.id));
  const anchor = (id: string | null) => (id !== null && id !== cardId && visibleIds.has(id) ? id : null);
  // Placed among every card of the column (the hidden ones too, so that keys stay distinct
  // where they can), anchored on visible neighbours only.
  const siblings = hidden.filter((c) => c.id !== cardId);
  return placeBetween(siblings, anchor(input.afterCardId), anchor(input.beforeCardId));
}

/**
 * The move's one read, prepared once per database handle (a transaction is its own handle): the
 * card and its named neighbours with the target column, if it is of the card's board. Kept
 * prepared because a move is the board's commonest write: not planned again on every move.
 */
function moveRead(db: PolicyCtx["db"]) {
  let prepared = preparedReads.get(db);
  if (!prepared) {
    prepared = db
      .select({ ...moveFields, targetColumnId: boardColumns.id })
      .from(cards)
      .leftJoin(boardColumns, and(eq(boardColumns.id, sql.placeholder("columnId")), eq(boardColumns.boardId, cards.boardId)))
      .where(sql`${cards.id} = ANY(${sql.placeholder("ids")}::uuid[])`)
      .prepare("move_card_read");
    preparedReads.set(db, prepared);
  }
  return prepared;
}
const preparedReads = new WeakMap<object, { execute(values: { columnId: string; ids: string[] }): Promise<(MoveRow & { targetColumnId: string | null })[]> }>();

/** A uuid no column has, for the join when the named column is not a uuid at all. */
const NO_COLUMN = "00000000-0000-0000-0000-000000000000";

/**
 * Moves the card; returns its column and new position. The same checks as changeableCard(),
 * in the same order: an invisible card 404 (the refusal audited), a read-only one 403, then the
 * column.
 */
export async function moveCard(ctx: PolicyCtx, raw: unknown): Promise<{ id: string; columnId: string; position: string }> {
  const { cardId } = parseBoardInput(ZCardRef, raw);
  if (typeof cardId !== "string" || !isUuid(cardId)) throw new NotFoundError();
  const input = parseBoardInput(ZMoveCard, raw);
  // A column id that is not a uuid names no column: compared as a uuid it would be an error.
  const columnId = isUuid(input.columnId) ? input.columnId : NO_COLUMN;
  const neighbourIds = [input.afterCardId, input.beforeCardId].filter((id): id is string => id !== null && id !== cardId && isUuid(id));
  const rows = await moveRead(ctx.db).execute({ columnId, ids: [cardId, ...neighbourIds] });
  const found = rows.find((r) => r.id === cardId);
  if (!found) throw new NotFoundError();
  const { targetColumnId, ...row } = found;
  if (!can(ctx.ability, "read", "Card", cardSubject(row))) {
    await auditRefusedCardRead(ctx, row, "card.move");
    throw new NotFoundError();
  }
  // A card's board and space are the board's own (copied when the card is made).
  authorize(ctx.ability, "read", "Board", boardSubject({ id: row.boardId, spaceId: row.spaceId }));
  if (!can(ctx.ability, "update", "Card", cardSubject(row))) throw new ForbiddenError("You can see this card but not change it");
  // The column must be one of the card's own board: the same answer for a column of another
  // board, of another space, or none at all, so that it reveals nothing about other boards.
  if (!targetColumnId) throw new InvalidInputError("A card can only move to a column of its own board");
  const neighbours = rows.filter((r) => r.id !== cardId && r.boardId === row.boardId);
  const placement = placeByNeighbours(ctx, neighbours, row.id, targetColumnId, input) ?? (await placeAmongColumn(ctx, row.id, targetColumnId, input));

  // Only if what the policy decided on is unchanged since the read (see the file's comment).
  const stillAsRead = and(
    eq(cards.id, row.id),
    eq(cards.boardId, row.boardId),
    eq(cards.spaceId, row.spaceId),
    eq(cards.owningAgencyId, row.owningAgencyId),
    eq(cards.markingRank, row.markingRank),
    eq(cards.descriptors, row.descriptors),
    eq(cards.handling, row.handling),
    eq(cards.recipientIds, row.recipientIds),
    eq(cards.useOnlyAgencyCodes, row.useOnlyAgencyCodes),
  );
  const audit = {
    action: "card.move",
    ...cardAudit(row),
    details: { boardId: row.boardId, fromColumnId: row.columnId, toColumnId: targetColumnId, position: placement.position, renumbered: placement.renumbered.length },
  };
  const move = (db: PolicyCtx["db"]) =>
    db.update(cards).set({ columnId: targetColumnId, position: placement.position, updatedBy: ctx.actor.userId, updatedAt: ctx.now }).where(stillAsRead).returning({ id: cards.id });
  let isMoved: boolean;
  if (placement.renumbered.length === 0) {
    // The common move: the UPDATE and its audit row in one statement.
    isMoved = (await changeWithAudit(ctx, move(ctx.db), audit)) > 0;
  } else {
    // Between two cards that share a key: the tied run is renumbered too, in one transaction.
    isMoved = await inTransaction(ctx, async (tx) => {
      if ((await move(tx.db)).length === 0) return false;
      for (const r of placement.renumbered) await tx.db.update(cards).set({ position: r.position }).where(eq(cards.id, r.id));
      await recordAudit(tx, audit);
      return true;
    });
  }
  if (!isMoved) throw new InvalidInputError("This card has changed meanwhile; reload the board");
  const moved = { id: row.id, columnId: targetColumnId, position: placement.position };
  signalBoardChanged(row.boardId, { type: "card", cardId: moved.id, isMoveOnly: true });
  return moved;
}
