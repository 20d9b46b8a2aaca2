/**
 * Retention events and the records search on the demo scenario (issue 8): raising "case closed"
 * for a space or for a subject reference starts the clocks only of the items whose label that
 * event type triggers, set-based, within the records manager's reach; a clear period restarts
 * when new information on its subject is recorded; Janet's search by label, state and due date
 * is trimmed by the policy in SQL (nothing above a records manager's vetting, nothing for Tom).
 */
import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import * as t from "@/db/schema";
import { buildActor, buildDocument, buildSpace, buildUser, openSeededDatabaseForFile, policyCtx, type SeededScenario } from "@/db/factories";
import { testEngine } from "@/db/testing";
import { ForbiddenError, InvalidInputError, NotFoundError } from "../errors";
import { applyRetentionLabel } from "./apply-retention-label";
import { listRecordItems } from "./list-record-items";
import { raiseRetentionEvent } from "./raise-retention-event";
import { setSubjectReference } from "./set-subject-reference";
import { addPeriod, ukDay } from "./retention-clock";

let db: Db;
let s: SeededScenario;
openSeededDatabaseForFile((opened) => {
  db = opened.db;
  s = opened.scenario;
});

const JANET = "janet.okafor@dcp.example";
const ctxOf = async (email: string) => policyCtx(db, await buildActor(db, s.userId(email)));
const dcp = () => s.agencyId("DCP");
const unique = () => randomBytes(3).toString("hex");

async function makeEventType(name: string, agencyId = dcp(), computed: string | null = null): Promise<string> {
  const [row] = await db.insert(t.retentionEventTypes).values({ agencyId, key: `e-${unique()}`, name, computed }).returning();
  return row!.id;
}
async function makeLabel(overrides: Partial<typeof t.retentionLabels.$inferInsert> = {}): Promise<string> {
  const [row] = await db.insert(t.retentionLabels).values({ agencyId: dcp(), reference: `T-${unique()}`, name: `Label ${unique()}`, trigger: "created", action: "delete", periodYears: 6, ...overrides }).returning();
  return row!.id;
}
const recordOf = async (itemId: string) => (await db.select().from(t.recordItems).where(eq(t.recordItems.itemId, itemId)))[0]!;
/** A document in a new DCP space, labelled by Janet. */
async function labelled(labelId: string, spaceId?: string, subjectReference?: string, marking = "OFFICIAL") {
  const space = spaceId ?? (await buildSpace(db, { ownerAgencyId: dcp() })).id;
  const d = await buildDocument(db, { spaceId: space, marking, createdAt: new Date("2015-06-01T12:00:00Z") });
  await applyRetentionLabel(await ctxOf(JANET), { itemType: "document", itemId: d.id, labelId, subjectReference });
  return d;
}

