/**
 * Deletes a board with its columns and cards. For people who may change its space's content, and
 * only when every card on it is one they may delete too: otherwise deleting the board would
 * delete, unseen, cards they could not delete one by one (or could not even see), so it is
 * refused and they are told to clear the board first. Audited as "board.delete" with the ids and
 * markings of the cards it removed.
 */
import { eq } from "drizzle-orm";
import { boards, cards } from "@/db/schema";
import { can } from "@/policies/authorize";
import { ForbiddenError } from "../errors";
import { inTransaction, type PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { cardSubject } from "../authz/columns";
import { editableBoard, parseBoardInput, ZBoardRef } from "./board-shared";
import { signalBoardChanged } from "./board-events";

/** Deletes the board; returns its id. */
export async function deleteBoard(ctx: PolicyCtx, raw: unknown): Promise<{ id: string }> {
  const { board } = await editableBoard(ctx, parseBoardInput(ZBoardRef, raw).boardId, "delete");
  await inTransaction(ctx, async (tx) => {
    const held = await tx.db.select().from(cards).where(eq(cards.boardId, board.id)).for("update");
    if (!held.every((c) => can(tx.ability, "delete", "Card", cardSubject(c)))) {
      throw new ForbiddenError("This board holds cards you cannot delete. Ask the space's owner to delete it, or delete its cards first.");
    }
    await tx.db.delete(boards).where(eq(boards.id, board.id));
    await recordAudit(tx, {
      action: "board.delete",
      subjectType: "board",
      subjectId: board.id,
      spaceId: board.spaceId,
      details: { title: board.title, cards: held.map((c) => ({ id: c.id, marking: c.marking })) },
    });
  });
  signalBoardChanged(board.id);
  return { id: board.id };
}
