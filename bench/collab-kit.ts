/**
 * What the collaboration benchmarks (collab-latency, collab-memory, persist) share: a seeded
 * database with N benchmark documents and signed-in editors, Accord's collaboration server and a
 * bare Hocuspocus behind an http server on port 0 (loopback only), Hocuspocus provider clients
 * that send an allowed Origin, and a deterministic text generator. Nothing here is a test helper
 * (db/factories.ts imports vitest); it talks to the database directly.
 */
import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import path from "node:path";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { and, eq, inArray, sql } from "drizzle-orm";
import { Hocuspocus, type Configuration } from "@hocuspocus/server";
import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import WebSocket, { WebSocketServer } from "ws";
import * as Y from "yjs";
import { migrateDatabase, openDatabase, type DatabaseHandle, type Db } from "@/db/client";
import * as t from "@/db/schema";
import { seedScenario } from "@/db/seed/seed-scenario";
import { startSession } from "@/lib/auth/start-session";
import { createCollabServer, COLLAB_PATH, type CollabOptions, type CollabServer } from "@/lib/collab/collab-server";
import { mintCollabToken } from "@/lib/collab/collab-token";
import { CONTENT_FIELD } from "@/lib/collab/yjs-content";
import type { ChildConfig, ChildReady, ChildReply, ChildRequest } from "./collab-child";
import { prng } from "./harness";

export const ORIGIN = "http://accord.bench";
/** The three editors of every benchmark document: two of DCP and a Dorset guest under ISA-SW-001. */
export const EDITOR_EMAILS = ["priya.shah@dcp.example", "tom.hughes@dcp.example", "alex.morgan@dor.example"] as const;
const TEMPLATE_TITLE = "Investigation log";
const TITLE_PREFIX = "Bench document ";

export type Editor = { email: string; userId: string; sessionToken: string };

/** Opens (in memory, or in `dataDir`), migrates and seeds the demo scenario. */
export async function openSeededDatabase(dataDir?: string): Promise<DatabaseHandle> {
  const handle = await openDatabase(dataDir ? { dataDir } : { inMemory: true });
  await migrateDatabase(handle);
  await seedScenario(handle.db);
  return handle;
}

/**
 * `count` documents like "Investigation log" (Operation Kestrel, OFFICIAL-SENSITIVE PERSONAL DATA,
 * so the Dorset guest reads it under the agreement), created once and reused; `initialState(i)`
 * gives the i-th a stored Yjs state when it has none. Returns their ids in order.
 */
export async function benchDocuments(db: Db, count: number, initialState?: (i: number) => Uint8Array): Promise<string[]> {
  const [template] = await db.select().from(t.documents).where(eq(t.documents.title, TEMPLATE_TITLE));
  if (!template) throw new Error(`the seeded scenario has no "${TEMPLATE_TITLE}"`);
  const titles = Array.from({ length: count }, (_, i) => `${TITLE_PREFIX}${String(i).padStart(5, "0")}`);
  const existing = new Map<string, string>();
  for (let i = 0; i < titles.length; i += 500) {
    const rows = await db.select({ id: t.documents.id, title: t.documents.title }).from(t.documents).where(inArray(t.documents.title, titles.slice(i, i + 500)));
    for (const r of rows) existing.set(r.title, r.id);
  }
  const missing = titles.filter((title) => !existing.has(title));
  for (let i = 0; i < missing.length; i += 200) {
    const rows = await db
      .insert(t.documents)
      .values(
        missing.slice(i, i + 200).map((title) => ({
          title,
          spaceId: template.spaceId,
          owningAgencyId: template.owningAgencyId,
          marking: template.marking,
          markingRank: template.markingRank,
          descriptors: template.descriptors,
          createdBy: template.createdBy,
        })),
      )
      .returning({ id: t.documents.id, title: t.documents.title });
    for (const r of rows) existing.set(r.title, r.id);
  }
  const ids = titles.map((title) => existing.get(title)!);
  if (initialState) {
    const stored = new Set<string>();
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await db.select({ id: t.documentStates.documentId }).from(t.documentStates).where(inArray(t.documentStates.documentId, ids.slice(i, i + 500)));
      for (const r of rows) stored.add(r.id);
    }
    const without = ids.map((documentId, i) => ({ documentId, i })).filter(({ documentId }) => !stored.has(documentId));
    for (let k = 0; k < without.length; k += 100) {
      await db.insert(t.documentStates).values(without.slice(k, k + 100).map(({ documentId, i }) => ({ documentId, state: initialState(i) })));
    }
  }
  return ids;
}

