/**
 * The shared benchmark method of benchmarks.md: warm up, then alternate subject and reference
 * (A B A B …) for at least five pairs, and report the median of the per-pair ratios with min and
 * max. Machines are shared and noisy, so the ratio of two runs taken side by side is the figure
 * that counts; absolute figures, event-loop delay, versions and the machine are recorded beside it
 * so that a reader can tell a regression from a busy box.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { execFileSync } from "node:child_process";
import { monitorEventLoopDelay, type ELDHistogram } from "node:perf_hooks";

/** Median, min and max of a series. */
export type Spread = { median: number; min: number; max: number };

/** One subject/reference pair: each side's figure (lower is better) and subject / reference. */
export type Pair = { subject: number; reference: number; ratio: number };

export type PairsResult = {
  /** What each side's figure is, e.g. "ns per check" or "p95 ms over 40 queries". */
  unit: string;
  pairs: Pair[];
  ratio: Spread;
  subject: Spread;
  reference: Spread;
};

/** Sorted copy. */
function sorted(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

/** The q-quantile (0..1) by nearest rank, which for p95 of 40 samples is the 38th value. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) throw new Error("quantile of an empty series");
  const s = sorted(values);
  const rank = Math.min(s.length, Math.max(1, Math.ceil(q * s.length)));
  return s[rank - 1]!;
}

/** Median (mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error("median of an empty series");
  const s = sorted(values);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Median, min and max. */
export function spread(values: readonly number[]): Spread {
  const s = sorted(values);
  return { median: median(s), min: s[0]!, max: s.at(-1)! };
}

/** Rounds for the report (figures carry 4 significant digits; noise is far larger). */
export function round(n: number, digits = 4): number {
  if (!Number.isFinite(n) || n === 0) return n;
  return Number(n.toPrecision(digits));
}

function roundSpread(s: Spread): Spread {
  return { median: round(s.median), min: round(s.min), max: round(s.max) };
}

/**
 * Runs `warmup` unrecorded rounds, then `pairs` recorded rounds of subject then reference. Each
 * side returns its figure for one round (lower is better: a time per operation, a p95…).
 * Additional references run in the same round, after the first, so every ratio is taken side by
 * side.
 */
export async function alternate(opts: {
  unit: string;
  pairs: number;
  warmup: number;
  subject: () => Promise<number> | number;
  reference: () => Promise<number> | number;
}): Promise<PairsResult> {
  if (opts.pairs < 5) throw new Error("benchmarks.md asks for at least 5 pairs");
  for (let i = 0; i < opts.warmup; i++) {
    await opts.subject();
    await opts.reference();
  }
  const pairs: Pair[] = [];
  for (let i = 0; i < opts.pairs; i++) {
    const subject = await opts.subject();
    const reference = await opts.reference();
    pairs.push({ subject: round(subject), reference: round(reference), ratio: round(subject / reference) });
    // Let timers and I/O run between rounds, so the event-loop delay reflects one round at most.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return summarise(opts.unit, pairs);
}

/** Which round a side is asked to run: warm-up rounds come first and are not recorded. */
export type RoundInfo = { index: number; isWarmup: boolean };

/**
 * The same method for several sides (a subject and its references) whose rounds yield more than
 * one figure: each round runs every side once, in the order given (A B C A B C …), `warmup`
 * unrecorded rounds first, then `pairs` recorded ones. Returns each side's recorded results in
 * round order; pairsOf() turns two of them into pairs of one figure.
 */
export async function alternateSides<K extends string, T>(opts: { pairs: number; warmup: number; sides: Record<K, (round: RoundInfo) => Promise<T>> }): Promise<Record<K, T[]>> {
  if (opts.pairs < 5) throw new Error("benchmarks.md asks for at least 5 pairs");
  const names = Object.keys(opts.sides) as K[];
  const results = Object.fromEntries(names.map((n) => [n, [] as T[]])) as Record<K, T[]>;
  for (let i = 0; i < opts.warmup + opts.pairs; i++) {
    const isWarmup = i < opts.warmup;
    for (const name of names) {
      const figure = await opts.sides[name]({ index: i, isWarmup });
      if (!isWarmup) results[name].push(figure);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  return results;
}

/**
 * Round-by-round pairs of one figure of two sides' results (as alternateSides returns them); the
 * reference's figure may be read differently (e.g. RSS against heap).
 */
export function pairsOf<S, R = S>(subject: readonly S[], reference: readonly R[], figure: (result: S) => number, referenceFigure?: (result: R) => number): Pair[] {
  if (subject.length !== reference.length) throw new Error("pairsOf: the sides ran different numbers of rounds");
  const readReference = referenceFigure ?? (figure as unknown as (result: R) => number);
  return subject.map((s, i) => {
    const a = figure(s);
    const b = readReference(reference[i]!);
    return { subject: round(a), reference: round(b), ratio: round(a / b) };
  });
}

/** Builds the summary of a list of pairs. */
export function summarise(unit: string, pairs: Pair[]): PairsResult {
  return {
    unit,
    pairs,
    ratio: roundSpread(spread(pairs.map((p) => p.ratio))),
    subject: roundSpread(spread(pairs.map((p) => p.subject))),
    reference: roundSpread(spread(pairs.map((p) => p.reference))),
  };
}

/** A deterministic PRNG (mulberry32): the same seed gives the same workload on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Nanoseconds since an arbitrary origin, as a number (precise to well under a microsecond). */
export function nowNs(): number {
  return Number(process.hrtime.bigint());
}

type DelaySegment = { count: number; mean: number; p50: number; p99: number; max: number };

/**
 * Event-loop delay (perf_hooks.monitorEventLoopDelay) while measurements run. Each `during()` (or
 * start/stop) records into a fresh histogram: re-enabling one histogram would count the time it
 * was off as one long delay. Segments are combined conservatively (highest p99 and max).
 */
export class LoopDelay {
  private readonly segments: DelaySegment[] = [];
  private current: ELDHistogram | undefined;

  start(): this {
    this.current ??= monitorEventLoopDelay({ resolution: 10 });
    this.current.enable();
    return this;
  }

  private end(): void {
    const h = this.current;
    if (!h) return;
    h.disable();
    this.current = undefined;
    if (h.count > 0) this.segments.push({ count: h.count, mean: h.mean, p50: h.percentile(50), p99: h.percentile(99), max: h.max });
  }

  /** Records the delay while `fn` runs. */
  async during<T>(fn: () => Promise<T>): Promise<T> {
    this.start();
    try {
      return await fn();
    } finally {
      this.end();
    }
  }

  /** Stops recording and returns the figures in milliseconds. */
  stop(): { resolutionMs: number; samples: number; meanMs: number | null; p50Ms: number | null; p99Ms: number | null; maxMs: number | null } {
    this.end();
    const ms = (ns: number) => round(ns / 1e6);
    const samples = this.segments.reduce((n, s) => n + s.count, 0);
    if (samples === 0) return { resolutionMs: 10, samples, meanMs: null, p50Ms: null, p99Ms: null, maxMs: null };
    return {
      resolutionMs: 10,
      samples,
      meanMs: ms(this.segments.reduce((n, s) => n + s.count * s.mean, 0) / samples),
      p50Ms: ms(median(this.segments.map((s) => s.p50))),
      p99Ms: ms(Math.max(...this.segments.map((s) => s.p99))),
      maxMs: ms(Math.max(...this.segments.map((s) => s.max))),
    };
  }
}

const require = createRequire(import.meta.url);

/**
 * A package's installed version, or null when it is not installed. The manifest is found by
 * walking up from the package's entry point, since export maps often hide `<name>/package.json`.
 */
export function packageVersion(name: string): string | null {
  try {
    let dir = path.dirname(require.resolve(name));
    for (;;) {
      const manifest = path.join(dir, "package.json");
      if (fs.existsSync(manifest)) {
        const pkg = JSON.parse(fs.readFileSync(manifest, "utf8")) as { name?: string; version?: string };
        if (pkg.name === name) return pkg.version ?? null;
      }
      const parent = path.dirname(dir);
      if (parent === dir) return null;
      dir = parent;
    }
  } catch {
    return null;
  }
}

export type Environment = {
  timestamp: string;
  versions: {
    node: string;
    postgresql: string | null;
    pglite: string | null;
    casl: string | null;
    drizzleOrm: string | null;
    postgresJs: string | null;
  };
  machine: {
    cpuModel: string;
    cpuCount: number;
    totalMemoryGiB: number;
    platform: string;
    release: string;
    /** 1, 5 and 15-minute load averages when the run started: other work on the box. */
    loadAverage: number[];
  };
  /** Whether subject and server were pinned to separate cores (`taskset`), and why not. */
  pinning: string;
  /** The code measured: the commit, and the files under policies/, lib/ and db/ changed since it. */
  source: { commit: string | null; uncommitted: string[] };
};

/** The commit and the uncommitted changes to the code a benchmark measures (null outside git). */
function sourceState(): Environment["source"] {
  const git = (...args: string[]) => execFileSync("git", args, { cwd: path.resolve(import.meta.dirname, ".."), encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  try {
    const commit = git("rev-parse", "HEAD").trim();
    const uncommitted = git("status", "--porcelain", "--", "policies", "lib", "db")
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map((line) => line.trim());
    return { commit, uncommitted };
  } catch {
    return { commit: null, uncommitted: [] };
  }
}

/** Versions and machine, with the PostgreSQL server_version when the benchmark used one. */
export function environment(postgresVersion: string | null, pinning: string): Environment {
  const cpus = os.cpus();
  return {
    timestamp: new Date().toISOString(),
    versions: {
      node: process.version,
      postgresql: postgresVersion,
      pglite: packageVersion("@electric-sql/pglite"),
      casl: packageVersion("@casl/ability"),
      drizzleOrm: packageVersion("drizzle-orm"),
      postgresJs: packageVersion("postgres"),
    },
    machine: {
      cpuModel: cpus[0]?.model ?? "unknown",
      cpuCount: cpus.length,
      totalMemoryGiB: round(os.totalmem() / 2 ** 30, 3),
      platform: os.platform(),
      release: os.release(),
      loadAverage: os.loadavg().map((n) => round(n, 3)),
    },
    pinning,
    source: sourceState(),
  };
}

/** Where results are committed. */
export const RESULTS_DIR = path.resolve(import.meta.dirname, "results");
/** Scratch space (gitignored). */
export const TMP_DIR = path.resolve(import.meta.dirname, "tmp");

/** Writes <dir>/<name>.json (bench/results unless told otherwise) and returns its path. */
export function writeResult(name: string, result: unknown, dir = RESULTS_DIR): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.json`);
  fs.writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  return file;
}

/** What every benchmark module exports. */
export type Benchmark = {
  name: string;
  /** Runs the benchmark; returns the JSON written to bench/results/<name>.json and a summary. */
  run: (config: BenchConfig) => Promise<{ result: unknown; summary: string[] }>;
};

/** The suite's configuration, read once in run.ts. */
export type BenchConfig = {
  /** PostgreSQL the database benchmarks create their data in (a database of their own). */
  databaseUrl: string;
  /** Smaller, quicker runs for checking the benchmark itself (not for committed results). */
  isQuick: boolean;
};
