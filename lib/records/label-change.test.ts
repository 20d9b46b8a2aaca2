/**
 * A label in use changes (issue 8): items still retained under it follow the label as it is now.
 * A shorter period moves each due day from its clock's start (a clear period keeps its last
 * restart); a new trigger recomputes each clock from the content; items in review keep their
 * place; the audit event counts what was recomputed.
 */
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { and, desc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import * as t from "@/db/schema";
import { buildActor, buildDocument, openSeededDatabaseForFile, policyCtx, type SeededScenario } from "@/db/factories";
import { testEngine } from "@/db/testing";
import { updateRetentionLabel } from "./update-retention-label";

let db: Db;
let s: SeededScenario;
openSeededDatabaseForFile((opened) => {
  db = opened.db;
  s = opened.scenario;
});

const JANET = "janet.okafor@dcp.example";
const KESTREL = "Operation Kestrel";
const ctxOf = async (email: string) => policyCtx(db, await buildActor(db, s.userId(email)));

async function label(overrides: Partial<typeof t.retentionLabels.$inferInsert> = {}) {
  const [row] = await db
    .insert(t.retentionLabels)
    .values({ agencyId: s.agencyId("DCP"), reference: `LC-${randomBytes(4).toString("hex")}`, name: "Label change test", trigger: "labelled", action: "delete", periodYears: 6, ...overrides })
    .returning();
  return row!;
}

/** A Kestrel document created on `createdAt`, labelled with `labelId` and its clock as given. */
async function item(labelId: string, clock: { clockStartedOn: string; dueOn: string; state?: "retained" | "in_review" }, createdAt = new Date("2018-03-04T12:00:00Z")) {
  const doc = await buildDocument(db, { spaceId: s.spaceId(KESTREL), createdAt, updatedAt: createdAt });
  const [row] = await db
    .insert(t.recordItems)
    .values({ itemType: "document", itemId: doc.id, spaceId: doc.spaceId, owningAgencyId: doc.owningAgencyId, labelId, appliedHow: "manual", labelledAt: new Date("2024-06-01T09:00:00Z"), ...clock, state: clock.state ?? "retained", reviewStage: clock.state === "in_review" ? 1 : null })
    .returning();
  return row!;
}
const rowOf = async (id: string) => (await db.select().from(t.recordItems).where(eq(t.recordItems.id, id)))[0]!;

describe(`changing a label in use (${testEngine})`, () => {
  it("moves the due day of every retained item when the period changes, and leaves items in review alone", async () => {
    const lbl = await label({ periodYears: 6 });
    const a = await item(lbl.id, { clockStartedOn: "2024-06-01", dueOn: "2030-06-01" });
    // A clear period restarted since it was labelled: the due day moves from the restart.
    const b = await item(lbl.id, { clockStartedOn: "2025-02-28", dueOn: "2031-02-28" });
    const inReview = await item(lbl.id, { clockStartedOn: "2019-01-01", dueOn: "2025-01-01", state: "in_review" });
    await updateRetentionLabel(await ctxOf(JANET), { labelId: lbl.id, period: { years: 1, months: 0, days: 0 } });
    expect((await rowOf(a.id)).dueOn).toBe("2025-06-01");
    expect((await rowOf(b.id)).dueOn).toBe("2026-02-28");
    expect(await rowOf(inReview.id)).toMatchObject({ dueOn: "2025-01-01", state: "in_review" });
    const [audit] = await db.select().from(t.auditEvents).where(and(eq(t.auditEvents.action, "retention_label.update"), eq(t.auditEvents.subjectId, lbl.id))).orderBy(desc(t.auditEvents.id));
    expect((audit!.details as { itemsRecomputed: number }).itemsRecomputed).toBe(2);
  });

  it("recomputes each clock from the content when the trigger changes", async () => {
    const lbl = await label({ trigger: "labelled", periodYears: 2 });
    const a = await item(lbl.id, { clockStartedOn: "2024-06-01", dueOn: "2026-06-01" }, new Date("2018-03-04T12:00:00Z"));
    await updateRetentionLabel(await ctxOf(JANET), { labelId: lbl.id, trigger: "created" });
    expect(await rowOf(a.id)).toMatchObject({ clockStartedOn: "2018-03-04", dueOn: "2020-03-04", state: "retained" });
    // And back: the day it was labelled is still the day it was labelled.
    await updateRetentionLabel(await ctxOf(JANET), { labelId: lbl.id, trigger: "labelled" });
    expect(await rowOf(a.id)).toMatchObject({ clockStartedOn: "2024-06-01", dueOn: "2026-06-01" });
  });

  it("changes no clock when neither the period nor what starts it changes", async () => {
    const lbl = await label({ periodYears: 3 });
    const a = await item(lbl.id, { clockStartedOn: "2024-06-01", dueOn: "2027-06-01" });
    const before = await rowOf(a.id);
    await updateRetentionLabel(await ctxOf(JANET), { labelId: lbl.id, name: "Renamed label" });
    expect(await rowOf(a.id)).toEqual(before);
  });
});
