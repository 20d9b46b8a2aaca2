/**
 * The retention labels of a list of items the caller has already been shown (a space's files):
 * one query for the whole list instead of one per row. The caller passes only ids its own
 * policy-trimmed list returned, so this reveals nothing beyond what get-item-retention would.
 */
import { and, eq, inArray } from "drizzle-orm";
import { recordItems, retentionEventTypes, retentionLabels } from "@/db/schema";
import type { PolicyCtx } from "../context";
import type { RecordItemType } from "./record-item-shared";

export type ItemRetentionSummary = { labelName: string; action: "delete" | "review" | "relabel"; recordKind: "none" | "record" | "regulatory"; dueOn: string | null; waitingForEvent: string | null };

/** Each labelled item's label and due day, by item id (unlabelled items are absent). */
export async function listItemRetentions(ctx: PolicyCtx, itemType: RecordItemType, itemIds: string[]): Promise<Map<string, ItemRetentionSummary>> {
  if (itemIds.length === 0) return new Map();
  const rows = await ctx.db
    .select({ itemId: recordItems.itemId, dueOn: recordItems.dueOn, labelName: retentionLabels.name, action: retentionLabels.action, recordKind: retentionLabels.recordKind, eventName: retentionEventTypes.name })
    .from(recordItems)
    .innerJoin(retentionLabels, eq(retentionLabels.id, recordItems.labelId))
    .leftJoin(retentionEventTypes, eq(retentionEventTypes.id, retentionLabels.eventTypeId))
    .where(and(eq(recordItems.itemType, itemType), inArray(recordItems.itemId, itemIds)));
  return new Map(rows.map((r) => [r.itemId, { labelName: r.labelName, action: r.action, recordKind: r.recordKind, dueOn: r.dueOn, waitingForEvent: r.dueOn ? null : r.eventName }]));
}
