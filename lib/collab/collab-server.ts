/**
 * The co-editing server: Hocuspocus over WebSocket at /collab, in the same process as Next.js.
 *
 * Threats it guards against (security.md, WebSockets and Authorization):
 *  - a socket opened without the session's checks: every document connection presents a
 *    short-lived, document-scoped token (collab-token.ts); the person's session is re-resolved and
 *    the policy asked before anything is loaded or sent;
 *  - a reader writing: people without `update` get a read-only connection, whose document
 *    updates Hocuspocus drops, and whose awareness updates (cursors, names) are dropped here, so
 *    they cannot change what others see;
 *  - access that ends while a page is open: each connection's access is decided again at once
 *    when an operation signals a change (in this process, or in another instance through Redis),
 *    just after each hour boundary (dates: agreements ending or lapsing at review, vetting
 *    expiring), and every RECHECK_MS as a safety net for changes nothing announced; a person who
 *    may no longer read is disconnected with the reason "access-revoked", and one who may no
 *    longer edit becomes read-only;
 *  - hostile input: a cross-site Origin is refused at the handshake, frames are capped in size,
 *    the unauthenticated queue is bounded, and a frame that cannot be decoded closes that socket
 *    without taking the server down;
 *  - content outside the editor schema (a raw Yjs update can carry anything): each stored state
 *    is cleaned first (yjs-content.ts: sanitizeYDoc), and the cleaning reaches every client.
 *
 * Persistence: the state is written debounced (DEBOUNCE_MS after the last change, at most
 * MAX_DEBOUNCE_MS after the first), and flushed on a clean shutdown. The loss window after a crash
 * (kill -9) is LOSS_WINDOW_MS of acknowledged edits: the longest debounce plus time for the store to
 * wait its turn and commit (README, "Co-editing").
 */
import { CONTENT_DEBOUNCE_SECONDS, enqueueGraphSync } from "../graph/enqueue-graph-sync";
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { randomUUID } from "node:crypto";
import { Hocuspocus, type Document as HocuspocusDocument, type Extension } from "@hocuspocus/server";
import { WebSocketServer, type WebSocket } from "ws";
import * as Y from "yjs";
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { documents, documentStates } from "@/db/schema";
import type { Actor } from "../auth/actor";
import type { SessionPolicy } from "../auth/resolve-actor";
import { recordAudit } from "../audit/record-audit";
import { documentAccess } from "./document-access";
import { buildAbility } from "../authz/build-ability";
import type { AppAbility } from "@/policies/ability";
import { verifyCollabToken } from "./collab-token";
import { resolveSocketActor } from "./resolve-socket-actor";
import { notifyAccessWatchers, onAccessChanged } from "./access-signal";
import type { CollabSignalBus } from "./collab-signal-bus";
import { COMMENTS_CHANGED_MESSAGE, onCommentsChanged } from "./comments-signal";
import { notifyBoardListeners, onBoardChangedRelay } from "../boards/board-events";
import { registerLiveDocuments, replaceContent } from "./live-documents";
import { takeAutoVersion } from "./take-auto-version";
import { CONTENT_FIELD, sanitizeYDoc, yDocFromState } from "./yjs-content";
import { RecordLockedError } from "../errors";
import { guardContentChange } from "../records/content-guards";
import { indexLiveDocumentText } from "../search/index-document-text";

export const COLLAB_PATH = "/collab";
export const DEBOUNCE_MS = 2_000;
/**
 * The documented loss window after a crash (kill -9): every edit acknowledged longer ago than this
 * is in the database (README, "Co-editing"; bench/results/persist.json; collab-crash.test.ts).
 */
export const LOSS_WINDOW_MS = 10_000;
/**
 * A store is scheduled at most this long after the first change it carries: less than the loss
 * window, because under load a store waits its turn for the database and takes time to commit
 * (the persist benchmark, 200 documents typing on the embedded PGlite, measured up to a second).
 */
