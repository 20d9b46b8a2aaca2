/**
 * Who may put images into which document from the editor: exactly those for whom uploading a
 * file marked as the document is, to the document's space, succeeds (so the editor never offers
 * what the upload would refuse, nor hides what it would allow); never a reader; never a document
 * whose marking no file can carry.
 */
import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { spaceMembers } from "@/db/schema";
import { buildActor, buildDocument, policyCtx, openSeededDatabaseForFile, type SeededScenario } from "@/db/factories";
import type { PolicyCtx } from "../context";
import { AppError } from "../errors";
import { getDocument } from "../documents/get-document";
import { getImageUploadOptions } from "./get-image-upload-options";
import { uploadFile } from "./upload-file";
import { IMAGES } from "./testing/file-fixtures";
import { temporaryFileServicesForFile } from "./testing/temporary-file-services";

let db: Db;
let s: SeededScenario;
openSeededDatabaseForFile((t) => {
  db = t.db;
  s = t.scenario;
});
const MAX_UPLOAD = 256 * 1024;
temporaryFileServicesForFile({ maxUploadBytes: MAX_UPLOAD });

const EMAILS = {
  priya: "priya.shah@dcp.example",
  tom: "tom.hughes@dcp.example",
  mark: "mark.ellis@dcp.example",
  alex: "alex.morgan@dor.example",
  helen: "helen.carter@cc.example",
  ben: "ben.lowe@cc.example",
  aisha: "aisha.rahman@rcht.example",
} as const;
type Person = keyof typeof EMAILS;
const ctxOf = async (person: Person): Promise<PolicyCtx> => policyCtx(db, await buildActor(db, s.userId(EMAILS[person])));

/** Whether uploading a PNG marked as the document, to its space, succeeds for this person. */
async function uploadSucceeds(ctx: PolicyCtx, doc: { space: { id: string }; marking: string }): Promise<boolean> {
  try {
    await uploadFile(ctx, { spaceId: doc.space.id, name: "scene.png", marking: doc.marking, bytes: IMAGES.png });
    return true;
  } catch (err) {
    if (err instanceof AppError) return false;
    throw err;
  }
}

describe("getImageUploadOptions", () => {
  it.each([
    ["priya", "Investigation log"],
    ["priya", "Press lines"],
    ["priya", "Strategy meeting minutes"],
    ["tom", "Investigation log"],
    ["mark", "Press lines"],
    ["alex", "Investigation log"],
    ["alex", "Press lines"],
    ["helen", "Strategy meeting minutes"],
    ["ben", "Agency contact list"],
    ["aisha", "Strategy meeting minutes"],
  ] as const)("offers %s images in %s exactly when an upload marked as the document would succeed", async (person, title) => {
    const ctx = await ctxOf(person);
    // Aisha's trust asks why before its people open OFFICIAL-SENSITIVE content (lib/audit/justification.ts).
    const justification = person === "aisha" ? "Strategy meeting preparation" : undefined;
    const doc = await getDocument(ctx, { documentId: s.documentId(title), justification });
    const options = await getImageUploadOptions(ctx, doc);
    const expected = doc.permissions.canUpdate && (await uploadSucceeds(ctx, doc));
    if (expected) expect(options).toEqual({ spaceId: doc.space.id, marking: doc.marking, maxUploadBytes: MAX_UPLOAD });
    else expect(options).toBeNull();
  });

  it("offers Priya, who edits Investigation log, its space and its marking", async () => {
    const ctx = await ctxOf("priya");
    const doc = await getDocument(ctx, { documentId: s.documentId("Investigation log") });
    expect(await getImageUploadOptions(ctx, doc)).toEqual({ spaceId: s.spaceId("Operation Kestrel"), marking: "OFFICIAL-SENSITIVE PERSONAL DATA", maxUploadBytes: MAX_UPLOAD });
  });

  it("offers nothing to a reader of the space (Tom made a reader of Kestrel), whose upload would be refused too", async () => {
    const kestrel = s.spaceId("Operation Kestrel");
    const tom = s.userId(EMAILS.tom);
    const member = and(eq(spaceMembers.spaceId, kestrel), eq(spaceMembers.userId, tom));
    await db.update(spaceMembers).set({ role: "reader" }).where(member);
    try {
      const ctx = await ctxOf("tom");
      const doc = await getDocument(ctx, { documentId: s.documentId("Press lines") });
      expect(doc.permissions.canUpdate).toBe(false);
      expect(await getImageUploadOptions(ctx, doc)).toBeNull();
      expect(await uploadSucceeds(ctx, doc)).toBe(false);
    } finally {
      await db.update(spaceMembers).set({ role: "member" }).where(member);
    }
  });

  it("offers nothing for a document marked above what its space may hold, though Priya may edit it", async () => {
    // DCP Training holds OFFICIAL at most; a document above that (from before a ceiling was lowered, say)
    // may still be edited, but an image marked as it could not be stored there, and one marked lower must not be.
    const training = s.spaceId("DCP Training");
    const { id } = await buildDocument(db, { spaceId: training, title: "Above the ceiling", marking: "OFFICIAL-SENSITIVE" });
    const ctx = await ctxOf("priya");
    const doc = await getDocument(ctx, { documentId: id });
    expect(doc.permissions.canUpdate).toBe(true);
    expect(await getImageUploadOptions(ctx, doc)).toBeNull();
    expect(await uploadSucceeds(ctx, doc)).toBe(false);
  });

  it("offers nothing for a marking a file cannot carry (RECIPIENTS ONLY names nobody on upload), rather than a lower one", async () => {
    const ctx = await ctxOf("priya");
    const doc = await getDocument(ctx, { documentId: s.documentId("Investigation log") });
    expect(await getImageUploadOptions(ctx, { ...doc, marking: "OFFICIAL-SENSITIVE RECIPIENTS ONLY" })).toBeNull();
  });
});
