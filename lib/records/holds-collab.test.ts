/**
 * Holds and record locks on the co-editing path (issue 8), with the real collaboration server: a
 * declared record opens read-only for everyone, even its space owner, and nothing typed is
 * stored; a held document may be co-edited, and the first store under the hold keeps the
 * original as a version before it writes the new state.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import * as t from "@/db/schema";
import { buildActor, buildDocument, openSeededDatabaseForFile, policyCtx, type SeededScenario } from "@/db/factories";
import { documentJsonFromState, stateFromDocumentJson } from "../collab/yjs-content";
import { collabTokenFor, connectCollabClient, contentXml, startCollabTestServer, synced, typeParagraph, until, type StartedCollabServer } from "../collab/testing/collab-harness";
import { createHold } from "./create-hold";

let db: Db;
let s: SeededScenario;
openSeededDatabaseForFile((opened) => {
  db = opened.db;
  s = opened.scenario;
});
let server: StartedCollabServer;
beforeAll(async () => {
  server = await startCollabTestServer(() => db, { debounceMs: 50, maxDebounceMs: 200 });
});
afterAll(async () => {
  await server?.stop();
});

const paragraph = (text: string) => stateFromDocumentJson({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] });
const storedText = async (documentId: string) => {
  const [row] = await db.select({ state: t.documentStates.state }).from(t.documentStates).where(eq(t.documentStates.documentId, documentId));
  return JSON.stringify(documentJsonFromState(row?.state));
};

/** A Kestrel document (Priya owns the space) with stored content "Original text", written an hour ago. */
async function kestrelDocument() {
  const doc = await buildDocument(db, { spaceId: s.spaceId("Operation Kestrel"), title: `Exhibit log ${Math.random().toString(36).slice(2, 8)}` });
  await db.delete(t.recordItems).where(eq(t.recordItems.itemId, doc.id));
  await db.insert(t.documentStates).values({ documentId: doc.id, state: paragraph("Original text"), updatedAt: new Date(Date.now() - 3_600_000) });
  return doc;
}

describe("holds and records on the co-editing path", () => {
  it("opens a declared record read-only, even for its space owner, and stores nothing typed", async () => {
    const doc = await kestrelDocument();
    const dcp = s.agencyId("DCP");
    const [label] = await db.insert(t.retentionLabels).values({ agencyId: dcp, reference: `REC-C-${doc.id.slice(0, 8)}`, name: "Evidence record", trigger: "created", action: "delete", periodYears: 7, recordKind: "record" }).returning();
    await db.insert(t.recordItems).values({ itemType: "document", itemId: doc.id, spaceId: doc.spaceId, owningAgencyId: dcp, labelId: label!.id, appliedHow: "manual" });
    const priya = connectCollabClient(server.url, doc.id, await collabTokenFor(db, s.userId("priya.shah@dcp.example"), doc.id));
    try {
      await synced(priya);
      expect(contentXml(priya.doc)).toContain("Original text");
      // Her editor is told it is read-only, whatever the page offered.
      await until(() => priya.events.stateless.some((p) => p.includes('"canEdit":false')), "the read-only notice");
      typeParagraph(priya.doc, "changed after declaration");
      await new Promise((r) => setTimeout(r, 600));
      expect(await storedText(doc.id)).not.toContain("changed after declaration");
      expect(server.collab.hocuspocus.documents.get(doc.id)?.getXmlFragment("default").toString() ?? "").not.toContain("changed after declaration");
    } finally {
      priya.destroy();
    }
  });

  it("keeps a held document's original as a version at the first store under the hold", async () => {
    const doc = await kestrelDocument();
    await createHold(await policyCtx(db, await buildActor(db, s.userId("janet.okafor@dcp.example"))), { name: "Op Kestrel disclosure", kind: "cpia", reason: "CPIA", items: [{ itemType: "document", itemId: doc.id }] });
    const priya = connectCollabClient(server.url, doc.id, await collabTokenFor(db, s.userId("priya.shah@dcp.example"), doc.id));
    try {
      await synced(priya);
      typeParagraph(priya.doc, "Added under hold");
      await until(async () => (await storedText(doc.id)).includes("Added under hold"), "the edit stored");
      typeParagraph(priya.doc, "And more");
      await until(async () => (await storedText(doc.id)).includes("And more"), "the second edit stored");
    } finally {
      priya.destroy();
    }
    const versions = await db.select().from(t.documentVersions).where(eq(t.documentVersions.documentId, doc.id)).orderBy(t.documentVersions.number);
    const kept = versions.filter((v) => v.name?.startsWith("Original kept under hold"));
    expect(kept).toHaveLength(1);
    expect(JSON.stringify(documentJsonFromState(kept[0]!.state))).toContain("Original text");
    expect(JSON.stringify(documentJsonFromState(kept[0]!.state))).not.toContain("Added under hold");
  });
});
