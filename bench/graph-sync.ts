/**
 * graph-sync (benchmarks.md): syncing within Microsoft's limits, against the local Graph stand-in
 * only (Microsoft forbids load-testing SharePoint Online). Three measurements:
 *  (a) RU efficiency: many 50 KB files delivered to a stand-in that enforces a resource-unit
 *      budget, with Accord's pacing budget (ACCORD_GRAPH_RU_PER_MINUTE) set to the same figure.
 *      Useful RU (those of requests Graph accepted) ÷ the budget available over the run
 *      (RU per minute × minutes), with the share of requests throttled (429) and the count of
 *      requests sent inside a Retry-After window the stand-in had given.
 *  (b) Throughput: a 100 MB file through Accord's upload-session path (outbox, blob store read per
 *      fragment, settle) against a raw upload loop of the same 320 KiB fragments from memory to the
 *      same stand-in, alternated A B A B; bytes/s ratio.
 *  (c) kill -9: a delivery worker in a child process uploading a 100 MB file is SIGKILLed once the
 *      stand-in has accepted some fragments; its lease is let run out and delivery restarts here.
 *      Bytes the stand-in received beyond the file's size ÷ the chunk size.
 * The database is PostgreSQL (a database of its own beside BENCH_DATABASE_URL's, recreated each
 * run), since parent and child must share it; the stand-ins run in this process and survive the kill.
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import v8 from "node:v8";
import vm from "node:vm";
import postgres from "postgres";
import { and, eq, sql } from "drizzle-orm";
import { migrateDatabase, openDatabase, type Db } from "@/db/client";
import * as t from "@/db/schema";
import { seedScenario } from "@/db/seed/seed-scenario";
import { toActor } from "@/lib/auth/resolve-actor";
import { buildAbility } from "@/lib/authz/build-ability";
import type { Ctx, PolicyCtx } from "@/lib/context";
import { localBlobStore } from "@/lib/files/blob-store";
import { setFileServices } from "@/lib/files/file-services";
import { uploadFile } from "@/lib/files/upload-file";
import { overrideGraphSettings } from "@/lib/graph/graph-settings";
import { resetGates } from "@/lib/graph/throttle-gate";
import { saveGraphConnection } from "@/lib/graph/save-graph-connection";
import { deliverGraphOutbox } from "@/lib/graph/deliver-graph-outbox";
import { startTestStandin, type TestStandin } from "@/graph-standin/testing";
import { alternateSides, environment, LoopDelay, pairsOf, round, summarise, type BenchConfig, type Benchmark } from "./harness";

const CHUNK = 320 * 1024;

/** A full collection before each timed side, so neither pays for garbage the other (or the untimed
 * 100 MB upload into Accord, whose type check and hashing make a lot) left behind. */
v8.setFlagsFromString("--expose-gc");
const collectGarbage = vm.runInNewContext("gc") as () => void;
const SIMPLE_UPLOAD_BYTES = 4 * 1024 * 1024;
const LARGE = 100 * 1024 * 1024;
const CLIENT = "6a1b2c3d-0000-4000-8000-00000000dc01";
const SECRET = "accord-demo-secret";
const SITE_URL = "https://dcpolice.sharepoint.com/sites/Accord";

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function policyCtxFor(db: Db, email: string): Promise<PolicyCtx> {
  const [row] = await db.select({ user: t.users, agency: t.agencies }).from(t.users).innerJoin(t.agencies, eq(t.agencies.id, t.users.agencyId)).where(eq(t.users.email, email));
  if (!row) throw new Error(`graph-sync: no seeded user ${email}`);
  const now = new Date();
  const actor = toActor(row.user, row.agency, "bench", now);
  return { db, actor, requestId: `bench-${randomUUID()}`, now, ability: await buildAbility(db, actor, now) };
}

const system = (db: Db): Ctx => ({ db, actor: null, requestId: `bench-${randomUUID()}`, now: new Date() });

/** Text that varies along its length (Accord accepts text files, not arbitrary binary). */
function textBytes(size: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(size);
  let x = seed | 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    bytes[i] = i % 80 === 79 ? 10 : 97 + ((x >>> 0) % 26);
  }
  return bytes;
}

function pointAt(standin: TestStandin, ruPerMinute: number): void {
  overrideGraphSettings({ url: standin.s.url, loginUrl: standin.s.url, simpleUploadBytes: SIMPLE_UPLOAD_BYTES, chunkBytes: CHUNK, ruPerMinute });
  resetGates();
}