export const MAX_DEBOUNCE_MS = 8_000;
/** The safety-net re-check of every open connection (CollabOptions.recheckMs). */
export const RECHECK_MS = 30_000;
const HOUR_MS = 3_600_000;

/** Why the server ended a document connection (the client shows a message for each). */
export const CLOSE_REASONS = {
  revoked: "access-revoked",
  unauthorized: "unauthorized",
} as const;

export type CollabOptions = {
  db: () => Promise<Db>;
  /** The key collaboration tokens are signed with. */
  secret: () => string;
  /** Origins (scheme://host:port) a browser may open the socket from. */
  allowedOrigins: string[];
  sessionPolicy: SessionPolicy;
  /** Largest WebSocket frame accepted, in bytes. */
  maxMessageBytes?: number;
  /**
   * The safety net: how often every open connection is re-checked against the policy even when
   * nothing announced a change (default 30 s). Changes Accord itself makes are announced
   * (access-signal.ts, and `accessSignals` between instances) and re-checked at once, and
   * date-based expiries (agreements' end and review dates, vetting) at each hour boundary.
   */
  recheckMs?: number;
  /** Carries access and comment signals between instances (with REDIS_URL); one instance needs none. */
  signals?: CollabSignalBus;
  debounceMs?: number;
  maxDebounceMs?: number;
  /** Extra Hocuspocus extensions (e.g. Redis when several instances serve one deployment). */
  extensions?: Extension[];
  log?: (message: string) => void;
};

/** What the server keeps about each authenticated document connection. */
export type CollabContext = { actor: Actor; sessionHash: string; documentId: string; canUpdate: boolean; isRecordLocked?: boolean };

export type CollabServer = {
  hocuspocus: Hocuspocus<CollabContext>;
  /** Takes over an HTTP upgrade for COLLAB_PATH (call only for that path). */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Re-checks every open connection now; resolves when done. */
  recheckAll(): Promise<void>;
  /** Stores every document with pending changes, closes every socket. */
  close(): Promise<void>;
};

const isUuid = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

