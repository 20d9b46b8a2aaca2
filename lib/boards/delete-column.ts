/**
 * Deletes an empty column of a board: for people who may change the board. A column that still
 * holds cards is refused with a clear error, and nothing changes: deleting it would delete, or
 * strand, cards. (Someone who cannot see some of its cards learns only that it is not empty.)
 * Audited as "board.column_delete".
 */
import { count, eq } from "drizzle-orm";
import { boardColumns, cards } from "@/db/schema";
import { ConflictError } from "../errors";
import { inTransaction, type PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { editableColumn, parseBoardInput, ZColumnRef } from "./board-shared";
import { signalBoardChanged } from "./board-events";

/** Deletes the column; returns its id. */
export async function deleteColumn(ctx: PolicyCtx, raw: unknown): Promise<{ id: string }> {
  const { column, board } = await editableColumn(ctx, parseBoardInput(ZColumnRef, raw).columnId);
  await inTransaction(ctx, async (tx) => {
    // Lock the column first, so that no card can be moved into it between the count and the delete.
    await tx.db.select({ id: boardColumns.id }).from(boardColumns).where(eq(boardColumns.id, column.id)).for("update");
    const [held] = await tx.db.select({ n: count() }).from(cards).where(eq(cards.columnId, column.id));
    if (Number(held?.n ?? 0) > 0) throw new ConflictError("This column still holds cards. Move or delete them first, then delete the column.");
    await tx.db.delete(boardColumns).where(eq(boardColumns.id, column.id));
    await recordAudit(tx, { action: "board.column_delete", subjectType: "board", subjectId: board.id, spaceId: board.spaceId, details: { columnId: column.id, title: column.title } });
  });
  signalBoardChanged(board.id);
  return { id: column.id };
}