/** A fresh session for each of the three editors (as a sign-in makes). */
export async function benchEditors(db: Db): Promise<Editor[]> {
  const editors: Editor[] = [];
  for (const email of EDITOR_EMAILS) {
    const [user] = await db.select().from(t.users).where(eq(t.users.email, email));
    if (!user) throw new Error(`the seeded scenario has no ${email}`);
    const sessionToken = await startSession(
      { db, actor: null, requestId: "bench", now: new Date() },
      { userId: user.id, agencyId: user.agencyId, provider: "bench", maxHours: 10 },
    );
    editors.push({ email, userId: user.id, sessionToken });
  }
  return editors;
}

/** A collaboration token for one editor and document, minted now (they live a minute). */
export function tokenFor(secret: string, editor: Editor, documentId: string): string {
  return mintCollabToken(secret, { documentId, userId: editor.userId, sessionToken: editor.sessionToken, now: new Date() }).token;
}

/** Rows and revisions of the benchmark documents' stored states (each store bumps the revision). */
export async function storedRevisions(db: Db, documentIds: string[]): Promise<{ rows: number; revisions: number }> {
  let rows = 0;
  let revisions = 0;
  for (let i = 0; i < documentIds.length; i += 500) {
    const [r] = await db
      .select({ rows: sql<number>`count(*)::int`, revisions: sql<number>`coalesce(sum(${t.documentStates.revision}), 0)::int` })
      .from(t.documentStates)
      .where(inArray(t.documentStates.documentId, documentIds.slice(i, i + 500)));
    rows += r?.rows ?? 0;
    revisions += r?.revisions ?? 0;
  }
  return { rows, revisions };
}

/** Audit rows `document.edit` written for the benchmark documents. */
export async function editAuditRows(db: Db): Promise<number> {
  const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(t.auditEvents).where(and(eq(t.auditEvents.action, "document.edit"), eq(t.auditEvents.subjectType, "document")));
  return r?.n ?? 0;
}

export type Listening = { url: string; close(): Promise<void> };