/** Creates the collaboration server (it listens only through handleUpgrade). */
export function createCollabServer(options: CollabOptions): CollabServer {
  const log = options.log ?? (() => {});
  const maxMessageBytes = options.maxMessageBytes ?? 512 * 1024;
  // Who changed each document since it was last stored, for the audit trail ("alteration").
  const editorsSince = new Map<string, Map<string, Actor>>();

  const hocuspocus = new Hocuspocus<CollabContext>({
    name: "accord",
    quiet: true,
    debounce: options.debounceMs ?? DEBOUNCE_MS,
    maxDebounce: options.maxDebounceMs ?? MAX_DEBOUNCE_MS,
    // Store what is pending before a document leaves memory, even if its debounce has not run.
    unloadImmediately: false,
    maxUnauthenticatedQueueSize: 1024 * 1024,
    maxUnauthenticatedQueueMessages: 200,
    maxPendingDocuments: 20,
    extensions: options.extensions ?? [],

    async onAuthenticate({ token, documentName, connectionConfig }) {
      const now = new Date();
      const claims = isUuid(documentName) ? verifyCollabToken(options.secret(), token, { documentId: documentName, now }) : null;
      if (!claims) throw new Error(CLOSE_REASONS.unauthorized);
      const db = await options.db();
      const actor = await resolveSocketActor(db, { userId: claims.userId, sessionHash: claims.sessionHash, now }, options.sessionPolicy);
      if (!actor) throw new Error(CLOSE_REASONS.unauthorized);
      const access = await documentAccess(db, actor, documentName, now);
      if (!access.canRead) throw new Error(CLOSE_REASONS.unauthorized);
      connectionConfig.readOnly = !access.canUpdate;
      const context: CollabContext = { actor, sessionHash: claims.sessionHash, documentId: documentName, canUpdate: access.canUpdate, isRecordLocked: access.isRecordLocked };
      return context;
    },

    async connected({ connection, context }) {
      // The page offered editing from the policy alone; a declared record is read-only for
      // everyone, so the editor is told at once (as a downgrade would tell it).
      if (context?.isRecordLocked) connection.sendStateless(JSON.stringify({ type: "access", canEdit: false }));
    },

    async onLoadDocument({ document, documentName }) {
      const db = await options.db();
      const [row] = await db.select({ state: documentStates.state }).from(documentStates).where(eq(documentStates.documentId, documentName));
      if (row && row.state.byteLength > 0) Y.applyUpdate(document, row.state, "accord-load");
      return document;
    },

    async onChange({ context, documentName, connection }) {
      if (!connection || !context?.actor) return;
      const editors = editorsSince.get(documentName) ?? new Map<string, Actor>();
      editors.set(context.actor.userId, context.actor);
      editorsSince.set(documentName, editors);
    },

    async onStoreDocument({ document, documentName }) {
      await storeDocument(document, documentName);
    },

    async beforeHandleAwareness({ connection, states }) {
      // A reader's cursor and name would change what others see: drop them.
      if (connection?.readOnly) states.clear();
    },

    async onStateless() {
      // Accord's clients send no stateless messages; whatever arrives is ignored, never relayed.
      // The only ones anybody receives come from the server ("access", "comments-changed"), so
      // no client, reader or editor, can make others' pages do anything.
    },
  });

  async function storeDocument(document: HocuspocusDocument, documentName: string): Promise<void> {
    const db = await options.db();
    const now = new Date();
    await db.transaction(async (tx) => {
      // A declared record is not stored (its connections are read-only; this refuses what got
      // through before a re-check); a held document keeps its original as a version first (issue 8).
      if (await refusedAsRecord(() => guardContentChange(tx as unknown as Db, "document", documentName, now), documentName)) return;
      // The snapshot is taken once the write can start (the embedded database has one connection,
      // so stores queue), not when the store was scheduled: edits acknowledged while it waited are
      // in it, and the loss window after a crash stays the debounce, not the debounce plus the queue.
      const report = sanitizeYDoc(document);
      if (report.removedElements + report.removedLinks + report.removedImageSources + report.removedAttributes > 0) {
        log(`document ${documentName}: removed content outside the schema ${JSON.stringify(report)}`);
      }
      const state = Y.encodeStateAsUpdate(document);
      const editors = editorsSince.get(documentName);
      editorsSince.delete(documentName);
      await tx
        .insert(documentStates)
        .values({ documentId: documentName, state, updatedAt: now })
        .onConflictDoUpdate({
          target: documentStates.documentId,
          set: { state, updatedAt: now, revision: sql`${documentStates.revision} + 1` },
        });
      // Searchable as stored, in the same transaction (issue 10).
      await indexLiveDocumentText(tx as unknown as Db, documentName, document);
      if (!editors?.size) return;
      const [doc] = await tx.update(documents).set({ updatedAt: now }).where(eq(documents.id, documentName)).returning({ spaceId: documents.spaceId, marking: documents.marking });
      if (doc) await takeAutoVersion(tx as unknown as Db, { documentId: documentName, state, marking: doc.marking, editorId: [...editors.keys()][0] ?? null, now });
      // To SharePoint with the edit, attributed to an editor of it, after the debounce (issue 9).
      if (doc) {
        await enqueueGraphSync(
          { db: tx as unknown as Db, actor: null, requestId: `collab-${randomUUID()}`, now },
          { itemType: "document", itemId: documentName, spaceId: doc.spaceId, kind: "upload", delaySeconds: CONTENT_DEBOUNCE_SECONDS, actorUserId: [...editors.values()][0]?.userId ?? null },
        );
      }
      for (const actor of editors.values()) {
        await recordAudit(
          { db: tx as unknown as Db, actor, requestId: `collab-${randomUUID()}`, now },
          {
            action: "document.edit",
            subjectType: "document",
            subjectId: documentName,
            spaceId: doc?.spaceId,
            markingBefore: doc?.marking,
            details: report.removedElements + report.removedLinks + report.removedImageSources + report.removedAttributes > 0 ? { sanitized: report } : {},
          },
        );
      }
    });
  }

  /** True (and logged) when the guard refused the store because the document is a declared record. */
  async function refusedAsRecord(guard: () => Promise<void>, documentName: string): Promise<boolean> {
    try {
      await guard();
      return false;
    } catch (err) {
      if (!(err instanceof RecordLockedError)) throw err;
      log(`document ${documentName}: not stored, it is a declared record`);
      editorsSince.delete(documentName);
      return true;
    }
  }

  /** Decides every open connection's access again; disconnects or downgrades as needed. */
  async function recheckAll(): Promise<void> {
    const now = new Date();
    const db = await options.db();
    // One session check and one ability per person and session per pass, however many documents
    // and tabs they have open: the cost grows with people, not connections.
    const people = new Map<string, Promise<{ actor: Actor; ability: AppAbility } | null>>();
    const personOf = (userId: string, sessionHash: string) => {
      const key = `${userId}|${sessionHash}`;
      let person = people.get(key);
      if (!person) {
        person = resolveSocketActor(db, { userId, sessionHash, now }, options.sessionPolicy).then(async (actor) => (actor ? { actor, ability: await buildAbility(db, actor, now) } : null));
        people.set(key, person);
      }
      return person;
    };
    for (const [documentName, document] of [...hocuspocus.documents]) {
      for (const connection of [...document.connections.keys()]) {
        const context = connection.context as CollabContext | undefined;
        if (!context?.actor) continue;
        // Back to the event loop between connections: the embedded database answers each query
        // without yielding, so a pass over hundreds of sockets would otherwise hold every other
        // socket's updates until it ends (bench/results/collab-latency.json measured seconds).
        await new Promise<void>((resolve) => setImmediate(resolve));
        if (!document.connections.has(connection)) continue;
        try {
          const person = await personOf(context.actor.userId, context.sessionHash);
          const actor = person?.actor ?? null;
          const access = person ? await documentAccess(db, person.actor, documentName, now, person.ability) : null;
          if (!access?.canRead) {
            log(`closing ${context.actor.email}'s connection to ${documentName}: access ended`);
            connection.close({ code: 4403, reason: CLOSE_REASONS.revoked });
            continue;
          }
          context.actor = actor!;
          if (access.canUpdate !== context.canUpdate) {
            context.canUpdate = access.canUpdate;
            connection.readOnly = !access.canUpdate;
            connection.sendStateless(JSON.stringify({ type: "access", canEdit: access.canUpdate }));
          }
        } catch (err) {
          // Fail closed: a check that cannot be made ends the connection.
          console.error(`[collab] re-check failed for ${documentName}`, err);
          connection.close({ code: 4403, reason: CLOSE_REASONS.revoked });
        }
      }
    }
  }

  let rechecking: Promise<void> | null = null;
  let recheckAgain = false;
  const recheckSoon = () => {
    if (rechecking) {
      recheckAgain = true;
      return;
    }
    rechecking = recheckAll()
      .catch((err: unknown) => console.error("[collab] re-check failed", err))
      .finally(() => {
        rechecking = null;
        if (recheckAgain) {
          recheckAgain = false;
          recheckSoon();
        }
      });
  };
  const timer = setInterval(recheckSoon, options.recheckMs ?? RECHECK_MS);
  timer.unref();
  // Agreements end and lapse at review, and vetting expires, by date: whatever the time zone the
  // dates are read in, a date begins on an hour boundary, so one pass just after each boundary
  // closes such sessions within seconds of the lapse.
  let hourly: NodeJS.Timeout;
  const scheduleHourly = () => {
    hourly = setTimeout(() => {
      recheckSoon();
      scheduleHourly();
    }, HOUR_MS - (Date.now() % HOUR_MS) + 1_000);
    hourly.unref();
  };
  scheduleHourly();
  // A change in this process re-checks here at once and is passed on to the other instances;
  // one passed on from another instance re-checks here.
  onAccessChanged(() => {
    recheckSoon();
    options.signals?.publish({ kind: "access" });
  });
  // A comment operation committed: the document's open pages refetch their comments. With Redis,
  // broadcastStateless reaches the document's connections on the other instances too.
  onCommentsChanged((documentId) => {
    const document = hocuspocus.documents.get(documentId);
    if (document) document.broadcastStateless(COMMENTS_CHANGED_MESSAGE);
    // Nobody has it open here, so the Redis extension has nothing to relay: the other instances
    // are told directly, and those with it open tell their own connections.
    else options.signals?.publish({ kind: "comments", documentId });
  });
  // Board changes made here reach the board streams open on the other instances.
  const signals = options.signals;
  if (signals) onBoardChangedRelay((boardId, change) => signals.publish({ kind: "board", boardId, change }));
  signals?.subscribe((signal) => {
    if (signal.kind === "access") {
      recheckSoon();
      notifyAccessWatchers();
    }
    else if (signal.kind === "board") notifyBoardListeners(signal.boardId, signal.change);
    else for (const connection of hocuspocus.documents.get(signal.documentId)?.connections.keys() ?? []) connection.sendStateless(COMMENTS_CHANGED_MESSAGE);
  });
  registerLiveDocuments({
    state: (documentId) => {
      const document = hocuspocus.documents.get(documentId);
      return document ? Y.encodeStateAsUpdate(document) : null;
    },
    replace: async (documentId, state) => {
      const document = hocuspocus.documents.get(documentId);
      if (!document) return false;
      const source = yDocFromState(state);
      replaceContent(document, source, CONTENT_FIELD);
      source.destroy();
      // Stored at once, not at the end of the debounce: the caller reports the restore as done.
      await storeDocument(document, documentId);
      return true;
    },
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: maxMessageBytes });

  function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const origin = req.headers.origin;
    // Browsers always send Origin on WebSocket handshakes; a missing or foreign one is refused
    // (cross-site WebSocket hijacking). Non-browser clients must send an allowed Origin too.
    if (!origin || !options.allowedOrigins.includes(origin)) {
      socket.end("HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
      const url = new URL(req.url ?? COLLAB_PATH, "http://collab.invalid");
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (typeof value === "string") headers.set(name, value);
        else if (Array.isArray(value)) headers.set(name, value.join(", "));
      }
      const request = new Request(url, { headers });
      const connection = hocuspocus.handleConnection(ws as never, request);
      ws.on("message", (data: Buffer | ArrayBuffer | Buffer[]) => {
        const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
        try {
          connection.handleMessage(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
        } catch (err) {
          // A frame that cannot be decoded: end this socket, keep the server.
          log(`closing a socket after an undecodable frame: ${(err as Error).message}`);
          ws.close(1003, "unsupported data");
        }
      });
      ws.on("close", (code: number, reason: Buffer) => connection.handleClose({ code, reason: reason.toString() }));
      ws.on("error", () => ws.terminate());
    });
  }

  async function close(): Promise<void> {
    clearInterval(timer);
    clearTimeout(hourly);
    onAccessChanged(undefined);
    onCommentsChanged(undefined);
    if (options.signals) onBoardChangedRelay(undefined);
    registerLiveDocuments(undefined);
    // Store every document whose debounced store is pending, then disconnect everyone.
    const pending = [...hocuspocus.documents].map(([name, document]) => storeDocument(document, name).catch((err: unknown) => console.error(`[collab] could not store ${name} at shutdown`, err)));
    await Promise.all(pending);
    hocuspocus.closeConnections();
    for (const ws of wss.clients) ws.terminate();
    wss.close();
    await options.signals?.close();
  }

  return { hocuspocus, handleUpgrade, recheckAll, close };
}
