/**
 * Applying retention labels on the demo scenario (issue 8): every trigger gets its clock when a
 * label is applied (created, modified, labelled, an event raised, the computed 100th birthday);
 * rules and a space's default label new content in its creator's transaction, and a default can
 * be applied to a space's existing content; a regulatory record's label is removed or replaced by
 * nobody, a record's by records managers only; only records managers and space owners label
 * (Tom 403, Alex 404 where he sees nothing, Mark not even the label of what he may not read).
 */
import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import * as t from "@/db/schema";
import { buildActor, buildDocument, buildMembership, buildSpace, buildUser, openSeededDatabaseForFile, policyCtx, type SeededScenario } from "@/db/factories";
import { testEngine } from "@/db/testing";
import { ForbiddenError, InvalidInputError, NotFoundError } from "../errors";
import { createDocument } from "../documents/create-document";
import { uploadFile } from "../files/upload-file";
import { textFile } from "../files/testing/file-fixtures";
import { temporaryFileServicesForFile } from "../files/testing/temporary-file-services";
import { createSubmission } from "../submissions/create-submission";
import { applyRetentionLabel } from "./apply-retention-label";
import { getItemRetention } from "./get-item-retention";
import { removeRetentionLabel } from "./remove-retention-label";
import { setSpaceRetentionDefault } from "./set-space-retention-default";
import { setSubjectReference } from "./set-subject-reference";
import { RegulatoryRecordError } from "./record-item-shared";
import { addPeriod, ukDay } from "./retention-clock";

let db: Db;
let s: SeededScenario;
openSeededDatabaseForFile((opened) => {
  db = opened.db;
  s = opened.scenario;
});
temporaryFileServicesForFile({ maxUploadBytes: 1024 * 1024 });

const JANET = "janet.okafor@dcp.example";
const PRIYA = "priya.shah@dcp.example";
const TOM = "tom.hughes@dcp.example";
const MARK = "mark.ellis@dcp.example";
const ALEX = "alex.morgan@dor.example";
const ctxOf = async (email: string) => policyCtx(db, await buildActor(db, s.userId(email)));
const dcp = () => s.agencyId("DCP");
const unique = () => randomBytes(3).toString("hex");
const today = () => ukDay(new Date());

type LabelOverrides = Partial<typeof t.retentionLabels.$inferInsert>;
/** A label of DCP's file plan, deleted at the end of its period unless told otherwise. */
async function makeLabel(overrides: LabelOverrides = {}): Promise<string> {
  const [row] = await db
    .insert(t.retentionLabels)
    .values({ agencyId: dcp(), reference: `T-${unique()}`, name: `Test label ${unique()}`, trigger: "created", action: "delete", periodYears: 6, ...overrides })
    .returning();
  return row!.id;
}
async function makeEventType(name: string, computed: string | null = null, agencyId = dcp()): Promise<string> {
  const [row] = await db.insert(t.retentionEventTypes).values({ agencyId, key: `${name.toLowerCase().replace(/\W+/g, "-")}-${unique()}`, name, computed }).returning();
  return row!.id;
}
/** A new DCP space owned by Priya, with Tom as a member. */
async function priyasSpace() {
  const space = await buildSpace(db, { ownerAgencyId: dcp() });
  await buildMembership(db, { spaceId: space.id, userId: s.userId(PRIYA), role: "owner" });
  await buildMembership(db, { spaceId: space.id, userId: s.userId(TOM) });
  return space;
}
const doc = (spaceId: string, extra: Parameters<typeof buildDocument>[1] extends infer I ? Partial<I> : never = {}) => buildDocument(db, { spaceId, ...extra });
const recordOf = async (itemType: "document" | "file" | "submission", itemId: string) =>
  (await db.select().from(t.recordItems).where(and(eq(t.recordItems.itemType, itemType), eq(t.recordItems.itemId, itemId))))[0];

