/**
 * Creates a tasking board in a space, with its first columns (To do, In progress, Done unless
 * others are named). For people who may change content in the space (an open space, a role above
 * reader); anyone else who sees the space is refused (403), anyone who does not gets 404.
 * Audited as "board.create" in the same transaction.
 */
import { z } from "zod";
import { boardColumns, boards } from "@/db/schema";
import { generateNKeysBetween } from "fractional-indexing";
import { can } from "@/policies/authorize";
import { ForbiddenError } from "../errors";
import { inTransaction, type PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { readableSpace } from "../spaces/readable-space";
import { parseBoardInput, titleOf } from "./board-shared";

export const DEFAULT_COLUMNS = ["To do", "In progress", "Done"];

export const ZCreateBoard = z.object({
  spaceId: z.string({ message: "Name the space" }),
  title: titleOf("board", 200),
  columns: z.array(titleOf("column", 100)).min(1, "A board needs at least one column").max(20, "A board starts with at most 20 columns").default(DEFAULT_COLUMNS),
});
export type CreateBoardInput = z.input<typeof ZCreateBoard>;

/** Creates the board and its columns; returns the board's id. */
export async function createBoard(ctx: PolicyCtx, raw: unknown): Promise<{ id: string }> {
  const space = await readableSpace(ctx, parseBoardInput(z.object({ spaceId: z.string({ message: "Name the space" }) }), raw).spaceId);
  if (!can(ctx.ability, "create", "Board", { id: "", spaceId: space.id })) throw new ForbiddenError("You can see this space but not add boards to it");
  const input = parseBoardInput(ZCreateBoard, raw);
  return inTransaction(ctx, async (tx) => {
    const [board] = await tx.db.insert(boards).values({ spaceId: space.id, title: input.title, createdBy: tx.actor.userId, createdAt: tx.now, updatedAt: tx.now }).returning({ id: boards.id });
    const keys = generateNKeysBetween(null, null, input.columns.length);
    await tx.db.insert(boardColumns).values(input.columns.map((title, i) => ({ boardId: board!.id, title, position: keys[i]!, createdAt: tx.now })));
    await recordAudit(tx, { action: "board.create", subjectType: "board", subjectId: board!.id, spaceId: space.id, details: { title: input.title, columns: input.columns } });
    return { id: board!.id };
  });
}
