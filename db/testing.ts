/**
 * A fresh database for one test file: in-memory PGlite by default, or a new PostgreSQL database
 * (created beside the one DATABASE_URL names, dropped afterwards) when DATABASE_URL is set, so
 * that test files never see each other's rows and the suite runs on both engines.
 */
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { defaultMigrationsFolder, migrateDatabase, openDatabase, type DatabaseHandle } from "./client";

// Tests may read the environment directly: they configure the process, they are not the app.
const testDatabaseUrl = process.env.DATABASE_URL || undefined;

/**
 * Where the migrated, empty embedded database is kept between test files: running the migrations
 * takes PGlite about 4 s, loading their result about 0.6 s, and every test file needs one. Named
 * by a hash of the migrations, so a changed or added migration makes a new one.
 */
function templatePath(): string {
  return path.join(os.tmpdir(), `accord-test-template-${migrationsHash()}.tar`);
}

/** A short hash of every file of the migrations folder, names and contents. */
function migrationsHash(): string {
  const folder = defaultMigrationsFolder();
  const hash = createHash("sha256");
  const walk = (dir: string) => {
    for (const name of fs.readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      if (fs.statSync(full).isDirectory()) walk(full);
      else hash.update(path.relative(folder, full)).update("\0").update(fs.readFileSync(full)).update("\0");
    }
  };
  walk(folder);
  return hash.digest("hex").slice(0, 16);
}

/** A migrated in-memory PGlite: from the template when there is one, else migrated here and kept as the template. */
async function createTestPglite(): Promise<DatabaseHandle> {
  const template = templatePath();
  if (fs.existsSync(template)) {
    const handle = await openDatabase({ inMemory: true, loadDataDir: new Blob([fs.readFileSync(template)]) });
    // A no-op when the template is complete; it would apply anything the template lacked.
    await migrateDatabase(handle);
    return handle;
  }
  const handle = await openDatabase({ inMemory: true });
  await migrateDatabase(handle);
  const dump = await (handle.client as PGlite).dumpDataDir("none");
  // Written aside and renamed: test files starting at the same time never read half a template.
  const partial = `${template}.${process.pid}.${randomBytes(4).toString("hex")}`;
  fs.writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
  fs.renameSync(partial, template);
  return handle;
}

/** Opens and migrates a throwaway database. */
export async function createTestDatabase(): Promise<DatabaseHandle> {
  if (!testDatabaseUrl) return createTestPglite();
  const { default: postgres } = await import("postgres");
  const name = `accord_test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(testDatabaseUrl, { max: 1, onnotice: () => {} });
  const databaseUrl = (db: string) => {
    const url = new URL(testDatabaseUrl!);
    url.pathname = `/${db}`;
    return url.toString();
  };
  // Migrating a new database takes seconds; copying a migrated one (CREATE DATABASE … TEMPLATE)
  // a fraction of that. The template is made once per set of migrations, by whichever test
  // process comes first, under an advisory lock that also keeps copies from overlapping (a
  // template being read by another session cannot be copied).
  const template = `accord_test_tpl_${migrationsHash()}`;
  await admin`SELECT pg_advisory_lock(hashtext('accord_test_template'))`;
  try {
    const [exists] = await admin`SELECT 1 FROM pg_database WHERE datname = ${template}`;
    if (!exists) {
      const partial = `${template}_partial`;
      await admin.unsafe(`DROP DATABASE IF EXISTS "${partial}" WITH (FORCE)`);
      await admin.unsafe(`CREATE DATABASE "${partial}"`);
      const making = await openDatabase({ databaseUrl: databaseUrl(partial) });
      await migrateDatabase(making);
      await making.close();
      await admin.unsafe(`ALTER DATABASE "${partial}" RENAME TO "${template}"`);
      // Templates of older migrations are of no more use.
      for (const old of await admin<{ datname: string }[]>`SELECT datname FROM pg_database WHERE left(datname, 16) = 'accord_test_tpl_' AND datname <> ${template}`) {
        await admin.unsafe(`DROP DATABASE IF EXISTS "${old.datname}" WITH (FORCE)`).catch(() => {});
      }
    }
    await admin.unsafe(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  } finally {
    await admin`SELECT pg_advisory_unlock(hashtext('accord_test_template'))`;
  }
  const handle = await openDatabase({ databaseUrl: databaseUrl(name) });
  // A no-op for a complete template; it would apply anything the template lacked.
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
