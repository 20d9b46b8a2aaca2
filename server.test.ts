/**
 * Start-up refuses bad configuration and unreachable databases with a message naming what to fix,
 * and exits instead of serving half-configured. These spawn the real server process.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = import.meta.dirname;

function startServer(extraEnv: Record<string, string>) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "accord-start-"));
  const result = spawnSync(path.join(root, "node_modules", ".bin", "tsx"), ["server.ts"], {
    cwd: root,
    env: { NODE_ENV: "production", PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ACCORD_DATA_DIR: dataDir, PORT: "0", ...extraEnv },
    encoding: "utf8",
    timeout: 60_000,
  });
  fs.rmSync(dataDir, { recursive: true, force: true });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe("server start-up", () => {
  it("refuses a malformed DATABASE_URL, naming the variable", () => {
    const { status, output } = startServer({ DATABASE_URL: "mysql://nowhere" });
    expect(status).toBe(1);
    expect(output).toContain("DATABASE_URL");
    expect(output).toContain("must be a PostgreSQL URL");
  });

  it("refuses an unknown deployment ceiling and a bad timeout, naming both", () => {
    const { status, output } = startServer({ ACCORD_CEILING: "RESTRICTED", ACCORD_SESSION_IDLE_MINUTES: "soon" });
    expect(status).toBe(1);
    expect(output).toContain("ACCORD_CEILING");
    expect(output).toContain("ACCORD_SESSION_IDLE_MINUTES");
  });

  it("explains an unreachable PostgreSQL instead of crashing", () => {
    const { status, output } = startServer({ DATABASE_URL: "postgres://postgres@127.0.0.1:1/accord" });
    expect(status).toBe(1);
    expect(output).toContain("Cannot reach PostgreSQL at 127.0.0.1:1/accord");
    expect(output).not.toContain("Unexpected start-up failure");
  });
});
