/**
 * A fresh database for one test file: in-memory PGlite by default, or a new PostgreSQL database
 * (created beside the one DATABASE_URL names, dropped afterwards) when DATABASE_URL is set, so
 * that test files never see each other's rows and the suite runs on both engines.
 */
import { randomBytes } from "node:crypto";
import { migrateDatabase, openDatabase, type DatabaseHandle } from "./client";

// Tests may read the environment directly: they configure the process, they are not the app.
const testDatabaseUrl = process.env.DATABASE_URL || undefined;

/** Opens and migrates a throwaway database. */
export async function createTestDatabase(): Promise<DatabaseHandle> {
  if (!testDatabaseUrl) {
    const handle = await openDatabase({ inMemory: true });
    await migrateDatabase(handle);
    return handle;
  }
  const { default: postgres } = await import("postgres");
  const name = `accord_test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(testDatabaseUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE "${name}"`);
  const url = new URL(testDatabaseUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ databaseUrl: url.toString() });
  await migrateDatabase(handle);
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end({ timeout: 5 });
    },
  };
}

/** Which engine the tests run on, for test names. */
export const testEngine = testDatabaseUrl ? "postgres" : "pglite";
