/** Renames a column: for people who may change its board (403 otherwise; 404 when invisible). Audited as "board.column_rename". */
import { eq } from "drizzle-orm";
import { z } from "zod";
import { boardColumns } from "@/db/schema";
import { inTransaction, type PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { editableColumn, parseBoardInput, titleOf, ZColumnRef } from "./board-shared";
import { signalBoardChanged } from "./board-events";

export const ZUpdateColumn = z.object({ columnId: z.string(), title: titleOf("column", 100) });
export type UpdateColumnInput = z.input<typeof ZUpdateColumn>;

/** Gives the column a new title. */
export async function updateColumn(ctx: PolicyCtx, raw: unknown): Promise<{ id: string; title: string }> {
  const { column, board } = await editableColumn(ctx, parseBoardInput(ZColumnRef, raw).columnId);
  const input = parseBoardInput(ZUpdateColumn, raw);
  await inTransaction(ctx, async (tx) => {
    await tx.db.update(boardColumns).set({ title: input.title }).where(eq(boardColumns.id, column.id));
    await recordAudit(tx, { action: "board.column_rename", subjectType: "board", subjectId: board.id, spaceId: board.spaceId, details: { columnId: column.id, before: column.title, after: input.title } });
  });
  signalBoardChanged(board.id);
  return { id: column.id, title: input.title };
}
