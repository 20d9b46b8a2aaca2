/**
 * A document's text is searchable as the collaboration server stores it (issue 10): Priya types
 * into "Press lines", the store writes the state and the index row in one transaction, and Tom
 * finds the new word; restoring a version takes the index back with the content; and start-up
 * indexes a stored state the index is behind on.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import * as t from "@/db/schema";
import { buildActor, openSeededDatabaseForFile, PERSONA_EMAILS, policyCtx, type SeededScenario } from "@/db/factories";
import { testEngine } from "@/db/testing";
import { stateFromDocumentJson } from "../collab/yjs-content";
import { collabTokenFor, connectCollabClient, startCollabTestServer, synced, typeParagraph, until, type StartedCollabServer } from "../collab/testing/collab-harness";
import { indexStaleDocumentTexts } from "./index-document-text";
import { searchContent } from "./search-content";

let db: Db;
let s: SeededScenario;
let server: StartedCollabServer;
openSeededDatabaseForFile((opened) => {
  db = opened.db;
  s = opened.scenario;
});
beforeAll(async () => {
  server = await startCollabTestServer(() => db);
});
afterAll(async () => {
  await server?.stop();
});

const found = async (email: string, q: string) => (await searchContent(await policyCtx(db, await buildActor(db, s.userId(email))), { q })).items.map((i) => i.id);

describe(`the index follows stored content (${testEngine})`, () => {
  it("a word typed in the editor is found once the store has run", async () => {
    const pressLines = s.documentId("Press lines");
    expect(await found(PERSONA_EMAILS.tom, "wombatgrove")).toEqual([]);
    const priya = connectCollabClient(server.url, pressLines, await collabTokenFor(db, s.userId(PERSONA_EMAILS.priya), pressLines));
    try {
      await synced(priya);
      typeParagraph(priya.doc, "Appeal near Wombatgrove Lane");
      await until(async () => (await found(PERSONA_EMAILS.tom, "wombatgrove")).includes(pressLines), "the store to index the text");
      const [entry] = await db.select().from(t.searchEntries).where(eq(t.searchEntries.documentId, pressLines));
      const [state] = await db.select().from(t.documentStates).where(eq(t.documentStates.documentId, pressLines));
      expect(entry!.sourceRevision).toBe(state!.revision);
      // Alex (Dorset) is a Kestrel member: he may read Press lines, so he finds it too; Helen may not.
      expect(await found(PERSONA_EMAILS.alex, "wombatgrove")).toEqual([pressLines]);
      expect(await found(PERSONA_EMAILS.helen, "wombatgrove")).toEqual([]);
    } finally {
      priya.destroy();
    }
  });

  it("start-up indexes a stored state the index is behind on, and leaves the rest alone", async () => {
    const log = s.documentId("Investigation log");
    await db
      .insert(t.documentStates)
      .values({ documentId: log, state: stateFromDocumentJson({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Kingfisher sighting" }] }] }) })
      .onConflictDoUpdate({ target: t.documentStates.documentId, set: { state: stateFromDocumentJson({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Kingfisher sighting" }] }] }) } });
    expect(await found(PERSONA_EMAILS.priya, "kingfisher")).toEqual([]);
    expect(await indexStaleDocumentTexts(db)).toBeGreaterThanOrEqual(1);
    expect(await found(PERSONA_EMAILS.priya, "kingfisher")).toEqual([log]);
    // Mark's vetting has expired: the OFFICIAL-SENSITIVE log is not his to find.
    expect(await found(PERSONA_EMAILS.mark, "kingfisher")).toEqual([]);
    expect(await indexStaleDocumentTexts(db)).toBe(0);
  });
});
