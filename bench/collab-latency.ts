/**
 * collab-latency (benchmarks.md): co-edit propagation. For 50 and 200 documents × 3 editors, one
 * editor per document types 10 steps a second (one character each, a small Yjs insert into the
 * document's last paragraph) and the benchmark measures, per step, the time from the typing
 * client's update to its arrival in each of the two other editors' Y.Docs (the same process
 * clock: clients and servers share this one process). Three sides, alternating A B C per round:
 *   A  Accord: createCollabServer behind an http server on port 0, with its token auth, policy
 *      check per connection and its default re-checks (at once on an announced access change,
 *      after each hour boundary, every 30 s as a safety net, yielding between connections),
 *      persistence to document_states (debounce 2 s / max 10 s) with sanitizing and audit rows,
 *      and its Origin check; the three editors are HocuspocusProviders of three people (two of
 *      DCP, a Dorset guest under the agreement);
 *   B  a raw `ws` relay forwarding every binary message to the other sockets of the same room,
 *      with plain Y.Docs exchanging their updates directly (what the network and Yjs cost without
 *      any server logic);
 *   C  bare Hocuspocus (no extensions, auth or persistence), wired to `ws` as collab-server.ts is,
 *      with the same HocuspocusProvider clients as A;
 * and, to show what a pass over every connection costs the others, A' = Accord re-checking every
 * connection every 2 s (the old default, under which 600 clients could not even connect on this
 * box before the passes yielded to the event loop).
 * Each round connects every client afresh (not timed), types for the round's length, waits until
 * every step has arrived everywhere, then disconnects (and, for Accord, waits for its documents
 * to be stored and unloaded) so that no side's idle work runs during another side's round.
 *
 * Goals: p95 Accord / relay ≤ 2.0, Accord / bare Hocuspocus ≤ 1.15; p95 ≤ 25 ms at 200 documents.
 */
import { performance } from "node:perf_hooks";
import { randomBytes } from "node:crypto";
import { WebSocketServer, WebSocket } from "ws";
import * as Y from "yjs";
import { DEBOUNCE_MS, MAX_DEBOUNCE_MS, RECHECK_MS } from "@/lib/collab/collab-server";
import { alternateSides, environment, LoopDelay, packageVersion, pairsOf, quantile, round, spread, summarise, type BenchConfig, type Benchmark, type RoundInfo } from "./harness";
import {
  appendParagraph,
  benchDocuments,
  benchEditors,
  connectAll,
  connectClient,
  lastParagraphText,
  listen,
  openSeededDatabase,
  sleep,
  startAccord,
  startBareHocuspocus,
  tokenFor,
  until,
  type Client,
  type Listening,
} from "./collab-kit";

const STEPS_PER_SECOND = 10;
const EDITORS = 3;
type Side = "accord" | "accordRecheck2s" | "relay" | "hocuspocus";

/** One document's three editors as Y.Docs: the first types, the others receive. */
type Room = { docs: Y.Doc[]; close(): void };

/**
 * The reference relay (B): rooms by URL path; every binary message goes to the other sockets of
 * the room, nothing is parsed or kept.
 */
