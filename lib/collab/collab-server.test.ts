/**
 * The collaboration server on a real port, with real Hocuspocus providers over `ws`, against the
 * seeded demo scenario: co-editing reaches the other editor; a reader's edits and cursor reach
 * nobody; forged, expired and other-document tokens are refused; a cross-site Origin is refused at
 * the handshake; garbage and oversize frames close that socket and the server keeps serving;
 * removing a member closes their open connection; stored state survives a new server; content
 * outside the schema is cleaned before it is stored.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import WebSocket from "ws";
import * as Y from "yjs";
import type { Db } from "@/db/client";
import * as t from "@/db/schema";
import { openSeededDatabaseForFile, type SeededScenario } from "@/db/factories";
import { CLOSE_REASONS, type CollabServer } from "./collab-server";
import { COLLAB_TOKEN_TTL_MS, mintCollabToken } from "./collab-token";
import { CONTENT_FIELD, documentJsonFromState } from "./yjs-content";
import {
  collabTokenFor,
  connectCollabClient,
  contentXml,
  startCollabTestServer,
  synced,
  TEST_ORIGIN as ORIGIN,
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
let collab: CollabServer;
let url: string;

const startServer = () => startCollabTestServer(() => db);

beforeAll(async () => {
  server = await startServer();
  ({ collab, url } = server);
});
afterAll(async () => {
  await server?.stop();
});

type Client = CollabTestClient;

async function tokenFor(email: string, documentId: string, now = new Date()): Promise<string> {
  return collabTokenFor(db, s.userId(email), documentId, now);
}

function connect(documentId: string, token: string, serverUrl = url): Client {
  return connectCollabClient(serverUrl, documentId, token);
}

const text = contentXml;

const kestrelLog = () => s.documentId("Investigation log");

describe("collaboration server", () => {
  it("relays one editor's typing to another editor from another force, both ways", async () => {
    const priya = connect(kestrelLog(), await tokenFor("priya.shah@dcp.example", kestrelLog()));
    const alex = connect(kestrelLog(), await tokenFor("alex.morgan@dor.example", kestrelLog()));
    try {
      await Promise.all([synced(priya), synced(alex)]);
      typeParagraph(priya.doc, "Priya: suspect vehicle seen at 21:40");
      typeParagraph(alex.doc, "Alex: ANPR hit in Dorchester");
      await until(() => text(alex.doc).includes("suspect vehicle") && text(priya.doc).includes("ANPR hit"), "both edits on both sides");
    } finally {
      priya.destroy();
      alex.destroy();
    }
  });

  it("gives a reader a read-only connection: their edits and their cursor reach nobody", async () => {
    const tom = s.userId("tom.hughes@dcp.example");
    const kestrel = s.spaceId("Operation Kestrel");
    await db.update(t.spaceMembers).set({ role: "reader" }).where(and(eq(t.spaceMembers.spaceId, kestrel), eq(t.spaceMembers.userId, tom)));
    const priya = connect(kestrelLog(), await tokenFor("priya.shah@dcp.example", kestrelLog()));
    const reader = connect(kestrelLog(), await tokenFor("tom.hughes@dcp.example", kestrelLog()));
    try {
      await Promise.all([synced(priya), synced(reader)]);
      typeParagraph(reader.doc, "reader tried to write this");
      reader.provider.setAwarenessField("user", { name: "PC Tom Hughes" });
      typeParagraph(priya.doc, "editor wrote this after");
      await until(() => text(reader.doc).includes("editor wrote this after"), "the editor's edit reaching the reader");
      await new Promise((r) => setTimeout(r, 300));
      expect(text(priya.doc)).not.toContain("reader tried to write this");
      const seenByPriya = [...priya.provider.awareness!.getStates().values()].map((st) => (st.user as { name?: string } | undefined)?.name);
      expect(seenByPriya).not.toContain("PC Tom Hughes");
    } finally {
      priya.destroy();
      reader.destroy();
      await db.update(t.spaceMembers).set({ role: "member" }).where(and(eq(t.spaceMembers.spaceId, kestrel), eq(t.spaceMembers.userId, tom)));
    }
  });

  it.each([
    // The first character of the MAC (the last one may only carry padding bits).
    ["a forged token", async () => (await tokenFor("priya.shah@dcp.example", kestrelLog())).replace(/\.(.)/, (_m, c: string) => `.${c === "A" ? "B" : "A"}`)],
    ["an expired token", async () => tokenFor("priya.shah@dcp.example", kestrelLog(), new Date(Date.now() - COLLAB_TOKEN_TTL_MS - 1000))],
    ["a token for another document", async () => tokenFor("priya.shah@dcp.example", s.documentId("Press lines"))],
    ["no token", async () => ""],
    ["a token signed with another key", async () => mintCollabToken("another-secret-entirely-0123456789abcdef", { documentId: kestrelLog(), userId: s.userId("priya.shah@dcp.example"), sessionToken: "x", now: new Date() }).token],
  ])("refuses %s, and sends nothing of the document", async (_label, makeToken) => {
    const client = connect(kestrelLog(), await makeToken());
    try {
      await until(() => client.events.failed.length > 0, "authentication to fail");
      expect(client.provider.isSynced).toBe(false);
      expect(text(client.doc)).toBe("");
    } finally {
      client.destroy();
    }
  });

  it("refuses a valid token for a document the person may not read (Alex, MASH minutes)", async () => {
    const minutes = s.documentId("Strategy meeting minutes");
    const client = connect(minutes, await tokenFor("alex.morgan@dor.example", minutes));
    try {
      await until(() => client.events.failed.length > 0, "authentication to fail");
      expect(text(client.doc)).toBe("");
    } finally {
      client.destroy();
    }
  });

  it("refuses a handshake from another site's Origin", async () => {
    const ws = new WebSocket(url, { headers: { origin: "https://evil.example" } });
    const status = await new Promise<number>((resolve) => {
      ws.on("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
      ws.on("open", () => resolve(101));
      ws.on("error", () => resolve(-1));
    });
    expect(status).toBe(403);
  });

  it.each([
    ["a garbage frame", Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01])],
    ["an oversize frame", Buffer.alloc(65 * 1024, 1)],
  ])("closes the socket on %s and keeps serving others", async (_label, frame) => {
    const ws = new WebSocket(url, { headers: { origin: ORIGIN } });
    await new Promise((resolve, reject) => {
      ws.on("open", resolve);
      ws.on("error", reject);
    });
    const closed = new Promise<number>((resolve) => ws.on("close", (code) => resolve(code)));
    ws.send(frame);
    expect(await closed).toBeGreaterThanOrEqual(1000);
    // The server still serves.
    const priya = connect(kestrelLog(), await tokenFor("priya.shah@dcp.example", kestrelLog()));
    try {
      await synced(priya);
    } finally {
      priya.destroy();
    }
  });

  it("closes Alex's open connection with the reason when he is removed from the space", async () => {
    const kestrel = s.spaceId("Operation Kestrel");
    const alexId = s.userId("alex.morgan@dor.example");
    const [membership] = await db.select().from(t.spaceMembers).where(and(eq(t.spaceMembers.spaceId, kestrel), eq(t.spaceMembers.userId, alexId)));
    const alex = connect(kestrelLog(), await tokenFor("alex.morgan@dor.example", kestrelLog()));
    try {
      await synced(alex);
      await db.delete(t.spaceMembers).where(and(eq(t.spaceMembers.spaceId, kestrel), eq(t.spaceMembers.userId, alexId)));
      await collab.recheckAll();
      await until(() => alex.events.closed.includes(CLOSE_REASONS.revoked), "Alex's connection to close");
    } finally {
      alex.destroy();
      await db.insert(t.spaceMembers).values(membership!);
    }
  });

  it("closes Mark's connection when Press lines is raised above his (expired) vetting, and Alex's when ISA-SW-001 is suspended", async () => {
    const pressLines = s.documentId("Press lines");
    const mark = connect(pressLines, await tokenFor("mark.ellis@dcp.example", pressLines));
    const alex = connect(pressLines, await tokenFor("alex.morgan@dor.example", pressLines));
    const agreement = s.agreementId("ISA-SW-001");
    try {
      await Promise.all([synced(mark), synced(alex)]);
      await db.update(t.documents).set({ marking: "OFFICIAL-SENSITIVE", markingRank: 2 }).where(eq(t.documents.id, pressLines));
      await collab.recheckAll();
      await until(() => mark.events.closed.includes(CLOSE_REASONS.revoked), "Mark's connection to close");
      expect(alex.events.closed).toEqual([]);
      await db.update(t.agreements).set({ status: "suspended" }).where(eq(t.agreements.id, agreement));
      await collab.recheckAll();
      await until(() => alex.events.closed.includes(CLOSE_REASONS.revoked), "Alex's connection to close");
    } finally {
      mark.destroy();
      alex.destroy();
      await db.update(t.documents).set({ marking: "OFFICIAL", markingRank: 1 }).where(eq(t.documents.id, pressLines));
      await db.update(t.agreements).set({ status: "active" }).where(eq(t.agreements.id, agreement));
    }
  });

  it("stores the state (debounced) so that a new server loads it, and cleans what the schema does not allow", async () => {
    const pressLines = s.documentId("Press lines");
    const priya = connect(pressLines, await tokenFor("priya.shah@dcp.example", pressLines));
    try {
      await synced(priya);
      // What a hostile client could send that the editor never would: a javascript: link and an iframe.
      priya.doc.transact(() => {
        const fragment = priya.doc.getXmlFragment(CONTENT_FIELD);
        const p = new Y.XmlElement("paragraph");
        const txt = new Y.XmlText();
        txt.insert(0, "click me", { link: { href: "javascript:alert(1)" } });
        p.insert(0, [txt]);
        const iframe = new Y.XmlElement("iframe");
        iframe.setAttribute("src", "https://evil.example");
        typeParagraph(priya.doc, "Press statement approved by the SIO");
        fragment.insert(fragment.length, [p, iframe]);
      });
      await until(async () => {
        const [row] = await db.select().from(t.documentStates).where(eq(t.documentStates.documentId, pressLines));
        return !!row && JSON.stringify(documentJsonFromState(row.state)).includes("Press statement approved");
      }, "the state to be stored");
      const [row] = await db.select().from(t.documentStates).where(eq(t.documentStates.documentId, pressLines));
      const stored = new Y.Doc();
      Y.applyUpdate(stored, row!.state);
      const xml = stored.getXmlFragment(CONTENT_FIELD).toString();
      expect(xml).toContain("Press statement approved by the SIO");
      expect(xml).toContain("click me");
      expect(xml).not.toContain("javascript:");
      expect(xml).not.toContain("iframe");
      // The cleaning reached the client too.
      await until(() => !text(priya.doc).includes("iframe"), "the cleaning to reach the editor");
      const audits = await db.select().from(t.auditEvents).where(and(eq(t.auditEvents.action, "document.edit"), eq(t.auditEvents.subjectId, pressLines)));
      expect(audits.length).toBeGreaterThan(0);
      expect(audits[0]!.actorUserId).toBe(s.userId("priya.shah@dcp.example"));
    } finally {
      priya.destroy();
    }
    // A second server (as after a restart) serves what was stored.
    const second = await startServer();
    const tom = connect(pressLines, await tokenFor("tom.hughes@dcp.example", pressLines), second.url);
    try {
      await synced(tom);
      expect(text(tom.doc)).toContain("Press statement approved by the SIO");
    } finally {
      tom.destroy();
      await second.stop();
    }
  });
});
