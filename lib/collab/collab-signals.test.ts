/**
 * Access changes reach open sockets without waiting for the safety-net re-check (30 s by
 * default, an hour here): an operation's signal re-checks its own process at once, and with
 * Redis the signal crosses to the other instances, whose sockets are re-checked too. Each access
 * test removes Alex from Operation Kestrel behind an open connection and never calls
 * recheckAll(). A comment change made on an instance where nobody has the document open reaches
 * the pages open on another instance the same way.
 */
import { afterEach, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import * as t from "@/db/schema";
import { openSeededDatabaseForFile, type SeededScenario } from "@/db/factories";
import { CLOSE_REASONS } from "./collab-server";
import { signalAccessChanged } from "./access-signal";
import { signalCommentsChanged } from "./comments-signal";
import { onBoardChanged, signalBoardChanged } from "../boards/board-events";
import { randomUUID } from "node:crypto";
import { createRedisCollabSignalBus, parseSignal } from "./collab-signal-bus";
import { collabTokenFor, connectCollabClient, isLocalRedisUp, startCollabTestServer, synced, until, type CollabTestClient, type StartedCollabServer } from "./testing/collab-harness";

let db: Db;
let s: SeededScenario;
openSeededDatabaseForFile((opened) => {
  db = opened.db;
  s = opened.scenario;
});

const isRedisUp = await isLocalRedisUp();

const started: StartedCollabServer[] = [];
const clients: CollabTestClient[] = [];
let restore: (() => Promise<void>) | null = null;
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const server of started.splice(0)) await server.stop();
  await restore?.();
  restore = null;
});

/** Alex, connected to the Kestrel investigation log on `url`, then removed from the space. */
async function connectAlexThenRemoveHim(url: string): Promise<CollabTestClient> {
  const kestrel = s.spaceId("Operation Kestrel");
  const alexId = s.userId("alex.morgan@dor.example");
  const documentId = s.documentId("Investigation log");
  const alex = connectCollabClient(url, documentId, await collabTokenFor(db, alexId, documentId));
  clients.push(alex);
  await synced(alex);
  const where = and(eq(t.spaceMembers.spaceId, kestrel), eq(t.spaceMembers.userId, alexId));
  const [membership] = await db.select().from(t.spaceMembers).where(where);
  await db.delete(t.spaceMembers).where(where);
  restore = async () => {
    await db.insert(t.spaceMembers).values(membership!);
  };
  return alex;
}

/**
 * Two instances sharing a Redis signal channel of their own, with no periodic re-check in the
 * test's time. The second is created last, so it is the one this process's operations nudge.
 */
