/**
 * The file plan (issue 8) on a real database: Janet, DCP's records manager, keeps its labels,
 * event types and labelling rules; every bad input is a clear error naming its field, and nothing
 * is stored; a reference or key in use is 409; a label in use is retired, an unused one deleted;
 * only records managers change the plan (Priya, Tom and Sam 403), auditors and administrators
 * read it, and to Alex (Dorset) DCP's labels do not exist (404). Every change writes its audit row.
 */
import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import * as t from "@/db/schema";
import { buildActor, buildUser, openSeededDatabaseForFile, policyCtx, type SeededScenario } from "@/db/factories";
import { testEngine } from "@/db/testing";
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from "../errors";
import { createRetentionLabel, type CreateRetentionLabelInput } from "./create-retention-label";
import { updateRetentionLabel } from "./update-retention-label";
import { retireRetentionLabel } from "./retire-retention-label";
import { listRetentionLabels } from "./list-retention-labels";
import { getRetentionLabel } from "./get-retention-label";
import { createRetentionEventType } from "./create-retention-event-type";
import { listRetentionEventTypes } from "./list-retention-event-types";
import { createRetentionRule } from "./create-retention-rule";
import { deleteRetentionRule } from "./delete-retention-rule";
import { listRetentionRules } from "./list-retention-rules";
import { reviewerCandidates } from "./file-plan-shared";

let db: Db;
let s: SeededScenario;
openSeededDatabaseForFile((opened) => {
  db = opened.db;
  s = opened.scenario;
});

const JANET = "janet.okafor@dcp.example";
const PRIYA = "priya.shah@dcp.example";
const TOM = "tom.hughes@dcp.example";
const SAM = "sam.patel@dcp.example";
const ALEX = "alex.morgan@dor.example";
const ctxOf = async (email: string) => policyCtx(db, await buildActor(db, s.userId(email)));
const refusal = async (run: Promise<unknown>) =>
  (await run.then(
    () => null,
    (e: unknown) => e,
  )) as (Error & { details?: { issues?: { path: string; message: string }[] } }) | null;
const issuesOf = async (run: Promise<unknown>) => {
  const err = await refusal(run);
  expect(err).toBeInstanceOf(InvalidInputError);
  return err!.details?.issues ?? [];
};
const eventTypeId = async (key: string) => (await db.query.retentionEventTypes.findFirst({ where: (e, { and, eq }) => and(eq(e.key, key), eq(e.agencyId, s.agencyId("DCP"))) }))!.id;
const labelId = async (reference: string) => (await db.query.retentionLabels.findFirst({ where: (l, { and, eq }) => and(eq(l.reference, reference), eq(l.agencyId, s.agencyId("DCP"))) }))!.id;
const auditOf = (subjectId: string) => db.select().from(t.auditEvents).where(eq(t.auditEvents.subjectId, subjectId));
const labelCount = async () => (await db.select({ id: t.retentionLabels.id }).from(t.retentionLabels)).length;

let referenceSeq = 0;
/** A valid label: Group 3 crime file, 6 years after case closed, reviewed by Janet then Priya. */
const crimeFile = async (overrides: Partial<CreateRetentionLabelInput> = {}): Promise<CreateRetentionLabelInput> => ({
  reference: `TEST-${++referenceSeq}`,
  name: "Crime file – Group 3 – 6 years after case closed",
  category: "Crime and case files",
  authority: "APP Information management: retention, review and disposal",
  citation: "CPIA 1996",
  period: { years: 6, months: 0, days: 0 },
  trigger: "event",
  eventTypeId: await eventTypeId("case-closed"),
  action: "review",
  reviewStages: [
    { name: "Records manager review", reviewerIds: [s.userId(JANET)] },
    { name: "Investigative review", reviewerIds: [s.userId(PRIYA)] },
  ],
  recordKind: "record",
  ...overrides,
});

