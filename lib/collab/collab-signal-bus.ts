/**
 * Signals between the collaboration servers of several instances (with REDIS_URL). Two kinds:
 *  - "access": an operation here may have taken access away; the sockets it should close may be
 *    open on another instance, so every instance re-checks its own (access-signal.ts);
 *  - "comments": a document's comments changed; instances with the document open tell their
 *    connections to refetch (comments-signal.ts). The Hocuspocus Redis extension relays a
 *    document's broadcasts only from an instance that has the document open itself, so the
 *    instance where the comment was made may have nobody to broadcast to;
 *  - "board": a tasking board changed (one card of it, its briefings, or the board itself);
 *    instances tell their open board streams, which act on it as their viewers
 *    (lib/boards/board-events.ts).
 * A message carries nothing but its kind, ids and the sender's id (so an instance ignores its own): receivers read everything else from the database as themselves, and a
 * message that does not parse is dropped.
 */
import { randomUUID } from "node:crypto";
import { Redis as IORedis, type RedisOptions } from "ioredis";
import type { BoardChange } from "../boards/board-events";

/** What one instance tells the others. */
export type CollabSignal = { kind: "access" } | { kind: "comments"; documentId: string } | { kind: "board"; boardId: string; change: BoardChange };

/** Publishes and receives these signals between instances. */
export type CollabSignalBus = {
  publish(signal: CollabSignal): void;
  /** Calls `listener` for every signal another instance publishes. */
  subscribe(listener: (signal: CollabSignal) => void): void;
  close(): Promise<void>;
};

const CHANNEL = "collab-signals";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The signal in a message from another instance, or null (its own, or anything malformed). */
export function parseSignal(message: string, self: string): CollabSignal | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(message);
  } catch {
    return null;
  }
  if (typeof parsed !== "object" || parsed === null) return null;
  const { from, kind, documentId, boardId, change } = parsed as Record<string, unknown>;
  if (typeof from !== "string" || from === self) return null;
  if (kind === "access") return { kind };
  if (kind === "comments" && typeof documentId === "string" && UUID.test(documentId)) return { kind, documentId };
  if (kind === "board" && typeof boardId === "string" && UUID.test(boardId)) {
    const parsedChange = parseBoardChange(change);
    return parsedChange ? { kind, boardId, change: parsedChange } : null;
  }
  return null;
}

/** A board change from a message, or null when it is not one of the three shapes. */
function parseBoardChange(change: unknown): BoardChange | null {
  if (typeof change !== "object" || change === null) return null;
  const { type, cardId, isMoveOnly } = change as Record<string, unknown>;
  if (type === "board" || type === "briefings") return { type };
  if (type === "card" && typeof cardId === "string" && UUID.test(cardId)) return isMoveOnly === true ? { type, cardId, isMoveOnly } : { type, cardId };
  return null;
}

/** A bus over Redis pub/sub; `prefix` namespaces the channel (one per deployment). */
export function createRedisCollabSignalBus(options: RedisOptions & { prefix?: string }): CollabSignalBus {
  const { prefix = "accord", ...redisOptions } = options;
  const channel = `${prefix}:${CHANNEL}`;
  const self = randomUUID();
  // Pub/sub needs its own connection: a subscribed client can do nothing else.
  const publisher = new IORedis({ ...redisOptions, maxRetriesPerRequest: 3 });
  const subscriber = new IORedis(redisOptions);
  const listeners: ((signal: CollabSignal) => void)[] = [];
  // A Redis outage must not take Accord down: each instance's safety-net re-check still runs,
  // and a panel that misses a comment nudge catches up on its next reconnect.
  publisher.on("error", (err: Error) => console.error("[collab] signals: publisher", err.message));
  subscriber.on("error", (err: Error) => console.error("[collab] signals: subscriber", err.message));
  void subscriber.subscribe(channel).catch((err: Error) => console.error("[collab] signals: subscribe", err.message));
  subscriber.on("message", (from: string, message: string) => {
    if (from !== channel) return;
    const signal = parseSignal(message, self);
    if (signal) for (const listener of listeners) listener(signal);
  });
  return {
    publish(signal) {
      void publisher.publish(channel, JSON.stringify({ ...signal, from: self })).catch((err: Error) => console.error("[collab] signals: publish", err.message));
    },
    subscribe(listener) {
      listeners.push(listener);
    },
    async close() {
      publisher.disconnect();
      subscriber.disconnect();
    },
  };
}

/** Redis connection options for a redis:// or rediss:// URL. */
export function redisOptionsFromUrl(redisUrl: string): RedisOptions {
  const url = new URL(redisUrl);
  return {
    host: url.hostname,
    port: Number(url.port || 6379),
    username: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : undefined,
    tls: url.protocol === "rediss:" ? {} : undefined,
  };
}