async function twoInstances(): Promise<[StartedCollabServer, StartedCollabServer]> {
  const prefix = `accord-test-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  const bus = () => createRedisCollabSignalBus({ host: "127.0.0.1", port: 6379, prefix });
  const first = await startCollabTestServer(() => db, { recheckMs: 3_600_000, signals: bus() });
  started.push(first);
  const second = await startCollabTestServer(() => db, { recheckMs: 3_600_000, signals: bus() });
  started.push(second);
  await new Promise((r) => setTimeout(r, 200)); // both subscribed
  return [first, second];
}

describe("collaboration signals", () => {
  it("re-check this process's sockets at once when an operation signals a change", async () => {
    const server = await startCollabTestServer(() => db, { recheckMs: 3_600_000 });
    started.push(server);
    const alex = await connectAlexThenRemoveHim(server.url);
    // Nothing re-checks by itself within the test's time: without the signal he stays connected.
    await new Promise((r) => setTimeout(r, 300));
    expect(alex.events.closed).toEqual([]);
    signalAccessChanged();
    await until(() => alex.events.closed.includes(CLOSE_REASONS.revoked), "Alex's connection to close", 3_000);
  });

  it.skipIf(!isRedisUp)("cross to the other instances through Redis and close the socket there", async () => {
    // Alex is on the first instance; the signal is raised in the second.
    const [first] = await twoInstances();
    const alex = await connectAlexThenRemoveHim(first.url);
    signalAccessChanged();
    await until(() => alex.events.closed.includes(CLOSE_REASONS.revoked), "Alex's connection on the other instance to close", 3_000);
  });

  it.skipIf(!isRedisUp)("tell the pages open on another instance that a document's comments changed", async () => {
    const [first, second] = await twoInstances();
    const documentId = s.documentId("Investigation log");
    const priyaId = s.userId("priya.shah@dcp.example");
    const priya = connectCollabClient(first.url, documentId, await collabTokenFor(db, priyaId, documentId));
    clients.push(priya);
    await synced(priya);
    // The comment is made where nobody has the document open (the second instance's operations).
    expect(second.collab.hocuspocus.documents.has(documentId)).toBe(false);
    signalCommentsChanged(documentId);
    await until(() => priya.events.stateless.some((m) => JSON.parse(m).type === "comments-changed"), "Priya's page to hear of the change", 3_000);
  });

  it.skipIf(!isRedisUp)("pass a board change on to the other instances' board streams", async () => {
    await twoInstances();
    const boardId = randomUUID();
    const cardId = randomUUID();
    const heard: unknown[] = [];
    const stop = onBoardChanged(boardId, (signal) => heard.push(signal.type === "card" ? { type: signal.type, cardId: signal.cardId } : { type: signal.type }));
    try {
      // Both instances share this process's listeners: the change is heard here at once, and
      // again, the same change, when the other instance receives it from Redis and tells its own streams.
      signalBoardChanged(boardId, { type: "card", cardId });
      expect(heard).toEqual([{ type: "card", cardId }]);
      await until(() => heard.length === 2, "the board change to come back through Redis", 3_000);
      expect(heard[1]).toEqual({ type: "card", cardId });
    } finally {
      stop();
    }
  });

  it("drop messages from themselves and anything malformed", () => {
    const id = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
    expect(parseSignal(JSON.stringify({ from: "b", kind: "access" }), "a")).toEqual({ kind: "access" });
    expect(parseSignal(JSON.stringify({ from: "b", kind: "comments", documentId: id }), "a")).toEqual({ kind: "comments", documentId: id });
    expect(parseSignal(JSON.stringify({ from: "a", kind: "access" }), "a")).toBeNull();
    expect(parseSignal(JSON.stringify({ from: "b", kind: "comments", documentId: "../x" }), "a")).toBeNull();
    expect(parseSignal(JSON.stringify({ from: "b", kind: "shutdown" }), "a")).toBeNull();
    expect(parseSignal(JSON.stringify({ kind: "access" }), "a")).toBeNull();
    expect(parseSignal("not json", "a")).toBeNull();
    expect(parseSignal("null", "a")).toBeNull();
    const board = { type: "board" };
    expect(parseSignal(JSON.stringify({ from: "b", kind: "board", boardId: id, change: board }), "a")).toEqual({ kind: "board", boardId: id, change: board });
    expect(parseSignal(JSON.stringify({ from: "b", kind: "board", boardId: id, change: { type: "card", cardId: id } }), "a")).toEqual({ kind: "board", boardId: id, change: { type: "card", cardId: id } });
    expect(parseSignal(JSON.stringify({ from: "b", kind: "board", boardId: 7, change: board }), "a")).toBeNull();
    expect(parseSignal(JSON.stringify({ from: "b", kind: "board", boardId: id }), "a")).toBeNull();
    expect(parseSignal(JSON.stringify({ from: "b", kind: "board", boardId: id, change: { type: "card", cardId: "x" } }), "a")).toBeNull();
    expect(parseSignal(JSON.stringify({ from: "b", kind: "board", boardId: id, change: { type: "title", title: "leak" } }), "a")).toBeNull();
  });
});
