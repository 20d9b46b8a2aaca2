/**
 * DPA 2018 s.47, "restrict instead of erase" (issue 8): when a disposal review restricts an item,
 * its content stays in the database but the policy refuses it to everyone: the document, file or
 * submission is 404 to the people who could read it a moment before (Priya, who owns the space),
 * it leaves every list, its co-editing access ends, and a card link to it is no longer followed.
 * The record item stays visible to the records manager as "restricted", with its certificate.
 */
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import * as t from "@/db/schema";
import { buildActor, buildDocument, openSeededDatabaseForFile, policyCtx, type SeededScenario } from "@/db/factories";
import { testEngine } from "@/db/testing";
import { NotFoundError } from "../errors";
import { documentAccess } from "../collab/document-access";
import { getDocument } from "../documents/get-document";
import { listDocuments } from "../documents/list-documents";
import { getFile } from "../files/get-file";
import { listFiles } from "../files/list-files";
import { getSubmission } from "../submissions/get-submission";
import { listSpaceSubmissions } from "../submissions/list-space-submissions";
import { decideDisposalReview } from "./decide-disposal-review";
import { listRecordItems } from "./list-record-items";

let db: Db;
let s: SeededScenario;
openSeededDatabaseForFile((opened) => {
  db = opened.db;
  s = opened.scenario;
});

const JANET = "janet.okafor@dcp.example";
const PRIYA = "priya.shah@dcp.example";
const KESTREL = "Operation Kestrel";
const ctxOf = async (email: string) => policyCtx(db, await buildActor(db, s.userId(email)));

/** A one-stage review label of DCP's plan, Janet its reviewer. */
async function reviewLabel() {
  const [row] = await db
    .insert(t.retentionLabels)
    .values({ agencyId: s.agencyId("DCP"), reference: `S47-${randomBytes(4).toString("hex")}`, name: "Restriction test", trigger: "labelled", action: "review", reviewStages: [{ name: "Records", reviewerIds: [s.userId(JANET)] }] })
    .returning();
  return row!;
}

/** One Kestrel item of each kind, each in review at stage 1. */
async function itemsInReview(db: Db) {
  const label = await reviewLabel();
  const space = s.spaceId(KESTREL);
  const agency = s.agencyId("DCP");
  const doc = await buildDocument(db, { spaceId: space, title: `Restricted statement ${randomBytes(3).toString("hex")}` });
  const [file] = await db
    .insert(t.files)
    .values({ spaceId: space, owningAgencyId: agency, marking: "OFFICIAL", markingRank: 1, name: `restricted-${randomBytes(3).toString("hex")}.pdf`, extension: "pdf", mediaType: "application/pdf", sizeBytes: 3, sha256: "0".repeat(64), blobKey: randomBytes(16).toString("hex") })
    .returning();
  const [version] = await db.select().from(t.formVersions).where(eq(t.formVersions.status, "published")).limit(1);
  const [submission] = await db
    .insert(t.submissions)
    .values({ formVersionId: version!.id, spaceId: space, owningAgencyId: agency, marking: "OFFICIAL", markingRank: 1, ownerId: s.userId(PRIYA), status: "submitted", data: {} })
    .returning();
  const ids: Record<"document" | "file" | "submission", { itemId: string; recordItemId: string }> = {} as never;
  for (const [itemType, itemId] of [["document", doc.id], ["file", file!.id], ["submission", submission!.id]] as const) {
    const [item] = await db
      .insert(t.recordItems)
      .values({ itemType, itemId, spaceId: space, owningAgencyId: agency, labelId: label.id, appliedHow: "manual", dueOn: "2020-01-01", state: "in_review", reviewStage: 1, reviewStartedAt: new Date() })
      .returning();
    ids[itemType] = { itemId, recordItemId: item!.id };
  }
  return ids;
}

describe(`restricting instead of erasing (${testEngine})`, () => {
  it("keeps the content but makes it invisible to everyone who could read it, in every path", async () => {
    const items = await itemsInReview(db);
    const priya = await ctxOf(PRIYA);
    const space = s.spaceId(KESTREL);
    // Before: Priya (Kestrel's owner) reads all three.
    expect((await getDocument(priya, { documentId: items.document.itemId })).id).toBe(items.document.itemId);
    expect((await getFile(priya, { fileId: items.file.itemId })).id).toBe(items.file.itemId);
    expect((await getSubmission(priya, { submissionId: items.submission.itemId })).id).toBe(items.submission.itemId);

    const janet = await ctxOf(JANET);
    for (const kind of ["document", "file", "submission"] as const) {
      const done = await decideDisposalReview(janet, { recordItemId: items[kind].recordItemId, decision: "restrict", comment: "Kept as evidence for a claim: restrict, do not erase" });
      expect(done.state).toBe("restricted");
    }

    // The rows are still there, flagged…
    expect((await db.select().from(t.documents).where(eq(t.documents.id, items.document.itemId)))[0]?.isRestricted).toBe(true);
    expect((await db.select().from(t.files).where(eq(t.files.id, items.file.itemId)))[0]?.isRestricted).toBe(true);
    expect((await db.select().from(t.submissions).where(eq(t.submissions.id, items.submission.itemId)))[0]?.isRestricted).toBe(true);

    // …and to Priya they do not exist: 404 one by one, absent from lists, no co-editing.
    await expect(getDocument(priya, { documentId: items.document.itemId })).rejects.toBeInstanceOf(NotFoundError);
    await expect(getFile(priya, { fileId: items.file.itemId })).rejects.toBeInstanceOf(NotFoundError);
    await expect(getSubmission(priya, { submissionId: items.submission.itemId })).rejects.toBeInstanceOf(NotFoundError);
    expect((await listDocuments(priya, { spaceId: space, limit: 100 })).items.map((d) => d.id)).not.toContain(items.document.itemId);
    expect((await listFiles(priya, { spaceId: space })).items.map((f) => f.id)).not.toContain(items.file.itemId);
    expect((await listSpaceSubmissions(priya, { spaceId: space, limit: 200 })).items.map((x) => x.id)).not.toContain(items.submission.itemId);
    expect(await documentAccess(db, priya.actor, items.document.itemId, new Date())).toMatchObject({ canRead: false, canUpdate: false });
    // Nor to the records manager who restricted them: the records function is no side door.
    await expect(getDocument(janet, { documentId: items.document.itemId })).rejects.toBeInstanceOf(NotFoundError);

    // The record items stay, for Janet, as restricted.
    const restricted = (await listRecordItems(janet, { state: "restricted", limit: 500 })).items.map((i) => i.id);
    for (const kind of ["document", "file", "submission"] as const) expect(restricted).toContain(items[kind].recordItemId);
  });

  it("leaves content that was only reviewed, not restricted, as it was", async () => {
    const items = await itemsInReview(db);
    const janet = await ctxOf(JANET);
    await decideDisposalReview(janet, { recordItemId: items.document.recordItemId, decision: "extend", comment: "Still needed", newDueOn: "2099-01-01" });
    expect((await getDocument(await ctxOf(PRIYA), { documentId: items.document.itemId })).id).toBe(items.document.itemId);
  });
});
