/**
 * Fixtures for the disposal review tests outside lib/ (the route tests in app/, which may not
 * reach the database themselves): an item in review under a two-stage label, made directly in
 * the database, and an item's row as stored. For tests only: nothing in the application imports
 * this file.
 */
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import * as t from "@/db/schema";
import { buildDocument, type SeededScenario } from "@/db/factories";

/** A Kestrel document in review at stage 1 of a label reviewed by `stage1` then `stage2` (e-mails); returns the record item's id. */
export async function itemInReview(db: Db, s: SeededScenario, stage1: string, stage2: string): Promise<string> {
  const [label] = await db
    .insert(t.retentionLabels)
    .values({
      agencyId: s.agencyId("DCP"),
      reference: `RT-${randomBytes(4).toString("hex")}`,
      name: "Two-stage review",
      trigger: "labelled",
      action: "review",
      reviewStages: [
        { name: "Records", reviewerIds: [s.userId(stage1)] },
        { name: "Investigation", reviewerIds: [s.userId(stage2)] },
      ],
    })
    .returning();
  const doc = await buildDocument(db, { spaceId: s.spaceId("Operation Kestrel"), title: "Route test item" });
  const [item] = await db
    .insert(t.recordItems)
    .values({ itemType: "document", itemId: doc.id, spaceId: doc.spaceId, owningAgencyId: doc.owningAgencyId, labelId: label!.id, appliedHow: "manual", dueOn: "2020-01-01", state: "in_review", reviewStage: 1, reviewStartedAt: new Date() })
    .returning();
  return item!.id;
}

/** The record item's row as stored (undefined once it is gone). */
export async function recordItemRow(db: Db, id: string) {
  return (await db.select().from(t.recordItems).where(eq(t.recordItems.id, id)))[0];
}
