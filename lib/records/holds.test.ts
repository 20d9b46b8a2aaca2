/**
 * Holds and record locks (issue 8) on the demo scenario: Janet (DCP's records manager) places a
 * CPIA hold; nothing it covers is deleted, by its space owner, by Janet, or by a raw DELETE; an
 * edit to held content keeps the original; a declared record's content is locked for everyone;
 * releasing needs a reason, and afterwards deletion works again. Around it: every validation
 * error, and who may place, see and release holds (Priya and Tom 403, Alex of Dorset 404).
 */
import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import * as t from "@/db/schema";
import { buildActor, buildDocument, buildMembership, buildSpace, openSeededDatabaseForFile, policyCtx, type SeededScenario } from "@/db/factories";
import { testEngine } from "@/db/testing";
import { ConflictError, ForbiddenError, HeldError, InvalidInputError, NotFoundError, RecordLockedError, heldErrorFromDatabase } from "../errors";
import { stateFromDocumentJson, documentJsonFromState } from "../collab/yjs-content";
import { documentAccess } from "../collab/document-access";
import { deleteDocument } from "../documents/delete-document";
import { restoreDocumentVersion } from "../documents/restore-document-version";
import { deleteFile } from "../files/delete-file";
import { uploadFile } from "../files/upload-file";
import { temporaryFileServicesForFile } from "../files/testing/temporary-file-services";
import { textFile } from "../files/testing/file-fixtures";
import { adultWitness } from "../forms/national/testing/samples";
import { createSubmission } from "../submissions/create-submission";
import { saveSubmission } from "../submissions/save-submission";
import { submitSubmission } from "../submissions/submit-submission";
import { guardContentChange } from "./content-guards";
import { addHoldScope } from "./add-hold-scope";
import { createHold } from "./create-hold";
import { getHold } from "./get-hold";
import { heldCondition, isHeld } from "./holds-shared";
import { listHoldableSpaces } from "./list-holdable-spaces";
import { listHolds } from "./list-holds";
import { recordLockOf } from "./record-locks";
import { releaseHold } from "./release-hold";

let db: Db;
let s: SeededScenario;
openSeededDatabaseForFile((opened) => {
  db = opened.db;
  s = opened.scenario;
});
temporaryFileServicesForFile({ maxUploadBytes: 1024 * 1024 });

const ctxOf = async (who: "priya" | "tom" | "janet" | "alex") =>
  policyCtx(db, await buildActor(db, s.userId({ priya: "priya.shah@dcp.example", tom: "tom.hughes@dcp.example", janet: "janet.okafor@dcp.example", alex: "alex.morgan@dor.example" }[who])));

/** What an operation refused with. */
async function refusal(run: Promise<unknown>) {
  const err = await run.then(
    () => null,
    (e: unknown) => e,
  );
  if (!err) throw new Error("it was accepted");
  return err as Error & { details?: { issues?: { path: string; message: string }[] } };
}

/** A DCP space with Priya as owner and Tom and Janet as members, and a document with content "Original text". */
async function heldFixture() {
  const dcp = s.agencyId("DCP");
  const space = await buildSpace(db, { ownerAgencyId: dcp, name: `Op Kestrel disclosure ${Math.random().toString(36).slice(2, 8)}` });
  await buildMembership(db, { spaceId: space.id, userId: s.userId("priya.shah@dcp.example"), role: "owner" });
  await buildMembership(db, { spaceId: space.id, userId: s.userId("tom.hughes@dcp.example") });
  await buildMembership(db, { spaceId: space.id, userId: s.userId("janet.okafor@dcp.example") });
  const doc = await buildDocument(db, { spaceId: space.id, title: "Disclosure schedule" });
  const earlier = new Date(Date.now() - 60 * 60_000);
  await db.insert(t.documentStates).values({ documentId: doc.id, state: paragraph("Original text"), updatedAt: earlier });
  const [version] = await db.insert(t.documentVersions).values({ documentId: doc.id, number: 1, kind: "named", name: "First draft", state: paragraph("First draft"), marking: doc.marking, createdAt: earlier }).returning();
  return { space, doc, version: version! };
}

