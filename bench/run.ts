/**
 * `npm run bench` runs every benchmark; `npm run bench -- <name> [<name>…]` runs the ones named.
 * Each writes bench/results/<name>.json (see harness.ts for the method and benchmarks.md for the
 * goals). Benchmarks are not tests: a slow run is reported, never failed.
 *
 * Configuration is read here and nowhere else in bench/ (the app's own lib/env.ts is for the app):
 *   BENCH_DATABASE_URL  PostgreSQL for database benchmarks; they create and own this database.
 *                       Default postgres://postgres@127.0.0.1:5432/accord_bench
 *   BENCH_QUICK=1       fewer rounds and a smaller data set, to check the benchmarks themselves
 *                       (never for results that are committed).
 */
import { z } from "zod";
import { TMP_DIR, writeResult, type BenchConfig, type Benchmark } from "./harness";

const BENCHMARKS: Record<string, () => Promise<Benchmark>> = {
  "authz-check": async () => (await import("./authz-check")).authzCheck,
  "authz-list": async () => (await import("./authz-list")).authzList,
  "collab-latency": async () => (await import("./collab-latency")).collabLatency,
  "collab-memory": async () => (await import("./collab-memory")).collabMemory,
  persist: async () => (await import("./persist")).persist,
  kanban: async () => (await import("./kanban")).kanban,
  forms: async () => (await import("./forms")).forms,
  retention: async () => (await import("./retention")).retention,
  "graph-sync": async () => (await import("./graph-sync")).graphSync,
  search: async () => (await import("./search")).search,
};

const ZConfig = z.object({
  BENCH_DATABASE_URL: z
    .string()
    .trim()
    .default("postgres://postgres@127.0.0.1:5432/accord_bench")
    .refine((v) => {
      try {
        const u = new URL(v);
        return (u.protocol === "postgres:" || u.protocol === "postgresql:") && u.pathname.length > 1;
      } catch {
        return false;
      }
    }, "must be a PostgreSQL URL naming a database, e.g. postgres://postgres@127.0.0.1:5432/accord_bench"),
  BENCH_QUICK: z.enum(["", "0", "1", "true", "false"]).default("").transform((v) => v === "1" || v === "true"),
});

async function main(): Promise<void> {
  const parsed = ZConfig.safeParse(process.env);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) console.error(`${issue.path.join(".")}: ${issue.message}`);
    process.exit(2);
  }
  const config: BenchConfig = { databaseUrl: parsed.data.BENCH_DATABASE_URL, isQuick: parsed.data.BENCH_QUICK };

  const names = process.argv.slice(2).filter((a) => a !== "--");
  const unknown = names.filter((n) => !(n in BENCHMARKS));
  if (unknown.length > 0) {
    console.error(`Unknown benchmark ${unknown.join(", ")}. Known: ${Object.keys(BENCHMARKS).join(", ")}`);
    process.exit(2);
  }
  for (const name of names.length > 0 ? names : Object.keys(BENCHMARKS)) {
    const bench = await BENCHMARKS[name]!();
    const started = Date.now();
    console.log(`▶ ${name}${config.isQuick ? " (quick: not for committed results)" : ""}`);
    const { result, summary } = await bench.run(config);
    const file = writeResult(name, result, config.isQuick ? TMP_DIR : undefined);
    for (const line of summary) console.log(`  ${line}`);
    console.log(`  → ${file} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
