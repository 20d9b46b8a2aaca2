/**
 * The retention of one item for its page: its label, when its clock started, when it is due for
 * disposal or review (or the event it waits for), and what the actor may do about it. Anyone who
 * may read the item sees its label (as in Purview); its agency's records managers and its space's
 * owners see it without reading the content. Otherwise 404, as for the item itself.
 */
import { z } from "zod";
import { parseInput } from "../errors";
import type { PolicyCtx } from "../context";
import { loadRecordTarget, retentionView, ZItemType, type ItemRetentionView } from "./record-item-shared";

export const ZGetItemRetention = z.object({ itemType: ZItemType, itemId: z.string() });

/** The item's retention view; NotFoundError when the actor may not know of the item. */
export async function getItemRetention(ctx: PolicyCtx, raw: z.input<typeof ZGetItemRetention>): Promise<ItemRetentionView> {
  const input = parseInput(ZGetItemRetention, raw);
  const target = await loadRecordTarget(ctx, input.itemType, input.itemId);
  return retentionView(ctx, target, target.record, target.label);
}