describe(`retention events (${testEngine})`, () => {
  it("starts, for a space, the clocks of only the items whose label the event type triggers", async () => {
    const [caseClosed, conviction] = [await makeEventType("Case closed"), await makeEventType("Conviction")];
    const groupThree = await makeLabel({ name: "Crime file – Group 3 – 6 years after case closed", trigger: "event", eventTypeId: caseClosed, periodYears: 6 });
    const onConviction = await makeLabel({ trigger: "event", eventTypeId: conviction });
    const byCreation = await makeLabel({ trigger: "created", periodYears: 2 });
    const space = (await buildSpace(db, { ownerAgencyId: dcp() })).id;
    const [a, b, c] = [await labelled(groupThree, space), await labelled(onConviction, space), await labelled(byCreation, space)];
    const elsewhere = await labelled(groupThree);
    const janet = await ctxOf(JANET);
    const event = await raiseRetentionEvent(janet, { eventTypeId: caseClosed, occurredOn: "2020-02-29", spaceId: space, description: "Kestrel: case closed at court" });
    expect(event.itemCount).toBe(1);
    expect(await recordOf(a.id)).toMatchObject({ clockStartedOn: "2020-02-29", dueOn: "2026-02-28" });
    expect(await recordOf(b.id)).toMatchObject({ clockStartedOn: null, dueOn: null });
    expect(await recordOf(c.id)).toMatchObject({ clockStartedOn: "2015-06-01", dueOn: "2017-06-01" });
    expect(await recordOf(elsewhere.id)).toMatchObject({ clockStartedOn: null });
    const [row] = await db.select().from(t.retentionEvents).where(eq(t.retentionEvents.id, event.id));
    expect(row).toMatchObject({ itemCount: 1, spaceId: space, occurredOn: "2020-02-29", raisedBy: s.userId(JANET) });
    const [audit] = await db.select().from(t.auditEvents).where(and(eq(t.auditEvents.action, "retention_event.raise"), eq(t.auditEvents.subjectId, event.id)));
    expect(audit?.details).toMatchObject({ itemCount: 1, occurredOn: "2020-02-29" });
    // An item labelled after its space's event was raised starts its clock at once.
    expect(await recordOf((await labelled(groupThree, space)).id)).toMatchObject({ clockStartedOn: "2020-02-29" });
  });

  it("starts, for a subject reference, the clocks of that subject's items only, and not those above the records manager's vetting", async () => {
    const caseClosed = await makeEventType("Case closed");
    const label = await makeLabel({ trigger: "event", eventTypeId: caseClosed, periodYears: 6 });
    const urn = `50AB${unique()}`;
    const [one, two, other] = [await labelled(label, undefined, urn), await labelled(label, undefined, urn, "OFFICIAL-SENSITIVE"), await labelled(label, undefined, `${urn}-X`)];
    const bpss = await buildUser(db, { agencyId: dcp(), roles: ["records_manager"], vettingLevel: "BPSS" });
    const low = await policyCtx(db, await buildActor(db, bpss.id));
    expect((await raiseRetentionEvent(low, { eventTypeId: caseClosed, occurredOn: "2019-01-31", subjectReference: urn })).itemCount).toBe(1);
    expect(await recordOf(one.id)).toMatchObject({ clockStartedOn: "2019-01-31", dueOn: "2025-01-31" });
    expect((await recordOf(two.id)).clockStartedOn).toBeNull();
    const janet = await ctxOf(JANET);
    expect((await raiseRetentionEvent(janet, { eventTypeId: caseClosed, occurredOn: "2019-02-01", subjectReference: urn })).itemCount).toBe(2);
    expect(await recordOf(two.id)).toMatchObject({ clockStartedOn: "2019-02-01", dueOn: "2025-02-01" });
    expect((await recordOf(other.id)).clockStartedOn).toBeNull();
  });

  it("restarts a clear period when new information on its subject is recorded", async () => {
    const groupTwo = await makeLabel({ name: "Group 2 – 10-year clear period", trigger: "created", periodYears: 10, isClearPeriod: true });
    const urn = `NOM-${unique()}`;
    const first = await labelled(groupTwo, undefined, urn);
    expect(await recordOf(first.id)).toMatchObject({ clockStartedOn: "2015-06-01", dueOn: "2025-06-01" });
    const today = ukDay(new Date());
    // Another item on the same subject is labelled: new information, so the clear period starts again today.
    await labelled(await makeLabel(), undefined, urn);
    expect(await recordOf(first.id)).toMatchObject({ clockStartedOn: today, dueOn: addPeriod(today, { years: 10, months: 0, days: 0 }) });
    // Giving an item that reference is new information too; other subjects' clear periods stay.
    const untouched = await labelled(groupTwo, undefined, `${urn}-other`);
    await db.update(t.recordItems).set({ clockStartedOn: "2016-01-01", dueOn: "2026-01-01" }).where(eq(t.recordItems.itemId, first.id));
    const third = await labelled(await makeLabel());
    await setSubjectReference(await ctxOf(JANET), { itemType: "document", itemId: third.id, subjectReference: urn });
    expect((await recordOf(first.id)).clockStartedOn).toBe(today);
    expect((await recordOf(untouched.id)).clockStartedOn).toBe("2015-06-01");
  });

  it("refuses bad input and people who are not records managers with clear errors", async () => {
    const janet = await ctxOf(JANET);
    const caseClosed = await makeEventType("Case closed");
    const space = s.spaceId("Operation Kestrel");
    await expect(raiseRetentionEvent(janet, { eventTypeId: caseClosed, occurredOn: "2099-01-01", spaceId: space })).rejects.toThrow(/future/);
    await expect(raiseRetentionEvent(janet, { eventTypeId: caseClosed, occurredOn: "2021-02-29", spaceId: space })).rejects.toThrow(/real day/);
    await expect(raiseRetentionEvent(janet, { eventTypeId: caseClosed, occurredOn: "1 March 2021", spaceId: space })).rejects.toBeInstanceOf(InvalidInputError);
    await expect(raiseRetentionEvent(janet, { eventTypeId: "00000000-0000-4000-8000-000000000000", occurredOn: "2021-03-01", spaceId: space })).rejects.toThrow(/Unknown event type/);
    await expect(raiseRetentionEvent(janet, { eventTypeId: "case-closed", occurredOn: "2021-03-01", spaceId: space })).rejects.toThrow(/Unknown event type/);
    await expect(raiseRetentionEvent(janet, { eventTypeId: await makeEventType("Dorset case closed", s.agencyId("DOR")), occurredOn: "2021-03-01", spaceId: space })).rejects.toThrow(/Unknown event type/);
    await expect(raiseRetentionEvent(janet, { eventTypeId: await makeEventType("100th birthday", dcp(), "subject_100th_birthday"), occurredOn: "2021-03-01", spaceId: space })).rejects.toThrow(/Unknown event type/);
    await expect(raiseRetentionEvent(janet, { eventTypeId: caseClosed, occurredOn: "2021-03-01" })).rejects.toThrow(/either for a subject reference or for a space/);
    await expect(raiseRetentionEvent(janet, { eventTypeId: caseClosed, occurredOn: "2021-03-01", spaceId: "00000000-0000-4000-8000-000000000000" })).rejects.toBeInstanceOf(NotFoundError);
    await expect(raiseRetentionEvent(await ctxOf("tom.hughes@dcp.example"), { eventTypeId: caseClosed, occurredOn: "2021-03-01", spaceId: space })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(listRecordItems(janet, { dueFrom: "2026-02-01", dueTo: "2026-01-01" })).rejects.toThrow(/after the last/);
    await expect(listRecordItems(janet, { state: "lost" as "retained" })).rejects.toThrow(/The state is one of/);
    await expect(listRecordItems(janet, { dueFrom: "2026-13-01" })).rejects.toThrow(/real day/);
  });
});

describe(`records search (${testEngine})`, () => {
  it("finds the agency's labelled items by label, state and due date, trimmed by the policy in SQL", async () => {
    const label = await makeLabel({ trigger: "created", periodYears: 10 });
    const [official, sensitive] = [await labelled(label), await labelled(label, undefined, undefined, "OFFICIAL-SENSITIVE")];
    const janet = await ctxOf(JANET);
    const found = await listRecordItems(janet, { labelId: label });
    expect(found.items.map((i) => i.itemId).sort()).toEqual([official.id, sensitive.id].sort());
    expect(found.items[0]).toMatchObject({ itemType: "document", label: { id: label }, dueOn: "2025-06-01", state: "retained" });
    expect((await listRecordItems(janet, { labelId: label, dueFrom: "2025-06-02" })).items).toEqual([]);
    expect((await listRecordItems(janet, { labelId: label, dueFrom: "2025-06-01", dueTo: "2025-06-01", state: "retained" })).items).toHaveLength(2);
    expect((await listRecordItems(janet, { labelId: label, state: "in_review" })).items).toEqual([]);
    const bpss = await buildUser(db, { agencyId: dcp(), roles: ["records_manager"], vettingLevel: "BPSS" });
    const low = await policyCtx(db, await buildActor(db, bpss.id));
    expect((await listRecordItems(low, { labelId: label })).items.map((i) => i.itemId)).toEqual([official.id]);
    for (const email of ["tom.hughes@dcp.example", "mark.ellis@dcp.example", "alex.morgan@dor.example"]) expect((await listRecordItems(await ctxOf(email), {})).items, email).toEqual([]);
    // A reviewer named at an item's current stage finds it too (currentReviewerIds, computed in SQL).
    const reviewer = await buildUser(db, { agencyId: dcp(), roles: ["investigator"] });
    const stages = [{ name: "Reviewer", reviewerIds: [reviewer.id] }];
    const reviewed = await makeLabel({ action: "review", reviewStages: stages });
    const inReview = await labelled(reviewed);
    await db.update(t.recordItems).set({ state: "in_review", reviewStage: 1 }).where(eq(t.recordItems.itemId, inReview.id));
    const asReviewer = await policyCtx(db, await buildActor(db, reviewer.id));
    expect((await listRecordItems(asReviewer, {})).items.map((i) => i.itemId)).toEqual([inReview.id]);
  });
});
