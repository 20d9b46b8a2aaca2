/**
 * The database: embedded PGlite persisted under ACCORD_DATA_DIR when DATABASE_URL is unset,
 * PostgreSQL through postgres.js when it is set. One schema, two drivers, the same migrations.
 *
 * PGlite is a single connection inside this process, and this module can be loaded twice in one
 * process (once by server.ts, once inside the Next.js server bundle), so the open database is
 * kept on globalThis: two PGlite instances on one data directory would corrupt it.
 */
import path from "node:path";
import fs from "node:fs";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import * as schema from "./schema";

export type Schema = typeof schema;
/** A drizzle database or transaction over Accord's schema, whichever driver is underneath. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

/** The rows of `db.execute()` on either driver: postgres.js answers an array of rows, PGlite `{ rows }`. */
export function rowsOf<T = Record<string, unknown>>(result: unknown): T[] {
  return (Array.isArray(result) ? result : ((result as { rows?: unknown[] }).rows ?? [])) as T[];
}

export type DatabaseHandle = {
  db: Db;
  kind: "pglite" | "postgres";
  /** The driver's own client (a PGlite instance or a postgres.js `sql`). */
  client: unknown;
  /** Closes the underlying connection(s). */
  close: () => Promise<void>;
};

/** `loadDataDir`: with `inMemory`, start from this dump of a data directory (PGlite's dumpDataDir) instead of an empty one. */
export type OpenOptions = { databaseUrl?: string; dataDir?: string; inMemory?: boolean; loadDataDir?: Blob };

/** Opens a database (a new connection each call; production code uses getDatabase()). */
export async function openDatabase(opts: OpenOptions): Promise<DatabaseHandle> {
  if (opts.databaseUrl) {
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const client = postgres(opts.databaseUrl, {
      max: 10,
      onnotice: () => {},
      connect_timeout: 10,
    });
    const db = drizzle(client, { schema }) as unknown as Db;
    return { db, kind: "postgres", client, close: () => client.end({ timeout: 5 }) };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  let dataDir: string | undefined;
  if (!opts.inMemory) {
    dataDir = path.resolve(opts.dataDir ?? ".data", "pglite");
    fs.mkdirSync(dataDir, { recursive: true });
  }
  const releaseLock = dataDir ? lockDataDir(path.dirname(dataDir)) : () => {};
  let client;
  try {
    client = dataDir ? new PGlite(dataDir) : new PGlite(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : undefined);
    await client.waitReady;
  } catch (err) {
    releaseLock();
    throw err;
  }
  const pglite = client;
  const db = drizzle(pglite, { schema }) as unknown as Db;
  return {
    db,
    kind: "pglite",
    client: pglite,
    close: async () => {
      await pglite.close();
      releaseLock();
    },
  };
}

/** Raised when another live process holds the embedded database. */
export class DataDirInUseError extends Error {
  constructor(dataDir: string, pid: number) {
    super(`The embedded database in ${dataDir} is in use by another Accord process (pid ${pid}). Stop it first, or set ACCORD_DATA_DIR to another folder.`);
    this.name = "DataDirInUseError";
  }
}

/**
 * PGlite has no locking of its own, and two processes writing one data directory corrupt it.
 * A lock file holding the owner's pid keeps a second Accord out; a lock left by a dead process
 * (kill -9) is taken over.
 */
function lockDataDir(dataDir: string): () => void {
  const lockFile = path.join(dataDir, "accord.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: "wx" });
      return () => fs.rmSync(lockFile, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const pid = Number(fs.readFileSync(lockFile, "utf8").trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) throw new DataDirInUseError(dataDir, pid);
      fs.rmSync(lockFile, { force: true });
    }
  }
  throw new Error(`Could not lock ${dataDir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Applies the committed migrations (db/migrations) to the database. */
export async function migrateDatabase(handle: DatabaseHandle, migrationsFolder = defaultMigrationsFolder()): Promise<void> {
  if (handle.kind === "postgres") {
    const { migrate } = await import("drizzle-orm/postgres-js/migrator");
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- driver-specific drizzle type
    await migrate(handle.db as any, { migrationsFolder });
  } else {
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- driver-specific drizzle type
    await migrate(handle.db as any, { migrationsFolder });
  }
}

export function defaultMigrationsFolder(): string {
  return path.resolve(process.cwd(), "db", "migrations");
}

const GLOBAL_KEY = Symbol.for("accord.database");
type GlobalWithDb = typeof globalThis & { [GLOBAL_KEY]?: Promise<DatabaseHandle> };

/**
 * The process's database, opened once (see the note at the top). Configuration comes from the
 * caller so that this module never reads the environment itself.
 *
 * The handle is shared through globalThis, but each copy of this module wraps the shared
 * connection in its own drizzle instance: drizzle's query builders must come from the same copy
 * of drizzle-orm as the schema objects they are given.
 */
export async function getDatabase(opts: OpenOptions): Promise<DatabaseHandle> {
  const g = globalThis as GlobalWithDb;
  g[GLOBAL_KEY] ??= openDatabase(opts);
  const shared = await g[GLOBAL_KEY];
  if (local?.shared !== shared) local = { shared, handle: { ...shared, db: await wrap(shared) } };
  return local.handle;
}

let local: { shared: DatabaseHandle; handle: DatabaseHandle } | undefined;

async function wrap(shared: DatabaseHandle): Promise<Db> {
  if (shared.kind === "postgres") {
    const { drizzle } = await import("drizzle-orm/postgres-js");
    return drizzle(shared.client as never, { schema }) as unknown as Db;
  }
  const { drizzle } = await import("drizzle-orm/pglite");
  return drizzle(shared.client as never, { schema }) as unknown as Db;
}

/** Closes the process's database (used at shutdown). */
export async function closeDatabase(): Promise<void> {
  const g = globalThis as GlobalWithDb;
  const p = g[GLOBAL_KEY];
  g[GLOBAL_KEY] = undefined;
  local = undefined;
  if (p) await (await p).close();
}