async function startRelay(): Promise<Listening> {
  const rooms = new Map<string, Set<WebSocket>>();
  const wss = new WebSocketServer({ noServer: true });
  const { server, url } = await listen((req, socket, head) => {
    wss.handleUpgrade(req, socket, head, (ws) => {
      const name = req.url ?? "/";
      const room = rooms.get(name) ?? new Set<WebSocket>();
      rooms.set(name, room);
      room.add(ws);
      ws.on("message", (data: Buffer, isBinary: boolean) => {
        for (const other of room) if (other !== ws && other.readyState === WebSocket.OPEN) other.send(data, { binary: isBinary });
      });
      ws.on("close", () => {
        room.delete(ws);
        if (room.size === 0) rooms.delete(name);
      });
      ws.on("error", () => ws.terminate());
    });
  }, "/relay");
  return {
    url,
    close: async () => {
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const REMOTE = Symbol("relay");

/** A plain Y.Doc on a relay socket: local updates are sent as they are, remote ones applied. */
async function relayRooms(url: string, documentIds: string[]): Promise<Room[]> {
  const rooms: Room[] = [];
  const sockets: WebSocket[] = [];
  for (const id of documentIds) {
    const docs: Y.Doc[] = [];
    const own: WebSocket[] = [];
    for (let e = 0; e < EDITORS; e++) {
      const doc = new Y.Doc();
      const ws = new WebSocket(`${url}/${id}`);
      ws.binaryType = "nodebuffer";
      doc.on("update", (update: Uint8Array, origin: unknown) => {
        if (origin !== REMOTE && ws.readyState === WebSocket.OPEN) ws.send(update);
      });
      ws.on("message", (data: Buffer) => Y.applyUpdate(doc, new Uint8Array(data.buffer, data.byteOffset, data.byteLength), REMOTE));
      docs.push(doc);
      own.push(ws);
    }
    sockets.push(...own);
    rooms.push({
      docs,
      close: () => {
        for (const ws of own) ws.close();
        for (const doc of docs) doc.destroy();
      },
    });
  }
  await until(() => sockets.every((ws) => ws.readyState === WebSocket.OPEN), "relay sockets to open");
  return rooms;
}

type Percentiles = { p50Ms: number; p95Ms: number; p99Ms: number; maxMs: number };

function percentiles(values: readonly number[]): Percentiles {
  if (values.length === 0) return { p50Ms: NaN, p95Ms: NaN, p99Ms: NaN, maxMs: NaN };
  return { p50Ms: round(quantile(values, 0.5)), p95Ms: round(quantile(values, 0.95)), p99Ms: round(quantile(values, 0.99)), maxMs: round(quantile(values, 1)) };
}

type RoundFigures = Percentiles & {
  /**
   * Delivery measured from when the step was sent (the typist shares the event loop, so when the
   * loop stalls its steps leave late and this figure hides the stall: coordinated omission).
   */
  fromSend: Percentiles;
  /** How late the typists' steps left against their schedule. */
  sendLag: Percentiles;
  /** Deliveries measured (steps × 2 receivers). */
  deliveries: number;
  /** Deliveries that had not arrived 10 s after the last step was sent. */
  missing: number;
  /** Steps per second per document, from the first step to the last one sent. */
  stepsPerSecondPerDocument: number;
};

/**
 * Types into every room for `seconds` and measures deliveries. Each step inserts one character at
 * the end of the round's paragraph; a receiver's step count is its paragraph's length. Steps are
 * scheduled every 100 ms per document (documents staggered over the 100 ms); a step whose time
 * passed while the event loop was busy is sent as soon as the loop is free, and its delivery is
 * measured from its scheduled time (the headline p50/p95/p99: a typist on another machine would
 * have sent it on time, and the server's stall would have delayed it just the same) as well as
 * from when it was actually sent (`fromSend`).
 */
async function typeAndMeasure(rooms: Room[], seconds: number, label: string): Promise<RoundFigures> {
  const prefix = `${label}:`;
  const nodes = rooms.map((room) => appendParagraph(room.docs[0]!, prefix));
  const receiverNode = (doc: Y.Doc) => {
    const node = lastParagraphText(doc);
    return node && node.toString().startsWith(prefix) ? node : null;
  };
  await until(() => rooms.every((room) => room.docs.slice(1).every((d) => receiverNode(d) !== null)), "every receiver to have the round's paragraph");

  const periodMs = 1000 / STEPS_PER_SECOND;
  const steps = Math.round(seconds * STEPS_PER_SECOND);
  const start = performance.now() + 20;
  const scheduled = (r: number, j: number) => start + (r * periodMs) / rooms.length + j * periodMs;
  const sentAt = rooms.map(() => [] as number[]);
  const fromScheduled: number[] = [];
  const fromSend: number[] = [];
  const seen = rooms.map((room) => room.docs.slice(1).map(() => 0));
  const detach: (() => void)[] = [];
  rooms.forEach((room, r) => {
    room.docs.slice(1).forEach((doc, k) => {
      const node = receiverNode(doc)!;
      const onUpdate = () => {
        const now = performance.now();
        const arrived = node.length - prefix.length;
        for (let j = seen[r]![k]!; j < arrived; j++) {
          fromScheduled.push(now - scheduled(r, j));
          fromSend.push(now - sentAt[r]![j]!);
        }
        seen[r]![k] = Math.max(seen[r]![k]!, arrived);
      };
      doc.on("update", onUpdate);
      detach.push(() => doc.off("update", onUpdate));
    });
  });

  let lastSent = start;
  const done = rooms.map((_room, r) => {
    return new Promise<void>((resolve) => {
      const tick = () => {
        const sent = sentAt[r]!;
        // Every step that is due (more than one after a stall), each its own transaction.
        while (sent.length < steps && scheduled(r, sent.length) <= performance.now()) {
          sent.push(performance.now());
          nodes[r]!.insert(nodes[r]!.length, String.fromCharCode(97 + (sent.length % 26)));
        }
        if (sent.length >= steps) {
          lastSent = Math.max(lastSent, sent.at(-1)!);
          resolve();
        } else setTimeout(tick, Math.max(0, scheduled(r, sent.length) - performance.now()));
      };
      setTimeout(tick, Math.max(0, scheduled(r, 0) - performance.now()));
    });
  });
  await Promise.all(done);
  const expected = rooms.length * steps * (EDITORS - 1);
  const arrived = () => seen.reduce((n, s) => n + s.reduce((a, b) => a + b, 0), 0);
  await until(() => arrived() >= expected, "every step to arrive", 10_000).catch(() => {});
  for (const d of detach) d();
  const lag = sentAt.flatMap((sent, r) => sent.map((at, j) => at - scheduled(r, j)));
  return {
    ...percentiles(fromScheduled),
    fromSend: percentiles(fromSend),
    sendLag: percentiles(lag),
    deliveries: fromScheduled.length,
    missing: expected - arrived(),
    stepsPerSecondPerDocument: round(steps / ((lastSent - start) / 1000 + periodMs / 1000)),
  };
}

type SideFigures = {
  rounds: RoundFigures[];
  eventLoopDelay: ReturnType<LoopDelay["stop"]>;
  /** Seconds to connect and sync every client, per round (warm-up first; not part of the figures). */
  connectSeconds: number[];
  /** Clients replaced because they neither synced nor were accepted in time (see connectAll). */
  connectRetries: number;
};

type Ratios = Record<"p50" | "p95" | "p99", ReturnType<typeof summarise>>;

type Configuration = {
  documents: number;
  connections: number;
  sides: Side[];
  perSide: Partial<Record<Side, SideFigures>>;
  /** Subject / reference per round, for each Accord variant measured, against each reference. */
  ratios: Partial<Record<AccordVariant, { vsRelay: Ratios; vsHocuspocus: Ratios }>>;
  /**
   * One collab.recheckAll() with every client connected (in the warm-up round of the side), and
   * the longest gap between ticks of a 5 ms timer meanwhile: how long the event loop was blocked.
   */
  accordRecheckAll: { side: AccordVariant; connections: number; ms: number; longestTimerGapMs: number }[];
  /** When Accord with its defaults is not a side: what one bounded attempt to connect every client gave. */
  accordDefaultsConnectAttempt?: { seconds: number; clients: number; synced: number; refused: number; note: string };
};

/**
 * The sides of a configuration. Accord with its defaults is the subject (its safety-net re-check
 * of every connection runs every RECHECK_MS, 30 s, so a round may or may not include one);
 * "accordRecheck2s" is the same server re-checking every connection every 2 s, the old default,
 * so that every round pays for re-checks: what a pass over every socket costs the others.
 */
const SIDES_ALL = ["accord", "accordRecheck2s", "relay", "hocuspocus"] as const;
type AccordVariant = "accord" | "accordRecheck2s";

/**
 * Connects every editor of every document to Accord with its defaults, `BATCH` at a time, for at
 * most `seconds`, and reports how many synced or were refused: at 200 documents × 3 the re-checks
 * block the event loop so long that tokens expire (a minute) before their connection is served.
 */
async function attemptDefaultConnect(url: string, clientsFor: (i: number) => Client, total: number, seconds: number): Promise<NonNullable<Configuration["accordDefaultsConnectAttempt"]>> {
  const started = performance.now();
  const clients: Client[] = [];
  for (let start = 0; start < total && performance.now() - started < seconds * 1000; start += 100) {
    const batch = Array.from({ length: Math.min(100, total - start) }, (_, j) => clientsFor(start + j));
    clients.push(...batch);
    const left = seconds * 1000 - (performance.now() - started);
    await until(() => batch.every((c) => c.provider.isSynced || c.failed.length > 0), "a batch", Math.max(1, left)).catch(() => {});
  }
  const figures = {
    seconds: round((performance.now() - started) / 1000, 3),
    clients: total,
    synced: clients.filter((c) => c.provider.isSynced).length,
    refused: clients.filter((c) => c.failed.length > 0).length,
    note: `${url.startsWith("ws://127.0.0.1") ? "loopback; " : ""}clients opened 100 at a time (the next batch once the previous one synced or was refused), each with a token minted when it was opened; the attempt stops after ${seconds} s`,
  };
  for (const c of clients) c.destroy();
  return figures;
}

async function measureConfiguration(documentCount: number, sides: Side[], opts: { pairs: number; warmup: number; seconds: number; warmupSeconds: number; defaultsAttemptSeconds: number }): Promise<Configuration> {
  const handle = await openSeededDatabase();
  const secret = randomBytes(24).toString("base64url");
  const documentIds = await benchDocuments(handle.db, documentCount);
  const editors = await benchEditors(handle.db);
  const accordServers: Record<AccordVariant, Awaited<ReturnType<typeof startAccord>>> = {
    accord: await startAccord({ db: async () => handle.db, secret: () => secret }),
    accordRecheck2s: await startAccord({ db: async () => handle.db, secret: () => secret, recheckMs: 2_000 }),
  };
  const bare = await startBareHocuspocus();
  const relay = await startRelay();
  const loops = Object.fromEntries(SIDES_ALL.map((s) => [s, new LoopDelay()])) as Record<Side, LoopDelay>;
  const connectSeconds = Object.fromEntries(SIDES_ALL.map((s) => [s, [] as number[]])) as Record<Side, number[]>;
  const connectRetries = Object.fromEntries(SIDES_ALL.map((s) => [s, 0])) as Record<Side, number>;
  const recheck: Configuration["accordRecheckAll"] = [];
  const clientFor = (url: string, withToken: boolean) => (i: number) => {
    const id = documentIds[Math.floor(i / EDITORS)]!;
    return connectClient(url, id, withToken ? tokenFor(secret, editors[i % EDITORS]!, id) : "");
  };

  const providerRooms = async (name: Side, url: string, withToken: boolean): Promise<Room[]> => {
    const { clients, retries } = await connectAll(documentIds.length * EDITORS, clientFor(url, withToken));
    connectRetries[name] += retries;
    return documentIds.map((_id, d) => {
      const own = clients.slice(d * EDITORS, (d + 1) * EDITORS);
      return { docs: own.map((c) => c.doc), close: () => own.forEach((c) => c.destroy()) };
    });
  };
  const connect: Record<Side, () => Promise<Room[]>> = {
    accord: () => providerRooms("accord", accordServers.accord.url, true),
    accordRecheck2s: () => providerRooms("accordRecheck2s", accordServers.accordRecheck2s.url, true),
    relay: () => relayRooms(relay.url, documentIds),
    hocuspocus: () => providerRooms("hocuspocus", bare.url, false),
  };
  const unloaded: Record<Side, () => boolean> = {
    accord: () => accordServers.accord.collab.hocuspocus.getDocumentsCount() === 0,
    accordRecheck2s: () => accordServers.accordRecheck2s.collab.hocuspocus.getDocumentsCount() === 0,
    relay: () => true,
    hocuspocus: () => bare.hocuspocus.getDocumentsCount() === 0,
  };

  const side = (name: Side) => async ({ index, isWarmup }: RoundInfo): Promise<RoundFigures> => {
    const t0 = performance.now();
    const rooms = await connect[name]();
    connectSeconds[name].push(round((performance.now() - t0) / 1000, 3));
    try {
      if ((name === "accord" || name === "accordRecheck2s") && isWarmup) {
        // Diagnostic (unrecorded round): one policy re-check of every open connection, as Accord's
        // safety-net timer runs it, timed with the longest event-loop stall it causes.
        let last = performance.now();
        let longestGap = 0;
        const probe = setInterval(() => {
          longestGap = Math.max(longestGap, performance.now() - last);
          last = performance.now();
        }, 5);
        const t1 = performance.now();
        await accordServers[name].collab.recheckAll();
        const ms = performance.now() - t1;
        await sleep(20);
        clearInterval(probe);
        recheck.push({ side: name, connections: documentCount * EDITORS, ms: round(ms), longestTimerGapMs: round(longestGap) });
      }
      // Unique per side and round: both Accord variants serve the same stored documents.
      const label = `${name}-${isWarmup ? "w" : "r"}${index}-${randomBytes(3).toString("hex")}`;
      return isWarmup ? await typeAndMeasure(rooms, opts.warmupSeconds, label) : await loops[name].during(() => typeAndMeasure(rooms, opts.seconds, label));
    } finally {
      for (const room of rooms) room.close();
      // Accord stores pending changes (after its debounce) before unloading: wait for that here,
      // so that its writes do not fall into the next side's round.
      await until(unloaded[name], `${name} to unload its documents`, 60_000);
      await sleep(200);
    }
  };

  try {
    let defaultsAttempt: Configuration["accordDefaultsConnectAttempt"];
    if (!sides.includes("accord")) {
      defaultsAttempt = await attemptDefaultConnect(accordServers.accord.url, clientFor(accordServers.accord.url, true), documentCount * EDITORS, opts.defaultsAttemptSeconds);
      await until(unloaded.accord, "Accord to unload its documents", 120_000);
    }
    const results = await alternateSides({ pairs: opts.pairs, warmup: opts.warmup, sides: Object.fromEntries(sides.map((name) => [name, side(name)])) as Record<Side, (r: RoundInfo) => Promise<RoundFigures>> });
    const ratiosOf = (variant: AccordVariant, reference: Side): Ratios => {
      const one = (k: "p50Ms" | "p95Ms" | "p99Ms") => summarise(`${k.replace("Ms", "")} delivery ms per round (subject ${variant}, reference ${reference})`, pairsOf(results[variant], results[reference], (f) => f[k]));
      return { p50: one("p50Ms"), p95: one("p95Ms"), p99: one("p99Ms") };
    };
    const ratios: Configuration["ratios"] = {};
    for (const variant of ["accord", "accordRecheck2s"] as const) {
      if (sides.includes(variant)) ratios[variant] = { vsRelay: ratiosOf(variant, "relay"), vsHocuspocus: ratiosOf(variant, "hocuspocus") };
    }
    return {
      documents: documentCount,
      connections: documentCount * EDITORS,
      sides,
      perSide: Object.fromEntries(sides.map((s) => [s, { rounds: results[s], eventLoopDelay: loops[s].stop(), connectSeconds: connectSeconds[s], connectRetries: connectRetries[s] }])),
      ratios,
      accordRecheckAll: recheck,
      ...(defaultsAttempt ? { accordDefaultsConnectAttempt: defaultsAttempt } : {}),
    };
  } finally {
    await accordServers.accord.close();
    await accordServers.accordRecheck2s.close();
    await bare.close();
    await relay.close();
    await handle.close();
  }
}

export const collabLatency: Benchmark = {
  name: "collab-latency",
  async run(config: BenchConfig) {
    const plan: { documents: number; sides: Side[] }[] = config.isQuick
      ? [
          { documents: 5, sides: ["accord", "accordRecheck2s", "relay", "hocuspocus"] },
          { documents: 15, sides: ["accord", "accordRecheck2s", "relay", "hocuspocus"] },
        ]
      : [
          { documents: 50, sides: ["accord", "accordRecheck2s", "relay", "hocuspocus"] },
          { documents: 200, sides: ["accord", "accordRecheck2s", "relay", "hocuspocus"] },
        ];
    const opts = config.isQuick ? { pairs: 5, warmup: 1, seconds: 2, warmupSeconds: 1, defaultsAttemptSeconds: 10 } : { pairs: 5, warmup: 1, seconds: 5, warmupSeconds: 2, defaultsAttemptSeconds: 60 };
    const configurations: Configuration[] = [];
    for (const { documents, sides } of plan) configurations.push(await measureConfiguration(documents, sides, opts));
    const documentCounts = plan.map((p) => p.documents);
    const at200 = configurations.find((c) => c.documents === 200);
    // Goals are judged on Accord with its defaults; where it could not be measured they are not met.
    const everyConfiguration = (ok: (r: { vsRelay: Ratios; vsHocuspocus: Ratios }) => boolean) => configurations.every((c) => c.ratios.accord !== undefined && ok(c.ratios.accord));
    const variantAt200 = (variant: AccordVariant) => at200?.perSide[variant] && spread(at200.perSide[variant].rounds.map((r) => r.p95Ms)).median;
    const goals = {
      p95VsRelay: { goal: "<= 2.0 (median of per-round ratios, every configuration, Accord with its defaults)", isMet: everyConfiguration((r) => r.vsRelay.p95.ratio.median <= 2.0) },
      p95VsHocuspocus: { goal: "<= 1.15 (median of per-round ratios, every configuration, Accord with its defaults)", isMet: everyConfiguration((r) => r.vsHocuspocus.p95.ratio.median <= 1.15) },
      p95At200Documents: {
        goal: "<= 25 ms (median of Accord's per-round p95, with its defaults)",
        isMet: at200 ? (variantAt200("accord") ?? Infinity) <= 25 : null,
        withRecheckEvery2sMs: variantAt200("accordRecheck2s") ?? null,
      },
      note: "Accord re-checks open connections at once when an operation announces an access change, after each hour boundary, and every 30 s as a safety net, yielding to the event loop between connections (the embedded PGlite answers each query without yielding); accordRecheck2s re-checks every connection every 2 s, so every round pays for passes",
    };
    const result = {
      name: "collab-latency",
      description:
        "Co-edit propagation: one editor per document types 10 one-character steps/s; delivery = time from the typing client's update to its arrival in each other editor's Y.Doc. Subject Accord's collaboration server; references a raw ws relay of plain Y.Doc updates and bare Hocuspocus. Ratio = subject / reference per alternating round.",
      workload: {
        documentCounts,
        editorsPerDocument: EDITORS,
        typingDocumentsPerDocument: 1,
        stepsPerSecondPerTypist: STEPS_PER_SECOND,
        step: "one character inserted at the end of the round's paragraph (Y.XmlText in the 'default' fragment), one Yjs transaction and one update message",
        secondsPerRecordedRound: opts.seconds,
        recordedRoundsPerSide: opts.pairs,
        typingSecondsPerSidePerConfiguration: opts.seconds * opts.pairs,
        warmup: `${opts.warmup} unrecorded round(s) of ${opts.warmupSeconds} s per side per configuration`,
        plan,
        scaledDown: config.isQuick
          ? "quick run"
          : `benchmarks.md asks 60 s per configuration; 60 s rounds with at least 5 pairs would take 2 configurations × 3-4 sides × 5 × 60 s (over 30 min) on this shared 2-core box, so each recorded round types ${opts.seconds} s (${opts.seconds * opts.pairs} s per side per configuration, in ${opts.pairs} alternating rounds); connecting, draining and Accord's store-and-unload between rounds take longer than the typing.`,
        accordSettings: {
          accord: { debounceMs: DEBOUNCE_MS, maxDebounceMs: MAX_DEBOUNCE_MS, recheckMs: RECHECK_MS, auth: "collaboration token + session + policy per connection", persistence: "document_states + documents.updated_at + document.edit audit rows" },
          accordRecheck2s: "the same, with recheckMs 2,000 (a pass over every connection every 2 s)",
        },
        database: "embedded PGlite, in memory (the app's engine when DATABASE_URL is unset)",
        process: "servers and clients share this one Node process (one event loop): the delivery times include the clients' own work and the event-loop delay below",
        clients: "Accord and bare Hocuspocus: @hocuspocus/provider, one socket per editor (as one browser tab each); relay: plain Y.Docs over ws, updates sent as they are",
        perRound: "every client connects afresh (not timed), types, waits until every step arrived (10 s at most; not arrived counts as missing), disconnects; Accord's documents are stored and unloaded before the next side starts",
      },
      goals,
      configurations,
      environment: {
        ...environment(null, "not pinned: servers and clients share one process (one event loop) by design, so there is nothing to pin apart; the 2 cores are shared with other sessions"),
        collab: { hocuspocusServer: packageVersion("@hocuspocus/server"), hocuspocusProvider: packageVersion("@hocuspocus/provider"), yjs: packageVersion("yjs"), ws: packageVersion("ws") },
      },
    };
    const label: Record<Side, string> = { accord: "Accord", accordRecheck2s: "Accord re-checking every 2 s", relay: "relay", hocuspocus: "bare Hocuspocus" };
    const summary = [
      ...configurations.flatMap((c) => {
        const med = (side: Side, k: "p50Ms" | "p95Ms" | "p99Ms") => round(spread(c.perSide[side]!.rounds.map((f) => f[k])).median, 3);
        const lines = [`${c.documents} docs × ${EDITORS}: p50/p95/p99 ms ${c.sides.map((s) => `${label[s]} ${med(s, "p50Ms")}/${med(s, "p95Ms")}/${med(s, "p99Ms")}`).join(", ")}`];
        for (const [variant, r] of Object.entries(c.ratios)) {
          lines.push(`  ${label[variant as AccordVariant]}: p95 ratio vs relay ${r.vsRelay.p95.ratio.median} [${r.vsRelay.p95.ratio.min}–${r.vsRelay.p95.ratio.max}], vs bare Hocuspocus ${r.vsHocuspocus.p95.ratio.median} [${r.vsHocuspocus.p95.ratio.min}–${r.vsHocuspocus.p95.ratio.max}]; loop delay p99 ${c.perSide[variant as AccordVariant]!.eventLoopDelay.p99Ms} ms`);
        }
        if (c.accordDefaultsConnectAttempt) lines.push(`  Accord with its defaults: ${c.accordDefaultsConnectAttempt.synced} of ${c.accordDefaultsConnectAttempt.clients} clients synced, ${c.accordDefaultsConnectAttempt.refused} refused in ${c.accordDefaultsConnectAttempt.seconds} s`);
        for (const r of c.accordRecheckAll) lines.push(`  ${label[r.side]}: one re-check of ${r.connections} connections took ${r.ms} ms, event loop blocked up to ${r.longestTimerGapMs} ms`);
        return lines;
      }),
      `goals: vs relay ≤ 2.0 ${goals.p95VsRelay.isMet ? "met" : "NOT met"}; vs bare Hocuspocus ≤ 1.15 ${goals.p95VsHocuspocus.isMet ? "met" : "NOT met"}; p95 ≤ 25 ms at 200 docs ${goals.p95At200Documents.isMet === null ? "not measured" : goals.p95At200Documents.isMet ? "met" : "NOT met"} (re-checking every 2 s: ${goals.p95At200Documents.withRecheckEvery2sMs ?? "-"} ms)`,
    ];
    return { result, summary };
  },
};
