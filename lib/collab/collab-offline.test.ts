/**
 * Offline edits merge on reconnect (issue 5, "Live co-editing"): two real Hocuspocus providers on
 * the same document, Priya (DCP) and Alex (DOR). Alex loses his connection; both go on editing,
 * in different paragraphs and in the same one; when Alex is back, both hold exactly the same
 * content with every edit in it, and so does the state the server stores. Each edit is placed
 * where the other side's cannot reorder it (no two inserts at one position), so the merged
 * document is known exactly and the test fails if any edit is lost, duplicated or misplaced.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import * as Y from "yjs";
import type { Db } from "@/db/client";
import * as t from "@/db/schema";
import { buildDocument, openSeededDatabaseForFile, type SeededScenario } from "@/db/factories";
import { CONTENT_FIELD, yDocFromState } from "./yjs-content";
import {
  collabTokenFor,
  connectCollabClient,
  contentXml,
  startCollabTestServer,
  synced,
  typeParagraph,
  until,
  type CollabTestClient,
  type StartedCollabServer,
} from "./testing/collab-harness";

let db: Db;
let s: SeededScenario;
openSeededDatabaseForFile((opened) => {
  db = opened.db;
  s = opened.scenario;
});

let server: StartedCollabServer;
beforeAll(async () => {
  server = await startCollabTestServer(() => db);
});
afterAll(async () => {
  await server?.stop();
});

/** The text of the paragraph at `index`. */
function paragraphText(doc: Y.Doc, index: number): Y.XmlText {
  const paragraph = doc.getXmlFragment(CONTENT_FIELD).get(index) as Y.XmlElement;
  return paragraph.get(0) as Y.XmlText;
}

/** The content the server has stored for the document, as Yjs XML ("" when nothing is stored). */
async function storedXml(documentId: string): Promise<string> {
  const [row] = await db.select({ state: t.documentStates.state }).from(t.documentStates).where(eq(t.documentStates.documentId, documentId));
  const doc = yDocFromState(row?.state);
  try {
    return contentXml(doc);
  } finally {
    doc.destroy();
  }
}

const p = (text: string) => `<paragraph>${text}</paragraph>`;

describe("offline edits", () => {
  it("merge on reconnect: both editors and the stored state hold every edit, identically", async () => {
    const kestrel = s.spaceId("Operation Kestrel");
    const { id: documentId } = await buildDocument(db, { spaceId: kestrel, title: "Offline merge log", marking: "OFFICIAL" });
    // A function, as in the browser: every (re)connect presents a fresh token.
    const tokenOf = (email: string) => () => collabTokenFor(db, s.userId(email), documentId);
    const clients: CollabTestClient[] = [];
    try {
      const priya = connectCollabClient(server.url, documentId, tokenOf("priya.shah@dcp.example"));
      const alex = connectCollabClient(server.url, documentId, tokenOf("alex.morgan@dor.example"));
      clients.push(priya, alex);
      await Promise.all([synced(priya), synced(alex)]);

      typeParagraph(priya.doc, "vehicle seen near the harbour");
      typeParagraph(priya.doc, "Witness statement taken");
      const before = p("vehicle seen near the harbour") + p("Witness statement taken");
      await until(() => contentXml(alex.doc) === before, "the starting paragraphs to reach Alex");

      // Alex goes offline: his socket is closed and does not come back by itself.
      alex.socket.disconnect();
      await until(() => alex.socket.status === "disconnected", "Alex's socket to close");

      // The same paragraph: Priya at its start, Alex at its end.
      paragraphText(priya.doc, 0).insert(0, "Suspect ");
      paragraphText(alex.doc, 0).insert(paragraphText(alex.doc, 0).length, " at 21:40");
      // Different paragraphs: Priya finishes the second; Alex adds a third after it.
      paragraphText(priya.doc, 1).insert(paragraphText(priya.doc, 1).length, " by DC Shah");
      typeParagraph(alex.doc, "ANPR hit in Dorchester");

      // Priya's edits reach the server; Alex's cannot (he is offline), so neither sees the other's yet.
      await until(() => !priya.provider.hasUnsyncedChanges, "the server to acknowledge Priya's edits");
      await new Promise((r) => setTimeout(r, 300));
      expect(contentXml(priya.doc)).toBe(p("Suspect vehicle seen near the harbour") + p("Witness statement taken by DC Shah"));
      expect(contentXml(alex.doc)).toBe(p("vehicle seen near the harbour at 21:40") + p("Witness statement taken") + p("ANPR hit in Dorchester"));

      const merged = p("Suspect vehicle seen near the harbour at 21:40") + p("Witness statement taken by DC Shah") + p("ANPR hit in Dorchester");
      alex.socket.connect();
      await until(() => contentXml(alex.doc) === merged && contentXml(priya.doc) === merged, "both editors to hold the merged document");
      expect(contentXml(alex.doc)).toBe(contentXml(priya.doc));
      await until(() => !alex.provider.hasUnsyncedChanges, "the server to acknowledge Alex's offline edits");

      // The server stores the merged state once its (short, in this test) debounce has run.
      await until(async () => (await storedXml(documentId)) === merged, "the merged state to be stored");
    } finally {
      for (const c of clients) c.destroy();
    }
    // And someone who opens it after everyone has left gets exactly the merged document.
    const tom = connectCollabClient(server.url, documentId, () => collabTokenFor(db, s.userId("tom.hughes@dcp.example"), documentId));
    try {
      await synced(tom);
      expect(contentXml(tom.doc)).toBe(p("Suspect vehicle seen near the harbour at 21:40") + p("Witness statement taken by DC Shah") + p("ANPR hit in Dorchester"));
    } finally {
      tom.destroy();
    }
  });
});
