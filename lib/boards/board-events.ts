/**
 * The in-process fan-out of "this board changed": every board mutation signals it once its
 * transaction has committed, and every open event stream of the board (GET
 * /api/v1/boards/{id}/events) acts on it for its own viewer (lib/boards/board-event-stream.ts):
 * a changed card is read once and sent to each viewer who may read it, permission-trimmed for
 * them; anything else makes the page refetch through the API. The signal carries ids only (the
 * board, and the card or "briefings" that changed), never content, so nothing a viewer may not
 * read travels on it. Next.js bundles lib/ apart from server.ts, so the registry lives on a
 * global symbol (as lib/collab/comments-signal.ts does) for both halves of the process to share.
 * With several instances (REDIS_URL) the collaboration server passes each signal on to the
 * others through its signal channel (lib/collab/collab-signal-bus.ts), where it reaches their
 * viewers as a local signal.
 */
const KEY = Symbol.for("accord.boards.boardChanged");
const RELAY = Symbol.for("accord.boards.relay");
const SEQUENCE = Symbol.for("accord.boards.sequence");

/**
 * What changed: one card (created, edited, moved, re-marked, completed or deleted; `isMoveOnly`
 * when only its column and place changed), the board's briefings, or the board itself (its title
 * or columns, or many cards at once).
 */
export type BoardChange = { type: "board" } | { type: "card"; cardId: string; isMoveOnly?: boolean } | { type: "briefings" };

/** A change as listeners receive it, numbered so that everyone told of one change can share one read of it. */
export type BoardSignal = BoardChange & { sequence: number };

type Listener = (signal: BoardSignal) => void;
type Registry = { [KEY]?: Map<string, Set<Listener>>; [RELAY]?: (boardId: string, change: BoardChange) => void; [SEQUENCE]?: number };

function listeners(): Map<string, Set<Listener>> {
  const registry = globalThis as Registry;
  registry[KEY] ??= new Map();
  return registry[KEY];
}

/** Tells every open stream of the board, here and on the other instances, what changed; never throws (the change is committed). */
export function signalBoardChanged(boardId: string, change: BoardChange = { type: "board" }): void {
  notifyBoardListeners(boardId, change);
  try {
    (globalThis as Registry)[RELAY]?.(boardId, change);
  } catch (err) {
    console.error("[boards] could not pass a board change to the other instances", err);
  }
}

/** Tells this process's open streams of the board (a change made here, or relayed from another instance). */
export function notifyBoardListeners(boardId: string, change: BoardChange = { type: "board" }): void {
  const registry = globalThis as Registry;
  registry[SEQUENCE] = (registry[SEQUENCE] ?? 0) + 1;
  const signal: BoardSignal = { ...change, sequence: registry[SEQUENCE] };
  for (const listener of [...(listeners().get(boardId) ?? [])]) {
    try {
      listener(signal);
    } catch (err) {
      // A viewer that misses the nudge catches up on its next refetch or reload.
      console.error("[boards] could not announce a board change", err);
    }
  }
}

/** Calls `listener` after each change of the board until the returned function is called. */
export function onBoardChanged(boardId: string, listener: Listener): () => void {
  const map = listeners();
  const set = map.get(boardId) ?? new Set<Listener>();
  set.add(listener);
  map.set(boardId, set);
  return () => {
    set.delete(listener);
    if (set.size === 0 && map.get(boardId) === set) map.delete(boardId);
  };
}

/** How many streams are open on the board in this process (for tests and diagnostics). */
export function boardListenerCount(boardId: string): number {
  return listeners().get(boardId)?.size ?? 0;
}

/** Registers (or, with undefined, removes) what passes board changes on to the other instances. */
export function onBoardChangedRelay(relay: ((boardId: string, change: BoardChange) => void) | undefined): void {
  (globalThis as Registry)[RELAY] = relay;
}
