/**
 * Start-up turns database failures into sentences naming what to check, built from the real
 * errors the drivers raise; and the embedded default migrates and seeds itself once.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { count, sql } from "drizzle-orm";
import { closeDatabase, openDatabase } from "@/db/client";
import { testEngine } from "@/db/testing";
import { users } from "@/db/schema";
import { parseEnv } from "../env";
import { StartupError, describeDatabaseError, prepareDatabase } from "./prepare-database";

// Tests may read the environment: they configure the process, they are not the app.
const serverUrl = process.env.DATABASE_URL;

const dirs: string[] = [];
afterEach(async () => {
  // prepareDatabase opens the process-wide database; each test starts from none.
  await closeDatabase();
});
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

/** The error a real query raises against `databaseUrl`. */
async function queryError(databaseUrl: string): Promise<unknown> {
  const handle = await openDatabase({ databaseUrl });
  try {
    await handle.db.execute(sql`SELECT 1`);
  } catch (err) {
    return err;
  } finally {
    await handle.close().catch(() => {});
  }
  throw new Error(`a query against ${databaseUrl} succeeded`);
}

describe("describeDatabaseError", () => {
  it("says it cannot reach an unreachable PostgreSQL, naming host and port but not the password", async () => {
    const databaseUrl = "postgres://postgres:s3cret-pw@127.0.0.1:1/x";
    const message = describeDatabaseError(await queryError(databaseUrl), { databaseUrl, dataDir: ".data" });
    expect(message).toMatch(/^Cannot reach PostgreSQL at 127\.0\.0\.1:1\/x \(ECONNREFUSED\)/);
    expect(message).toContain("DATABASE_URL");
    expect(message).not.toContain("s3cret-pw");
  });

  it("names a missing database (3D000) and how to create it", () => {
    // The shape drizzle gives a driver error: the PostgreSQL error is the cause.
    const err = new Error("Failed query: SELECT 1", { cause: Object.assign(new Error('database "nope" does not exist'), { code: "3D000" }) });
    const message = describeDatabaseError(err, { databaseUrl: "postgres://accord@db.internal:6543/nope", dataDir: ".data" });
    expect(message).toBe("The database in DATABASE_URL does not exist (db.internal:6543/nope). Create it first, e.g. createdb nope.");
  });

  it.runIf(testEngine === "postgres")("names a missing database reported by a real PostgreSQL", async () => {
    const url = new URL(serverUrl!);
    url.pathname = `/accord_missing_${randomBytes(4).toString("hex")}`;
    const databaseUrl = url.toString();
    const message = describeDatabaseError(await queryError(databaseUrl), { databaseUrl, dataDir: ".data" });
    expect(message).toContain("does not exist");
    expect(message).toContain(`${url.hostname}:${url.port || "5432"}${url.pathname}`);
  });

  it("names refused credentials", () => {
    const err = Object.assign(new Error("password authentication failed"), { code: "28P01" });
    expect(describeDatabaseError(err, { databaseUrl: "postgres://accord:pw@10.0.0.5/accord", dataDir: ".data" })).toBe(
      "PostgreSQL refused the credentials in DATABASE_URL (10.0.0.5:5432/accord).",
    );
  });

  it("names the embedded database's directory when there is no DATABASE_URL", () => {
    expect(describeDatabaseError(new Error("disk full"), { databaseUrl: undefined, dataDir: "/srv/accord" })).toBe(
      "Cannot open the embedded database in /srv/accord/pglite: disk full",
    );
  });
});

describe("prepareDatabase", () => {
  it("fails start-up with a StartupError that says it cannot reach PostgreSQL", async () => {
    const e = parseEnv({ DATABASE_URL: "postgres://postgres@127.0.0.1:1/accord" });
    const failure = await prepareDatabase(e).then(
      () => null,
      (err: unknown) => err,
    );
    expect(failure).toBeInstanceOf(StartupError);
    expect((failure as StartupError).message).toMatch(/^Cannot reach PostgreSQL at 127\.0\.0\.1:1\/accord/);
  });

  it("migrates and seeds the embedded default once", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "accord-prepare-"));
    dirs.push(dataDir);
    const e = parseEnv({ ACCORD_DATA_DIR: dataDir });
    expect(e.isDemo).toBe(true);

    const first = await prepareDatabase(e);
    expect(first.seeded).toBe(true);
    const [seeded] = await first.handle.db.select({ n: count() }).from(users);
    expect(Number(seeded!.n)).toBe(9);

    const second = await prepareDatabase(e);
    expect(second.seeded).toBe(false);
    const [again] = await second.handle.db.select({ n: count() }).from(users);
    expect(Number(again!.n)).toBe(9);
  });

  it("does not seed when the demo is off", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "accord-prepare-"));
    dirs.push(dataDir);
    const { handle, seeded } = await prepareDatabase(parseEnv({ ACCORD_DATA_DIR: dataDir, ACCORD_DEMO: "false" }));
    expect(seeded).toBe(false);
    const [row] = await handle.db.select({ n: count() }).from(users);
    expect(Number(row!.n)).toBe(0);
  });
});