/** Removes the label an item was given on creation (by a rule or its space's default), if any. */
const forgetLabel = (itemType: "document" | "file" | "submission", itemId: string) => db.delete(t.recordItems).where(and(eq(t.recordItems.itemType, itemType), eq(t.recordItems.itemId, itemId)));
const paragraph = (text: string) => stateFromDocumentJson({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] });
const textOf = (state: Uint8Array) => JSON.stringify(documentJsonFromState(state)).match(/"text":"([^"]*)"/)?.[1];

describe(`holds (${testEngine})`, () => {
  it("refuses a hold without a name, kind, reason or scope, each problem named by its field", async () => {
    const janet = await ctxOf("janet");
    const err = await refusal(createHold(janet, { name: " ", kind: "whim", reason: "", spaceIds: [] }));
    expect(err).toBeInstanceOf(InvalidInputError);
    const issues = err.details?.issues ?? [];
    expect(issues.map((i) => i.path).sort()).toEqual(["kind", "name", "reason"]);
    expect(issues.find((i) => i.path === "reason")?.message).toBe("Give the reason for the hold");
    const noScope = await refusal(createHold(janet, { name: "Op Kestrel disclosure", kind: "cpia", reason: "CPIA relevant material" }));
    expect(noScope.details?.issues).toEqual([{ path: "spaceIds", message: "Say what the hold covers: at least one space or item" }]);
  });

  it("refuses an unknown space, and another agency's space or item, in the same words as a missing one", async () => {
    const janet = await ctxOf("janet");
    const dorSpace = await buildSpace(db, { ownerAgencyId: s.agencyId("DOR") });
    const dorDoc = await buildDocument(db, { spaceId: s.spaceId("Operation Kestrel"), owningAgencyId: s.agencyId("DOR") });
    const missing = "0b7c9a39-4d3c-4f0e-9c43-2f8d1f3f0a11";
    const err = await refusal(
      createHold(janet, { name: "Op Kestrel disclosure", kind: "cpia", reason: "CPIA", spaceIds: [missing, dorSpace.id, "not-an-id"], items: [{ itemType: "document", itemId: dorDoc.id }] }),
    );
    expect(err).toBeInstanceOf(InvalidInputError);
    expect(err.details?.issues?.map((i) => i.path)).toEqual(["spaceIds.0", "spaceIds.1", "spaceIds.2", "items.0.itemId"]);
    expect(err.details?.issues?.[1]?.message).toBe(`Devon & Cornwall Police has no space with the id ${dorSpace.id}`);
    expect(err.details?.issues?.[3]?.message).toBe(`Devon & Cornwall Police has no document with the id ${dorDoc.id}`);
    expect(await db.select().from(t.holds).where(eq(t.holds.name, "Op Kestrel disclosure"))).toEqual([]);
  });

  it("lets only records managers place and release holds: Priya and Tom 403, Alex of Dorset 404", async () => {
    const { space } = await heldFixture();
    const input = { name: "Op Kestrel disclosure", kind: "cpia", reason: "CPIA relevant material", spaceIds: [space.id] };
    for (const who of ["priya", "tom", "alex"] as const) {
      expect(await refusal(createHold(await ctxOf(who), input)), who).toBeInstanceOf(ForbiddenError);
      expect(await refusal(listHolds(await ctxOf(who))), who).toBeInstanceOf(ForbiddenError);
      expect(await refusal(listHoldableSpaces(await ctxOf(who))), who).toBeInstanceOf(ForbiddenError);
    }
    const hold = await createHold(await ctxOf("janet"), input);
    for (const who of ["priya", "tom"] as const) {
      expect(await refusal(getHold(await ctxOf(who), { holdId: hold.id })), who).toBeInstanceOf(ForbiddenError);
      expect(await refusal(releaseHold(await ctxOf(who), { holdId: hold.id, reason: "Done" })), who).toBeInstanceOf(ForbiddenError);
    }
    const alex = await ctxOf("alex");
    expect(await refusal(getHold(alex, { holdId: hold.id }))).toBeInstanceOf(NotFoundError);
    expect(await refusal(releaseHold(alex, { holdId: hold.id, reason: "Done" }))).toBeInstanceOf(NotFoundError);
    expect((await getHold(await ctxOf("janet"), { holdId: hold.id })).isStanding).toBe(true);
  });

  it("keeps a held document from its space owner and the records manager, and from a raw DELETE", async () => {
    const { space, doc } = await heldFixture();
    const janet = await ctxOf("janet");
    const hold = await createHold(janet, { name: "Op Kestrel disclosure", kind: "cpia", reference: "CPIA-2026-17", reason: "Relevant material: trial listed", items: [{ itemType: "document", itemId: doc.id }] });
    expect(hold).toMatchObject({ kind: "cpia", kindLabel: "CPIA", scopeCount: 1, scopes: [{ type: "document", targetId: doc.id, name: "Disclosure schedule" }], createdBy: { name: "Janet Okafor" }, permissions: { canRelease: true } });
    const [audit] = await db.select().from(t.auditEvents).where(and(eq(t.auditEvents.action, "hold.create"), eq(t.auditEvents.subjectId, hold.id)));
    expect(audit).toMatchObject({ justification: "Relevant material: trial listed", actorUserId: s.userId("janet.okafor@dcp.example") });
    expect(await isHeld(db, "document", doc.id, space.id)).toBe(true);

    for (const who of ["priya", "janet"] as const) {
      const err = await refusal(deleteDocument(await ctxOf(who), { documentId: doc.id }));
      expect(err, who).toBeInstanceOf(HeldError);
      expect(err.message).toBe("This document is under a hold (CPIA: Op Kestrel disclosure) and cannot be deleted");
    }
    // The database's own refusal, behind the operation's, mapped to the same clear 409.
    const raw = await refusal(db.delete(t.documents).where(eq(t.documents.id, doc.id)));
    expect(heldErrorFromDatabase(raw)).toMatchObject({ code: "held", status: 409 });
    expect(await db.select({ id: t.documents.id }).from(t.documents).where(eq(t.documents.id, doc.id))).toHaveLength(1);
    // The disposal sweep's set-based test finds it, and only it, among the space's documents.
    const held = await db.select({ id: t.documents.id }).from(t.documents).where(and(eq(t.documents.spaceId, space.id), heldCondition("document", t.documents.id, t.documents.spaceId)));
    expect(held.map((r) => r.id)).toEqual([doc.id]);
    // Tom (a member, not the owner) may not delete it at all.
    expect(await refusal(deleteDocument(await ctxOf("tom"), { documentId: doc.id }))).toBeInstanceOf(ForbiddenError);
  });

  it("keeps the original of a held document as a version when it is changed, once per hold", async () => {
    const { doc, version } = await heldFixture();
    await createHold(await ctxOf("janet"), { name: "Op Kestrel disclosure", kind: "cpia", reason: "CPIA", items: [{ itemType: "document", itemId: doc.id }] });
    const priya = await ctxOf("priya");
    await restoreDocumentVersion(priya, { documentId: doc.id, versionId: version.id });
    await restoreDocumentVersion(await ctxOf("priya"), { documentId: doc.id, versionId: version.id });
    const versions = await db.select().from(t.documentVersions).where(eq(t.documentVersions.documentId, doc.id)).orderBy(t.documentVersions.number);
    expect(versions.map((v) => [v.kind, v.name])).toEqual([
      ["named", "First draft"],
      ["named", "Original kept under hold (CPIA: Op Kestrel disclosure)"],
      ["restore", "Restored from version 1"],
      ["restore", "Restored from version 1"],
    ]);
    expect(textOf(versions[1]!.state)).toBe("Original text");
    const [current] = await db.select().from(t.documentStates).where(eq(t.documentStates.documentId, doc.id));
    expect(textOf(current!.state)).toBe("First draft");
  });

  it("keeps a held space, and every file in it, from deletion", async () => {
    const { space } = await heldFixture();
    const priya = await ctxOf("priya");
    const file = await uploadFile(priya, { spaceId: space.id, name: "exhibit-list.txt", bytes: textFile("Exhibit RB/1") });
    await createHold(await ctxOf("janet"), { name: "Kestrel inquiry", kind: "public_inquiry", reason: "Inquiry moratorium", spaceIds: [space.id] });
    const err = await refusal(deleteFile(priya, { fileId: file.id }));
    expect(err).toBeInstanceOf(HeldError);
    expect(err.message).toBe("This file is under a hold (Public inquiry: Kestrel inquiry) and cannot be deleted");
    const raw = await refusal(db.delete(t.spaces).where(eq(t.spaces.id, space.id)));
    expect(heldErrorFromDatabase(raw)?.message).toMatch(/^This space is under a hold and cannot be deleted/);
    expect(await db.select({ id: t.spaces.id }).from(t.spaces).where(eq(t.spaces.id, space.id))).toHaveLength(1);
    expect(await db.select({ id: t.files.id }).from(t.files).where(eq(t.files.id, file.id))).toHaveLength(1);
  });

  it("keeps a held submission's answers before a draft save overwrites them", async () => {
    const tom = await ctxOf("tom");
    const [mg11] = await db.select().from(t.forms).where(eq(t.forms.key, "mg11"));
    const draft = await createSubmission(tom, { formId: mg11!.id, spaceId: s.spaceId("Operation Kestrel"), answers: { urn: "50AB1234526", witnessName: "Sarah Jane Collins" } });
    // Whatever label a rule gave it (the file plan may declare MG11s records) is not this test's concern.
    await forgetLabel("submission", draft.id);
    // Make the draft older than the hold, as it would be.
    await db.update(t.submissions).set({ updatedAt: new Date(Date.now() - 60_000) }).where(eq(t.submissions.id, draft.id));
    await createHold(await ctxOf("janet"), { name: "Collins statement", kind: "court_order", reason: "Order of 1 Dec", items: [{ itemType: "submission", itemId: draft.id }] });
    await saveSubmission(await ctxOf("tom"), { submissionId: draft.id, expectedVersion: 1, answers: { urn: "50AB1234526", witnessName: "Sarah Collins" } });
    await saveSubmission(await ctxOf("tom"), { submissionId: draft.id, expectedVersion: 2, answers: { urn: "50AB1234526", witnessName: "S. Collins" } });
    const kept = await db.select().from(t.submissionVersions).where(eq(t.submissionVersions.submissionId, draft.id));
    expect(kept.map((k) => [k.number, k.status, k.data.witnessName])).toEqual([[1, "draft", "Sarah Jane Collins"]]);
  });

  it("locks a declared record's content for everyone: no edit, no deletion, a read-only co-editing connection", async () => {
    const { space, doc, version } = await heldFixture();
    const dcp = s.agencyId("DCP");
    const [label] = await db
      .insert(t.retentionLabels)
      .values({ agencyId: dcp, reference: `REC-${doc.id.slice(0, 8)}`, name: "Evidence record", trigger: "created", action: "delete", periodYears: 7, recordKind: "record" })
      .returning();
    await db.insert(t.recordItems).values({ itemType: "document", itemId: doc.id, spaceId: space.id, owningAgencyId: dcp, labelId: label!.id, appliedHow: "manual" });
    expect(await recordLockOf(db, "document", doc.id)).toBe("record");
    for (const who of ["priya", "janet"] as const) {
      const err = await refusal(deleteDocument(await ctxOf(who), { documentId: doc.id }));
      expect(err, who).toBeInstanceOf(RecordLockedError);
      expect(err.message).toBe("This is a declared record: its content is locked");
    }
    expect(await refusal(restoreDocumentVersion(await ctxOf("priya"), { documentId: doc.id, versionId: version.id }))).toBeInstanceOf(RecordLockedError);
    const priya = await buildActor(db, s.userId("priya.shah@dcp.example"));
    expect(await documentAccess(db, priya, doc.id, new Date())).toMatchObject({ canRead: true, canUpdate: false });

    // A submission declared a regulatory record when it was started (as a labelling rule would).
    const tom = await ctxOf("tom");
    const [mg11] = await db.select().from(t.forms).where(eq(t.forms.key, "mg11"));
    const sub = await createSubmission(tom, { formId: mg11!.id, spaceId: s.spaceId("Operation Kestrel"), answers: { urn: "50AB1234526" } });
    const [regulatory] = await db
      .insert(t.retentionLabels)
      .values({ agencyId: dcp, reference: `REG-${sub.id.slice(0, 8)}`, name: "Regulatory record", trigger: "created", action: "delete", periodYears: 7, recordKind: "regulatory" })
      .returning();
    await forgetLabel("submission", sub.id);
    await db.insert(t.recordItems).values({ itemType: "submission", itemId: sub.id, spaceId: sub.spaceId, owningAgencyId: dcp, labelId: regulatory!.id, appliedHow: "manual" });
    // Its officer completes and submits it (every submission kept, issue 7); once accepted it is locked for everyone.
    const submitted = await submitSubmission(tom, { submissionId: sub.id, expectedVersion: 1, answers: adultWitness() });
    await db.update(t.submissions).set({ status: "accepted" }).where(eq(t.submissions.id, submitted.id));
    const locked = await refusal(guardContentChange(db, "submission", sub.id, new Date()));
    expect(locked).toBeInstanceOf(RecordLockedError);
    expect(locked.message).toBe("This is a declared regulatory record: its content is locked, for everyone");
    expect(await recordLockOf(db, "submission", sub.id)).toBe("regulatory");
  });

  it("releases a hold only with a reason, keeps it listed as released, and then lets the document go", async () => {
    const { doc } = await heldFixture();
    const janet = await ctxOf("janet");
    const hold = await createHold(janet, { name: "Op Kestrel disclosure", kind: "cpia", reason: "CPIA", items: [{ itemType: "document", itemId: doc.id }] });
    for (const reason of [undefined, "", "   "]) {
      const err = await refusal(releaseHold(janet, { holdId: hold.id, reason }));
      expect(err).toBeInstanceOf(InvalidInputError);
      expect(err.message).toBe("Give the reason for releasing the hold");
    }
    const released = await releaseHold(janet, { holdId: hold.id, reason: "Trial concluded; appeal period over" });
    expect(released).toMatchObject({ isStanding: false, releasedBy: { name: "Janet Okafor" }, releaseReason: "Trial concluded; appeal period over", permissions: { canRelease: false } });
    expect(await refusal(releaseHold(janet, { holdId: hold.id, reason: "Again" }))).toBeInstanceOf(ConflictError);
    const [audit] = await db.select().from(t.auditEvents).where(and(eq(t.auditEvents.action, "hold.release"), eq(t.auditEvents.subjectId, hold.id)));
    expect(audit?.details).toMatchObject({ reason: "Trial concluded; appeal period over" });
    const listed = await listHolds(janet);
    expect(listed.items.find((h) => h.id === hold.id)).toMatchObject({ isStanding: false, releasedAt: released.releasedAt });
    // Standing ones come first.
    const states = listed.items.map((h) => h.isStanding);
    expect(states).toEqual([...states].sort((a, b) => Number(b) - Number(a)));
    expect(await deleteDocument(await ctxOf("priya"), { documentId: doc.id })).toEqual({ id: doc.id, deleted: true });
    expect(await db.select().from(t.documents).where(eq(t.documents.id, doc.id))).toEqual([]);
  });
  it("extends a standing hold to more of the agency's material, never to another agency's, never once released", async () => {
    const { space, doc } = await heldFixture();
    const janet = await ctxOf("janet");
    const hold = await createHold(janet, { name: "Op Kestrel disclosure", kind: "cpia", reason: "CPIA", items: [{ itemType: "document", itemId: doc.id }] });
    const second = await buildDocument(db, { spaceId: space.id, title: "Unused material schedule" });
    expect(await refusal(addHoldScope(await ctxOf("priya"), { holdId: hold.id, items: [{ itemType: "document", itemId: second.id }] }))).toBeInstanceOf(ForbiddenError);
    const foreign = await buildDocument(db, { spaceId: space.id, owningAgencyId: s.agencyId("DOR") });
    const err = await refusal(addHoldScope(janet, { holdId: hold.id, items: [{ itemType: "document", itemId: foreign.id }] }));
    expect(err.details?.issues?.map((i) => i.path)).toEqual(["items.0.itemId"]);
    const extended = await addHoldScope(janet, { holdId: hold.id, items: [{ itemType: "document", itemId: second.id }, { itemType: "document", itemId: doc.id }] });
    expect(extended.scopes.map((x) => x.name).sort()).toEqual(["Disclosure schedule", "Unused material schedule"]);
    expect(await isHeld(db, "document", second.id, space.id)).toBe(true);
    await releaseHold(janet, { holdId: hold.id, reason: "Case discontinued" });
    expect(await refusal(addHoldScope(janet, { holdId: hold.id, spaceIds: [space.id] }))).toBeInstanceOf(ConflictError);
  });
});
