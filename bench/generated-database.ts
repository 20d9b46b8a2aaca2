/**
 * A benchmark's own PostgreSQL database beside BENCH_DATABASE_URL's (`<name>_<suffix>`):
 * created, migrated, seeded with the demo scenario and filled by the benchmark's generator
 * statements once, then reused while its data-version marker (a hash of the generator and of
 * `db/migrations`) matches. Shared by the benchmarks that generate large data in SQL.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import postgres, { type Sql } from "postgres";
import { migrateDatabase, openDatabase, type DatabaseHandle } from "@/db/client";
import { seedScenario } from "@/db/seed/seed-scenario";
import { round, type BenchConfig } from "./harness";

export type GeneratedDatabase = { handle: DatabaseHandle; sql: Sql; where: string; data: { isReused: boolean; generatedInS: number | null; dataVersion: string } };

/** The marker of a generator's data on the schema of the committed migrations. */
export function dataVersion(prefix: string, statements: readonly string[]): string {
  const hash = createHash("sha256").update(statements.join(";\n"));
  const migrations = path.resolve(import.meta.dirname, "..", "db", "migrations");
  for (const file of fs.readdirSync(migrations).filter((f) => f.endsWith(".sql")).sort()) hash.update(file).update(fs.readFileSync(path.join(migrations, file)));
  return `${prefix}/${hash.digest("hex").slice(0, 16)}`;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * The benchmark's database, generated if its marker is not `versionPrefix`'s for `statements`.
 * The statements run in one transaction with triggers off (`session_replication_role = replica`:
 * foreign keys and the app's own triggers; the generator writes whatever they would), then
 * `bench_meta` records the marker and `extraMeta` (key → SQL expression).
 */
export async function generatedDatabase(
  config: BenchConfig,
  opts: { suffix: string; versionPrefix: string; statements: readonly string[]; what: string; extraMeta?: Record<string, string>; log: (line: string) => void },
): Promise<GeneratedDatabase> {
  const { log } = opts;
  const base = decodeURIComponent(new URL(config.databaseUrl).pathname.slice(1));
  const name = `${base}_${opts.suffix}`;
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`BENCH_DATABASE_URL names an unusual database "${base}"; use letters, digits and _`);
  const url = withDatabase(config.databaseUrl, name);
  const where = `PostgreSQL, database "${name}" beside BENCH_DATABASE_URL's (kept between runs while its data-version marker matches)`;
  const wanted = dataVersion(opts.versionPrefix, opts.statements);
  const admin = postgres(withDatabase(config.databaseUrl, "postgres"), { max: 1, onnotice: () => {} });
  try {
    const [exists] = await admin<{ ok: boolean }[]>`SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = ${name}) AS ok`;
    if (exists?.ok) {
      const probe = postgres(url, { max: 1, onnotice: () => {} });
      const marker = await (async () => {
        const [has] = await probe<{ ok: boolean }[]>`SELECT to_regclass('public.bench_meta') IS NOT NULL AS ok`;
        if (!has?.ok) return null;
        const [row] = await probe<{ value: string }[]>`SELECT value FROM bench_meta WHERE key = 'data_version'`;
        return row?.value ?? null;
      })().finally(() => probe.end({ timeout: 5 }));
      if (marker === wanted) {
        log(`  reusing ${name} (${marker})`);
        const handle = await openDatabase({ databaseUrl: url });
        return { handle, sql: handle.client as Sql, where, data: { isReused: true, generatedInS: null, dataVersion: marker } };
      }
      log(`  ${name} holds ${marker ?? "no bench data"}, want ${wanted}: recreating`);
      await admin.unsafe(`DROP DATABASE "${name}" WITH (FORCE)`);
    }
    await admin.unsafe(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  const started = performance.now();
  const handle = await openDatabase({ databaseUrl: url });
  await migrateDatabase(handle);
  await seedScenario(handle.db);
  const sql = handle.client as Sql;
  await sql.begin(async (tx) => {
    await tx.unsafe("SET LOCAL maintenance_work_mem = '256MB'");
    await tx.unsafe("SET LOCAL work_mem = '64MB'");
    await tx.unsafe("SET LOCAL session_replication_role = replica");
    for (const statement of opts.statements) {
      const t0 = performance.now();
      await tx.unsafe(statement);
      log(`  ${((performance.now() - t0) / 1000).toFixed(1).padStart(6)} s  ${statement.trim().split("\n")[0]!.slice(0, 80)}`);
    }
    await tx.unsafe("CREATE TABLE bench_meta (key text PRIMARY KEY, value text NOT NULL)");
    const extra = Object.entries(opts.extraMeta ?? {}).map(([key, expression]) => `, ('${key}', (${expression}))`).join("");
    await tx.unsafe(`INSERT INTO bench_meta VALUES ('data_version', $1), ('generated_at', now()::text)${extra}`, [wanted]);
  });
  await sql.unsafe("VACUUM (ANALYZE)");
  const generatedInS = round((performance.now() - started) / 1000, 3);
  log(`  generated ${opts.what} in ${generatedInS} s`);
  return { handle, sql, where, data: { isReused: false, generatedInS, dataVersion: wanted } };
}
