/**
 * A nudge from an operation that may have taken access away (a member removed, an agreement
 * suspended, a marking raised) to what holds connections open as someone: the collaboration
 * server, so open sockets are re-checked at once instead of at the next periodic check, and
 * each open board feed (lib/boards/board-event-stream.ts), which rebuilds its viewer's ability.
 * Next.js bundles lib/ separately from server.ts, so the two halves of the process share the
 * listeners through a global symbol rather than a module. The periodic re-checks stay the
 * guarantee; this only makes them sooner.
 */
const KEY = Symbol.for("accord.collab.accessChanged");
const WATCHERS = Symbol.for("accord.collab.accessWatchers");

type Registry = { [KEY]?: () => void; [WATCHERS]?: Set<() => void> };

function watchers(): Set<() => void> {
  const registry = globalThis as Registry;
  registry[WATCHERS] ??= new Set();
  return registry[WATCHERS];
}

/** Asks the collaboration server (if one runs in this process) and every open feed here to re-check now. */
export function signalAccessChanged(): void {
  (globalThis as Registry)[KEY]?.();
  notifyAccessWatchers();
}

/** Registers the collaboration server's re-check (one per process). */
export function onAccessChanged(listener: (() => void) | undefined): void {
  (globalThis as Registry)[KEY] = listener;
}

/** Tells this process's open feeds that access may have changed (a change here, or one relayed from another instance). */
export function notifyAccessWatchers(): void {
  for (const watcher of [...watchers()]) {
    try {
      watcher();
    } catch (err) {
      console.error("[access] a watcher failed to re-check", err);
    }
  }
}

/** Calls `watcher` whenever access may have changed, until the returned function is called. */
export function watchAccessChanges(watcher: () => void): () => void {
  watchers().add(watcher);
  return () => {
    watchers().delete(watcher);
  };
}
