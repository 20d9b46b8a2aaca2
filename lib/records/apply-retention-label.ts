/**
 * Applies a retention label to one item (a document, file or submission) by hand: its agency's
 * records managers and the owners of its space may (policies/rules/records.ts), with a label of
 * the item's own agency's file plan. It replaces the label the item had, unless that one declares
 * a regulatory record (nobody replaces it) or a record (only a records manager does); applying
 * a record's own label again with another subject is a change of its schedule too, under the same
 * rule. An item its disposal review restricted (DPA 2018 s.47) is labelled no more (409). The clock
 * is computed from the new label; labelling an item with a subject reference is new information
 * on the subject, so that subject's clear periods restart. Audited as "record.label".
 */
import { z } from "zod";
import { ForbiddenError, InvalidInputError, parseInput } from "../errors";
import { can } from "@/policies/authorize";
import { inTransaction, type PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { applicableLabel, assertLabelChangeable, assertNotRestricted, loadRecordTarget, restartClearPeriods, retentionView, storeLabel, ZDay, ZItemType, type ItemRetentionView } from "./record-item-shared";
import { ukDay } from "./retention-clock";
import { requestRetentionSweep } from "../jobs/sweep-signal";
import { enqueueGraphLabels } from "../graph/enqueue-graph-sync";

export const ZApplyRetentionLabel = z.object({
  itemType: ZItemType,
  itemId: z.string(),
  labelId: z.string({ message: "Choose a label" }).min(1, "Choose a label"),
  /** The subject's reference (a URN) by which events are raised; kept from the item's label row when not given. */
  subjectReference: z.string().trim().min(1).max(100, "A subject reference has at most 100 characters").nullish(),
  subjectDateOfBirth: ZDay("The subject's date of birth").nullish(),
});
export type ApplyRetentionLabelInput = z.input<typeof ZApplyRetentionLabel>;

/** Labels the item; returns its retention as its page shows it. */
export async function applyRetentionLabel(ctx: PolicyCtx, raw: ApplyRetentionLabelInput): Promise<ItemRetentionView> {
  const input = parseInput(ZApplyRetentionLabel, raw);
  const view = await inTransaction(ctx, async (tx) => {
    const target = await loadRecordTarget(tx, input.itemType, input.itemId, { forUpdate: true });
    if (!can(tx.ability, "update", "RecordItem", target.subject)) throw new ForbiddenError("Only a records manager or the owner of the space can label this item");
    assertNotRestricted(target);
    const label = await applicableLabel(tx, input.labelId, target.item.owningAgencyId);
    const subjectReference = input.subjectReference === undefined ? (target.record?.subjectReference ?? null) : input.subjectReference;
    const subjectDateOfBirth = input.subjectDateOfBirth === undefined ? (target.record?.subjectDateOfBirth ?? null) : input.subjectDateOfBirth;
    if (subjectDateOfBirth && subjectDateOfBirth > ukDay(tx.now)) throw new InvalidInputError("The subject's date of birth cannot be in the future");
    if (target.record && target.record.labelId === label.id && subjectReference === target.record.subjectReference && subjectDateOfBirth === target.record.subjectDateOfBirth) {
      return retentionView(tx, target, target.record, label);
    }
    // Past the no-op above, a labelled item changes: another label, or its own again with another
    // subject (a fresh clock, out of any review; the subject may find an event raised long ago),
    // which for a record only a records manager may do, and for a regulatory record nobody here
    // (its records manager sets its subject with setSubjectReference, which keeps its state).
    if (target.record) assertLabelChangeable(tx, target);
    const row = await storeLabel(tx, target.item, label, { appliedHow: "manual", labelledBy: tx.actor.userId, subjectReference, subjectDateOfBirth });
    const restarted = await restartClearPeriods(tx, target.item.owningAgencyId, subjectReference, row.id);
    await recordAudit(tx, {
      action: "record.label",
      subjectType: target.item.itemType,
      subjectId: target.item.itemId,
      spaceId: target.item.spaceId,
      details: { labelId: label.id, label: label.reference, previousLabelId: target.record?.labelId ?? null, appliedHow: "manual", dueOn: row.dueOn, clearPeriodsRestarted: restarted },
    });
    await enqueueGraphLabels(tx, [{ itemType: target.item.itemType, itemId: target.item.itemId }]); // issue 9: the label in SharePoint too
    return retentionView(tx, target, row, label);
  });
  // A label whose period has already run (created years ago) makes the item due now.
  requestRetentionSweep();
  return view;
}