describe(`the file plan (${testEngine})`, () => {
  it("holds the seeded DCP schedule: the review groups, crime file, forms, correspondence, a regulatory record, and the MG11 rule", async () => {
    const janet = await ctxOf(JANET);
    const { items, categories, permissions } = await listRetentionLabels(janet);
    expect(permissions.canManage).toBe(true);
    expect(items.map((l) => l.reference)).toEqual(expect.arrayContaining(["RRD-G1", "RRD-G2", "RRD-G3", "RRD-G4", "CRM-01", "FRM-MG11", "FRM-SS", "FRM-MISPER", "ADM-01", "CUS-01"]));
    expect(categories).toEqual(expect.arrayContaining(["Police review groups", "Crime and case files", "Forms", "Administration", "Custody"]));
    const g1 = items.find((l) => l.reference === "RRD-G1")!;
    expect(g1).toMatchObject({ trigger: "event", eventType: { key: "subject-100th-birthday", computed: "subject_100th_birthday" }, action: "review", recordKind: "record", periodText: "no time" });
    expect(g1.reviewStages.map((st) => st.reviewers.map((r) => r.name))).toEqual([["Janet Okafor"], ["DS Priya Shah"]]);
    expect(items.find((l) => l.reference === "RRD-G2")).toMatchObject({ isClearPeriod: true, periodText: "10 years" });
    expect(items.find((l) => l.reference === "ADM-01")).toMatchObject({ trigger: "modified", action: "delete", periodText: "2 years", reviewStages: [] });
    expect(items.find((l) => l.reference === "CUS-01")?.recordKind).toBe("regulatory");
    for (const l of items) expect(l.description, l.reference).toMatch(/confirmed against the current APP/);
    expect((await listRetentionLabels(janet, { category: "Forms" })).items.map((l) => l.reference).sort()).toEqual(["FRM-MG11", "FRM-MISPER", "FRM-SS"]);
    expect((await listRetentionEventTypes(janet)).items.map((e) => e.key).sort()).toEqual(["case-closed", "conviction", "missing-person-found", "subject-100th-birthday"]);
    const rules = (await listRetentionRules(janet)).items;
    expect(rules).toEqual([expect.objectContaining({ itemType: "submission", formKey: "mg11", label: expect.objectContaining({ reference: "FRM-MG11" }) })]);
  });

  it("lets Janet create a label with a two-stage review, audited, and refuses its reference again (409)", async () => {
    const janet = await ctxOf(JANET);
    const input = await crimeFile();
    const created = await createRetentionLabel(janet, input);
    expect(created).toMatchObject({ reference: input.reference, periodText: "6 years", trigger: "event", eventType: { key: "case-closed" }, action: "review", recordKind: "record", retiredAt: null });
    expect(created.reviewStages).toEqual([
      { name: "Records manager review", reviewers: [{ id: s.userId(JANET), name: "Janet Okafor" }] },
      { name: "Investigative review", reviewers: [{ id: s.userId(PRIYA), name: "DS Priya Shah" }] },
    ]);
    expect(await auditOf(created.id)).toEqual([expect.objectContaining({ action: "retention_label.create", actorUserId: s.userId(JANET), agencyId: s.agencyId("DCP"), outcome: "success" })]);
    const before = await labelCount();
    const again = await refusal(createRetentionLabel(janet, { ...input, name: "Another" }));
    expect(again).toBeInstanceOf(ConflictError);
    expect(again?.message).toContain(input.reference!);
    // Another agency may use the same reference: references are per file plan.
    expect(await labelCount()).toBe(before);
  });

  it.each<[string, (base: CreateRetentionLabelInput) => Record<string, unknown>, string, RegExp]>([
    ["a negative period", (b) => ({ ...b, period: { years: -1, months: 0, days: 0 } }), "period.years", /A retention period cannot be negative/],
    ["negative days", (b) => ({ ...b, period: { years: 1, months: 0, days: -3 } }), "period.days", /A retention period cannot be negative/],
    ["a fractional period", (b) => ({ ...b, period: { years: 1.5 } }), "period.years", /whole number/],
    ["a period of zero without an event", (b) => ({ ...b, trigger: "created", eventTypeId: null, period: { years: 0, months: 0, days: 0 } }), "period", /period of zero is only allowed for a label triggered by an event/],
    ["an unknown event type", (b) => ({ ...b, eventTypeId: "00000000-0000-4000-8000-000000000000" }), "eventTypeId", /Unknown event type/],
    ["an event type that is not an id", (b) => ({ ...b, eventTypeId: "case-closed" }), "eventTypeId", /Unknown event type/],
    ["an event trigger without its event type", (b) => ({ ...b, eventTypeId: null }), "eventTypeId", /needs its event type/],
    ["an event type without an event trigger", (b) => ({ ...b, trigger: "created" }), "eventTypeId", /Only a label triggered by an event/],
    ["an unknown trigger", (b) => ({ ...b, trigger: "closed" }), "trigger", /Choose what starts the clock/],
    ["an unknown action", (b) => ({ ...b, action: "archive" }), "action", /Choose what happens at the end/],
    ["a review with no stage", (b) => ({ ...b, reviewStages: [] }), "reviewStages", /at least one stage/],
    ["a review with six stages", (b) => ({ ...b, reviewStages: Array.from({ length: 6 }, (_, i) => ({ name: `Stage ${i + 1}`, reviewerIds: [s.userId(JANET)] })) }), "reviewStages", /at most 5 stages/],
    ["a stage without a name", (b) => ({ ...b, reviewStages: [{ name: "  ", reviewerIds: [s.userId(JANET)] }] }), "reviewStages.0.name", /Give the stage a name/],
    ["a stage without reviewers", (b) => ({ ...b, reviewStages: [{ name: "Review", reviewerIds: [] }] }), "reviewStages.0.reviewerIds", /at least one reviewer/],
    ["a reviewer named twice", (b) => ({ ...b, reviewStages: [{ name: "Review", reviewerIds: [s.userId(JANET), s.userId(JANET)] }] }), "reviewStages.0.reviewerIds", /named twice/],
    ["a reviewer of another agency", (b) => ({ ...b, reviewStages: [{ name: "Review", reviewerIds: [s.userId(JANET)] }, { name: "Dorset", reviewerIds: [s.userId(ALEX)] }] }), "reviewStages.1.reviewerIds", /not an active person of your agency/],
    ["a reviewer who does not exist", (b) => ({ ...b, reviewStages: [{ name: "Review", reviewerIds: ["00000000-0000-4000-8000-000000000000"] }] }), "reviewStages.0.reviewerIds", /not an active person of your agency/],
    ["stages on a label that is not reviewed", (b) => ({ ...b, action: "delete" }), "reviewStages", /Only a label ending in a disposal review/],
    ["a relabelling without a target", (b) => ({ ...b, action: "relabel", reviewStages: [] }), "relabelToId", /Choose the label to relabel to/],
    ["a missing reference", (b) => ({ ...b, reference: " " }), "reference", /Give the label a reference/],
    ["a missing name", (b) => ({ ...b, name: "" }), "name", /Give the label a name/],
    ["a name with a control character", (b) => ({ ...b, name: "Crime\u0007file" }), "name", /control characters/],
    ["an unknown record kind", (b) => ({ ...b, recordKind: "vital" }), "recordKind", /declares a record/],
    ["an unknown field", (b) => ({ ...b, colour: "red" }), "", /no field "colour"/],
  ])("refuses %s, naming the field, and stores nothing", async (_, change, path, message) => {
    const janet = await ctxOf(JANET);
    const before = await labelCount();
    const issues = await issuesOf(createRetentionLabel(janet, change(await crimeFile())));
    expect(issues).toContainEqual({ path, message: expect.stringMatching(message) });
    expect(await labelCount()).toBe(before);
  });

  it("refuses every problem at once, so that the page can show each beside its field", async () => {
    const janet = await ctxOf(JANET);
    const err = await refusal(createRetentionLabel(janet, { ...(await crimeFile()), reference: "", name: "", period: { years: -2 } }));
    expect(err).toBeInstanceOf(InvalidInputError);
    expect(err!.details!.issues!.map((i) => i.path).sort()).toEqual(["name", "period.years", "reference"]);
    expect(err!.message).toMatch(/and 2 more/);
  });

  it("relabels only to another label of the same agency, in use", async () => {
    const janet = await ctxOf(JANET);
    const group3 = await labelId("RRD-G3");
    const relabelled = await createRetentionLabel(janet, { ...(await crimeFile()), action: "relabel", reviewStages: [], relabelToId: group3 });
    expect(relabelled.relabelTo).toEqual({ id: group3, reference: "RRD-G3", name: expect.stringContaining("Group 3") });
    const itself = await issuesOf(updateRetentionLabel(janet, { labelId: relabelled.id, relabelToId: relabelled.id }));
    expect(itself).toEqual([{ path: "relabelToId", message: expect.stringMatching(/cannot relabel to itself/) }]);
    // Dorset's own label, made by a Dorset records manager, is not one DCP may relabel to.
    const dorsetManager = await buildUser(db, { agencyId: s.agencyId("DOR"), roles: ["records_manager"], vettingLevel: "MV" });
    const dorset = await policyCtx(db, await buildActor(db, dorsetManager.id));
    const theirs = await createRetentionLabel(dorset, { reference: "DOR-01", name: "Dorset general", period: { years: 2 }, trigger: "created", action: "delete" });
    const other = await issuesOf(createRetentionLabel(janet, { ...(await crimeFile()), action: "relabel", reviewStages: [], relabelToId: theirs.id }));
    expect(other).toEqual([{ path: "relabelToId", message: expect.stringMatching(/from your agency's file plan/) }]);
    // The same reference in another agency's file plan is no conflict.
    expect((await createRetentionLabel(dorset, { reference: "RRD-G3", name: "Dorset group 3", period: { years: 6 }, trigger: "created", action: "delete" })).reference).toBe("RRD-G3");
    // Janet cannot see Dorset's label at all.
    expect(await refusal(getRetentionLabel(janet, { labelId: theirs.id }))).toBeInstanceOf(NotFoundError);
    expect((await listRetentionLabels(janet)).items.map((l) => l.id)).not.toContain(theirs.id);
  });

  it("changes a label, merging the change, dropping what no longer applies, audited with before and after", async () => {
    const janet = await ctxOf(JANET);
    const created = await createRetentionLabel(janet, await crimeFile());
    const changed = await updateRetentionLabel(janet, { labelId: created.id, name: "Crime file – 7 years after case closed", period: { years: 7 } });
    expect(changed).toMatchObject({ name: "Crime file – 7 years after case closed", periodText: "7 years", eventType: { key: "case-closed" } });
    expect(changed.reviewStages).toHaveLength(2);
    const simpler = await updateRetentionLabel(janet, { labelId: created.id, trigger: "created", action: "delete" });
    expect(simpler).toMatchObject({ trigger: "created", eventType: null, action: "delete", reviewStages: [] });
    const audit = (await auditOf(created.id)).filter((a) => a.action === "retention_label.update");
    expect(audit).toHaveLength(2);
    expect(audit[0]!.details).toMatchObject({ before: { periodYears: 6 }, after: { periodYears: 7 } });
    expect(await issuesOf(updateRetentionLabel(janet, { labelId: created.id, period: { years: -1 } }))).toEqual([{ path: "period.years", message: "A retention period cannot be negative" }]);
    expect(await issuesOf(updateRetentionLabel(janet, { labelId: created.id, trigger: "event" }))).toEqual([{ path: "eventTypeId", message: expect.stringMatching(/needs its event type/) }]);
    const taken = await refusal(updateRetentionLabel(janet, { labelId: created.id, reference: "RRD-G1" }));
    expect(taken).toBeInstanceOf(ConflictError);
    expect((await getRetentionLabel(janet, { labelId: created.id })).reference).toBe(created.reference);
    expect(await refusal(updateRetentionLabel(janet, { labelId: "00000000-0000-4000-8000-000000000000", name: "x" }))).toBeInstanceOf(NotFoundError);
    expect(await refusal(updateRetentionLabel(janet, { labelId: "not-an-id", name: "x" }))).toBeInstanceOf(NotFoundError);
  });

  it("deletes an unused label, retires one in use (kept, not offered), and changes a retired one no more", async () => {
    const janet = await ctxOf(JANET);
    const unused = await createRetentionLabel(janet, await crimeFile());
    expect((await getRetentionLabel(janet, { labelId: unused.id })).isInUse).toBe(false);
    expect(await retireRetentionLabel(janet, { labelId: unused.id })).toEqual({ outcome: "deleted", id: unused.id });
    expect(await db.select().from(t.retentionLabels).where(eq(t.retentionLabels.id, unused.id))).toEqual([]);
    expect((await auditOf(unused.id)).map((a) => a.action)).toEqual(["retention_label.create", "retention_label.delete"]);

    const used = await createRetentionLabel(janet, await crimeFile());
    const rule = await createRetentionRule(janet, { labelId: used.id, itemType: "file" });
    const detail = await getRetentionLabel(janet, { labelId: used.id });
    expect(detail).toMatchObject({ isInUse: true, usage: { rules: 1 } });
    const retired = await retireRetentionLabel(janet, { labelId: used.id });
    expect(retired.outcome).toBe("retired");
    expect(retired.outcome === "retired" && retired.label.retiredAt).toBeTruthy();
    expect((await db.select().from(t.retentionRules).where(eq(t.retentionRules.id, rule.id))).length).toBe(1);
    expect((await auditOf(used.id)).map((a) => a.action)).toContain("retention_label.retire");
    expect((await listRetentionLabels(janet)).items.map((l) => l.id)).not.toContain(used.id);
    expect((await listRetentionLabels(janet, { includeRetired: "true" })).items.map((l) => l.id)).toContain(used.id);
    expect(await refusal(updateRetentionLabel(janet, { labelId: used.id, name: "Back" }))).toBeInstanceOf(ConflictError);
    expect((await getRetentionLabel(janet, { labelId: used.id })).permissions).toEqual({ canUpdate: false, canDelete: false });
    // A retired label is no target for a rule or a relabelling.
    expect(await issuesOf(createRetentionRule(janet, { labelId: used.id, itemType: "document" }))).toEqual([{ path: "labelId", message: expect.stringMatching(/retired/) }]);
    expect(await issuesOf(createRetentionLabel(janet, { ...(await crimeFile()), action: "relabel", reviewStages: [], relabelToId: used.id }))).toEqual([{ path: "relabelToId", message: expect.stringMatching(/retired/) }]);
    // Retiring again changes nothing.
    expect((await retireRetentionLabel(janet, { labelId: used.id })).outcome).toBe("retired");
    await deleteRetentionRule(janet, { ruleId: rule.id });

    // A label a certificate of disposal cites (by reference, after its items are gone) stays in the plan, retired.
    const cited = await createRetentionLabel(janet, await crimeFile());
    await db.insert(t.disposalCertificates).values({
      agencyId: s.agencyId("DCP"),
      itemType: "document",
      itemId: "00000000-0000-4000-8000-00000000c0de",
      title: "Disposed document",
      spaceName: "Operation Kestrel",
      marking: "OFFICIAL",
      labelReference: cited.reference,
      labelName: cited.name,
      outcome: "deleted",
      disposedAt: new Date(),
      keepUntil: new Date(Date.now() + 86_400_000),
    });
    expect((await getRetentionLabel(janet, { labelId: cited.id })).usage.certificates).toBe(1);
    expect((await retireRetentionLabel(janet, { labelId: cited.id })).outcome).toBe("retired");
  });

  it("keeps event types: a computed one, a raised one, 409 for a key in use, clear errors for bad input", async () => {
    const janet = await ctxOf(JANET);
    const created = await createRetentionEventType(janet, { key: "court-order-expired", name: "Court order expired" });
    expect(created).toMatchObject({ key: "court-order-expired", computed: null });
    expect(await auditOf(created.id)).toEqual([expect.objectContaining({ action: "retention_event_type.create" })]);
    expect(await refusal(createRetentionEventType(janet, { key: "case-closed", name: "Case closed again" }))).toBeInstanceOf(ConflictError);
    expect(await issuesOf(createRetentionEventType(janet, { key: "Case Closed", name: "x" }))).toEqual([{ path: "key", message: expect.stringMatching(/lowercase/) }]);
    expect(await issuesOf(createRetentionEventType(janet, { key: "birthday", name: "x", computed: "subject_18th_birthday" }))).toEqual([{ path: "computed", message: expect.stringMatching(/only computed event/) }]);
    expect(await issuesOf(createRetentionEventType(janet, { key: "nameless", name: " " }))).toEqual([{ path: "name", message: "Give the event type a name" }]);
    // A label can be triggered by the new type.
    expect((await createRetentionLabel(janet, { ...(await crimeFile()), eventTypeId: created.id })).eventType?.key).toBe("court-order-expired");
  });

  it("keeps labelling rules: one per set of items, for a known form, deleted by id", async () => {
    const janet = await ctxOf(JANET);
    const label = await createRetentionLabel(janet, await crimeFile());
    const rule = await createRetentionRule(janet, { labelId: label.id, itemType: "submission", formKey: "stop-search" });
    expect(rule).toMatchObject({ itemType: "submission", formKey: "stop-search", label: { id: label.id, reference: label.reference } });
    expect(await auditOf(rule.id)).toEqual([expect.objectContaining({ action: "retention_rule.create" })]);
    const twice = await refusal(createRetentionRule(janet, { labelId: await labelId("FRM-SS"), itemType: "submission", formKey: "stop-search" }));
    expect(twice).toBeInstanceOf(ConflictError);
    expect(twice?.message).toContain(label.reference);
    expect(await issuesOf(createRetentionRule(janet, { labelId: label.id, itemType: "submission", formKey: "mg99" }))).toEqual([{ path: "formKey", message: expect.stringMatching(/Unknown form/) }]);
    expect(await issuesOf(createRetentionRule(janet, { labelId: label.id, itemType: "document", formKey: "mg11" }))).toEqual([{ path: "formKey", message: expect.stringMatching(/only to a rule for form submissions/) }]);
    expect(await issuesOf(createRetentionRule(janet, { labelId: "00000000-0000-4000-8000-000000000000", itemType: "file" }))).toEqual([{ path: "labelId", message: expect.stringMatching(/from your file plan/) }]);
    expect(await issuesOf(createRetentionRule(janet, { labelId: label.id, itemType: "card" }))).toEqual([{ path: "itemType", message: expect.stringMatching(/document, file or submission/) }]);
    expect(await deleteRetentionRule(janet, { ruleId: rule.id })).toEqual({ id: rule.id, outcome: "deleted" });
    expect((await auditOf(rule.id)).map((a) => a.action)).toEqual(["retention_rule.create", "retention_rule.delete"]);
    expect(await refusal(deleteRetentionRule(janet, { ruleId: rule.id }))).toBeInstanceOf(NotFoundError);
  });

  it("lets only records managers change the plan: Priya, Tom and Sam 403, Alex 404, and nothing changes", async () => {
    const g3 = await labelId("RRD-G3");
    const [rule] = await db.select().from(t.retentionRules).where(and(eq(t.retentionRules.agencyId, s.agencyId("DCP")), eq(t.retentionRules.formKey, "mg11")));
    const before = await db.select().from(t.retentionLabels).where(eq(t.retentionLabels.id, g3));
    const input = await crimeFile();
    for (const [email, expected] of [
      [PRIYA, ForbiddenError],
      [TOM, ForbiddenError],
      [SAM, ForbiddenError],
      [ALEX, NotFoundError],
    ] as const) {
      const ctx = await ctxOf(email);
      expect(await refusal(updateRetentionLabel(ctx, { labelId: g3, period: { years: 1 } })), `${email} update`).toBeInstanceOf(expected);
      expect(await refusal(retireRetentionLabel(ctx, { labelId: g3 })), `${email} retire`).toBeInstanceOf(expected);
      expect(await refusal(deleteRetentionRule(ctx, { ruleId: rule!.id })), `${email} delete rule`).toBeInstanceOf(expected);
      // Creating is always in the actor's own agency's plan: a refusal there is 403, Alex's included.
      expect(await refusal(createRetentionLabel(ctx, input)), `${email} create`).toBeInstanceOf(ForbiddenError);
      expect(await refusal(createRetentionEventType(ctx, { key: "x-event", name: "X" })), `${email} event type`).toBeInstanceOf(ForbiddenError);
      expect(await refusal(createRetentionRule(ctx, { labelId: g3, itemType: "file" })), `${email} rule`).toBeInstanceOf(ForbiddenError);
    }
    expect(await db.select().from(t.retentionLabels).where(eq(t.retentionLabels.id, g3))).toEqual(before);
    expect(await db.select().from(t.retentionRules).where(eq(t.retentionRules.id, rule!.id))).toHaveLength(1);
  });

  it("lets auditors and administrators read the plan, refuses the rest of the agency (403), and hides it from Alex (404)", async () => {
    const g3 = await labelId("RRD-G3");
    const auditorRow = await buildUser(db, { agencyId: s.agencyId("DCP"), roles: ["auditor"], vettingLevel: "MV" });
    const auditor = await policyCtx(db, await buildActor(db, auditorRow.id));
    for (const ctx of [auditor, await ctxOf(SAM)]) {
      const list = await listRetentionLabels(ctx);
      expect(list.items.map((l) => l.reference)).toContain("RRD-G3");
      expect(list.permissions.canManage).toBe(false);
      expect((await getRetentionLabel(ctx, { labelId: g3 })).permissions).toEqual({ canUpdate: false, canDelete: false });
      expect((await listRetentionEventTypes(ctx)).items.length).toBeGreaterThanOrEqual(4);
      expect((await listRetentionRules(ctx)).items.length).toBeGreaterThanOrEqual(1);
      expect((await reviewerCandidates(ctx)).map((p) => p.name)).toContain("Janet Okafor");
    }
    for (const email of [PRIYA, TOM]) {
      const ctx = await ctxOf(email);
      expect(await refusal(listRetentionLabels(ctx)), email).toBeInstanceOf(ForbiddenError);
      expect(await refusal(getRetentionLabel(ctx, { labelId: g3 })), email).toBeInstanceOf(ForbiddenError);
      expect(await refusal(listRetentionEventTypes(ctx)), email).toBeInstanceOf(ForbiddenError);
      expect(await refusal(listRetentionRules(ctx)), email).toBeInstanceOf(ForbiddenError);
    }
    const alex = await ctxOf(ALEX);
    expect(await refusal(getRetentionLabel(alex, { labelId: g3 }))).toBeInstanceOf(NotFoundError);
    // Alex's refusal for a DCP label reads exactly as for a label that does not exist.
    const missing = await refusal(getRetentionLabel(alex, { labelId: "00000000-0000-4000-8000-000000000000" }));
    expect(missing).toBeInstanceOf(NotFoundError);
    expect((await refusal(getRetentionLabel(alex, { labelId: g3 })))?.message).toBe(missing?.message);
    // His own agency's plan is his own agency's: refused as to Priya (403), nothing of DCP's in it.
    expect(await refusal(listRetentionLabels(alex))).toBeInstanceOf(ForbiddenError);
  });

  it("offers as reviewers the active people of the agency only", async () => {
    const janet = await ctxOf(JANET);
    const names = (await reviewerCandidates(janet)).map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(["Janet Okafor", "DS Priya Shah", "PC Tom Hughes", "Sam Patel"]));
    expect(names).not.toContain("DC Alex Morgan");
    const leaver = await buildUser(db, { agencyId: s.agencyId("DCP"), status: "disabled", name: "Former Officer" });
    expect((await reviewerCandidates(janet)).map((p) => p.id)).not.toContain(leaver.id);
    expect(await issuesOf(createRetentionLabel(janet, { ...(await crimeFile()), reviewStages: [{ name: "Review", reviewerIds: [leaver.id] }] }))).toEqual([{ path: "reviewStages.0.reviewerIds", message: expect.stringMatching(/not an active person/) }]);
  });
});
