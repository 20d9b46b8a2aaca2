/**
 * The health check reports whether the process's database answers, and reveals nothing of the
 * configuration when it does not. It reads the process configuration, so this file sets it.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { closeDatabase } from "@/db/client";
import { ACCORD_VERSION } from "../env";

let dataDir: string;

beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "accord-health-"));
  // An empty DATABASE_URL means unset: the embedded database, whichever engine the suite runs on.
  vi.stubEnv("DATABASE_URL", "");
  vi.stubEnv("ACCORD_DATA_DIR", dataDir);
});
afterAll(async () => {
  await closeDatabase();
  vi.unstubAllEnvs();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("checkHealth", () => {
  it("reports ok with the database kind, its version and the query's latency", async () => {
    const { checkHealth } = await import("./check-health");
    const health = await checkHealth();
    expect(health).toMatchObject({ status: "ok", version: ACCORD_VERSION, database: { kind: "pglite", ok: true } });
    expect(health.database.serverVersion).toMatch(/^\d+\.\d+/);
    expect(health.database.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it("reports an error, and nothing of the configuration, when the database cannot be reached", async () => {
    await closeDatabase();
    vi.resetModules();
    vi.stubEnv("DATABASE_URL", "postgres://accord:s3cret-pw@127.0.0.1:1/accord");
    const { checkHealth } = await import("./check-health");
    const health = await checkHealth();
    expect(health).toEqual({ status: "error", version: ACCORD_VERSION, database: { kind: "unknown", ok: false } });
    const text = JSON.stringify(health);
    expect(text).not.toContain("127.0.0.1");
    expect(text).not.toContain("s3cret-pw");
  });
});