/** An http server on 127.0.0.1, port 0, handing every upgrade to `onUpgrade`. */
export function listen(onUpgrade: (req: http.IncomingMessage, socket: Duplex, head: Buffer) => void, path: string): Promise<{ server: http.Server; url: string }> {
  const server = http.createServer((_req, res) => res.end());
  server.on("upgrade", onUpgrade);
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ server, url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}${path}` })));
}

function closeServer(server: http.Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

/** Accord's collaboration server (auth, policy re-checks, persistence, audit) on port 0. */
export async function startAccord(options: Pick<CollabOptions, "db" | "secret"> & Partial<CollabOptions>): Promise<Listening & { collab: CollabServer }> {
  const collab = createCollabServer({ allowedOrigins: [ORIGIN], sessionPolicy: { idleMinutes: 30 }, ...options });
  const { server, url } = await listen((req, socket, head) => {
    if (new URL(req.url ?? "/", "http://x").pathname === COLLAB_PATH) collab.handleUpgrade(req, socket, head);
    else socket.destroy();
  }, COLLAB_PATH);
  return {
    url,
    collab,
    close: async () => {
      await collab.close();
      await closeServer(server);
    },
  };
}

/**
 * Bare Hocuspocus (no extensions, auth or persistence unless `configuration` adds hooks), wired
 * to `ws` exactly as collab-server.ts's handleUpgrade does, without its Origin check and guards.
 */
export async function startBareHocuspocus(configuration: Partial<Configuration> = {}): Promise<Listening & { hocuspocus: Hocuspocus }> {
  const hocuspocus = new Hocuspocus({ quiet: true, ...configuration });
  const wss = new WebSocketServer({ noServer: true });
  const { server, url } = await listen((req, socket, head) => {
    wss.handleUpgrade(req, socket, head, (ws) => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
      const connection = hocuspocus.handleConnection(ws as never, new Request(new URL(req.url ?? "/", "http://collab.invalid"), { headers }));
      ws.on("message", (data: Buffer) => connection.handleMessage(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)));
      ws.on("close", (code: number, reason: Buffer) => connection.handleClose({ code, reason: reason.toString() }));
      ws.on("error", () => ws.terminate());
    });
  }, "/hocuspocus");
  return {
    url,
    hocuspocus,
    close: async () => {
      hocuspocus.closeConnections();
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      await closeServer(server);
    },
  };
}

/** A `ws` client that sends the Origin a browser on Accord's site would. */
class BrowserLikeSocket extends WebSocket {
  constructor(address: string, protocols?: string | string[]) {
    super(address, protocols, { headers: { origin: ORIGIN } });
    // Closing a socket still connecting (a client replaced by connectAll) emits an error that the
    // provider, already destroyed, no longer listens to.
    this.on("error", () => {});
  }
}

export type Client = { provider: HocuspocusProvider; doc: Y.Doc; failed: string[]; destroy(): void };

/** A Hocuspocus provider on its own socket (as a browser tab has), attached to `documentId`. */
export function connectClient(url: string, documentId: string, token: string): Client {
  const doc = new Y.Doc();
  const failed: string[] = [];
  const websocketProvider = new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: BrowserLikeSocket, maxAttempts: 1 });
  const provider = new HocuspocusProvider({ websocketProvider, name: documentId, document: doc, token, onAuthenticationFailed: ({ reason }) => void failed.push(reason) });
  provider.attach();
  return {
    provider,
    doc,
    failed,
    destroy: () => {
      provider.destroy();
      websocketProvider.destroy();
      doc.destroy();
    },
  };
}

/** Resolves when `condition` holds, polling; rejects after `ms`. */
export async function until(condition: () => boolean, what: string, ms = 30_000, pollMs = 20): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(pollMs);
  }
}

/** Resolves when the asynchronous `condition` holds, polling every `pollMs`; rejects after `ms`. */
export async function untilAsync(condition: () => Promise<boolean>, what: string, ms = 60_000, pollMs = 250): Promise<void> {
  const end = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(pollMs);
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Connects `make(i)` for i < count, `concurrency` at a time, each batch waited for until synced,
 * so that hundreds of authentications do not all queue at once. A client that neither syncs nor
 * is refused within `attemptMs` (under load the server may end a connection whose authentication
 * took longer than its 60 s timeout), or that is refused (its minute-long token may have expired
 * while it waited), is replaced by a fresh one with a fresh token, at most `attempts` times in all;
 * `retries` counts the replacements.
 */
export async function connectAll(count: number, make: (i: number) => Client, opts: { concurrency?: number; attemptMs?: number; attempts?: number } = {}): Promise<{ clients: Client[]; retries: number }> {
  const { concurrency = 100, attemptMs = 45_000, attempts = 3 } = opts;
  const clients: Client[] = [];
  let retries = 0;
  for (let start = 0; start < count; start += concurrency) {
    const indexes = Array.from({ length: Math.min(concurrency, count - start) }, (_, j) => start + j);
    const batch = new Map(indexes.map((i) => [i, make(i)]));
    for (let attempt = 1; ; attempt++) {
      await until(() => [...batch.values()].every((c) => c.provider.isSynced || c.failed.length > 0), `${batch.size} clients to sync`, attemptMs).catch(() => {});
      const bad = [...batch].filter(([, c]) => !c.provider.isSynced);
      if (bad.length === 0) break;
      if (attempt >= attempts) {
        for (const c of batch.values()) c.destroy();
        throw new Error(`${bad.length} benchmark clients could not connect after ${attempts} attempts (${bad[0]![1].failed[0] ?? "no answer"})`);
      }
      for (const [i, c] of bad) {
        c.destroy();
        batch.set(i, make(i));
        retries++;
      }
    }
    clients.push(...batch.values());
  }
  return { clients, retries };
}

const WORDS = "the suspect vehicle was seen on the A30 near the junction at night officers attended and spoke to witnesses who described a dark hatchback travelling east".split(" ");

/** A paragraph at the end of the document's content, holding `text`; returns its text node. */
export function appendParagraph(doc: Y.Doc, text: string): Y.XmlText {
  const paragraph = new Y.XmlElement("paragraph");
  const node = new Y.XmlText(text);
  paragraph.insert(0, [node]);
  const fragment = doc.getXmlFragment(CONTENT_FIELD);
  fragment.insert(fragment.length, [paragraph]);
  return node;
}

/** The text node of the content's last paragraph, or null. */
export function lastParagraphText(doc: Y.Doc): Y.XmlText | null {
  const fragment = doc.getXmlFragment(CONTENT_FIELD);
  const last = fragment.length > 0 ? fragment.get(fragment.length - 1) : null;
  const first = last instanceof Y.XmlElement && last.length > 0 ? last.get(0) : null;
  return first instanceof Y.XmlText ? first : null;
}

/** Words from a fixed vocabulary, about `chars` characters long. */
export function words(random: () => number, chars: number): string {
  let out = "";
  while (out.length < chars) out += `${out ? " " : ""}${WORDS[Math.floor(random() * WORDS.length)]}`;
  return out;
}

/** Document `i`'s opening content: paragraphs of ~100 characters, about `bytes` in all. */
export function fillDocument(doc: Y.Doc, i: number, bytes: number): void {
  const random = prng(1_000 + i);
  doc.transact(() => {
    for (let n = 0; n < bytes; n += 100) appendParagraph(doc, words(random, 100));
  });
}

/**
 * One small edit of document content, as a person typing makes: usually a word inserted at a
 * random place in a random paragraph, sometimes a few characters deleted. Deterministic per PRNG.
 */
export function smallEdit(doc: Y.Doc, random: () => number): void {
  const fragment = doc.getXmlFragment(CONTENT_FIELD);
  const paragraph = fragment.get(Math.floor(random() * fragment.length));
  const node = paragraph instanceof Y.XmlElement ? paragraph.get(0) : null;
  if (!(node instanceof Y.XmlText)) return;
  const at = Math.floor(random() * (node.length + 1));
  if (random() < 0.2 && node.length > 8) node.delete(Math.min(at, node.length - 4), 3);
  else node.insert(at, `${words(random, 4)} `);
}

/** Document i's opening state (~bytes of paragraphs), as stored before the benchmark opens it. */
export function initialState(i: number, bytes: number): Uint8Array {
  const doc = new Y.Doc();
  fillDocument(doc, i, bytes);
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return state;
}

/** Applies document i's `edits` small edits, `perTransaction` to a transaction (one update each). */
export function applyEdits(doc: Y.Doc, i: number, edits: number, perTransaction: number): void {
  const random = prng(50_000 + i);
  for (let done = 0; done < edits; done += perTransaction) {
    doc.transact(() => {
      for (let k = done; k < Math.min(edits, done + perTransaction); k++) smallEdit(doc, random);
    });
  }
}


export type ChildProcessHandle = {
  child: ChildProcess;
  ready: ChildReady;
  /** Sends a request and resolves with the child's reply. */
  request(type: ChildRequest): Promise<ChildReply>;
  /** Ends the child (SIGKILL for a crash) and resolves when it has exited. */
  stop(signal?: NodeJS.Signals): Promise<void>;
};

/**
 * Starts bench/collab-child.ts with `config`, under --expose-gc. `node --import tsx`, not the tsx
 * binary: that would run the script in a grandchild, which a SIGKILL of the child would not reach.
 */
export function startChild(config: ChildConfig, timeoutMs = 180_000): Promise<ChildProcessHandle> {
  const child = spawn(process.execPath, ["--expose-gc", "--import", "tsx", path.join(import.meta.dirname, "collab-child.ts"), JSON.stringify(config)], {
    cwd: path.resolve(import.meta.dirname, ".."),
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const pending = new Map<number, (reply: ChildReply) => void>();
  let nextId = 1;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`collab child (${config.side}) did not start`)), timeoutMs);
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`collab child (${config.side}) exited with ${code ?? signal}`));
    });
    child.on("message", (message: ChildReady | ChildReply) => {
      if ("type" in message && message.type === "ready") {
        clearTimeout(timer);
        resolve({
          child,
          ready: message,
          request: (type) =>
            new Promise((resolveReply) => {
              const id = nextId++;
              pending.set(id, resolveReply);
              child.send({ id, type });
            }),
          stop: async (signal = "SIGTERM") => {
            if (child.exitCode === null && child.signalCode === null) child.kill(signal);
            await exited;
          },
        });
      } else if ("id" in message) {
        pending.get(message.id)?.(message);
        pending.delete(message.id);
      }
    });
  });
}
