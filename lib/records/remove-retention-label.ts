/**
 * Removes an item's retention label (and so its clock): as labelling, for its agency's records
 * managers and its space's owners; a record's label only by a records manager, a regulatory
 * record's by nobody, and nobody's once its disposal review restricted the item (DPA 2018 s.47:
 * 409). Removing a label the item does not have changes nothing. Audited as
 * "record.unlabel".
 */
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { recordItems } from "@/db/schema";
import { can } from "@/policies/authorize";
import { ForbiddenError, parseInput } from "../errors";
import { inTransaction, type PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { assertLabelChangeable, assertNotRestricted, loadRecordTarget, retentionView, ZItemType, type ItemRetentionView } from "./record-item-shared";
import { enqueueGraphLabels } from "../graph/enqueue-graph-sync";

export const ZRemoveRetentionLabel = z.object({ itemType: ZItemType, itemId: z.string() });

/** Removes the label; returns the item's retention as its page shows it (no label). */
export async function removeRetentionLabel(ctx: PolicyCtx, raw: z.input<typeof ZRemoveRetentionLabel>): Promise<ItemRetentionView> {
  const input = parseInput(ZRemoveRetentionLabel, raw);
  return inTransaction(ctx, async (tx) => {
    const target = await loadRecordTarget(tx, input.itemType, input.itemId, { forUpdate: true });
    if (!can(tx.ability, "update", "RecordItem", target.subject)) throw new ForbiddenError("Only a records manager or the owner of the space can remove this item's label");
    if (!target.record) return retentionView(tx, target, null, null);
    assertNotRestricted(target);
    assertLabelChangeable(tx, target);
    await tx.db.delete(recordItems).where(and(eq(recordItems.itemType, input.itemType), eq(recordItems.itemId, input.itemId)));
    await recordAudit(tx, {
      action: "record.unlabel",
      subjectType: target.item.itemType,
      subjectId: target.item.itemId,
      spaceId: target.item.spaceId,
      details: { labelId: target.record.labelId, label: target.label?.reference ?? null },
    });
    await enqueueGraphLabels(tx, [{ itemType: target.item.itemType, itemId: target.item.itemId }]); // issue 9
    return retentionView(tx, target, null, null);
  });
}
