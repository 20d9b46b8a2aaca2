/**
 * The in-process fan-out of "this board changed": every board mutation signals it once its
 * transaction has committed, and every open event stream of the board (GET
 * /api/v1/boards/{id}/events) tells its browser, which refetches the board through the API as
 * its own viewer. The signal carries no content, only the board's id, so nothing a viewer may not
 * read ever travels on it. Next.js bundles lib/ apart from server.ts, so the registry lives on a
 * global symbol (as lib/collab/comments-signal.ts does) for both halves of the process to share.
 * With several instances (REDIS_URL) the collaboration server passes each signal on to the
 * others through its signal channel (lib/collab/collab-signal-bus.ts), where it reaches their
 * viewers as a local signal.
 */
const KEY = Symbol.for("accord.boards.boardChanged");
const RELAY = Symbol.for("accord.boards.relay");

type Listener = () => void;
type Registry = { [KEY]?: Map<string, Set<Listener>>; [RELAY]?: (boardId: string) => void };

function listeners(): Map<string, Set<Listener>> {
  const registry = globalThis as Registry;
  registry[KEY] ??= new Map();
  return registry[KEY];
}

/** Tells every open stream of the board, here and on the other instances, that it changed; never throws (the change is committed). */
export function signalBoardChanged(boardId: string): void {
  notifyBoardListeners(boardId);
  try {
    (globalThis as Registry)[RELAY]?.(boardId);
  } catch (err) {
    console.error("[boards] could not pass a board change to the other instances", err);
  }
}

/** Tells this process's open streams of the board (a change relayed from another instance). */
export function notifyBoardListeners(boardId: string): void {
  for (const listener of [...(listeners().get(boardId) ?? [])]) {
    try {
      listener();
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
export function onBoardChangedRelay(relay: ((boardId: string) => void) | undefined): void {
  (globalThis as Registry)[RELAY] = relay;
}
