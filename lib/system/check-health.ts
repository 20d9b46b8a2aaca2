/** Reports whether Accord can reach its database, and which one. Reveals no configuration. */
import { sql } from "drizzle-orm";
import { env } from "../env";
import { database } from "../database";

export type Health = {
  status: "ok" | "error";
  version: string;
  database: { kind: "pglite" | "postgres" | "unknown"; ok: boolean; latencyMs?: number; serverVersion?: string };
};

/** Runs a trivial query against the database and reports the outcome. */
export async function checkHealth(): Promise<Health> {
  const version = env().version;
  try {
    const { db, kind } = await database();
    const started = performance.now();
    const result = await db.execute<{ server_version: string }>(sql`SELECT current_setting('server_version') AS server_version`);
    const latencyMs = Math.round((performance.now() - started) * 100) / 100;
    const rows = Array.isArray(result) ? result : (result as { rows: { server_version: string }[] }).rows;
    return { status: "ok", version, database: { kind, ok: true, latencyMs, serverVersion: rows[0]?.server_version } };
  } catch {
    return { status: "error", version, database: { kind: "unknown", ok: false } };
  }
}
