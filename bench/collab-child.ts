/**
 * One side of collab-memory or persist alone in its own process, so that its memory is its own and
 * a kill -9 reaches only it (like lib/collab/testing/collab-process.ts, which the crash test owns).
 * Configured by one JSON argument (bench/ reads the environment only in run.ts); it reports over
 * IPC. Run with `node --expose-gc --import tsx bench/collab-child.ts '<json>'`.
 *   accord      Accord's collaboration server on embedded PGlite in `dataDir` (migrated, seeded,
 *               `documents` benchmark documents, each with ~`initialBytes` of stored content);
 *               with `prepareOnly` it only prepares the data directory and exits.
 *   hocuspocus  bare Hocuspocus with its default debounce, counting onStoreDocument calls.
 *   ydoc        no server: plain Y.Docs given the same content and edits as collab-memory's clients
 *               apply, built on request.
 * Requests (parent → child): { id, type: ChildRequest }; each reply
 * carries the same id. Ready: { type: "ready", url?, documentIds?, editors? }. The parent imports
 * only this file's types (startChild in collab-kit.ts runs it).
 */
import * as Y from "yjs";
import { applyEdits, benchDocuments, benchEditors, editAuditRows, initialState, openSeededDatabase, startAccord, startBareHocuspocus, storedRevisions, type Editor } from "./collab-kit";

export type ChildConfig =
  | { side: "accord"; dataDir: string; secret: string; documents: number; initialBytes: number; prepareOnly?: boolean; recheckMs?: number }
  | { side: "hocuspocus" }
  | { side: "ydoc"; documents: number; warmupDocuments: number; initialBytes: number; edits: number; editsPerTransaction: number };

/**
 * memory: usage after full collections; stats: open documents and stored writes; state: encoded
 * size of the open documents; warmup/build/release: the ydoc side's documents (warm-up ones are
 * built and dropped at once, from indexes after the measured ones).
 */
export type ChildRequest = "memory" | "stats" | "state" | "warmup" | "build" | "release";

export type ChildReady = { type: "ready"; url?: string; documentIds?: string[]; editors?: Editor[] };

export type Memory = { rss: number; heapUsed: number; heapTotal: number; external: number; arrayBuffers: number };

export type ChildReply = {
  id: number;
  memory?: Memory;
  documentsOpen?: number;
  /** Total encoded state (Y.encodeStateAsUpdate) of the open documents, to check both sides hold the same content. */
  stateBytes?: number;
  stores?: number;
  revisions?: number;
  rows?: number;
  audits?: number;
  buildMs?: number;
};

const stateBytesOf = (docs: Iterable<Y.Doc>) => [...docs].reduce((n, doc) => n + Y.encodeStateAsUpdate(doc).byteLength, 0);

/** Memory after two full collections (the second one after finalizers had a turn). */
async function settledMemory(): Promise<Memory> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error("run with --expose-gc");
  gc();
  await new Promise((resolve) => setTimeout(resolve, 50));
  gc();
  const m = process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external, arrayBuffers: m.arrayBuffers };
}

async function main(config: ChildConfig): Promise<void> {
  const send = (message: ChildReady | ChildReply) => process.send!(message);
  let handleRequest: (type: ChildRequest) => Promise<Omit<ChildReply, "id">>;

  if (config.side === "accord") {
    const handle = await openSeededDatabase(config.dataDir);
    const documentIds = await benchDocuments(handle.db, config.documents, config.initialBytes > 0 ? (i) => initialState(i, config.initialBytes) : undefined);
    if (config.prepareOnly) {
      await handle.close();
      send({ type: "ready" });
      process.disconnect();
      return;
    }
    const editors = await benchEditors(handle.db);
    const accord = await startAccord({ db: async () => handle.db, secret: () => config.secret, ...(config.recheckMs ? { recheckMs: config.recheckMs } : {}) });
    handleRequest = async (type) => {
      const documentsOpen = accord.collab.hocuspocus.getDocumentsCount();
      if (type === "memory") return { memory: await settledMemory(), documentsOpen };
      if (type === "stats") return { documentsOpen, ...(await storedRevisions(handle.db, documentIds)), audits: await editAuditRows(handle.db) };
      if (type === "state") return { documentsOpen, stateBytes: stateBytesOf(accord.collab.hocuspocus.documents.values()) };
      throw new Error(`unknown request ${type}`);
    };
    send({ type: "ready", url: accord.url, documentIds, editors });
  } else if (config.side === "hocuspocus") {
    let stores = 0;
    const bare = await startBareHocuspocus({
      async onStoreDocument() {
        stores++;
      },
    });
    handleRequest = async (type) => {
      const documentsOpen = bare.hocuspocus.getDocumentsCount();
      if (type === "memory") return { memory: await settledMemory(), documentsOpen };
      if (type === "stats") return { documentsOpen, stores };
      throw new Error(`unknown request ${type}`);
    };
    send({ type: "ready", url: bare.url });
  } else {
    let docs: Y.Doc[] = [];
    handleRequest = async (type) => {
      if (type === "memory") return { memory: await settledMemory(), documentsOpen: docs.length };
      const build = (from: number, count: number) => {
        const built: Y.Doc[] = [];
        for (let i = from; i < from + count; i++) {
          const doc = new Y.Doc();
          Y.applyUpdate(doc, initialState(i, config.initialBytes));
          applyEdits(doc, i, config.edits, config.editsPerTransaction);
          built.push(doc);
        }
        return built;
      };
      if (type === "warmup") {
        for (const doc of build(config.documents, config.warmupDocuments)) doc.destroy();
        return { documentsOpen: docs.length };
      }
      if (type === "build") {
        const started = performance.now();
        docs = build(0, config.documents);
        return { buildMs: performance.now() - started, documentsOpen: docs.length, stateBytes: stateBytesOf(docs) };
      }
      if (type === "release") {
        for (const doc of docs) doc.destroy();
        docs = [];
        return { documentsOpen: 0 };
      }
      throw new Error(`unknown request ${type}`);
    };
    send({ type: "ready" });
  }

  process.on("message", (message: { id: number; type: ChildRequest }) => {
    handleRequest(message.type).then(
      (reply) => send({ id: message.id, ...reply }),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  });
  process.on("disconnect", () => process.exit(0));
}

await main(JSON.parse(process.argv[2] ?? "{}") as ChildConfig);
