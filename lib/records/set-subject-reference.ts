/**
 * Sets the subject of a labelled item: the reference events are raised by (a URN, a nominal's
 * id) and the subject's date of birth, from which review group 1's "until the subject is deemed
 * 100 years old" is computed. For the item agency's records managers only. The item's clock is
 * computed again (a 100th-birthday label starts it now; an event already raised for the new
 * reference starts it), and recording the subject is new information on them, so clear periods
 * of that subject restart (see restartClearPeriods). Audited as "record.subject".
 */
import { eq } from "drizzle-orm";
import { z } from "zod";
import { recordItems } from "@/db/schema";
import { can } from "@/policies/authorize";
import { ForbiddenError, InvalidInputError, parseInput } from "../errors";
import { inTransaction, type PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { computeClock, isRecordsManagerOf, loadRecordTarget, restartClearPeriods, retentionView, ZDay, ZItemType, type ItemRetentionView } from "./record-item-shared";
import { ukDay } from "./retention-clock";

export const ZSetSubjectReference = z.object({
  itemType: ZItemType,
  itemId: z.string(),
  subjectReference: z.string().trim().min(1, "Enter the subject's reference, or none").max(100, "A subject reference has at most 100 characters").nullable(),
  subjectDateOfBirth: ZDay("The subject's date of birth").nullable().default(null),
});

/** Sets the item's subject; returns its retention as its page shows it. */
export async function setSubjectReference(ctx: PolicyCtx, raw: z.input<typeof ZSetSubjectReference>): Promise<ItemRetentionView> {
  const input = parseInput(ZSetSubjectReference, raw);
  if (input.subjectDateOfBirth && input.subjectDateOfBirth > ukDay(ctx.now)) throw new InvalidInputError("The subject's date of birth cannot be in the future");
  return inTransaction(ctx, async (tx) => {
    const target = await loadRecordTarget(tx, input.itemType, input.itemId, { forUpdate: true });
    if (!can(tx.ability, "update", "RecordItem", target.subject) || !isRecordsManagerOf(tx.ability, target.item.owningAgencyId)) {
      throw new ForbiddenError("Only a records manager can set the subject of this item");
    }
    if (!target.record || !target.label) throw new InvalidInputError("Label the item before setting its subject");
    const clock = target.record.state === "retained" ? await computeClock(tx, target.label, target.item, { labelledAt: target.record.labelledAt, subjectReference: input.subjectReference, subjectDateOfBirth: input.subjectDateOfBirth }) : { clockStartedOn: target.record.clockStartedOn, dueOn: target.record.dueOn };
    // An event-triggered clock that had started keeps its day unless the new subject gives it one.
    const keep = target.label.trigger === "event" && !target.label.eventComputed && clock.clockStartedOn === null && target.record.clockStartedOn !== null;
    await tx.db
      .update(recordItems)
      .set({ subjectReference: input.subjectReference, subjectDateOfBirth: input.subjectDateOfBirth, ...(keep ? {} : clock), updatedAt: tx.now })
      .where(eq(recordItems.id, target.record.id));
    const restarted = await restartClearPeriods(tx, target.item.owningAgencyId, input.subjectReference, target.record.id);
    await recordAudit(tx, {
      action: "record.subject",
      subjectType: target.item.itemType,
      subjectId: target.item.itemId,
      spaceId: target.item.spaceId,
      details: { subjectReference: input.subjectReference, hasDateOfBirth: input.subjectDateOfBirth !== null, clearPeriodsRestarted: restarted },
    });
    const [row] = await tx.db.select().from(recordItems).where(eq(recordItems.id, target.record.id));
    return retentionView(tx, target, row!, target.label);
  });
}
