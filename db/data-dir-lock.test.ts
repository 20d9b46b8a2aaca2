/** The embedded database refuses a second live process and takes over a dead one's lock. */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DataDirInUseError, openDatabase } from "./client";

const dirs: string[] = [];
function tempDataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "accord-lock-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe("embedded database lock", () => {
  it("refuses to open a data directory held by another live process", async () => {
    const dataDir = tempDataDir();
    const holder = spawn("sleep", ["30"]);
    try {
      fs.writeFileSync(path.join(dataDir, "accord.lock"), String(holder.pid));
      await expect(openDatabase({ dataDir })).rejects.toBeInstanceOf(DataDirInUseError);
      await expect(openDatabase({ dataDir })).rejects.toThrow(`pid ${holder.pid}`);
    } finally {
      holder.kill();
    }
  });

  it("takes over the lock of a process that died, and releases it on close", async () => {
    const dataDir = tempDataDir();
    const dead = spawnSync("true");
    fs.writeFileSync(path.join(dataDir, "accord.lock"), String(dead.pid));
    const handle = await openDatabase({ dataDir });
    expect(fs.readFileSync(path.join(dataDir, "accord.lock"), "utf8")).toBe(String(process.pid));
    await handle.close();
    expect(fs.existsSync(path.join(dataDir, "accord.lock"))).toBe(false);
  });
});
