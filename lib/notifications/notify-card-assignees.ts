/**
 * Tells people newly assigned to a card that it is theirs, inside the assigning transaction. The
 * assigning operation has already checked, through the Card rules, that each may read the card
 * (lib/boards/card-readers.ts); the person who assigned is not told of their own act. The key
 * names the card's version after the change, so being assigned again later tells them again, and
 * repeating the same change tells nobody twice.
 */
import type { Ctx } from "../context";
import { notifyPeople } from "./notify-people";

/** Notifies `userIds` (except the actor) of their assignment to the card; returns how many were told. */
export async function notifyCardAssignees(ctx: Ctx, input: { card: { id: string; spaceId: string; version: number }; userIds: string[] }): Promise<number> {
  const created = await notifyPeople(
    ctx,
    input.userIds
      .filter((id) => id !== ctx.actor?.userId)
      .map((recipientId) => ({
        recipientId,
        kind: "card-assigned" as const,
        spaceId: input.card.spaceId,
        subjectType: "card" as const,
        subjectId: input.card.id,
        dedupeKey: `card-assigned:${input.card.id}:v${input.card.version}`,
      })),
  );
  return created.length;
}
