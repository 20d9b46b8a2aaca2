/**
 * Two instances of the collaboration server behind one load balancer (architecture.md: Redis for
 * Hocuspocus fan-out): with REDIS_URL set each relays its documents' updates through Redis, so an
 * editor connected to one instance sees the typing of an editor connected to the other. Runs
 * against the machine's Redis on 127.0.0.1:6379 (CI and every development machine of this
 * project have it); when none answers, the test says so and is skipped rather than passing.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import * as Y from "yjs";
import { Redis } from "@hocuspocus/extension-redis";
import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import type { Db } from "@/db/client";
import { buildSession, openSeededDatabaseForFile, type SeededScenario } from "@/db/factories";
import { createCollabServer, COLLAB_PATH, type CollabServer } from "./collab-server";
import { mintCollabToken } from "./collab-token";
import { CONTENT_FIELD } from "./yjs-content";
import { isLocalRedisUp } from "./testing/collab-harness";

const SECRET = "redis-test-secret-0123456789abcdefghijklmnop";
const ORIGIN = "http://accord.test";

let db: Db;
let s: SeededScenario;
openSeededDatabaseForFile((opened) => {
  db = opened.db;
  s = opened.scenario;
});

const isRedisUp = await isLocalRedisUp();

class BrowserLikeSocket extends WebSocket {
  constructor(address: string, protocols?: string | string[]) {
    super(address, protocols, { headers: { origin: ORIGIN } });
  }
}

const running: { server: http.Server; collab: CollabServer }[] = [];
afterAll(async () => {
  for (const r of running) {
    await r.collab.close();
    await new Promise((resolve) => r.server.close(resolve));
  }
});

async function instance(prefix: string): Promise<string> {
  const collab = createCollabServer({
    db: async () => db,
    secret: () => SECRET,
    allowedOrigins: [ORIGIN],
    sessionPolicy: { idleMinutes: 30 },
    recheckMs: 60_000,
    extensions: [new Redis({ host: "127.0.0.1", port: 6379, prefix })],
  });
  const server = http.createServer((_req, res) => res.end());
  server.on("upgrade", (req, socket, head) => collab.handleUpgrade(req, socket, head));
  running.push({ server, collab });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `ws://127.0.0.1:${(server.address() as AddressInfo).port}${COLLAB_PATH}`;
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const end = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe.skipIf(!isRedisUp)("co-editing across two instances through Redis", () => {
  it("relays typing on one instance to an editor on the other", async () => {
    const prefix = `accord-test-${Date.now()}`;
    const [first, second] = [await instance(prefix), await instance(prefix)];
    const documentId = s.documentId("Investigation log");
    const connect = async (email: string, url: string) => {
      const userId = s.userId(email);
      const { token } = mintCollabToken(SECRET, { documentId, userId, sessionToken: await buildSession(db, { userId }), now: new Date() });
      const doc = new Y.Doc();
      const socket = new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: BrowserLikeSocket, maxAttempts: 1 });
      const provider = new HocuspocusProvider({ websocketProvider: socket, name: documentId, document: doc, token });
      provider.attach();
      await until(() => provider.isSynced, `${email} to sync`);
      return { doc, close: () => (provider.destroy(), socket.destroy()) };
    };
    const priya = await connect("priya.shah@dcp.example", first);
    const alex = await connect("alex.morgan@dor.example", second);
    try {
      const p = new Y.XmlElement("paragraph");
      p.insert(0, [new Y.XmlText("typed on instance one")]);
      priya.doc.getXmlFragment(CONTENT_FIELD).push([p]);
      await until(() => alex.doc.getXmlFragment(CONTENT_FIELD).toString().includes("typed on instance one"), "the edit to cross instances");
      expect(alex.doc.getXmlFragment(CONTENT_FIELD).toString()).toContain("typed on instance one");
    } finally {
      priya.close();
      alex.close();
    }
  });
});
