/**
 * What the in-process collaboration tests share (collab-server.test.ts, collab-offline.test.ts):
 * the server on a real port (port 0, loopback) with short store timings, and real Hocuspocus
 * providers over `ws` that send the Origin a browser would. Test tooling, not the app.
 */
import http from "node:http";
import net, { type AddressInfo } from "node:net";
import WebSocket from "ws";
import * as Y from "yjs";
import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import type { Db } from "@/db/client";
import { buildSession } from "@/db/factories";
import { createCollabServer, COLLAB_PATH, type CollabOptions, type CollabServer } from "../collab-server";
import { mintCollabToken } from "../collab-token";
import { CONTENT_FIELD } from "../yjs-content";

export const TEST_SECRET = "test-secret-for-collaboration-tokens-0123456789";
export const TEST_ORIGIN = "http://accord.test";

export type StartedCollabServer = { server: http.Server; collab: CollabServer; url: string; stop(): Promise<void> };

/** Starts the collaboration server on a free loopback port, storing 50 ms after the last change (200 ms at most). */
export function startCollabTestServer(db: () => Db, overrides: Partial<CollabOptions> = {}): Promise<StartedCollabServer> {
  const collab = createCollabServer({
    db: async () => db(),
    secret: () => TEST_SECRET,
    allowedOrigins: [TEST_ORIGIN],
    sessionPolicy: { idleMinutes: 30 },
    maxMessageBytes: 64 * 1024,
    recheckMs: 60_000,
    debounceMs: 50,
    maxDebounceMs: 200,
    ...overrides,
  });
  const server = http.createServer((_req, res) => res.end());
  server.on("upgrade", (req, socket, head) => collab.handleUpgrade(req, socket, head));
  const stop = async () => {
    await collab.close();
    await new Promise((resolve) => server.close(resolve));
  };
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve({ server, collab, url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}${COLLAB_PATH}`, stop })),
  );
}

/** A `ws` client that sends the Origin a browser on ACCORD_URL would. */
export class BrowserLikeSocket extends WebSocket {
  constructor(address: string, protocols?: string | string[]) {
    super(address, protocols, { headers: { origin: TEST_ORIGIN } });
  }
}

/** A fresh collaboration token for a person (signed in anew) and a document. */
export async function collabTokenFor(db: Db, userId: string, documentId: string, now = new Date()): Promise<string> {
  const sessionToken = await buildSession(db, { userId });
  return mintCollabToken(TEST_SECRET, { documentId, userId, sessionToken, now }).token;
}

export type CollabTestClient = {
  provider: HocuspocusProvider;
  socket: HocuspocusProviderWebsocket;
  doc: Y.Doc;
  events: { failed: string[]; closed: string[]; stateless: string[] };
  destroy(): void;
};

/**
 * Opens a provider on `documentId`. It tries once and does not retry by itself (maxAttempts 1), so
 * a test decides when a client is online. `token` may be a function, called on every (re)connect
 * as the browser's is.
 */
export function connectCollabClient(serverUrl: string, documentId: string, token: string | (() => Promise<string>)): CollabTestClient {
  const doc = new Y.Doc();
  const events = { failed: [] as string[], closed: [] as string[], stateless: [] as string[] };
  const socket = new HocuspocusProviderWebsocket({ url: serverUrl, WebSocketPolyfill: BrowserLikeSocket, maxAttempts: 1 });
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name: documentId,
    document: doc,
    token,
    onAuthenticationFailed: ({ reason }) => events.failed.push(reason),
    onClose: ({ event }) => events.closed.push(event.reason),
    onStateless: ({ payload }) => events.stateless.push(payload),
  });
  provider.attach();
  return {
    provider,
    socket,
    doc,
    events,
    destroy: () => {
      provider.destroy();
      socket.destroy();
    },
  };
}

/** Polls `condition` every 25 ms; throws naming `what` after `ms`. */
export async function until(condition: () => boolean | Promise<boolean>, what: string, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await condition()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Resolves once the client has the server's state. */
export const synced = (c: CollabTestClient) => until(() => c.provider.isSynced, "sync");

/** The document's content as Yjs XML (e.g. `<paragraph>text</paragraph>`), for exact comparisons. */
export const contentXml = (doc: Y.Doc) => doc.getXmlFragment(CONTENT_FIELD).toString();

/** Appends a paragraph holding `words`, as the editor would. */
export function typeParagraph(doc: Y.Doc, words: string): void {
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.insert(0, [new Y.XmlText(words)]);
  const fragment = doc.getXmlFragment(CONTENT_FIELD);
  fragment.insert(fragment.length, [paragraph]);
}

/**
 * True when Redis answers on 127.0.0.1:6379 (CI and every development machine of this project
 * run one); tests that need it are skipped, and say so, rather than passing without it.
 */
export function isLocalRedisUp(): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const socket = net.connect(6379, "127.0.0.1");
    socket.once("connect", () => {
      socket.end();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
    socket.setTimeout(1000, () => {
      socket.destroy();
      resolve(false);
    });
  });
}
