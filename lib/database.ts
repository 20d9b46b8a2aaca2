/** The process's database, configured from lib/env (db/ itself never reads configuration). */
import { getDatabase, type DatabaseHandle } from "@/db/client";
import { env } from "./env";

/** The process's open database handle. */
export function database(): Promise<DatabaseHandle> {
  const e = env();
  return getDatabase({ databaseUrl: e.databaseUrl, dataDir: e.dataDir });
}
