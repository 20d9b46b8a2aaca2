/**
 * The records management operations × the demo personas (security.md "route matrix", issue 8:
 * "only records managers manage labels and reviews"): each operation of lib/records that a person
 * calls, called as each person of domain.md §8 on fixtures made for the call (a fresh label, item,
 * hold or item in review each time, so that one call's effect does not decide the next), with the
 * expected answer written out by hand from the rules (policies/rules/records.ts) and the
 * operations' doc comments: allowed, 400 (a clear refusal: another agency's label, event type,
 * space or item named as if it were one's own reads as no such thing), 403 (visible but
 * forbidden), 404 (invisible, exactly like a missing id), 409 "regulatory" (a regulatory record's
 * label, which nobody removes or replaces), 409 (an item its review restricted instead of erasing,
 * DPA 2018 s.47, whose label nobody changes), 409 "held" (no disposal decision while a hold stands)
 * or, for the lists, "hidden" (answered without the thing). A refused call changes nothing: every
 * row of the file plan, the labelled items, the space defaults, the holds and their scopes, the
 * events, the decisions and the certificates, and the number of documents, files, submissions
 * and notifications, are compared before and after.
 *
 * The rules, in short: an agency's records managers (Janet, for DCP) manage its file plan, label
 * its records, raise its events, place and release its holds and decide its disposal reviews,
 * within their vetting, whatever space the records are in; its auditors and administrators (Sam)
 * read the file plan only (the seed has no auditor); a space's owner (Priya) labels what her
 * spaces hold, by hand, and sets their default label, but cannot set a subject or remove a
 * record's label; a reviewer named at an item's current stage (Priya and Mark at stage 1, Tom at
 * stage 2 of the review label below) decides it, within their vetting (Mark's has lapsed: the
 * OFFICIAL-SENSITIVE item is out of his reach); everyone else reads an item's label where they read
 * the item and does nothing else. Another agency's file plan, holds and records do not exist to
 * the actor (404); their own agency's, where they may not act, are 403. Dorset's side of the
 * cross-agency cases is made by a Dorset records manager built for the purpose, not a persona;
 * the last test gives that person's own answers, as the mirror of Janet's.
 */
