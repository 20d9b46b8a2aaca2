/**
 * The records manager's spaces and events pages (issue 8), on the demo scenario: Janet sees every
 * space DCP owns (Operation Kestrel included, though she is no member), sets its default label
 * and applies it to existing content, then raises "Case closed" for it and finds the event at the
 * top of the agency's list; an auditor reads the list; Tom, Priya and Alex are refused both; the
 * refusals of a raising carry each field's problem in `issues` for the page to show beside it.
 */
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import * as t from "@/db/schema";
import { buildActor, buildUser, openSeededDatabaseForFile, policyCtx, type SeededScenario } from "@/db/factories";
import { testEngine } from "@/db/testing";
import { ForbiddenError, InvalidInputError } from "../errors";
import { listAgencySpacesForRecords } from "./list-agency-spaces-for-records";
import { listRetentionEvents } from "./list-retention-events";
import { raiseRetentionEvent } from "./raise-retention-event";
import { setSpaceRetentionDefault } from "./set-space-retention-default";

let db: Db;
let s: SeededScenario;
openSeededDatabaseForFile((opened) => {
  db = opened.db;
  s = opened.scenario;
});

const JANET = "janet.okafor@dcp.example";
const REFUSED = ["tom.hughes@dcp.example", "priya.shah@dcp.example", "alex.morgan@dor.example"];
const ctxOf = async (email: string) => policyCtx(db, await buildActor(db, s.userId(email)));
const dcp = () => s.agencyId("DCP");
const crimeFile = async () => (await db.select().from(t.retentionLabels).where(and(eq(t.retentionLabels.agencyId, dcp()), eq(t.retentionLabels.reference, "CRM-01"))))[0]!;
const caseClosed = async () => (await db.select().from(t.retentionEventTypes).where(and(eq(t.retentionEventTypes.agencyId, dcp()), eq(t.retentionEventTypes.key, "case-closed"))))[0]!;
async function issuesOf(promise: Promise<unknown>): Promise<{ path: string; message: string }[]> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(InvalidInputError);
  return ((err as InvalidInputError).details?.issues ?? []) as { path: string; message: string }[];
}

