/**
 * Live comments through the real collaboration server (port 0, loopback, real Hocuspocus
 * providers over `ws`): when a comment operation commits, every open connection to that document,
 * the reader's included, is told "comments-changed" (and nothing more); connections to other
 * documents hear nothing; and no client, editor or reader, can send that message to the others.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import WebSocket from "ws";
import * as Y from "yjs";
import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import type { Db } from "@/db/client";
import * as t from "@/db/schema";
import { buildActor, buildSession, openSeededDatabaseForFile, policyCtx, type SeededScenario } from "@/db/factories";
import { createCollabServer, COLLAB_PATH, type CollabServer } from "../collab/collab-server";
import { mintCollabToken } from "../collab/collab-token";
import { COMMENTS_CHANGED_MESSAGE } from "../collab/comments-signal";
import { createCommentThread } from "./create-comment-thread";
import { resolveCommentThread } from "./resolve-comment-thread";

const SECRET = "test-secret-for-collaboration-tokens-0123456789";
const ORIGIN = "http://accord.test";

let db: Db;
let s: SeededScenario;
openSeededDatabaseForFile((opened) => {
  db = opened.db;
  s = opened.scenario;
});

let collab: CollabServer;
let httpServer: http.Server;
let url: string;

beforeAll(async () => {
  collab = createCollabServer({ db: async () => db, secret: () => SECRET, allowedOrigins: [ORIGIN], sessionPolicy: { idleMinutes: 30 }, recheckMs: 60_000, debounceMs: 50, maxDebounceMs: 200 });
  httpServer = http.createServer((_req, res) => res.end());
  httpServer.on("upgrade", (req, socket, head) => collab.handleUpgrade(req, socket, head));
  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
  url = `ws://127.0.0.1:${(httpServer.address() as AddressInfo).port}${COLLAB_PATH}`;
});
afterAll(async () => {
  await collab?.close();
  await new Promise((resolve) => httpServer?.close(resolve));
});

/** A `ws` client that sends the Origin a browser on Accord's own page would. */
class BrowserLikeSocket extends WebSocket {
  constructor(address: string, protocols?: string | string[]) {
    super(address, protocols, { headers: { origin: ORIGIN } });
  }
}

type Client = { provider: HocuspocusProvider; socket: HocuspocusProviderWebsocket; stateless: string[]; destroy(): void };

async function connect(email: string, documentId: string): Promise<Client> {
  const userId = s.userId(email);
  const { token } = mintCollabToken(SECRET, { documentId, userId, sessionToken: await buildSession(db, { userId }), now: new Date() });
  const stateless: string[] = [];
  const socket = new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: BrowserLikeSocket, maxAttempts: 1 });
  const provider = new HocuspocusProvider({ websocketProvider: socket, name: documentId, document: new Y.Doc(), token, onStateless: ({ payload }) => stateless.push(payload) });
  provider.attach();
  return {
    provider,
    socket,
    stateless,
    destroy: () => {
      provider.destroy();
      socket.destroy();
    },
  };
}

async function until(condition: () => boolean, what: string, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (condition()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const synced = (c: Client) => until(() => c.provider.isSynced, "sync");
const anchor = { start: { tname: "default", assoc: 0 }, end: { tname: "default", assoc: 0 } };

describe("comments, live", () => {
  it("tells every open connection to the document, readers included, once a change commits; others hear nothing", async () => {
    const log = s.documentId("Investigation log");
    const kestrel = s.spaceId("Operation Kestrel");
    const tom = s.userId("tom.hughes@dcp.example");
    await db.update(t.spaceMembers).set({ role: "reader" }).where(and(eq(t.spaceMembers.spaceId, kestrel), eq(t.spaceMembers.userId, tom)));
    const alex = await connect("alex.morgan@dor.example", log);
    const reader = await connect("tom.hughes@dcp.example", log);
    const elsewhere = await connect("priya.shah@dcp.example", s.documentId("Press lines"));
    try {
      await Promise.all([synced(alex), synced(reader), synced(elsewhere)]);
      const priya = await policyCtx(db, await buildActor(db, s.userId("priya.shah@dcp.example")));
      const { id } = await createCommentThread(priya, { documentId: log, anchor, quote: "Decisions", body: "Please check the times" });
      await until(() => alex.stateless.length === 1 && reader.stateless.length === 1, "the nudge on both connections");
      expect(alex.stateless).toEqual([COMMENTS_CHANGED_MESSAGE]);
      expect(JSON.parse(reader.stateless[0]!)).toEqual({ type: "comments-changed" });

      await resolveCommentThread(priya, { threadId: id, resolved: true });
      await until(() => alex.stateless.length === 2 && reader.stateless.length === 2, "the second nudge");
      await new Promise((r) => setTimeout(r, 200));
      expect(elsewhere.stateless).toEqual([]);
    } finally {
      alex.destroy();
      reader.destroy();
      elsewhere.destroy();
      await db.update(t.spaceMembers).set({ role: "member" }).where(and(eq(t.spaceMembers.spaceId, kestrel), eq(t.spaceMembers.userId, tom)));
    }
  });

  it("never relays a client's own 'comments-changed' (or any stateless message) to the others", async () => {
    const log = s.documentId("Investigation log");
    const priya = await connect("priya.shah@dcp.example", log);
    const alex = await connect("alex.morgan@dor.example", log);
    try {
      await Promise.all([synced(priya), synced(alex)]);
      priya.provider.sendStateless(COMMENTS_CHANGED_MESSAGE);
      priya.provider.sendStateless(JSON.stringify({ type: "access", canEdit: false }));
      await new Promise((r) => setTimeout(r, 300));
      expect(alex.stateless).toEqual([]);
      expect(priya.stateless).toEqual([]);
      // The server is still serving them.
      expect(alex.provider.isSynced && priya.provider.isSynced).toBe(true);
    } finally {
      priya.destroy();
      alex.destroy();
    }
  });
});
