/**
 * Moves a column between two others of its board (by their ids; null for the start or the end):
 * one row written, with a fractional key between the neighbours' (lib/boards/positions.ts), so
 * concurrent moves converge. For people who may change the board. Audited as "board.column_move".
 */
import { eq } from "drizzle-orm";
import { z } from "zod";
import { boardColumns } from "@/db/schema";
import { inTransaction, type PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { editableColumn, parseBoardInput, ZColumnRef } from "./board-shared";
import { signalBoardChanged } from "./board-events";
import { placeBetween } from "./positions";

const ZNeighbour = z.string().max(100).nullable().default(null);
export const ZMoveColumn = z.object({ columnId: z.string(), afterColumnId: ZNeighbour, beforeColumnId: ZNeighbour });
export type MoveColumnInput = z.input<typeof ZMoveColumn>;

/**
 * Places the column right after `afterColumnId` and right before `beforeColumnId`; returns its new
 * position. (Named for where the column ends up: after the one to its left, before the one to its right.)
 */
export async function moveColumn(ctx: PolicyCtx, raw: unknown): Promise<{ id: string; position: string }> {
  const { column, board } = await editableColumn(ctx, parseBoardInput(ZColumnRef, raw).columnId);
  const input = parseBoardInput(ZMoveColumn, raw);
  const moved = await inTransaction(ctx, async (tx) => {
    // Locking the board's columns makes concurrent moves of this board's columns take turns, so
    // each is computed against the order the one before it left.
    const siblings = (await tx.db.select({ id: boardColumns.id, position: boardColumns.position }).from(boardColumns).where(eq(boardColumns.boardId, board.id)).for("update")).filter(
      (c) => c.id !== column.id,
    );
    const placement = placeBetween(siblings, input.afterColumnId, input.beforeColumnId);
    await tx.db.update(boardColumns).set({ position: placement.position }).where(eq(boardColumns.id, column.id));
    for (const r of placement.renumbered) await tx.db.update(boardColumns).set({ position: r.position }).where(eq(boardColumns.id, r.id));
    await recordAudit(tx, { action: "board.column_move", subjectType: "board", subjectId: board.id, spaceId: board.spaceId, details: { columnId: column.id, before: column.position, after: placement.position } });
    return { id: column.id, position: placement.position };
  });
  signalBoardChanged(board.id);
  return moved;
}
