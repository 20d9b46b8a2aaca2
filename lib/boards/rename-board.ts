/** Renames a board: for people who may change its space's content (403 otherwise; 404 when invisible). Audited as "board.rename". */
import { eq } from "drizzle-orm";
import { z } from "zod";
import { boards } from "@/db/schema";
import { inTransaction, type PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { editableBoard, parseBoardInput, titleOf, ZBoardRef } from "./board-shared";
import { signalBoardChanged } from "./board-events";

export const ZRenameBoard = z.object({ boardId: z.string(), title: titleOf("board", 200) });
export type RenameBoardInput = z.input<typeof ZRenameBoard>;

/** Gives the board a new title. */
export async function renameBoard(ctx: PolicyCtx, raw: unknown): Promise<{ id: string; title: string }> {
  const { board } = await editableBoard(ctx, parseBoardInput(ZBoardRef, raw).boardId);
  const input = parseBoardInput(ZRenameBoard, raw);
  await inTransaction(ctx, async (tx) => {
    await tx.db.update(boards).set({ title: input.title, updatedAt: tx.now }).where(eq(boards.id, board.id));
    await recordAudit(tx, { action: "board.rename", subjectType: "board", subjectId: board.id, spaceId: board.spaceId, details: { before: board.title, after: input.title } });
  });
  signalBoardChanged(board.id);
  return { id: board.id, title: input.title };
}