import { randomBytes } from "node:crypto";
import { and, asc, count, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import * as t from "@/db/schema";
import { buildActor, buildDocument, buildUser, openSeededDatabaseForFile, policyCtx, PERSONA_EMAILS, type SeededScenario } from "@/db/factories";
import { testEngine } from "@/db/testing";
import { RANKS } from "@/policies/markings";
import type { PolicyCtx } from "../context";
import { ConflictError, ForbiddenError, HeldError, InvalidInputError, NotFoundError } from "../errors";
import { temporaryFileServicesForFile } from "../files/testing/temporary-file-services";
import { addHoldScope } from "./add-hold-scope";
import { applyRetentionLabel } from "./apply-retention-label";
import { createHold } from "./create-hold";
import { createRetentionEventType } from "./create-retention-event-type";
import { createRetentionLabel } from "./create-retention-label";
import { createRetentionRule } from "./create-retention-rule";
import { decideDisposalReview } from "./decide-disposal-review";
import { decideDisposalReviews } from "./decide-disposal-reviews";
import { deleteRetentionRule } from "./delete-retention-rule";
import { getHold } from "./get-hold";
import { getItemRetention } from "./get-item-retention";
import { getRetentionLabel } from "./get-retention-label";
import { getSpaceRetention } from "./get-space-retention";
import { listAgencySpacesForRecords } from "./list-agency-spaces-for-records";
import { listDisposalCertificates } from "./list-disposal-certificates";
import { listHoldableItems } from "./list-holdable-items";
import { listHoldableSpaces } from "./list-holdable-spaces";
import { listHolds } from "./list-holds";
import { listRecordItems } from "./list-record-items";
import { listRetentionEventTypes } from "./list-retention-event-types";
import { listRetentionEvents } from "./list-retention-events";
import { listRetentionLabels } from "./list-retention-labels";
import { listRetentionRules } from "./list-retention-rules";
import { listReviewQueue } from "./list-review-queue";
import { raiseRetentionEvent } from "./raise-retention-event";
import { reviewerCandidates } from "./file-plan-shared";
import { RegulatoryRecordError } from "./record-item-shared";
import { releaseHold } from "./release-hold";
import { removeRetentionLabel } from "./remove-retention-label";
import { addPeriod, ukDay } from "./retention-clock";
import { retireRetentionLabel } from "./retire-retention-label";
import { setSpaceRetentionDefault } from "./set-space-retention-default";
import { setSubjectReference } from "./set-subject-reference";
import { updateRetentionLabel } from "./update-retention-label";

let db: Db;
let s: SeededScenario;
openSeededDatabaseForFile((opened) => {
  db = opened.db;
  s = opened.scenario;
});
// A disposal at the last stage removes content; file services must be there for it.
temporaryFileServicesForFile({ maxUploadBytes: 1024 * 1024 });

const PEOPLE = PERSONA_EMAILS;
type Person = keyof typeof PEOPLE;
type Outcome = "ok" | "hidden" | 400 | 403 | 404 | 409 | "regulatory" | "held";

const KESTREL = "Operation Kestrel";
const MASH = "Cornwall MASH: referral 2026-0412";
const TRAINING = "DCP Training";
const unique = () => randomBytes(4).toString("hex");
const dcp = () => s.agencyId("DCP");
const dor = () => s.agencyId("DOR");
const ctxOf = async (person: Person) => policyCtx(db, await buildActor(db, s.userId(PEOPLE[person])));

// ---------------------------------------------------------------------------------------------
// Fixtures: rows made directly, as the operations under test would have left them.

type ItemType = "document" | "file" | "submission";
type LabelOverrides = Partial<typeof t.retentionLabels.$inferInsert>;

/** A label of an agency's file plan (DCP's unless told): six years from labelling, then deleted. */
async function makeLabel(overrides: LabelOverrides = {}): Promise<string> {
  const [row] = await db
    .insert(t.retentionLabels)
    .values({ agencyId: dcp(), reference: `MX-${unique()}`, name: `Matrix label ${unique()}`, trigger: "labelled", action: "delete", periodYears: 6, ...overrides })
    .returning();
  return row!.id;
}

let mg11VersionId: string;

/** A fresh OFFICIAL-SENSITIVE item in Operation Kestrel, DCP's unless told (no descriptors: it crosses ISA-SW-001). */
async function makeItem(itemType: ItemType, owningAgencyId = dcp()): Promise<string> {
  const spaceId = s.spaceId(KESTREL);
  const marking = { marking: "OFFICIAL-SENSITIVE", markingRank: RANKS["OFFICIAL-SENSITIVE"] };
  if (itemType === "document") return (await buildDocument(db, { spaceId, owningAgencyId, marking: "OFFICIAL-SENSITIVE", title: `Matrix document ${unique()}` })).id;
  if (itemType === "file") {
    const [file] = await db
      .insert(t.files)
      .values({ spaceId, owningAgencyId, ...marking, name: `matrix-${unique()}.pdf`, extension: "pdf", mediaType: "application/pdf", sizeBytes: 3, sha256: "0".repeat(64), blobKey: `matrix-${unique()}` })
      .returning();
    return file!.id;
  }
  // Tom's draft MG11 (DCP's), written as createSubmission would write it, without the MG11 rule's label.
  const [submission] = await db
    .insert(t.submissions)
    .values({ formVersionId: mg11VersionId, spaceId, owningAgencyId, ...marking, ownerId: s.userId(PEOPLE.tom), status: "draft", data: { witnessName: "Matrix witness" } })
    .returning();
  return submission!.id;
}

/** The item labelled (by hand, by Janet), in the state asked for. */
async function labelItem(itemType: ItemType, itemId: string, labelId: string, extra: Partial<typeof t.recordItems.$inferInsert> = {}): Promise<string> {
  const table = itemType === "document" ? t.documents : itemType === "file" ? t.files : t.submissions;
  const [item] = await db.select({ spaceId: table.spaceId, owningAgencyId: table.owningAgencyId }).from(table).where(eq(table.id, itemId));
  const [row] = await db
    .insert(t.recordItems)
    .values({ itemType, itemId, spaceId: item!.spaceId, owningAgencyId: item!.owningAgencyId, labelId, appliedHow: "manual", labelledBy: s.userId(PEOPLE.janet), clockStartedOn: ukDay(new Date()), dueOn: addPeriod(ukDay(new Date()), { years: 6, months: 0, days: 0 }), ...extra })
    .returning();
  return row!.id;
}

/** A fresh Kestrel document of DCP (or Dorset) in review at `stage` of the agency's review label; returns the record item's id. */
async function inReview(stage: 1 | 2, agency: "DCP" | "DOR" = "DCP"): Promise<string> {
  const docId = await makeItem("document", agency === "DCP" ? dcp() : dor());
  return labelItem("document", docId, agency === "DCP" ? reviewLabel : dorReviewLabel, { dueOn: "2020-01-01", clockStartedOn: "2014-01-01", state: "in_review", reviewStage: stage, reviewStartedAt: new Date() });
}

/** A standing hold of the agency on one document. */
async function makeHold(agencyId: string, documentId: string): Promise<string> {
  const [hold] = await db.insert(t.holds).values({ agencyId, name: `Matrix hold ${unique()}`, kind: "cpia", reason: "Relevant material (CPIA 1996)" }).returning();
  await db.insert(t.holdScopes).values({ holdId: hold!.id, itemType: "document", itemId: documentId });
  return hold!.id;
}

const recordItemOf = async (id: string) => (await db.select().from(t.recordItems).where(eq(t.recordItems.id, id)))[0];
const recordOfItem = async (itemType: ItemType, itemId: string) => (await db.select().from(t.recordItems).where(and(eq(t.recordItems.itemType, itemType), eq(t.recordItems.itemId, itemId))))[0];
const itemIdOf = async (recordItemId: string) => (await recordItemOf(recordItemId))!.itemId;

// Fixed fixtures, made once.
let plainLabel: string; // DCP: a label that declares nothing
let recordLabel: string; // DCP: declares a record
let regulatoryLabel: string; // DCP: declares a regulatory record
let reviewLabel: string; // DCP: review by Priya and Mark (stage 1), then Tom (stage 2)
let listedLabel: string; // DCP: on the one item listRecordItems looks for
let seededLabel: string; // DCP's seeded ADM-01
let seededRule: string; // DCP's seeded MG11 rule
let caseClosed: string; // DCP's seeded event type
let dcpEvent: string; // raised by Janet
let dcpHold: string; // Janet's, on a document of its own
let listedItem: string; // a labelled Kestrel document of DCP's
let queueStage1: string; // record items in review, never decided in the matrix
let queueStage2: string;
let queueHeld: string;
let dcpCertificate: string;
let dorRecords: PolicyCtx; // Dorset's records manager, built for the test
let dorRecordsId: string;
let dorLabel: string;
let dorReviewLabel: string;
let dorEventType: string;
let dorHold: string;
let dorDocument: string; // a Dorset document in Kestrel, Dorset's to hold
let dorListedItem: string;
let dorCertificate: string;

// ---------------------------------------------------------------------------------------------
// The operations. `prepare` makes what the call works on (fresh for each call); `run` calls the
// operation as the person, answering "hidden" for a list without the thing; `effect`, after an
// allowed call, checks that it did what it says (so an "ok" is not an empty answer).

type Fixture = Record<string, string>;
type Action = {
  prepare?: () => Promise<Fixture>;
  run: (ctx: PolicyCtx, f: Fixture) => Promise<unknown>;
  effect?: (f: Fixture, ctx: PolicyCtx) => Promise<void>;
};
const shown = (isShown: boolean) => (isShown ? "ok" : "hidden");
const labelledWith = (itemType: ItemType, labelId = () => plainLabel) => async () => {
  const itemId = await makeItem(itemType);
  await labelItem(itemType, itemId, labelId());
  return { itemId };
};
/** A Kestrel document its disposal review restricted instead of erasing (DPA 2018 s.47), as decide-disposal-review leaves it. */
const restrictedItem = async () => {
  const itemId = await makeItem("document");
  await labelItem("document", itemId, reviewLabel, { dueOn: "2020-01-01", state: "restricted" });
  await db.update(t.documents).set({ isRestricted: true }).where(eq(t.documents.id, itemId));
  return { itemId };
};
const decide = (stage: 1 | 2, decision: Record<string, unknown>, effect: Action["effect"], agency: "DCP" | "DOR" = "DCP"): Action => ({
  prepare: async () => ({ recordItemId: await inReview(stage, agency) }),
  run: (ctx, f) => decideDisposalReview(ctx, { recordItemId: f.recordItemId!, comment: "Decided in the matrix", ...decision } as Parameters<typeof decideDisposalReview>[1]),
  effect,
});

const ACTIONS: Record<string, Action> = {
  // The file plan.
  listLabels: { run: async (ctx) => shown((await listRetentionLabels(ctx)).items.some((l) => l.id === seededLabel)) },
  listLabelsOfDorset: { run: async (ctx) => shown((await listRetentionLabels(ctx)).items.some((l) => l.id === dorLabel)) },
  getLabel: { run: (ctx) => getRetentionLabel(ctx, { labelId: seededLabel }) },
  getLabelOfDorset: { run: (ctx) => getRetentionLabel(ctx, { labelId: dorLabel }) },
  createLabel: {
    prepare: async () => ({ reference: `NEW-${unique()}` }),
    run: (ctx, f) => createRetentionLabel(ctx, { reference: f.reference, name: "Made in the matrix", period: { years: 2 }, trigger: "created", action: "delete" }),
    effect: async (f, ctx) => expect((await db.select().from(t.retentionLabels).where(eq(t.retentionLabels.reference, f.reference!)))[0]?.agencyId).toBe(ctx.actor.agency.id),
  },
  updateLabel: {
    prepare: async () => ({ labelId: await makeLabel() }),
    run: (ctx, f) => updateRetentionLabel(ctx, { labelId: f.labelId, name: "Renamed in the matrix" }),
    effect: async (f) => expect((await db.select().from(t.retentionLabels).where(eq(t.retentionLabels.id, f.labelId!)))[0]?.name).toBe("Renamed in the matrix"),
  },
  updateLabelOfDorset: {
    prepare: async () => ({ labelId: await makeLabel({ agencyId: dor() }) }),
    run: (ctx, f) => updateRetentionLabel(ctx, { labelId: f.labelId, name: "Renamed in the matrix" }),
    effect: async (f) => expect((await db.select().from(t.retentionLabels).where(eq(t.retentionLabels.id, f.labelId!)))[0]?.name).toBe("Renamed in the matrix"),
  },
  retireLabel: {
    // Nothing refers to it: it is deleted.
    prepare: async () => ({ labelId: await makeLabel() }),
    run: (ctx, f) => retireRetentionLabel(ctx, { labelId: f.labelId }),
    effect: async (f) => expect(await db.select().from(t.retentionLabels).where(eq(t.retentionLabels.id, f.labelId!))).toEqual([]),
  },
  retireLabelOfDorset: {
    prepare: async () => ({ labelId: await makeLabel({ agencyId: dor() }) }),
    run: (ctx, f) => retireRetentionLabel(ctx, { labelId: f.labelId }),
    effect: async (f) => expect(await db.select().from(t.retentionLabels).where(eq(t.retentionLabels.id, f.labelId!))).toEqual([]),
  },
  createEventType: {
    prepare: async () => ({ key: `matrix-${unique()}` }),
    run: (ctx, f) => createRetentionEventType(ctx, { key: f.key, name: "Made in the matrix" }),
    effect: async (f, ctx) => expect((await db.select().from(t.retentionEventTypes).where(eq(t.retentionEventTypes.key, f.key!)))[0]?.agencyId).toBe(ctx.actor.agency.id),
  },
  listEventTypes: { run: async (ctx) => shown((await listRetentionEventTypes(ctx)).items.some((e) => e.id === caseClosed)) },
  createRule: {
    // Every stop and search record gets the label (the seed has no rule for that form).
    prepare: async () => ({ labelId: await makeLabel() }),
    run: (ctx, f) => createRetentionRule(ctx, { labelId: f.labelId, itemType: "submission", formKey: "stop-search" }),
    effect: async (f) => expect(await db.select({ formKey: t.retentionRules.formKey }).from(t.retentionRules).where(eq(t.retentionRules.labelId, f.labelId!))).toEqual([{ formKey: "stop-search" }]),
  },
  deleteRule: {
    prepare: async () => {
      const [rule] = await db.insert(t.retentionRules).values({ agencyId: dcp(), labelId: await makeLabel(), itemType: "file" }).returning();
      return { ruleId: rule!.id };
    },
    run: (ctx, f) => deleteRetentionRule(ctx, { ruleId: f.ruleId }),
    effect: async (f) => expect(await db.select().from(t.retentionRules).where(eq(t.retentionRules.id, f.ruleId!))).toEqual([]),
  },
  deleteRuleOfDorset: {
    prepare: async () => {
      const [rule] = await db.insert(t.retentionRules).values({ agencyId: dor(), labelId: await makeLabel({ agencyId: dor() }), itemType: "file" }).returning();
      return { ruleId: rule!.id };
    },
    run: (ctx, f) => deleteRetentionRule(ctx, { ruleId: f.ruleId }),
    effect: async (f) => expect(await db.select().from(t.retentionRules).where(eq(t.retentionRules.id, f.ruleId!))).toEqual([]),
  },
  // The people a review stage may name, for the label form: the agency's own.
  listReviewerCandidates: { run: async (ctx) => shown((await reviewerCandidates(ctx)).some((p) => p.id === s.userId(PEOPLE.janet))) },
  listRules: { run: async (ctx) => shown((await listRetentionRules(ctx)).items.some((r) => r.id === seededRule)) },

  // Labelling items (OFFICIAL-SENSITIVE items in Operation Kestrel).
  ...Object.fromEntries(
    (["document", "file", "submission"] as const).flatMap((itemType): [string, Action][] => {
      const Type = itemType[0]!.toUpperCase() + itemType.slice(1);
      return [
        [
          `applyLabel${Type}`,
          {
            prepare: async () => ({ itemId: await makeItem(itemType) }),
            run: (ctx, f) => applyRetentionLabel(ctx, { itemType, itemId: f.itemId!, labelId: plainLabel }),
            effect: async (f) => expect((await recordOfItem(itemType, f.itemId!))?.labelId).toBe(plainLabel),
          },
        ],
        [
          `removeLabel${Type}`,
          {
            prepare: labelledWith(itemType),
            run: (ctx, f) => removeRetentionLabel(ctx, { itemType, itemId: f.itemId! }),
            effect: async (f) => expect(await recordOfItem(itemType, f.itemId!)).toBeUndefined(),
          },
        ],
      ];
    }),
  ),
  applyLabelDorsetDocument: {
    // Dorset's own document in DCP's space: it keeps to Dorset's file plan.
    prepare: async () => ({ itemId: await makeItem("document", dor()) }),
    run: (ctx, f) => applyRetentionLabel(ctx, { itemType: "document", itemId: f.itemId!, labelId: dorLabel }),
    effect: async (f) => expect((await recordOfItem("document", f.itemId!))?.labelId).toBe(dorLabel),
  },
  removeRecordLabel: {
    prepare: labelledWith("document", () => recordLabel),
    run: (ctx, f) => removeRetentionLabel(ctx, { itemType: "document", itemId: f.itemId! }),
    effect: async (f) => expect(await recordOfItem("document", f.itemId!)).toBeUndefined(),
  },
  removeRegulatoryLabel: {
    prepare: labelledWith("document", () => regulatoryLabel),
    run: (ctx, f) => removeRetentionLabel(ctx, { itemType: "document", itemId: f.itemId! }),
  },
  replaceRegulatoryLabel: {
    prepare: labelledWith("document", () => regulatoryLabel),
    run: (ctx, f) => applyRetentionLabel(ctx, { itemType: "document", itemId: f.itemId!, labelId: plainLabel }),
  },
  reapplyRecordLabelWithSubject: {
    // The record's own label again, with a subject whose case closed long ago: a new schedule.
    prepare: labelledWith("document", () => recordLabel),
    run: (ctx, f) => applyRetentionLabel(ctx, { itemType: "document", itemId: f.itemId!, labelId: recordLabel, subjectReference: "URN-CLOSED-2015" }),
    effect: async (f) => expect((await recordOfItem("document", f.itemId!))?.subjectReference).toBe("URN-CLOSED-2015"),
  },
  applyLabelRestricted: { prepare: restrictedItem, run: (ctx, f) => applyRetentionLabel(ctx, { itemType: "document", itemId: f.itemId!, labelId: plainLabel }) },
  removeLabelRestricted: { prepare: restrictedItem, run: (ctx, f) => removeRetentionLabel(ctx, { itemType: "document", itemId: f.itemId! }) },
  setSpaceDefaultKestrel: {
    run: (ctx) => setSpaceRetentionDefault(ctx, { spaceId: s.spaceId(KESTREL), labelId: plainLabel }),
    effect: async () => expect((await db.select().from(t.spaceRetentionDefaults).where(eq(t.spaceRetentionDefaults.spaceId, s.spaceId(KESTREL))))[0]?.labelId).toBe(plainLabel),
  },
  setSpaceDefaultMash: {
    run: (ctx) => setSpaceRetentionDefault(ctx, { spaceId: s.spaceId(MASH), labelId: plainLabel }),
    effect: async () => expect((await db.select().from(t.spaceRetentionDefaults).where(eq(t.spaceRetentionDefaults.spaceId, s.spaceId(MASH))))[0]?.labelId).toBe(plainLabel),
  },
  getSpaceRetentionKestrel: { run: (ctx) => getSpaceRetention(ctx, { spaceId: s.spaceId(KESTREL) }) },
  setSubjectReference: {
    prepare: labelledWith("document"),
    run: (ctx, f) => setSubjectReference(ctx, { itemType: "document", itemId: f.itemId!, subjectReference: "URN-50AB1234526" }),
    effect: async (f) => expect((await recordOfItem("document", f.itemId!))?.subjectReference).toBe("URN-50AB1234526"),
  },
  getItemRetention: { prepare: labelledWith("document"), run: (ctx, f) => getItemRetention(ctx, { itemType: "document", itemId: f.itemId! }) },
  listRecordItems: { run: async (ctx) => shown((await listRecordItems(ctx, { labelId: listedLabel })).items.some((i) => i.itemId === listedItem)) },
  listRecordItemsOfDorset: { run: async (ctx) => shown((await listRecordItems(ctx, { labelId: dorLabel })).items.some((i) => i.itemId === dorListedItem)) },
  listAgencySpacesForRecords: { run: async (ctx) => shown((await listAgencySpacesForRecords(ctx)).spaces.some((sp) => sp.id === s.spaceId(KESTREL))) },

  // Retention events.
  raiseEvent: {
    // "Case closed" for a subject: the clock of that subject's item under a label it triggers starts.
    prepare: async () => {
      const subjectReference = `URN-${unique()}`;
      const itemId = await makeItem("document");
      await labelItem("document", itemId, await makeLabel({ trigger: "event", eventTypeId: caseClosed }), { subjectReference, clockStartedOn: null, dueOn: null });
      return { subjectReference, itemId };
    },
    run: (ctx, f) => raiseRetentionEvent(ctx, { eventTypeId: caseClosed, occurredOn: "2020-03-01", subjectReference: f.subjectReference }),
    effect: async (f) => expect(await recordOfItem("document", f.itemId!)).toMatchObject({ clockStartedOn: "2020-03-01", dueOn: "2026-03-01" }),
  },
  raiseEventOfDorsetType: { run: (ctx) => raiseRetentionEvent(ctx, { eventTypeId: dorEventType, occurredOn: "2020-03-01", subjectReference: `URN-${unique()}` }) },
  listEvents: { run: async (ctx) => shown((await listRetentionEvents(ctx)).some((e) => e.id === dcpEvent)) },

  // Holds.
  createHold: {
    prepare: async () => ({ name: `Court order ${unique()}` }),
    run: (ctx, f) => createHold(ctx, { name: f.name, kind: "court_order", reason: "Order of the Crown Court", spaceIds: [s.spaceId(TRAINING)] }),
    effect: async (f) => expect((await db.select().from(t.holds).where(eq(t.holds.name, f.name!)))[0]?.agencyId).toBe(dcp()),
  },
  createHoldOnDorsetItem: { run: (ctx) => createHold(ctx, { name: "Reaching across", kind: "other", reason: "Matrix", items: [{ itemType: "document", itemId: dorDocument }] }) },
  addHoldScope: {
    prepare: async () => ({ holdId: await makeHold(dcp(), await makeItem("document")), itemId: await makeItem("document") }),
    run: (ctx, f) => addHoldScope(ctx, { holdId: f.holdId!, items: [{ itemType: "document", itemId: f.itemId! }] }),
    effect: async (f) => expect(await db.$count(t.holdScopes, eq(t.holdScopes.holdId, f.holdId!))).toBe(2),
  },
  releaseHold: {
    prepare: async () => ({ holdId: await makeHold(dcp(), await makeItem("document")) }),
    run: (ctx, f) => releaseHold(ctx, { holdId: f.holdId!, reason: "The case is concluded" }),
    effect: async (f) => expect((await db.select().from(t.holds).where(eq(t.holds.id, f.holdId!)))[0]?.releaseReason).toBe("The case is concluded"),
  },
  releaseHoldOfDorset: {
    prepare: async () => ({ holdId: await makeHold(dor(), await makeItem("document", dor())) }),
    run: (ctx, f) => releaseHold(ctx, { holdId: f.holdId!, reason: "The case is concluded" }),
    effect: async (f) => expect((await db.select().from(t.holds).where(eq(t.holds.id, f.holdId!)))[0]?.releaseReason).toBe("The case is concluded"),
  },
  listHoldableItems: {
    // The newest item of Kestrel (the picker lists the newest few hundred).
    prepare: async () => ({ itemId: await makeItem("document") }),
    run: async (ctx, f) => shown((await listHoldableItems(ctx, { spaceId: s.spaceId(KESTREL) })).items.some((i) => i.itemId === f.itemId)),
  },
  getHold: { run: (ctx) => getHold(ctx, { holdId: dcpHold }) },
  getHoldOfDorset: { run: (ctx) => getHold(ctx, { holdId: dorHold }) },
  listHolds: { run: async (ctx) => shown((await listHolds(ctx)).items.some((h) => h.id === dcpHold)) },
  listHoldableSpaces: { run: async (ctx) => shown((await listHoldableSpaces(ctx)).some((sp) => sp.id === s.spaceId(KESTREL))) },

  // Disposal review: the queue, and each kind of decision.
  listReviewQueue: { run: async (ctx) => shown((await listReviewQueue(ctx)).items.some((i) => i.id === queueStage1)) },
  listReviewQueueAtStage2: { run: async (ctx) => shown((await listReviewQueue(ctx)).items.some((i) => i.id === queueStage2)) },
  listReviewQueueHeld: { run: async (ctx) => shown((await listReviewQueue(ctx)).items.some((i) => i.id === queueHeld)) },
  decideApprove: decide(1, { decision: "approve" }, async (f) => expect(await recordItemOf(f.recordItemId!)).toMatchObject({ state: "in_review", reviewStage: 2 })),
  decideExtend: decide(1, { decision: "extend", newDueOn: "2099-01-31" }, async (f) => expect(await recordItemOf(f.recordItemId!)).toMatchObject({ state: "retained", dueOn: "2099-01-31" })),
  decideRelabel: decide(1, { decision: "relabel", get newLabelId() { return plainLabel; } }, async (f) => expect(await recordItemOf(f.recordItemId!)).toMatchObject({ state: "retained", labelId: plainLabel, appliedHow: "relabel" })),
  decideAddReviewers: decide(1, { decision: "add_reviewers", get reviewerIds() { return [s.userId(PEOPLE.sam)]; } }, async (f) =>
    expect((await recordItemOf(f.recordItemId!))?.addedReviewers).toEqual({ "1": [s.userId(PEOPLE.sam)] }),
  ),
  decideRestrict: decide(1, { decision: "restrict" }, async (f) => {
    const itemId = await itemIdOf(f.recordItemId!);
    expect((await recordItemOf(f.recordItemId!))?.state).toBe("restricted");
    expect((await db.select().from(t.disposalCertificates).where(eq(t.disposalCertificates.itemId, itemId)))[0]?.outcome).toBe("restricted");
  }),
  // Several items at once (the queue's bulk decision): each item's answer is its own, as if decided alone.
  decideBulkApprove: {
    prepare: async () => ({ recordItemId: await inReview(1) }),
    run: async (ctx, f) => {
      const [only] = (await decideDisposalReviews(ctx, { recordItemIds: [f.recordItemId], decision: "approve", comment: "Approved together" })).outcomes;
      return only?.error ? { itemRefused: (only.error.code === "held" ? "held" : only.error.status) as Outcome } : only?.result;
    },
    effect: async (f) => expect(await recordItemOf(f.recordItemId!)).toMatchObject({ state: "in_review", reviewStage: 2 }),
  },
  decideApproveLastStage: {
    prepare: async () => {
      const recordItemId = await inReview(2);
      return { recordItemId, itemId: await itemIdOf(recordItemId) };
    },
    run: (ctx, f) => decideDisposalReview(ctx, { recordItemId: f.recordItemId!, decision: "approve", comment: "No longer needed" }),
    // The last stage approved: disposed at once, its certificate written.
    effect: async (f) => {
      expect(await db.select().from(t.documents).where(eq(t.documents.id, f.itemId!))).toEqual([]);
      expect((await db.select().from(t.disposalCertificates).where(eq(t.disposalCertificates.itemId, f.itemId!)))[0]?.outcome).toBe("deleted");
    },
  },
  decideHeld: {
    prepare: async () => {
      const recordItemId = await inReview(1);
      await makeHold(dcp(), await itemIdOf(recordItemId));
      return { recordItemId };
    },
    run: (ctx, f) => decideDisposalReview(ctx, { recordItemId: f.recordItemId!, decision: "approve", comment: "Proceed" }),
  },
  decideDorsetItem: decide(1, { decision: "extend", newDueOn: "2099-01-31" }, async (f) => expect((await recordItemOf(f.recordItemId!))?.dueOn).toBe("2099-01-31"), "DOR"),

  // Certificates of disposal.
  listCertificates: { run: async (ctx) => shown((await listDisposalCertificates(ctx)).items.some((c) => c.id === dcpCertificate)) },
  listCertificatesOfDorset: { run: async (ctx) => shown((await listDisposalCertificates(ctx)).items.some((c) => c.id === dorCertificate)) },
};
const ALL = Object.keys(ACTIONS);

// ---------------------------------------------------------------------------------------------
// The answers, by hand.

/** Their agency's file plan is closed to them (403), another agency's does not exist (404). */
const FILE_PLAN_CLOSED_OWN_AGENCY_DCP: Record<string, Outcome> = {
  listLabels: 403,
  listLabelsOfDorset: 403,
  getLabel: 403,
  getLabelOfDorset: 404,
  createLabel: 403,
  updateLabel: 403,
  updateLabelOfDorset: 404,
  retireLabel: 403,
  retireLabelOfDorset: 404,
  createEventType: 403,
  listEventTypes: 403,
  createRule: 403,
  deleteRule: 403,
  deleteRuleOfDorset: 404,
  listReviewerCandidates: 403,
  listRules: 403,
};
/** Dorset's investigator: Dorset's file plan is his own agency's (403), DCP's does not exist for him. */
const FILE_PLAN_ALEX: Record<string, Outcome> = {
  ...FILE_PLAN_CLOSED_OWN_AGENCY_DCP,
  getLabel: 404,
  getLabelOfDorset: 403,
  updateLabel: 404,
  updateLabelOfDorset: 403,
  retireLabel: 404,
  retireLabelOfDorset: 403,
  deleteRule: 404,
  deleteRuleOfDorset: 403,
};
/** The partner guests: their own agency's file plan is closed (403); DCP's and Dorset's do not exist. */
const FILE_PLAN_PARTNER: Record<string, Outcome> = { ...FILE_PLAN_ALEX, getLabelOfDorset: 404, updateLabelOfDorset: 404, retireLabelOfDorset: 404, deleteRuleOfDorset: 404 };

/** Events, holds and certificates are the records managers' (and auditors'): 403 for anyone else of any agency; a hold is 403 in its own agency, 404 elsewhere. */
const RECORDS_FUNCTION_CLOSED = (holdsAgency: "DCP" | "DOR" | "other"): Record<string, Outcome> => ({
  raiseEvent: 403,
  raiseEventOfDorsetType: 403,
  listEvents: 403,
  createHold: 403,
  createHoldOnDorsetItem: 403,
  addHoldScope: holdsAgency === "DCP" ? 403 : 404,
  releaseHold: holdsAgency === "DCP" ? 403 : 404,
  releaseHoldOfDorset: holdsAgency === "DOR" ? 403 : 404,
  getHold: holdsAgency === "DCP" ? 403 : 404,
  getHoldOfDorset: holdsAgency === "DOR" ? 403 : 404,
  listHolds: 403,
  listHoldableSpaces: 403,
  listHoldableItems: 403,
  listAgencySpacesForRecords: 403,
  listCertificates: "hidden",
  listCertificatesOfDorset: "hidden",
});

/** Someone to whom every Kestrel item, record and review is invisible. */
const ITEMS_INVISIBLE: Record<string, Outcome> = {
  applyLabelDocument: 404,
  applyLabelFile: 404,
  applyLabelSubmission: 404,
  applyLabelDorsetDocument: 404,
  removeLabelDocument: 404,
  removeLabelFile: 404,
  removeLabelSubmission: 404,
  removeRecordLabel: 404,
  removeRegulatoryLabel: 404,
  replaceRegulatoryLabel: 404,
  reapplyRecordLabelWithSubject: 404,
  applyLabelRestricted: 404,
  removeLabelRestricted: 404,
  setSubjectReference: 404,
  getItemRetention: 404,
  listRecordItems: "hidden",
  listRecordItemsOfDorset: "hidden",
};
/** Someone who reads Kestrel's items (its members within their vetting, its Dorset guest) and labels none of them. */
const ITEMS_READER: Record<string, Outcome> = {
  applyLabelDocument: 403,
  applyLabelFile: 403,
  applyLabelSubmission: 403,
  applyLabelDorsetDocument: 403,
  removeLabelDocument: 403,
  removeLabelFile: 403,
  removeLabelSubmission: 403,
  removeRecordLabel: 403,
  removeRegulatoryLabel: 403,
  replaceRegulatoryLabel: 403,
  reapplyRecordLabelWithSubject: 403,
  // Restricted content is refused to everyone who read it; its record is not theirs.
  applyLabelRestricted: 404,
  removeLabelRestricted: 404,
  setSubjectReference: 403,
  getItemRetention: "ok",
  listRecordItems: "hidden",
  listRecordItemsOfDorset: "hidden",
};
/** Nobody names them at any stage and the records are not theirs: every review is invisible, and so is Dorset's. */
const REVIEW_NONE: Record<string, Outcome> = {
  listReviewQueue: "hidden",
  listReviewQueueAtStage2: "hidden",
  listReviewQueueHeld: "hidden",
  decideApprove: 404,
  decideExtend: 404,
  decideRelabel: 404,
  decideAddReviewers: 404,
  decideRestrict: 404,
  decideBulkApprove: 404,
  decideApproveLastStage: 404,
  decideHeld: 404,
  decideDorsetItem: 404,
};
/** Kestrel as a space: who sees it and who sets its default label (and the MASH space's). */
const SPACES = (kestrel: "owner" | "member" | "none", mash: "owner" | "member" | "none"): Record<string, Outcome> => ({
  setSpaceDefaultKestrel: kestrel === "owner" ? "ok" : kestrel === "member" ? 403 : 404,
  setSpaceDefaultMash: mash === "owner" ? "ok" : mash === "member" ? 403 : 404,
  getSpaceRetentionKestrel: kestrel === "none" ? 404 : "ok",
});

const MATRIX: [Person, Record<string, Outcome>][] = [
  // Janet, DCP's records manager (MV): everything of DCP's, within her vetting, whether or not she
  // is in the space; a regulatory label stays even for her; a held item takes no decision; Dorset's
  // file plan, holds, records and reviews do not exist for her, and what she names of Dorset's
  // as if it were DCP's is refused as no such thing (400).
  [
    "janet",
    {
      listLabels: "ok",
      listLabelsOfDorset: "hidden",
      getLabel: "ok",
      getLabelOfDorset: 404,
      createLabel: "ok",
      updateLabel: "ok",
      updateLabelOfDorset: 404,
      retireLabel: "ok",
      retireLabelOfDorset: 404,
      createEventType: "ok",
      listEventTypes: "ok",
      createRule: "ok",
      deleteRule: "ok",
      deleteRuleOfDorset: 404,
      listReviewerCandidates: "ok",
      listRules: "ok",
      applyLabelDocument: "ok",
      applyLabelFile: "ok",
      applyLabelSubmission: "ok",
      applyLabelDorsetDocument: 404,
      removeLabelDocument: "ok",
      removeLabelFile: "ok",
      removeLabelSubmission: "ok",
      removeRecordLabel: "ok",
      removeRegulatoryLabel: "regulatory",
      replaceRegulatoryLabel: "regulatory",
      reapplyRecordLabelWithSubject: "ok",
      applyLabelRestricted: 409,
      removeLabelRestricted: 409,
      setSpaceDefaultKestrel: "ok",
      setSpaceDefaultMash: "ok",
      getSpaceRetentionKestrel: "ok",
      setSubjectReference: "ok",
      getItemRetention: "ok",
      listRecordItems: "ok",
      listRecordItemsOfDorset: "hidden",
      listAgencySpacesForRecords: "ok",
      raiseEvent: "ok",
      raiseEventOfDorsetType: 400,
      listEvents: "ok",
      createHold: "ok",
      createHoldOnDorsetItem: 400,
      addHoldScope: "ok",
      releaseHold: "ok",
      releaseHoldOfDorset: 404,
      getHold: "ok",
      getHoldOfDorset: 404,
      listHolds: "ok",
      listHoldableSpaces: "ok",
      listHoldableItems: "ok",
      listReviewQueue: "ok",
      listReviewQueueAtStage2: "ok",
      listReviewQueueHeld: "hidden",
      decideApprove: "ok",
      decideExtend: "ok",
      decideRelabel: "ok",
      decideAddReviewers: "ok",
      decideRestrict: "ok",
      decideBulkApprove: "ok",
      decideApproveLastStage: "ok",
      decideHeld: "held",
      decideDorsetItem: 404,
      listCertificates: "ok",
      listCertificatesOfDorset: "hidden",
    },
  ],
  // Sam, DCP's administrator: reads DCP's file plan, changes none of it, and is not in Kestrel or
  // the MASH space (he sees neither), so their items, records and reviews do not exist for him.
  [
    "sam",
    {
      ...FILE_PLAN_CLOSED_OWN_AGENCY_DCP,
      listLabels: "ok",
      listLabelsOfDorset: "hidden",
      getLabel: "ok",
      listEventTypes: "ok",
      listReviewerCandidates: "ok",
      listRules: "ok",
      ...ITEMS_INVISIBLE,
      ...SPACES("none", "none"),
      ...RECORDS_FUNCTION_CLOSED("DCP"),
      ...REVIEW_NONE,
    },
  ],
  // Priya, owner of Kestrel and the MASH space (MV): labels DCP's items there and sets the spaces'
  // default, but may not set a subject or remove a record's label (records managers only), nor
  // touch Dorset's document in her space; reviews at stage 1, where she is named, not at stage 2
  // (where she still reads the record, as its space's owner: 403); nothing of the file plan,
  // events, holds or certificates.
  [
    "priya",
    {
      ...FILE_PLAN_CLOSED_OWN_AGENCY_DCP,
      applyLabelDocument: "ok",
      applyLabelFile: "ok",
      applyLabelSubmission: "ok",
      applyLabelDorsetDocument: 403,
      removeLabelDocument: "ok",
      removeLabelFile: "ok",
      removeLabelSubmission: "ok",
      removeRecordLabel: 403,
      removeRegulatoryLabel: "regulatory",
      replaceRegulatoryLabel: "regulatory",
      reapplyRecordLabelWithSubject: 403,
      // She still sees the restricted item's record, as its space's owner, and may not change it.
      applyLabelRestricted: 409,
      removeLabelRestricted: 409,
      setSubjectReference: 403,
      getItemRetention: "ok",
      listRecordItems: "ok",
      listRecordItemsOfDorset: "hidden",
      ...SPACES("owner", "owner"),
      ...RECORDS_FUNCTION_CLOSED("DCP"),
      listReviewQueue: "ok",
      listReviewQueueAtStage2: "hidden",
      listReviewQueueHeld: "hidden",
      decideApprove: "ok",
      decideExtend: "ok",
      decideRelabel: "ok",
      decideAddReviewers: "ok",
      decideRestrict: "ok",
      decideBulkApprove: "ok",
      decideApproveLastStage: 403,
      decideHeld: "held",
      decideDorsetItem: 404,
    },
  ],
  // Tom, a Kestrel member (RV): reads its items and their labels, labels none; named at stage 2
  // only, so he decides the item there and nothing at stage 1 (where the record is not his to see).
  [
    "tom",
    {
      ...FILE_PLAN_CLOSED_OWN_AGENCY_DCP,
      ...ITEMS_READER,
      ...SPACES("member", "none"),
      ...RECORDS_FUNCTION_CLOSED("DCP"),
      ...REVIEW_NONE,
      listReviewQueueAtStage2: "ok",
      decideApproveLastStage: "ok",
    },
  ],
  // Mark, a Kestrel member whose vetting has lapsed (OFFICIAL only): every OFFICIAL-SENSITIVE item
  // is invisible to him, and his being named at stage 1 does not open it.
  ["mark", { ...FILE_PLAN_CLOSED_OWN_AGENCY_DCP, ...ITEMS_INVISIBLE, ...SPACES("member", "none"), ...RECORDS_FUNCTION_CLOSED("DCP"), ...REVIEW_NONE }],
  // Alex, Dorset's guest in Kestrel (RV, ISA-SW-001): reads its items, DCP's and Dorset's alike,
  // and labels none (he is no records manager of Dorset's); DCP's records function does not exist
  // for him, Dorset's is closed to him.
  ["alex", { ...FILE_PLAN_ALEX, ...ITEMS_READER, ...SPACES("member", "none"), ...RECORDS_FUNCTION_CLOSED("DOR"), ...REVIEW_NONE }],
  // The partner guests of the MASH space: Kestrel's items do not exist for them; they see the
  // MASH space (Ben on BPSS too: a space is not marked content) and may not set its default.
  ...(["helen", "ben", "aisha"] as const).map((p): [Person, Record<string, Outcome>] => [
    p,
    { ...FILE_PLAN_PARTNER, ...ITEMS_INVISIBLE, ...SPACES("none", "member"), ...RECORDS_FUNCTION_CLOSED("other"), ...REVIEW_NONE },
  ]),
];

/**
 * Dorset's records manager, built for the test (the seed has none): the mirror of Janet. DCP's
 * file plan, records, holds, reviews and certificates do not exist for them (404, or not listed);
 * what they name of DCP's as if it were Dorset's is refused as no such thing (400); Dorset's own,
 * including its document in DCP's Kestrel, they manage.
 */
const DORSET_RECORDS_MANAGER: Record<string, Outcome> = {
  listLabels: "hidden",
  listLabelsOfDorset: "ok",
  getLabel: 404,
  getLabelOfDorset: "ok",
  createLabel: "ok",
  updateLabel: 404,
  updateLabelOfDorset: "ok",
  retireLabel: 404,
  retireLabelOfDorset: "ok",
  createEventType: "ok",
  listEventTypes: "hidden",
  createRule: 400,
  deleteRule: 404,
  deleteRuleOfDorset: "ok",
  listReviewerCandidates: "hidden",
  listRules: "hidden",
  ...ITEMS_INVISIBLE,
  applyLabelDorsetDocument: "ok",
  listRecordItemsOfDorset: "ok",
  ...SPACES("none", "none"),
  listAgencySpacesForRecords: "hidden",
  raiseEvent: 400,
  raiseEventOfDorsetType: "ok",
  listEvents: "hidden",
  createHold: 400,
  createHoldOnDorsetItem: "ok",
  addHoldScope: 404,
  releaseHold: 404,
  releaseHoldOfDorset: "ok",
  getHold: 404,
  getHoldOfDorset: "ok",
  listHolds: "hidden",
  listHoldableSpaces: "hidden",
  listHoldableItems: 404,
  ...REVIEW_NONE,
  decideDorsetItem: "ok",
  listCertificates: "hidden",
  listCertificatesOfDorset: "ok",
};

async function outcomeOf(run: () => Promise<unknown>): Promise<Outcome> {
  try {
    const answer = await run();
    if (answer === "hidden") return "hidden";
    // An operation that answers for each item (a bulk decision) gives that item's refusal as its answer.
    if (typeof answer === "object" && answer !== null && "itemRefused" in answer) return (answer as { itemRefused: Outcome }).itemRefused;
    return "ok";
  } catch (err) {
    if (err instanceof NotFoundError) return 404;
    if (err instanceof ForbiddenError) return 403;
    if (err instanceof InvalidInputError) return 400;
    if (err instanceof RegulatoryRecordError) return "regulatory";
    if (err instanceof HeldError) return "held";
    if (err instanceof ConflictError) return 409;
    throw err;
  }
}

/** Everything records management keeps, row by row, and how much content and how many notifications there are. */
async function snapshot() {
  const byId = <T extends { id: string }>(list: T[]) => [...list].sort((a, b) => a.id.localeCompare(b.id));
  const n = async (table: typeof t.documents | typeof t.files | typeof t.submissions | typeof t.notifications) => Number((await db.select({ n: count() }).from(table))[0]!.n);
  return {
    labels: byId(await db.select().from(t.retentionLabels)),
    eventTypes: byId(await db.select().from(t.retentionEventTypes)),
    rules: byId(await db.select().from(t.retentionRules)),
    recordItems: byId(await db.select().from(t.recordItems)),
    spaceDefaults: await db.select().from(t.spaceRetentionDefaults).orderBy(asc(t.spaceRetentionDefaults.spaceId)),
    holds: byId(await db.select().from(t.holds)),
    holdScopes: byId(await db.select().from(t.holdScopes)),
    events: byId(await db.select().from(t.retentionEvents)),
    decisions: byId(await db.select().from(t.disposalDecisions)),
    certificates: byId(await db.select().from(t.disposalCertificates)),
    counts: { documents: await n(t.documents), files: await n(t.files), submissions: await n(t.submissions), notifications: await n(t.notifications) },
  };
}

/** Runs every operation as the actor, each on its own fresh fixture; a refusal must leave everything as it was. */
async function runRow(who: string, ctx: PolicyCtx, expected: Record<string, Outcome>): Promise<void> {
  for (const action of ALL) {
    const { prepare, run, effect } = ACTIONS[action]!;
    const fixture = (await prepare?.()) ?? {};
    const before = expected[action] === "ok" ? undefined : await snapshot();
    const got = await outcomeOf(() => run(ctx, fixture));
    expect(got, `${who} ${action}`).toBe(expected[action]);
    if (got === "ok") await effect?.(fixture, ctx);
    else expect(await snapshot(), `${who} ${action}: unchanged`).toEqual(before);
  }
}

describe(`records management actions × personas (${testEngine})`, () => {
  beforeAll(async () => {
    const [mg11] = await db
      .select({ id: t.formVersions.id })
      .from(t.formVersions)
      .innerJoin(t.forms, eq(t.forms.id, t.formVersions.formId))
      .where(and(eq(t.forms.key, "mg11"), eq(t.forms.scope, "national"), eq(t.formVersions.status, "published")))
      .limit(1);
    mg11VersionId = mg11!.id;
    const [adm] = await db.select().from(t.retentionLabels).where(and(eq(t.retentionLabels.agencyId, dcp()), eq(t.retentionLabels.reference, "ADM-01")));
    seededLabel = adm!.id;
    seededRule = (await db.select().from(t.retentionRules).where(and(eq(t.retentionRules.agencyId, dcp()), eq(t.retentionRules.formKey, "mg11"))))[0]!.id;
    caseClosed = (await db.select().from(t.retentionEventTypes).where(and(eq(t.retentionEventTypes.agencyId, dcp()), eq(t.retentionEventTypes.key, "case-closed"))))[0]!.id;

    plainLabel = await makeLabel({ name: "Matrix: plain" });
    recordLabel = await makeLabel({ name: "Matrix: record", recordKind: "record" });
    regulatoryLabel = await makeLabel({ name: "Matrix: regulatory record", recordKind: "regulatory" });
    listedLabel = await makeLabel({ name: "Matrix: listed" });
    const [priya, mark, tom] = [s.userId(PEOPLE.priya), s.userId(PEOPLE.mark), s.userId(PEOPLE.tom)];
    reviewLabel = await makeLabel({
      name: "Matrix: two-stage review",
      action: "review",
      reviewStages: [
        { name: "Records and investigation", reviewerIds: [priya, mark] },
        { name: "Disclosure", reviewerIds: [tom] },
      ],
    });
    listedItem = await makeItem("document");
    await labelItem("document", listedItem, listedLabel);

    const janet = await ctxOf("janet");
    dcpEvent = (await raiseRetentionEvent(janet, { eventTypeId: caseClosed, occurredOn: "2020-03-01", subjectReference: "URN-MATRIX-FIXED" })).id;
    dcpHold = (await createHold(janet, { name: "CPIA: Kestrel disclosure", kind: "cpia", reason: "Relevant material", items: [{ itemType: "document", itemId: await makeItem("document") }] })).id;
    queueStage1 = await inReview(1);
    queueStage2 = await inReview(2);
    queueHeld = await inReview(1);
    await createHold(janet, { name: "Inquiry moratorium", kind: "public_inquiry", reason: "Public inquiry", items: [{ itemType: "document", itemId: await itemIdOf(queueHeld) }] });
    dcpCertificate = (await decideDisposalReview(janet, { recordItemId: await inReview(1), decision: "restrict", comment: "Keep, restricted (DPA s.47)" })).certificateId!;

    // Dorset's side, made by its records manager.
    dorRecordsId = (await buildUser(db, { agencyId: dor(), name: "Dorset records manager (matrix)", jobTitle: "Records Manager", roles: ["records_manager"], vettingLevel: "MV" })).id;
    dorRecords = await policyCtx(db, await buildActor(db, dorRecordsId));
    dorLabel = (await createRetentionLabel(dorRecords, { reference: "DOR-CRM-01", name: "Dorset crime file", period: { years: 6 }, trigger: "labelled", action: "delete" })).id;
    dorReviewLabel = await makeLabel({ agencyId: dor(), name: "Dorset review", action: "review", reviewStages: [{ name: "Records", reviewerIds: [dorRecordsId] }] });
    dorEventType = (await createRetentionEventType(dorRecords, { key: "case-closed", name: "Case closed" })).id;
    dorDocument = await makeItem("document", dor());
    dorHold = (await createHold(dorRecords, { name: "Dorset CPIA", kind: "cpia", reason: "Relevant material", items: [{ itemType: "document", itemId: dorDocument }] })).id;
    dorListedItem = await makeItem("document", dor());
    await applyRetentionLabel(dorRecords, { itemType: "document", itemId: dorListedItem, labelId: dorLabel });
    dorCertificate = (await decideDisposalReview(dorRecords, { recordItemId: await inReview(1, "DOR"), decision: "restrict", comment: "Keep, restricted" })).certificateId!;
  });

  it("covers every person of the scenario and every records operation a person calls", () => {
    expect(new Set(MATRIX.map(([p]) => p))).toEqual(new Set(Object.keys(PEOPLE)));
    expect(MATRIX).toHaveLength(Object.keys(PEOPLE).length);
    for (const [person, expected] of MATRIX) expect(Object.keys(expected).sort(), person).toEqual([...ALL].sort());
    expect(Object.keys(DORSET_RECORDS_MANAGER).sort()).toEqual([...ALL].sort());
  });

  it.each(MATRIX)("%s", async (person, expected) => {
    const ctx = await ctxOf(person);
    await runRow(person, ctx, expected);
    // What the pages are told the person may do (booleans from the policy) says the same as what
    // the server did.
    if (expected.listLabels === "ok") expect((await listRetentionLabels(ctx)).permissions.canManage, `${person} told they manage the file plan`).toBe(expected.createLabel === "ok");
    if (expected.getLabel === "ok") expect((await getRetentionLabel(ctx, { labelId: seededLabel })).permissions, `${person} told what they may do to a label`).toEqual({ canUpdate: expected.updateLabel === "ok", canDelete: expected.retireLabel === "ok" });
    if (expected.getItemRetention === "ok") {
      const itemId = (await labelledWith("document")()).itemId!;
      expect((await getItemRetention(ctx, { itemType: "document", itemId })).permissions, `${person} told what they may do to an item's label`).toEqual({
        canLabel: expected.applyLabelDocument === "ok",
        canRemove: expected.removeLabelDocument === "ok",
        canSetSubject: expected.setSubjectReference === "ok",
      });
      const record = (await labelledWith("document", () => recordLabel)()).itemId!;
      expect((await getItemRetention(ctx, { itemType: "document", itemId: record })).permissions.canRemove, `${person} told they may remove a record's label`).toBe(expected.removeRecordLabel === "ok");
      const regulatory = (await labelledWith("document", () => regulatoryLabel)()).itemId!;
      expect((await getItemRetention(ctx, { itemType: "document", itemId: regulatory })).permissions, `${person} told they may change a regulatory record's label`).toMatchObject({ canLabel: false, canRemove: false });
    }
    if (expected.applyLabelRestricted === 409) {
      const restricted = (await restrictedItem()).itemId!;
      expect((await getItemRetention(ctx, { itemType: "document", itemId: restricted })).permissions, `${person} told they may change a restricted item's label`).toMatchObject({ canLabel: false, canRemove: false });
    }
    if (expected.getSpaceRetentionKestrel === "ok") expect((await getSpaceRetention(ctx, { spaceId: s.spaceId(KESTREL) })).permissions.canSetDefault, `${person} told they set Kestrel's default`).toBe(expected.setSpaceDefaultKestrel === "ok");
    if (expected.getHold === "ok") expect((await getHold(ctx, { holdId: dcpHold })).permissions.canRelease, `${person} told they may release a hold`).toBe(expected.releaseHold === "ok");
  });

  it("gives a Dorset records manager (built for the test, not a persona) Dorset's records and nothing of DCP's", async () => {
    await runRow("Dorset's records manager", dorRecords, DORSET_RECORDS_MANAGER);
  });

  it("never lets anyone remove or replace a regulatory record's label: every regulatory item is still labelled so", async () => {
    const regulatory = await db.select({ itemId: t.recordItems.itemId, labelId: t.recordItems.labelId }).from(t.recordItems).where(eq(t.recordItems.labelId, regulatoryLabel));
    // Two per person and Dorset's manager (removeRegulatoryLabel, replaceRegulatoryLabel), and one
    // more per person who reads the item's retention (the permissions check above).
    const readers = MATRIX.filter(([, e]) => e.getItemRetention === "ok").length;
    expect(regulatory).toHaveLength(2 * (MATRIX.length + 1) + readers);
    const audits = await db.select().from(t.auditEvents).where(and(eq(t.auditEvents.action, "record.unlabel"), inArray(t.auditEvents.subjectId, regulatory.map((r) => r.itemId))));
    expect(audits).toEqual([]);
  });
});
