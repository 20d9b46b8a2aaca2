/**
 * Sets who a card is assigned to (the whole list, replacing the last). Each assignee must be a
 * member of the card's space who may read the card now: assigning someone who cannot see it
 * would tell them nothing and tell everyone else something false. An unknown person, a person
 * outside the space and a member who may not read the card all get the same clear error, and
 * nothing changes. Editing the card ("update") is what allows it. With `expectedVersion` the
 * change is refused (409, with the card as it is now) when the card has changed since; it bumps
 * the version. Audited as "card.assign". People newly assigned (other than the actor) get a
 * "card-assigned" notification in the same transaction.
 */
import { eq } from "drizzle-orm";
import { z } from "zod";
import { cardAssignees, cards, spaceMembers } from "@/db/schema";
import { InvalidInputError } from "../errors";
import { inTransaction, type PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { cardSubject } from "../authz/columns";
import { cardAudit, changeableCard, lockedCard, parseBoardInput, ZCardRef } from "./board-shared";
import { signalBoardChanged } from "./board-events";
import { toCardView, type CardView } from "./card-view";
import { CardConflictError } from "./update-card";
import { cardReaders } from "./card-readers";
import { notifyCardAssignees } from "../notifications/notify-card-assignees";

export const ASSIGNEES_MAX = 20;

export const ZSetCardAssignees = z.object({
  cardId: z.string(),
  userIds: z
    .array(z.string({ message: "An assignee must be a person's id" }).max(100), { message: "Assignees must be a list of people" })
    .max(ASSIGNEES_MAX, `A card has at most ${ASSIGNEES_MAX} assignees`)
    .transform((ids) => [...new Set(ids.map((id) => id.toLowerCase()))]),
  expectedVersion: z.number().int().min(1).optional(),
});
export type SetCardAssigneesInput = z.input<typeof ZSetCardAssignees>;

/** Replaces the card's assignees; returns the card as it now is. */
export async function setCardAssignees(ctx: PolicyCtx, raw: unknown): Promise<CardView> {
  const { card, board } = await changeableCard(ctx, parseBoardInput(ZCardRef, raw).cardId, "update", "card.assign");
  const input = parseBoardInput(ZSetCardAssignees, raw);
  const mayRead = await cardReaders(ctx.db, { card: cardSubject(card), userIds: input.userIds, now: ctx.now });
  const refused = input.userIds.filter((id) => !mayRead.has(id));
  if (refused.length > 0) {
    throw new InvalidInputError(
      refused.length === 1
        ? "One of the people chosen is not a member of this space who can see this card, so the card cannot be assigned to them"
        : `${refused.length} of the people chosen are not members of this space who can see this card, so the card cannot be assigned to them`,
    );
  }
  const updated = await inTransaction(ctx, async (tx) => {
    const row = await lockedCard(tx, card.id);
    if (input.expectedVersion !== undefined && row.version !== input.expectedVersion) throw new CardConflictError(await toCardView(tx, row));
    // Membership again inside the transaction: someone removed from the space meanwhile is not assigned.
    const members = input.userIds.length ? await tx.db.select({ userId: spaceMembers.userId }).from(spaceMembers).where(eq(spaceMembers.spaceId, row.spaceId)) : [];
    const memberIds = new Set(members.map((m) => m.userId));
    if (!input.userIds.every((id) => memberIds.has(id))) throw new InvalidInputError("One of the people chosen is no longer a member of this space");
    const before = (await tx.db.select({ userId: cardAssignees.userId }).from(cardAssignees).where(eq(cardAssignees.cardId, row.id))).map((a) => a.userId);
    await tx.db.delete(cardAssignees).where(eq(cardAssignees.cardId, row.id));
    if (input.userIds.length) await tx.db.insert(cardAssignees).values(input.userIds.map((userId) => ({ cardId: row.id, userId, assignedBy: tx.actor.userId, assignedAt: tx.now })));
    const [saved] = await tx.db.update(cards).set({ version: row.version + 1, updatedBy: tx.actor.userId, updatedAt: tx.now }).where(eq(cards.id, row.id)).returning();
    await recordAudit(tx, { action: "card.assign", ...cardAudit(row), details: { boardId: board.id, before, after: input.userIds } });
    // Those newly assigned (not the actor) are told, in this transaction: each may read the card (checked above).
    await notifyCardAssignees(tx, { card: saved!, userIds: input.userIds.filter((id) => !before.includes(id)) });
    return toCardView(tx, saved!);
  });
  signalBoardChanged(board.id, { type: "card", cardId: updated.id });
  return updated;
}
