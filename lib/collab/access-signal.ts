/**
 * A nudge from an operation that may have taken access away (a member removed, an agreement
 * suspended, a marking raised) to the collaboration server, so open sockets are re-checked at once
 * instead of at the next periodic check. Next.js bundles lib/ separately from server.ts, so the
 * two halves of the process share the listener through a global symbol rather than a module.
 * The periodic re-check stays the guarantee; this only makes it sooner.
 */
const KEY = Symbol.for("accord.collab.accessChanged");

type Registry = { [KEY]?: () => void };

/** Asks the collaboration server (if one runs in this process) to re-check open connections now. */
export function signalAccessChanged(): void {
  (globalThis as Registry)[KEY]?.();
}

/** Registers the collaboration server's re-check (one per process). */
export function onAccessChanged(listener: (() => void) | undefined): void {
  (globalThis as Registry)[KEY] = listener;
}
