/**
 * Adds a card at the end of a column of a board. Its marking is the space's default unless
 * another is chosen, never above the space's ceiling or the deployment's, and only one the
 * creator's vetting and agency's standing let them create (the policy's "create" on Card, as for
 * documents); the card belongs to the creator's agency. Bad input (an empty or 10,000-character
 * title, a due date before the start, a column of another board) is refused with a clear error
 * and nothing is stored. Audited as "card.create" in the same transaction. A card made to repeat
 * (lib/boards/recurrence.ts) needs a date to repeat from, and starts a series of its own.
 */
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { boardColumns, cards } from "@/db/schema";
import { can } from "@/policies/authorize";
import { ForbiddenError, InvalidInputError } from "../errors";
import { inTransaction, type PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { CARD_TITLE_MAX, checkDates, parseBoardInput, paragraphsOf, readableBoard, titleOf, ZBoardRef, ZChecklist, ZDescription, ZInstant, ZLabels } from "./board-shared";
import { resolveCardMarking } from "./card-marking";
import { signalBoardChanged } from "./board-events";
import { toCardView, type CardView } from "./card-view";
import { placeLast } from "./positions";
import { checkRecurrence, ZRecurrence } from "./recurrence";

/** The most cards a column holds. */
export const COLUMN_CARDS_MAX = 500;

export const ZCreateCard = z.object({
  boardId: z.string(),
  columnId: z.string({ message: "Choose the column for the card" }).max(100),
  title: titleOf("card", CARD_TITLE_MAX),
  description: ZDescription.default(paragraphsOf("")),
  startAt: ZInstant.default(null),
  dueAt: ZInstant.default(null),
  labels: ZLabels.default([]),
  checklist: ZChecklist.default([]),
  /** How the card repeats; null: it does not. */
  recurrence: ZRecurrence.default(null),
  /** Empty: the space's default marking. */
  marking: z.string().max(200, "The marking is too long").default(""),
  recipientIds: z.array(z.uuid({ message: "A recipient must be a person's id" })).max(200).default([]),
});
export type CreateCardInput = z.input<typeof ZCreateCard>;

/** Adds the card; returns it as the board shows it. */
export async function createCard(ctx: PolicyCtx, raw: unknown): Promise<CardView> {
  const { board, space } = await readableBoard(ctx, parseBoardInput(ZBoardRef, raw).boardId);
  const input = parseBoardInput(ZCreateCard, raw);
  checkDates(input.startAt, input.dueAt);
  if (input.recurrence) checkRecurrence(input.recurrence, input.startAt, input.dueAt);
  const created = await inTransaction(ctx, async (tx) => {
    const [column] = await tx.db.select().from(boardColumns).where(and(eq(boardColumns.id, input.columnId), eq(boardColumns.boardId, board.id))).for("share").limit(1);
    if (!column) throw new InvalidInputError("Choose a column of this board for the card");
    const markingColumns = await resolveCardMarking(tx, space, input.marking, input.recipientIds);
    const fields = { id: "", spaceId: space.id, owningAgencyId: tx.actor.agency.id, ...markingColumns };
    if (!can(tx.ability, "create", "Card", fields)) {
      throw new ForbiddenError(can(tx.ability, "create", "Card", { ...fields, markingRank: 1, descriptors: [], handling: "", recipientIds: [], useOnlyAgencyCodes: [] }) ? `Your vetting does not allow you to add a card marked ${markingColumns.marking}` : "You cannot add cards to this board");
    }
    const siblings = await tx.db.select({ id: cards.id, position: cards.position }).from(cards).where(eq(cards.columnId, column.id));
    if (siblings.length >= COLUMN_CARDS_MAX) throw new InvalidInputError(`A column holds at most ${COLUMN_CARDS_MAX} cards`);
    const [row] = await tx.db
      .insert(cards)
      .values({
        boardId: board.id,
        columnId: column.id,
        spaceId: space.id,
        owningAgencyId: tx.actor.agency.id,
        title: input.title,
        description: input.description,
        startAt: input.startAt,
        dueAt: input.dueAt,
        labels: input.labels,
        checklist: input.checklist,
        recurrence: input.recurrence,
        seriesId: input.recurrence ? randomUUID() : null,
        position: placeLast(siblings),
        ...markingColumns,
        createdBy: tx.actor.userId,
        createdAt: tx.now,
        updatedBy: tx.actor.userId,
        updatedAt: tx.now,
      })
      .returning();
    // Never the title or description: the audit trail records that a card was made, not what it says.
    await recordAudit(tx, { action: "card.create", subjectType: "card", subjectId: row!.id, spaceId: space.id, markingAfter: row!.marking, details: { boardId: board.id, columnId: column.id, ...(row!.recurrence && { recurrence: row!.recurrence, seriesId: row!.seriesId }) } });
    return toCardView(tx, row!);
  });
  signalBoardChanged(board.id, { type: "card", cardId: created.id });
  return created;
}
