/**
 * Kill -9 during editing (security.md "Faults"; README "Co-editing"): edits the server has
 * acknowledged are stored at most MAX_DEBOUNCE after they were made, so after a crash and restart
 * the document holds every edit acknowledged longer ago than that window. The collaboration server
 * runs in its own process (testing/collab-process.ts) on a real database on disk (PGlite) or
 * PostgreSQL, and is killed with SIGKILL: no shutdown hook runs.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { afterAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import * as Y from "yjs";
import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import { CONTENT_FIELD } from "./yjs-content";

// Tests may read the environment: they configure the process, they are not the app.
const databaseUrl = process.env.DATABASE_URL || undefined;
const root = path.resolve(import.meta.dirname, "..", "..");
const MAX_DEBOUNCE_MS = 1_000;

class BrowserLikeSocket extends WebSocket {
  constructor(address: string, protocols?: string | string[]) {
    super(address, protocols, { headers: { origin: "http://accord.test" } });
  }
}

type Started = { child: ChildProcess; url: string; documentId: string; token: string };

function startProcess(env: Record<string, string>): Promise<Started> {
  // `node --import tsx`, not the tsx binary: that would run the server in a grandchild, which
  // SIGKILL on the child would not reach.
  const child = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "testing", "collab-process.ts")], {
    cwd: root,
    env: { NODE_ENV: "test", PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", COLLAB_TEST_MAX_DEBOUNCE_MS: String(MAX_DEBOUNCE_MS), COLLAB_TEST_DEBOUNCE_MS: "200", ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! });
    const timer = setTimeout(() => reject(new Error("collab process did not start")), 60_000);
    lines.on("line", (line) => {
      if (!line.startsWith("{")) return;
      clearTimeout(timer);
      resolve({ child, ...(JSON.parse(line) as Omit<Started, "child">) });
    });
    child.once("exit", (code) => reject(new Error(`collab process exited with ${code}`)));
  });
}

function open(started: Started): { provider: HocuspocusProvider; doc: Y.Doc; close(): void } {
  const doc = new Y.Doc();
  const socket = new HocuspocusProviderWebsocket({ url: started.url, WebSocketPolyfill: BrowserLikeSocket, maxAttempts: 1 });
  const provider = new HocuspocusProvider({ websocketProvider: socket, name: started.documentId, document: doc, token: started.token });
  provider.attach();
  return {
    provider,
    doc,
    close: () => {
      provider.destroy();
      socket.destroy();
    },
  };
}

async function until(condition: () => boolean, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function append(doc: Y.Doc, text: string): void {
  const p = new Y.XmlElement("paragraph");
  p.insert(0, [new Y.XmlText(text)]);
  const fragment = doc.getXmlFragment(CONTENT_FIELD);
  fragment.insert(fragment.length, [p]);
}

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

describe("a crash while editing", () => {
  it("loses no edit acknowledged more than the store window before kill -9", async () => {
    const secret = randomBytes(24).toString("base64url");
    const env: Record<string, string> = { COLLAB_TEST_SECRET: secret };
    if (databaseUrl) {
      const { default: postgres } = await import("postgres");
      const name = `accord_crash_${randomBytes(5).toString("hex")}`;
      const admin = postgres(databaseUrl, { max: 1, onnotice: () => {} });
      await admin.unsafe(`CREATE DATABASE "${name}"`);
      const url = new URL(databaseUrl);
      url.pathname = `/${name}`;
      env.COLLAB_TEST_DATABASE_URL = url.toString();
      cleanups.push(async () => {
        await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await admin.end({ timeout: 5 });
      });
    } else {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "accord-crash-"));
      env.COLLAB_TEST_DATA_DIR = dir;
      cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    }

    const first = await startProcess(env);
    cleanups.push(() => void first.child.kill("SIGKILL"));
    const editor = open(first);
    await until(() => editor.provider.isSynced, "sync");

    // Edits the server acknowledges (no unsynced changes left), then longer than the window.
    const settled: string[] = [];
    for (let i = 1; i <= 5; i++) {
      const line = `settled edit ${i}`;
      append(editor.doc, line);
      await until(() => !editor.provider.hasUnsyncedChanges, `acknowledgement of ${line}`);
      settled.push(line);
      await new Promise((r) => setTimeout(r, 50));
    }
    await new Promise((r) => setTimeout(r, MAX_DEBOUNCE_MS + 700));
    // Edits inside the window, then the crash: these may or may not survive (documented).
    append(editor.doc, "edit inside the window");
    await until(() => !editor.provider.hasUnsyncedChanges, "acknowledgement of the last edit");
    first.child.kill("SIGKILL");
    await new Promise((r) => first.child.once("exit", r));
    editor.close();

    const second = await startProcess(env);
    cleanups.push(() => void second.child.kill("SIGKILL"));
    const reader = open(second);
    try {
      await until(() => reader.provider.isSynced, "sync after restart", 30_000);
      const text = reader.doc.getXmlFragment(CONTENT_FIELD).toString();
      for (const line of settled) expect(text, line).toContain(line);
    } finally {
      reader.close();
      second.child.kill("SIGKILL");
    }
  }, 120_000);
});