describe(`applying retention labels (${testEngine})`, () => {
  it("gives each trigger its clock: created, last modified, labelled, an event (waiting), the computed 100th birthday", async () => {
    const space = await priyasSpace();
    const janet = await ctxOf(JANET);
    const item = await doc(space.id, { createdAt: new Date("2019-05-10T23:30:00Z"), updatedAt: new Date("2022-01-15T10:00:00Z") });
    // Created: 23:30 UTC on 10 May is 00:30 on 11 May in London (BST).
    const created = await applyRetentionLabel(janet, { itemType: "document", itemId: item.id, labelId: await makeLabel({ trigger: "created", periodYears: 6 }) });
    expect(created).toMatchObject({ clockStartedOn: "2019-05-11", dueOn: "2025-05-11", appliedHow: "manual", state: "retained" });
    const modified = await applyRetentionLabel(janet, { itemType: "document", itemId: item.id, labelId: await makeLabel({ trigger: "modified", periodYears: 1, periodMonths: 1 }) });
    expect(modified).toMatchObject({ clockStartedOn: "2022-01-15", dueOn: "2023-02-15" });
    const labelled = await applyRetentionLabel(janet, { itemType: "document", itemId: item.id, labelId: await makeLabel({ trigger: "labelled", periodYears: 0, periodDays: 30 }) });
    expect(labelled).toMatchObject({ clockStartedOn: today(), dueOn: addPeriod(today(), { years: 0, months: 0, days: 30 }) });
    const caseClosed = await makeEventType("Case closed");
    const event = await applyRetentionLabel(janet, { itemType: "document", itemId: item.id, labelId: await makeLabel({ trigger: "event", eventTypeId: caseClosed }) });
    expect(event).toMatchObject({ clockStartedOn: null, dueOn: null, waitingForEvent: "Case closed" });
    // Review group 1: until the subject is deemed 100 (then reviewed): the clock starts on the 100th birthday.
    const birthday = await makeEventType("Subject's 100th birthday", "subject_100th_birthday");
    const group1 = await makeLabel({ trigger: "event", eventTypeId: birthday, periodYears: 0 });
    const waiting = await applyRetentionLabel(janet, { itemType: "document", itemId: item.id, labelId: group1 });
    expect(waiting.clockStartedOn).toBeNull();
    expect(waiting.waitingForEvent).toMatch(/date of birth/);
    const computed = await setSubjectReference(janet, { itemType: "document", itemId: item.id, subjectReference: "NOM-1234", subjectDateOfBirth: "1952-02-29" });
    expect(computed).toMatchObject({ subjectReference: "NOM-1234", clockStartedOn: "2052-02-29", dueOn: "2052-02-29" });
    // Given at labelling time, the date of birth computes at once.
    const other = await doc(space.id);
    expect(await applyRetentionLabel(janet, { itemType: "document", itemId: other.id, labelId: group1, subjectDateOfBirth: "1970-08-31" })).toMatchObject({ clockStartedOn: "2070-08-31" });
    const audit = await db.select().from(t.auditEvents).where(and(eq(t.auditEvents.action, "record.label"), eq(t.auditEvents.subjectId, item.id)));
    expect(audit.length).toBe(5);
  });

  it("labels an MG11 by its rule, and other new content by the space's default, in the creator's transaction", async () => {
    const space = await priyasSpace();
    // The seeded file plan's MG11 rule (db/seed/file-plan.ts), or one made here if the seed has none.
    const [seeded] = await db.select().from(t.retentionRules).where(and(eq(t.retentionRules.agencyId, dcp()), eq(t.retentionRules.formKey, "mg11")));
    const mg11Label = seeded?.labelId ?? (await makeLabel({ name: "MG11 witness statements" }));
    if (!seeded) await db.insert(t.retentionRules).values({ agencyId: dcp(), labelId: mg11Label, itemType: "submission", formKey: "mg11" });
    const tom = await ctxOf(TOM);
    const mg11 = (await db.select().from(t.forms).where(eq(t.forms.key, "mg11")))[0]!;
    const submission = await createSubmission(tom, { formId: mg11.id, spaceId: space.id, answers: { urn: "50AB1234526" } });
    expect(await recordOf("submission", submission.id)).toMatchObject({ labelId: mg11Label, appliedHow: "rule", labelledBy: null });
    // Tom may not label, but sees the label on what he reads.
    expect(await getItemRetention(tom, { itemType: "submission", itemId: submission.id })).toMatchObject({ label: { id: mg11Label }, permissions: { canLabel: false, canRemove: false } });

    const priya = await ctxOf(PRIYA);
    const byDefault = await makeLabel({ trigger: "labelled", periodYears: 2 });
    await setSpaceRetentionDefault(priya, { spaceId: space.id, labelId: byDefault });
    const created = await createDocument(tom, { spaceId: space.id, title: "Statement log" });
    expect(await recordOf("document", created.id)).toMatchObject({ labelId: byDefault, appliedHow: "space_default", clockStartedOn: today(), dueOn: addPeriod(today(), { years: 2, months: 0, days: 0 }) });
    const file = await uploadFile(tom, { spaceId: space.id, name: "notes.txt", bytes: textFile("Notes") });
    expect(await recordOf("file", file.id)).toMatchObject({ labelId: byDefault, appliedHow: "space_default" });
    // The MG11 rule wins over the default; a retired rule label falls back to the default.
    const second = await createSubmission(tom, { formId: mg11.id, spaceId: space.id, answers: { urn: "50AB1234527" } });
    expect((await recordOf("submission", second.id))?.labelId).toBe(mg11Label);
    await db.update(t.retentionLabels).set({ retiredAt: new Date() }).where(eq(t.retentionLabels.id, mg11Label));
    const third = await createSubmission(tom, { formId: mg11.id, spaceId: space.id, answers: { urn: "50AB1234528" } });
    expect(await recordOf("submission", third.id)).toMatchObject({ labelId: byDefault, appliedHow: "space_default" });
    expect(await db.select().from(t.auditEvents).where(and(eq(t.auditEvents.action, "record.label"), eq(t.auditEvents.subjectId, third.id)))).toHaveLength(1);
  });

  it("applies a space's default to its existing unlabelled content of the space's agency (Janet applies it to Operation Kestrel)", async () => {
    const janet = await ctxOf(JANET);
    const kestrel = s.spaceId("Operation Kestrel");
    const alreadyLabelled = await doc(kestrel, { title: `Labelled ${unique()}` });
    const keep = await makeLabel();
    await applyRetentionLabel(janet, { itemType: "document", itemId: alreadyLabelled.id, labelId: keep });
    const dorDocument = await doc(kestrel, { owningAgencyId: s.agencyId("DOR") });
    const crimeFile = await makeLabel({ name: "Crime file – Group 3", trigger: "created", periodYears: 6 });
    const result = await setSpaceRetentionDefault(janet, { spaceId: kestrel, labelId: crimeFile, applyToExisting: true });
    expect(result.labelled.document).toBeGreaterThanOrEqual(2);
    const log = await recordOf("document", s.documentId("Investigation log"));
    const [logRow] = await db.select().from(t.documents).where(eq(t.documents.id, s.documentId("Investigation log")));
    expect(log).toMatchObject({ labelId: crimeFile, appliedHow: "space_default", clockStartedOn: ukDay(logRow!.createdAt), dueOn: addPeriod(ukDay(logRow!.createdAt), { years: 6, months: 0, days: 0 }) });
    expect((await recordOf("document", s.documentId("Press lines")))?.labelId).toBe(crimeFile);
    expect((await recordOf("document", alreadyLabelled.id))?.labelId).toBe(keep);
    expect(await recordOf("document", dorDocument.id), "a DOR document keeps to DOR's file plan").toBeUndefined();
    // Applying again labels nothing more.
    expect((await setSpaceRetentionDefault(janet, { spaceId: kestrel, labelId: crimeFile, applyToExisting: true })).labelled).toEqual({ document: 0, file: 0, submission: 0 });
    const [audit] = await db.select().from(t.auditEvents).where(and(eq(t.auditEvents.action, "record.space_default"), eq(t.auditEvents.subjectId, kestrel)));
    expect(audit?.details).toMatchObject({ labelId: crimeFile, applyToExisting: true });
    await setSpaceRetentionDefault(janet, { spaceId: kestrel, labelId: null });
  });

  it("never removes or replaces a regulatory record's label, not even for a records manager; a record's only for a records manager", async () => {
    const space = await priyasSpace();
    const [janet, priya] = [await ctxOf(JANET), await ctxOf(PRIYA)];
    const item = await doc(space.id);
    const regulatory = await makeLabel({ name: "Regulatory", recordKind: "regulatory" });
    await applyRetentionLabel(priya, { itemType: "document", itemId: item.id, labelId: regulatory });
    const other = await makeLabel();
    for (const who of [janet, priya]) {
      await expect(applyRetentionLabel(who, { itemType: "document", itemId: item.id, labelId: other })).rejects.toBeInstanceOf(RegulatoryRecordError);
      await expect(removeRetentionLabel(who, { itemType: "document", itemId: item.id })).rejects.toThrow(/regulatory record.*cannot be removed or replaced by anyone/);
    }
    expect((await recordOf("document", item.id))?.labelId).toBe(regulatory);
    expect(await getItemRetention(janet, { itemType: "document", itemId: item.id })).toMatchObject({ permissions: { canLabel: false, canRemove: false } });

    const recordItem = await doc(space.id);
    const record = await makeLabel({ name: "Record", recordKind: "record" });
    await applyRetentionLabel(priya, { itemType: "document", itemId: recordItem.id, labelId: record });
    await expect(applyRetentionLabel(priya, { itemType: "document", itemId: recordItem.id, labelId: other })).rejects.toThrow(/only a records manager/);
    await expect(removeRetentionLabel(priya, { itemType: "document", itemId: recordItem.id })).rejects.toBeInstanceOf(ForbiddenError);
    expect((await applyRetentionLabel(janet, { itemType: "document", itemId: recordItem.id, labelId: other })).label?.id).toBe(other);
    expect((await removeRetentionLabel(janet, { itemType: "document", itemId: recordItem.id })).label).toBeNull();
    expect(await recordOf("document", recordItem.id)).toBeUndefined();
  });

  it("lets only records managers and space owners label: Tom 403, Alex 404 where he sees nothing and 403 where he reads, Mark 404 on what is above his lapsed vetting", async () => {
    const label = await makeLabel();
    const [tom, alex, mark] = [await ctxOf(TOM), await ctxOf(ALEX), await ctxOf(MARK)];
    const log = s.documentId("Investigation log");
    const press = s.documentId("Press lines");
    const minutes = s.documentId("Strategy meeting minutes");
    await expect(applyRetentionLabel(tom, { itemType: "document", itemId: press, labelId: label })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(applyRetentionLabel(alex, { itemType: "document", itemId: minutes, labelId: label })).rejects.toBeInstanceOf(NotFoundError);
    await expect(getItemRetention(alex, { itemType: "document", itemId: minutes })).rejects.toBeInstanceOf(NotFoundError);
    await expect(applyRetentionLabel(alex, { itemType: "document", itemId: press, labelId: label }), "alex press").rejects.toBeInstanceOf(ForbiddenError);
    await expect(getItemRetention(mark, { itemType: "document", itemId: log })).rejects.toBeInstanceOf(NotFoundError);
    await expect(applyRetentionLabel(mark, { itemType: "document", itemId: log, labelId: label })).rejects.toBeInstanceOf(NotFoundError);
    expect((await getItemRetention(mark, { itemType: "document", itemId: press })).permissions.canLabel).toBe(false);
    await expect(setSpaceRetentionDefault(tom, { spaceId: s.spaceId("Operation Kestrel"), labelId: label })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(setSpaceRetentionDefault(alex, { spaceId: s.spaceId("Cornwall MASH: referral 2026-0412"), labelId: label })).rejects.toBeInstanceOf(NotFoundError);
    // A space owner may not set the subject (records managers only).
    const space = await priyasSpace();
    const item = await doc(space.id);
    await applyRetentionLabel(await ctxOf(PRIYA), { itemType: "document", itemId: item.id, labelId: label });
    await expect(setSubjectReference(await ctxOf(PRIYA), { itemType: "document", itemId: item.id, subjectReference: "URN-1" })).rejects.toBeInstanceOf(ForbiddenError);
    // A records manager whose vetting stops below OFFICIAL-SENSITIVE cannot reach the log's record.
    const bpss = await buildUser(db, { agencyId: dcp(), roles: ["records_manager"], vettingLevel: "BPSS" });
    const low = await policyCtx(db, await buildActor(db, bpss.id));
    await expect(applyRetentionLabel(low, { itemType: "document", itemId: log, labelId: label })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("refuses bad input with clear errors", async () => {
    const janet = await ctxOf(JANET);
    const press = s.documentId("Press lines");
    await expect(applyRetentionLabel(janet, { itemType: "folder" as "file", itemId: press, labelId: await makeLabel() })).rejects.toThrow(/document, file or submission/);
    await expect(applyRetentionLabel(janet, { itemType: "document", itemId: press, labelId: "" })).rejects.toThrow(/Choose a label/);
    await expect(applyRetentionLabel(janet, { itemType: "document", itemId: press, labelId: "00000000-0000-4000-8000-000000000000" })).rejects.toThrow(/no such label/);
    const [dorLabel] = await db.insert(t.retentionLabels).values({ agencyId: s.agencyId("DOR"), reference: `DOR-${unique()}`, name: "Dorset", trigger: "created", action: "delete" }).returning();
    await expect(applyRetentionLabel(janet, { itemType: "document", itemId: press, labelId: dorLabel!.id })).rejects.toThrow(/no such label/);
    const retired = await makeLabel({ retiredAt: new Date() });
    await expect(applyRetentionLabel(janet, { itemType: "document", itemId: press, labelId: retired })).rejects.toThrow(/retired/);
    await expect(applyRetentionLabel(janet, { itemType: "document", itemId: press, labelId: await makeLabel(), subjectDateOfBirth: "1990-02-30" })).rejects.toThrow(/real day/);
    await expect(applyRetentionLabel(janet, { itemType: "document", itemId: press, labelId: await makeLabel(), subjectDateOfBirth: "2999-01-01" })).rejects.toThrow(/future/);
    await expect(applyRetentionLabel(janet, { itemType: "document", itemId: "not-a-uuid", labelId: await makeLabel() })).rejects.toBeInstanceOf(NotFoundError);
    await expect(setSubjectReference(janet, { itemType: "document", itemId: (await doc(s.spaceId("Operation Kestrel"))).id, subjectReference: "URN-9" })).rejects.toThrow(/Label the item/);
    await expect(setSpaceRetentionDefault(janet, { spaceId: s.spaceId("Operation Kestrel"), labelId: "x", applyToExisting: "yes" as unknown as boolean })).rejects.toBeInstanceOf(InvalidInputError);
  });
});
