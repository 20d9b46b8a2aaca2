/**
 * Declared records (issue 8; Purview's records and regulatory records): an item whose label's
 * record_kind is "record" or "regulatory" is locked, its content neither edited nor deleted by
 * anyone; a regulatory record's label cannot be removed either (lib/records' label operations
 * ask `recordLockOf` before removing one). The threat: evidence quietly changed after it was
 * declared a record.
 */
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { recordItems, retentionLabels } from "@/db/schema";
import { RecordLockedError } from "../errors";
import type { ItemType } from "./holds-shared";

export type RecordLock = "none" | "record" | "regulatory";

/** What the item's label declares it: none (or no label), a record, or a regulatory record. */
export async function recordLockOf(db: Db, itemType: ItemType, itemId: string): Promise<RecordLock> {
  const [row] = await db
    .select({ kind: retentionLabels.recordKind })
    .from(recordItems)
    .innerJoin(retentionLabels, eq(retentionLabels.id, recordItems.labelId))
    .where(and(eq(recordItems.itemType, itemType), eq(recordItems.itemId, itemId)))
    .limit(1);
  return row?.kind ?? "none";
}

/** True when the item's content is locked (a record or a regulatory record). */
export async function isRecordLocked(db: Db, itemType: ItemType, itemId: string): Promise<boolean> {
  return (await recordLockOf(db, itemType, itemId)) !== "none";
}

/** Throws RecordLockedError when the item is a declared record. */
export async function refuseIfRecordLocked(db: Db, itemType: ItemType, itemId: string): Promise<void> {
  const lock = await recordLockOf(db, itemType, itemId);
  if (lock === "regulatory") throw new RecordLockedError("This is a declared regulatory record: its content is locked, for everyone");
  if (lock === "record") throw new RecordLockedError();
}