describe(`the records manager's spaces (${testEngine})`, () => {
  it("lists every space DCP owns, member or not, with its default label, and Janet applies one to Kestrel's existing content", async () => {
    const janet = await ctxOf(JANET);
    const kestrel = s.spaceId("Operation Kestrel");
    expect(await db.select().from(t.spaceMembers).where(and(eq(t.spaceMembers.spaceId, kestrel), eq(t.spaceMembers.userId, s.userId(JANET)))), "Janet is no member of Kestrel").toEqual([]);
    const owned = await db.select({ id: t.spaces.id }).from(t.spaces).where(eq(t.spaces.ownerAgencyId, dcp()));
    const before = await listAgencySpacesForRecords(janet);
    expect(before.spaces.map((sp) => sp.id).sort()).toEqual(owned.map((o) => o.id).sort());
    expect(before.spaces.map((sp) => sp.name)).toEqual([...before.spaces.map((sp) => sp.name)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    const row = before.spaces.find((sp) => sp.id === kestrel)!;
    expect(row).toMatchObject({ name: "Operation Kestrel", status: "active", defaultLabel: null, permissions: { canSetDefault: true } });
    const label = await crimeFile();
    expect(before.labels.map((l) => l.id)).toContain(label.id);
    expect(before.labels.every((l) => l.reference.length > 0)).toBe(true);
    const result = await setSpaceRetentionDefault(janet, { spaceId: kestrel, labelId: label.id, applyToExisting: true });
    expect(result.labelled.document).toBeGreaterThan(0);
    expect((await listAgencySpacesForRecords(janet)).spaces.find((sp) => sp.id === kestrel)?.defaultLabel).toEqual({ id: label.id, reference: "CRM-01", name: label.name });
  });

  it("is refused to everyone but the agency's records managers, and never shows another agency's spaces", async () => {
    for (const email of [...REFUSED, "sam.patel@dcp.example"]) await expect(listAgencySpacesForRecords(await ctxOf(email)), email).rejects.toBeInstanceOf(ForbiddenError);
    const dorManager = await buildUser(db, { agencyId: s.agencyId("DOR"), roles: ["records_manager"] });
    const dor = await listAgencySpacesForRecords(await policyCtx(db, await buildActor(db, dorManager.id)));
    expect(dor.spaces.map((sp) => sp.id)).not.toContain(s.spaceId("Operation Kestrel"));
    expect(dor.labels.map((l) => l.id)).not.toContain((await crimeFile()).id);
  });
});

describe(`retention events list (${testEngine})`, () => {
  it("shows the agency's events newest first, with the space and the clocks started, to records managers and auditors", async () => {
    const janet = await ctxOf(JANET);
    const kestrel = s.spaceId("Operation Kestrel");
    await setSpaceRetentionDefault(janet, { spaceId: kestrel, labelId: (await crimeFile()).id, applyToExisting: true });
    const type = await caseClosed();
    const first = await raiseRetentionEvent(janet, { eventTypeId: type.id, occurredOn: "2020-03-01", subjectReference: "50AB0000001" });
    // Raised a minute later, as a separate request would be (one context has one clock).
    const later = await policyCtx(db, janet.actor, new Date(janet.now.getTime() + 60_000));
    const raised = await raiseRetentionEvent(later, { eventTypeId: type.id, occurredOn: "2020-03-02", spaceId: kestrel, description: "Kestrel: case closed at court" });
    expect(raised.itemCount).toBeGreaterThan(0);
    const events = await listRetentionEvents(janet);
    expect(events[0]).toMatchObject({ id: raised.id, eventType: { id: type.id, name: "Case closed" }, occurredOn: "2020-03-02", space: { id: kestrel, name: "Operation Kestrel" }, subjectReference: null, itemCount: raised.itemCount, raisedBy: "Janet Okafor" });
    expect(events.map((e) => e.id)).toContain(first.id);
    expect(events.find((e) => e.id === first.id)).toMatchObject({ space: null, subjectReference: "50AB0000001" });
    const auditor = await buildUser(db, { agencyId: dcp(), roles: ["auditor"] });
    expect((await listRetentionEvents(await policyCtx(db, await buildActor(db, auditor.id)))).map((e) => e.id)).toEqual(events.map((e) => e.id));
    for (const email of REFUSED) await expect(listRetentionEvents(await ctxOf(email)), email).rejects.toBeInstanceOf(ForbiddenError);
    const dorManager = await buildUser(db, { agencyId: s.agencyId("DOR"), roles: ["records_manager"] });
    expect(await listRetentionEvents(await policyCtx(db, await buildActor(db, dorManager.id))), "DOR sees none of DCP's events").toEqual([]);
  });

  it("refuses a raising with each field's problem in issues, for the page to show beside its control", async () => {
    const janet = await ctxOf(JANET);
    const paths = (await issuesOf(raiseRetentionEvent(janet, { eventTypeId: "", occurredOn: "", spaceId: "" }))).map((i) => i.path).sort();
    expect(paths).toEqual(["eventTypeId", "occurredOn", "spaceId"]);
    expect(await issuesOf(raiseRetentionEvent(janet, { eventTypeId: (await caseClosed()).id, occurredOn: "2020-03-01", subjectReference: "  " }))).toEqual([{ path: "subjectReference", message: "Enter a subject reference" }]);
    const future = await issuesOf(raiseRetentionEvent(janet, { eventTypeId: (await caseClosed()).id, occurredOn: "2099-01-01", spaceId: s.spaceId("Operation Kestrel") }));
    expect(future).toEqual([{ path: "occurredOn", message: expect.stringMatching(/future/) }]);
    const unknown = await issuesOf(raiseRetentionEvent(janet, { eventTypeId: "00000000-0000-4000-8000-000000000000", occurredOn: "2020-03-01", spaceId: s.spaceId("Operation Kestrel") }));
    expect(unknown).toEqual([{ path: "eventTypeId", message: expect.stringMatching(/Unknown event type/) }]);
  });
});
