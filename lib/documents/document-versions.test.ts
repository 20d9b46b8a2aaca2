/** Versions: saved by editors, listed and viewed by readers, compared block by block, restored as a new version; invisible documents answer 404. */
import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import * as t from "@/db/schema";
import { buildActor, openSeededDatabaseForFile, policyCtx, type SeededScenario } from "@/db/factories";
import { seedDocumentContent } from "../collab/seed-document-content";
import { documentJsonFromState, stateFromDocumentJson } from "../collab/yjs-content";
import { compareDocumentVersions } from "./compare-document-versions";
import { diffLines } from "./document-versions-shared";
import { getDocumentVersion } from "./get-document-version";
import { listDocumentVersions } from "./list-document-versions";
import { restoreDocumentVersion } from "./restore-document-version";
import { saveDocumentVersion } from "./save-document-version";

let db: Db;
let s: SeededScenario;
openSeededDatabaseForFile((opened) => {
  db = opened.db;
  s = opened.scenario;
});

const ctxOf = async (email: string) => policyCtx(db, await buildActor(db, s.userId(email)));
const paragraphs = (...texts: string[]) => ({ type: "doc", content: texts.map((text) => ({ type: "paragraph", content: [{ type: "text", text }] })) });
async function setContent(documentId: string, ...texts: string[]): Promise<void> {
  const state = stateFromDocumentJson(paragraphs(...texts));
  await db.insert(t.documentStates).values({ documentId, state }).onConflictDoUpdate({ target: t.documentStates.documentId, set: { state } });
}
async function contentText(documentId: string): Promise<string> {
  const [row] = await db.select().from(t.documentStates).where(eq(t.documentStates.documentId, documentId));
  return JSON.stringify(documentJsonFromState(row?.state));
}

describe("document versions", () => {
  it("lets an editor save, a reader list and view, and anyone who reads compare; restores as a new version", async () => {
    await seedDocumentContent(db);
    const press = s.documentId("Press lines");
    const priya = await ctxOf("priya.shah@dcp.example");
    await setContent(press, "Holding statement", "Officers are appealing for witnesses.");
    const v1 = await saveDocumentVersion(priya, { documentId: press, name: "Approved by the SIO" });
    expect(v1).toMatchObject({ number: 1, kind: "named", name: "Approved by the SIO", marking: "OFFICIAL" });
    await setContent(press, "Holding statement", "A man has been arrested.", "Officers are appealing for witnesses.");

    // Alex (DOR, a guest) reads the versions and the old content, rendered and sanitized.
    const alex = await ctxOf("alex.morgan@dor.example");
    const { versions } = await listDocumentVersions(alex, { documentId: press });
    expect(versions.map((v) => [v.number, v.name, v.createdBy])).toEqual([[1, "Approved by the SIO", "DS Priya Shah"]]);
    const view = await getDocumentVersion(alex, { documentId: press, versionId: v1.id });
    expect(view.html).toContain("Officers are appealing for witnesses.");
    expect(view.html).not.toContain("arrested");

    const diff = await compareDocumentVersions(alex, { documentId: press, from: v1.id, to: "current" });
    expect(diff.lines).toEqual([
      { kind: "same", text: "Holding statement" },
      { kind: "added", text: "A man has been arrested." },
      { kind: "same", text: "Officers are appealing for witnesses." },
    ]);

    const restored = await restoreDocumentVersion(priya, { documentId: press, versionId: v1.id });
    expect(restored).toMatchObject({ number: 2, kind: "restore", name: "Restored from version 1" });
    expect(await contentText(press)).not.toContain("arrested");
    expect(await contentText(press)).toContain("appealing for witnesses");
    const audits = await db.select().from(t.auditEvents).where(and(eq(t.auditEvents.subjectId, press), eq(t.auditEvents.action, "document.version_restore")));
    expect(audits).toHaveLength(1);
  });

  it("refuses saving and restoring to someone who may only read, and changes nothing", async () => {
    const kestrel = s.spaceId("Operation Kestrel");
    const tom = s.userId("tom.hughes@dcp.example");
    const log = s.documentId("Investigation log");
    await db.update(t.spaceMembers).set({ role: "reader" }).where(and(eq(t.spaceMembers.spaceId, kestrel), eq(t.spaceMembers.userId, tom)));
    try {
      const reader = await ctxOf("tom.hughes@dcp.example");
      await expect(saveDocumentVersion(reader, { documentId: log, name: "mine" })).rejects.toMatchObject({ status: 403 });
      const v = await saveDocumentVersion(await ctxOf("priya.shah@dcp.example"), { documentId: log, name: "Before the briefing" });
      const before = await contentText(log);
      await expect(restoreDocumentVersion(reader, { documentId: log, versionId: v.id })).rejects.toMatchObject({ status: 403 });
      expect(await contentText(log)).toBe(before);
    } finally {
      await db.update(t.spaceMembers).set({ role: "member" }).where(and(eq(t.spaceMembers.spaceId, kestrel), eq(t.spaceMembers.userId, tom)));
    }
  });

  it("answers 404 for versions of a document the person cannot read, and for another document's version", async () => {
    const minutes = s.documentId("Strategy meeting minutes");
    const v = await saveDocumentVersion(await ctxOf("priya.shah@dcp.example"), { documentId: minutes, name: "Draft" });
    const alex = await ctxOf("alex.morgan@dor.example");
    await expect(listDocumentVersions(alex, { documentId: minutes })).rejects.toMatchObject({ status: 404 });
    await expect(getDocumentVersion(alex, { documentId: minutes, versionId: v.id })).rejects.toMatchObject({ status: 404 });
    // A real version id under a document it does not belong to.
    await expect(getDocumentVersion(alex, { documentId: s.documentId("Press lines"), versionId: v.id })).rejects.toMatchObject({ status: 404 });
  });

  it("diffs lines by their longest common subsequence", () => {
    expect(diffLines(["a", "b", "c"], ["a", "c", "d"])).toEqual([
      { kind: "same", text: "a" },
      { kind: "removed", text: "b" },
      { kind: "same", text: "c" },
      { kind: "added", text: "d" },
    ]);
    expect(diffLines([], [])).toEqual([]);
  });
});
