/** Adds a column at the end of a board: for people who may change the board (403 otherwise; 404 when invisible). Audited as "board.column_create". */
import { eq } from "drizzle-orm";
import { z } from "zod";
import { boardColumns } from "@/db/schema";
import { InvalidInputError } from "../errors";
import { inTransaction, type PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { editableBoard, parseBoardInput, titleOf, ZBoardRef } from "./board-shared";
import { signalBoardChanged } from "./board-events";
import { placeLast } from "./positions";

/** The most columns a board has: more would not fit any screen, and bounds one board's rows. */
export const COLUMNS_MAX = 30;

export const ZCreateColumn = z.object({ boardId: z.string(), title: titleOf("column", 100) });
export type CreateColumnInput = z.input<typeof ZCreateColumn>;

/** Adds the column; returns its id and position. */
export async function createColumn(ctx: PolicyCtx, raw: unknown): Promise<{ id: string; position: string }> {
  const { board } = await editableBoard(ctx, parseBoardInput(ZBoardRef, raw).boardId);
  const input = parseBoardInput(ZCreateColumn, raw);
  const created = await inTransaction(ctx, async (tx) => {
    const siblings = await tx.db.select({ id: boardColumns.id, position: boardColumns.position }).from(boardColumns).where(eq(boardColumns.boardId, board.id));
    if (siblings.length >= COLUMNS_MAX) throw new InvalidInputError(`A board has at most ${COLUMNS_MAX} columns`);
    const [column] = await tx.db.insert(boardColumns).values({ boardId: board.id, title: input.title, position: placeLast(siblings), createdAt: tx.now }).returning();
    await recordAudit(tx, { action: "board.column_create", subjectType: "board", subjectId: board.id, spaceId: board.spaceId, details: { columnId: column!.id, title: input.title } });
    return { id: column!.id, position: column!.position };
  });
  signalBoardChanged(board.id);
  return created;
}