/** Delivers until nothing is due (rows waiting out a Retry-After are due again later). */
async function deliverAll(db: Db): Promise<{ delivered: number; retried: number; failed: number }> {
  const total = { delivered: 0, retried: 0, failed: 0 };
  for (;;) {
    const r = await deliverGraphOutbox(system(db), { leaseSeconds: 0, limit: 100_000 });
    total.delivered += r.delivered;
    total.retried += r.retried;
    total.failed += r.failed;
    const [left] = await db.select({ n: sql<number>`count(*)::int` }).from(t.graphOutbox).where(eq(t.graphOutbox.state, "pending"));
    if (!left || left.n === 0) return total;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** A raw upload session: create, then the same fragments straight from memory, sequentially. */
async function rawUpload(standin: TestStandin, name: string, bytes: Uint8Array): Promise<void> {
  const root = (await (await standin.g("GET", `/drives/${standin.driveId}/root`)).json()) as { id: string };
  const created = await standin.g("POST", `/drives/${standin.driveId}/items/${root.id}:/${encodeURIComponent(name)}:/createUploadSession`, {
    json: { item: { "@microsoft.graph.conflictBehavior": "replace", name, fileSize: bytes.byteLength } },
  });
  const { uploadUrl } = (await created.json()) as { uploadUrl: string };
  for (let start = 0; start < bytes.byteLength; start += CHUNK) {
    const end = Math.min(bytes.byteLength, start + CHUNK) - 1;
    const r = await fetch(uploadUrl, { method: "PUT", headers: { "Content-Range": `bytes ${start}-${end}/${bytes.byteLength}` }, body: bytes.subarray(start, end + 1) as Uint8Array<ArrayBuffer> });
    await r.arrayBuffer();
    if (r.status >= 300) throw new Error(`raw upload fragment answered ${r.status}`);
  }
}

export const graphSync: Benchmark = {
  name: "graph-sync",
  async run(config: BenchConfig) {
    const log = (line: string) => console.log(line);
    // benchmarks.md asks for 10 k; 4 k at 2,400 RU/min keeps Accord bound by the budget (not by its
    // database) for over three minutes, and the run within this machine's time (see notes).
    const smallCount = config.isQuick ? 100 : 4_000;
    const ruPerMinute = config.isQuick ? 3_000 : 2_400;
    const pairs = 8;
    const largeSize = config.isQuick ? 16 * 1024 * 1024 : LARGE;

    const base = decodeURIComponent(new URL(config.databaseUrl).pathname.slice(1));
    const name = `${base}_graph_sync`;
    if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`BENCH_DATABASE_URL names an unusual database "${base}"`);
    const url = withDatabase(config.databaseUrl, name);
    const admin = postgres(withDatabase(config.databaseUrl, "postgres"), { max: 1, onnotice: () => {} });
    try {
      await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.unsafe(`CREATE DATABASE "${name}"`);
    } finally {
      await admin.end({ timeout: 5 });
    }
    const handle = await openDatabase({ databaseUrl: url });
    await migrateDatabase(handle);
    await seedScenario(handle.db);
    const db = handle.db;
    const [pgVersion] = (await (handle.client as postgres.Sql)<{ v: string }[]>`SHOW server_version`).map((r) => r.v);
    const blobDir = await fs.mkdtemp(path.join(os.tmpdir(), "accord-bench-graph-"));
    const maxUploadBytes = LARGE + 1024 * 1024;
    setFileServices({ blobs: localBlobStore(blobDir), scanner: null, maxUploadBytes });
    const loop = new LoopDelay();
    const paced = await startTestStandin({ resourceUnits: { perWindow: ruPerMinute, windowSeconds: 60 } });
    const open = await startTestStandin({ resourceUnits: null });
    try {
      const sam = await policyCtxFor(db, "sam.patel@dcp.example");
      const priya = await policyCtxFor(db, "priya.shah@dcp.example");
      const [kestrel] = await db.select({ id: t.spaces.id }).from(t.spaces).where(eq(t.spaces.name, "Operation Kestrel"));
      const spaceId = kestrel!.id;

      // (a) RU efficiency.
      log(`  (a) ${smallCount} files of 50 KB, ${ruPerMinute} RU/min on both sides`);
      pointAt(paced, ruPerMinute);
      await saveGraphConnection(sam, { tenantId: "dcp-tenant", clientId: CLIENT, clientSecret: SECRET, siteUrl: SITE_URL });
      await deliverAll(db); // the seeded documents and the folders, before the measured run
      const made0 = performance.now();
      for (let i = 0; i < smallCount; i++) await uploadFile(priya, { spaceId, name: `Note ${i}.txt`, bytes: textBytes(50 * 1024, i + 1) });
      const enqueueS = (performance.now() - made0) / 1000;
      const before = paced.s.requests.length;
      const started = performance.now();
      const delivered = await loop.during(() => deliverAll(db));
      const seconds = (performance.now() - started) / 1000;
      const during = paced.s.requests.slice(before).filter((r) => r.ru > 0);
      const usefulRu = during.filter((r) => !r.throttled && r.status < 400).reduce((n, r) => n + r.ru, 0);
      const throttled = during.filter((r) => r.status === 429).length;
      const inside = paced.s.requests.slice(before).filter((r) => r.insideRetryAfter).length;
      // The rate over the run plus one full window: both buckets (the stand-in's and Accord's gate)
      // filled while the files were being made, so a window's burst was available at the start.
      const budgetRu = (ruPerMinute * seconds) / 60 + ruPerMinute;
      const ru = {
        files: smallCount,
        fileBytes: 50 * 1024,
        ruPerMinute,
        seconds: round(seconds),
        enqueueSeconds: round(enqueueS),
        delivered,
        requests: during.length,
        usefulRu,
        budgetRu: round(budgetRu),
        ratio: round(usefulRu / budgetRu),
        ratioToRateOnly: round(usefulRu / ((ruPerMinute * seconds) / 60)),
        throttled,
        throttledFraction: round(throttled / Math.max(1, during.length)),
        insideRetryAfter: inside,
        goal: "≥ 0.9 with < 1% throttled and 0 requests inside a Retry-After window",
      };
      log(`      useful RU / budget ${ru.ratio}; ${throttled} throttled of ${during.length}; ${inside} inside a window; ${ru.seconds} s`);

      // (b) Throughput, against the unthrottled stand-in.
      log(`  (b) ${pairs} pairs of one ${largeSize / 2 ** 20} MB file: Accord vs raw upload loop`);
      pointAt(open, 600_000);
      await saveGraphConnection(sam, { tenantId: "dcp-tenant", clientId: CLIENT, clientSecret: SECRET, siteUrl: SITE_URL });
      // A fresh library: what Accord knew of the paced stand-in's drive (folders, items) does not exist here.
      await db.delete(t.graphOutbox);
      await db.delete(t.graphSpaceFolders);
      await db.delete(t.graphItems);
      await db.update(t.graphConnections).set({ siteId: null, driveId: null });
      await deliverAll(db);
      const large = textBytes(largeSize, 7);
      const sides = await loop.during(() =>
        alternateSides({
          pairs,
          warmup: 1,
          sides: {
            accord: async (r) => {
              await uploadFile(priya, { spaceId, name: `Recording ${r.index}.txt`, bytes: large });
              collectGarbage();
              const t0 = performance.now();
              const d = await deliverAll(db);
              const s = (performance.now() - t0) / 1000;
              if (d.delivered !== 1 || d.failed !== 0) throw new Error(`accord side delivered ${JSON.stringify(d)}`);
              return { bytesPerS: largeSize / s, seconds: s };
            },
            raw: async (r) => {
              collectGarbage();
              const t0 = performance.now();
              await rawUpload(open, `Raw ${r.index}.txt`, large);
              const s = (performance.now() - t0) / 1000;
              return { bytesPerS: largeSize / s, seconds: s };
            },
          },
        }),
      );
      // Higher is better for bytes/s: the ratio is Accord / raw, so seconds are compared inverted.
      const throughput = { ...summarise("bytes/s (Accord / raw upload loop)", pairsOf(sides.accord, sides.raw, (x) => x.bytesPerS)), fileBytes: largeSize, goal: "≥ 0.9" };
      log(`      bytes/s ratio ${throughput.ratio.median} (min ${throughput.ratio.min}, max ${throughput.ratio.max}); Accord ${round(throughput.subject.median / 2 ** 20)} MiB/s`);

      // (c) kill -9 mid-upload.
      log(`  (c) kill -9 of a child worker uploading ${largeSize / 2 ** 20} MB`);
      const victim = await uploadFile(priya, { spaceId, name: "Killed upload.txt", bytes: large });
      const child = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "graph-sync-child.ts"), JSON.stringify({ databaseUrl: url, blobDir, standinUrl: open.s.url, caPem: open.s.caPem, chunkBytes: CHUNK, simpleUploadBytes: SIMPLE_UPLOAD_BYTES, maxUploadBytes })], {
        cwd: path.resolve(import.meta.dirname, ".."),
        stdio: ["ignore", "inherit", "inherit", "ipc"],
      });
      const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
      const session = () => open.s.remote.uploadSessions().find((x) => x.fileName === "Killed upload.txt");
      const killAfter = Math.floor(largeSize / CHUNK / 3);
      const deadline = Date.now() + 120_000;
      while ((session()?.fragments.length ?? 0) < killAfter) {
        if (Date.now() > deadline) throw new Error("the child never got a third of the way");
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      process.kill(child.pid!, "SIGKILL");
      const exit = await exited;
      const atKill = session()!;
      const receivedAtKill = atKill.received;
      // The lease runs out (300 s in production); here it is ended rather than waited for.
      await db.update(t.graphOutbox).set({ nextAttemptAt: new Date(0) }).where(and(eq(t.graphOutbox.itemId, victim.id), eq(t.graphOutbox.state, "pending")));
      const resumed = await deliverAll(db);
      const final = open.s.remote.uploadSessions().filter((x) => x.fileName === "Killed upload.txt");
      const [state] = await db.select().from(t.graphItems).where(and(eq(t.graphItems.itemType, "file"), eq(t.graphItems.itemId, victim.id)));
      const remote = state?.remoteId ? open.s.remote.get(open.driveId, state.remoteId) : null;
      const resentBytes = final.reduce((n, x) => n + x.bytesReceivedTotal, 0) - largeSize;
      const kill = {
        fileBytes: largeSize,
        chunkBytes: CHUNK,
        childExit: exit,
        fragmentsAtKill: atKill.fragments.length,
        bytesAcceptedAtKill: receivedAtKill,
        sessions: final.length,
        committed: final.every((x) => x.committed),
        remoteSizeMatches: remote?.size === largeSize,
        itemStatus: state?.status ?? null,
        resumedDelivery: resumed,
        resentBytes,
        resentChunks: round(resentBytes / CHUNK),
        goal: "≤ 1 chunk",
      };
      log(`      killed at ${atKill.fragments.length} fragments (${exit.signal}); re-sent ${resentBytes} bytes = ${kill.resentChunks} chunks; ${final.length} session(s), item ${kill.itemStatus}`);

      const scaled = smallCount < 10_000 || throughput.pairs.length * 1 < 20;
      const result = {
        name: "graph-sync",
        quick: config.isQuick,
        environment: environment(pgVersion ?? null, "not pinned: the stand-in, Accord and PostgreSQL share the 2 cores"),
        ruEfficiency: ru,
        throughput,
        killMidUpload: kill,
        eventLoopDelay: loop.stop(),
        notes: [
          `(a) ${smallCount} files of 50 KB (benchmarks.md: 10 k); files, not documents, so every item is exactly 50 KB. The budget available is RU/min × the run's minutes plus one window's units (both buckets filled while the files were being made; ratioToRateOnly leaves that out). The run is scaled from 10 k because delivering 10 k at a budget low enough to be the bottleneck takes over 8 minutes on this 2-core box, with ~15 ms per file to create them first.`,
          `(b) ${pairs} recorded pairs (+1 warm-up) of one ${largeSize / 2 ** 20} MB file each side, i.e. ${(pairs + 1)} files through Accord rather than benchmarks.md's 20: alternating A B needs one file per round, and 20 × 100 MB per side did not fit this run's time.`,
          "(c) a real SIGKILL of a child process (node --import tsx bench/graph-sync-child.ts) sharing the PostgreSQL database and blob folder; its 300 s lease is ended by an UPDATE rather than waited out, then this process resumes delivery.",
          ...(scaled ? ["Scaled down from benchmarks.md's workload as stated above."] : []),
        ],
      };
      const summary = [
        `useful RU / budget ${ru.ratio} (goal ≥ 0.9), throttled ${ru.throttledFraction} (< 0.01), inside Retry-After ${inside} (0)`,
        `bytes/s Accord / raw ${throughput.ratio.median} [${throughput.ratio.min}–${throughput.ratio.max}] (goal ≥ 0.9)`,
        `re-sent after kill -9: ${kill.resentChunks} chunks (goal ≤ 1)`,
      ];
      return { result, summary };
    } finally {
      overrideGraphSettings(undefined);
      await paced.s.close();
      await open.s.close();
      await handle.close();
      await fs.rm(blobDir, { recursive: true, force: true });
    }
  },
};
