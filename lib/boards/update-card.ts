/**
 * Changes a card's content (title, description, dates, labels, checklist) and, optionally, its
 * marking, with optimistic concurrency: the edit names the version of the card it was made
 * against (`expectedVersion`), and when the card has changed since (someone else saved first) it
 * is refused with a ConflictError (409) carrying the card as it is now, so that the person sees
 * both and merges; nothing is ever silently overwritten. The version check and the write are one
 * UPDATE … WHERE version = expected, so two concurrent saves cannot both pass it.
 *
 * Marking: raising it (a higher rank or more descriptors, the audience otherwise unchanged) is for
 * anyone who may edit the card; any other change is the originating agency's ("remark", GSCP
 * paras 37-38), and lowering needs a written justification, as for documents. The new marking
 * must pass the same checks as a new card's, and be one the editor could still act on.
 *
 * Recurrence (lib/boards/recurrence.ts): a repeating card needs a due or start date to repeat
 * from, and `null` stops it repeating; the first recurrence a card is given starts its series.
 *
 * Bad input (a 10,000-character title, a due date before the start) is a clear error and
 * nothing changes. Audited as "card.update" (with the marking before and after) in the same
 * transaction.
 */
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { cards } from "@/db/schema";
import { can } from "@/policies/authorize";
import { ConflictError, ForbiddenError, InvalidInputError } from "../errors";
import { inTransaction, type PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { cardSubject } from "../authz/columns";
import { CARD_TITLE_MAX, cardAudit, changeableCard, checkDates, lockedCard, parseBoardInput, titleOf, ZCardRef, ZChecklist, ZDescription, ZInstant, ZLabels, type CardRow } from "./board-shared";
import { resolveCardMarking, type CardMarking } from "./card-marking";
import { signalBoardChanged } from "./board-events";
import { toCardView, type CardView } from "./card-view";
import { checkRecurrence, ZRecurrence } from "./recurrence";

export const ZUpdateCard = z.object({
  cardId: z.string(),
  expectedVersion: z.number({ message: "Say which version of the card you edited (expectedVersion)" }).int().min(1),
  title: titleOf("card", CARD_TITLE_MAX).optional(),
  description: ZDescription.optional(),
  startAt: ZInstant.optional(),
  dueAt: ZInstant.optional(),
  labels: ZLabels.optional(),
  checklist: ZChecklist.optional(),
  /** How the card repeats; null: it stops repeating. */
  recurrence: ZRecurrence.optional(),
  marking: z.string().trim().min(1, "Enter the marking").max(200, "The marking is too long").optional(),
  recipientIds: z.array(z.uuid({ message: "A recipient must be a person's id" })).max(200).default([]),
  justification: z.string().trim().max(2000, "The justification has at most 2,000 characters").default(""),
});
export type UpdateCardInput = z.input<typeof ZUpdateCard>;

/** The error of a stale edit: the card as it is now, for the person to merge with their version. */
export class CardConflictError extends ConflictError {
  constructor(readonly current: CardView) {
    super("Someone else changed this card while you were editing it. Compare their version with yours, then save again.", { current });
  }
}

/** True when `next` only adds protection to `row`'s marking (any editor may); false for any other change. */
function isRaise(row: CardRow, next: CardMarking): boolean {
  const isLowering = next.markingRank < row.markingRank || row.descriptors.some((d) => !next.descriptors.includes(d));
  return !isLowering && next.handling === row.handling && next.recipientIds.join() === row.recipientIds.join() && next.useOnlyAgencyCodes.join() === row.useOnlyAgencyCodes.join();
}

/** Applies the edit; returns the card as it now is (its version one higher). */
export async function updateCard(ctx: PolicyCtx, raw: unknown): Promise<CardView> {
  const { card, space, board } = await changeableCard(ctx, parseBoardInput(ZCardRef, raw).cardId, "update", "card.update");
  const input = parseBoardInput(ZUpdateCard, raw);
  const updated = await inTransaction(ctx, async (tx) => {
    const row = await lockedCard(tx, card.id);
    if (row.version !== input.expectedVersion) throw new CardConflictError(await toCardView(tx, row));
    const startAt = input.startAt === undefined ? row.startAt : input.startAt;
    const dueAt = input.dueAt === undefined ? row.dueAt : input.dueAt;
    checkDates(startAt, dueAt);
    const recurrence = input.recurrence === undefined ? row.recurrence : input.recurrence;
    // Checked when the recurrence or the dates it repeats from change (a stored one stays as it was).
    if (recurrence && (input.recurrence !== undefined || input.startAt !== undefined || input.dueAt !== undefined)) checkRecurrence(recurrence, startAt, dueAt);

    let marking: CardMarking | null = null;
    if (input.marking !== undefined) {
      const next = await resolveCardMarking(tx, space, input.marking, input.recipientIds);
      if (next.marking !== row.marking || next.recipientIds.join() !== row.recipientIds.join()) {
        const raising = isRaise(row, next);
        if (!raising && !can(tx.ability, "remark", "Card", cardSubject(row))) throw new ForbiddenError("Only the card's own agency can change its marking other than by raising it");
        const isLowering = next.markingRank < row.markingRank || row.descriptors.some((d) => !next.descriptors.includes(d));
        if (isLowering && input.justification.length < 10) throw new InvalidInputError("Say why the marking may be lowered (at least 10 characters)");
        if (!can(tx.ability, "update", "Card", { ...cardSubject(row), ...next })) throw new ForbiddenError(`Your vetting does not allow you to mark a card ${next.marking}`);
        marking = next;
      }
    }
    const [saved] = await tx.db
      .update(cards)
      .set({
        ...(input.title !== undefined && { title: input.title }),
        ...(input.description !== undefined && { description: input.description }),
        ...(input.labels !== undefined && { labels: input.labels }),
        ...(input.checklist !== undefined && { checklist: input.checklist }),
        ...(input.recurrence !== undefined && { recurrence: input.recurrence }),
        ...(input.recurrence && !row.seriesId && { seriesId: randomUUID() }),
        ...(marking ?? {}),
        startAt,
        dueAt,
        version: row.version + 1,
        updatedBy: tx.actor.userId,
        updatedAt: tx.now,
      })
      .where(and(eq(cards.id, row.id), eq(cards.version, input.expectedVersion)))
      .returning();
    // The row is locked, so this cannot miss; if it ever did, refusing is the safe answer.
    if (!saved) throw new CardConflictError(await toCardView(tx, await lockedCard(tx, row.id)));
    const changed = (["title", "description", "startAt", "dueAt", "labels", "checklist", "recurrence"] as const).filter((k) => input[k] !== undefined);
    await recordAudit(tx, {
      action: marking ? "card.remark" : "card.update",
      ...cardAudit(row),
      ...(marking && { markingAfter: marking.marking }),
      ...(marking && input.justification && { justification: input.justification }),
      details: { boardId: board.id, fields: changed, version: saved.version },
    });
    return toCardView(tx, saved);
  });
  signalBoardChanged(board.id, { type: "card", cardId: updated.id });
  return updated;
}
