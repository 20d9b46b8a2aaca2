/**
 * A nudge from an operation that may have made items due (a retention event raised, a label
 * applied to a space's content, a label's period shortened, a review extended to today) to the
 * job queue, so the retention sweep runs within seconds instead of at the next scheduled run
 * (ACCORD_RETENTION_SWEEP_SECONDS, an hour by default): a records manager who raises "case
 * closed" six years back sees the items reach the review queue while she waits, as in Purview's
 * "disposal pending". Next.js bundles lib/ separately from server.ts, so the two halves of the
 * process share the sender through a global symbol rather than a module (as access-signal.ts
 * does). Where no job queue runs (tests, scripts) the nudge does nothing: the schedule stays the
 * guarantee, and the sweep itself decides what is due.
 */
const KEY = Symbol.for("accord.jobs.requestRetentionSweep");

type Registry = { [KEY]?: () => Promise<unknown> };

/** Asks the job queue of this process (if one runs) for a retention sweep soon; never throws. */
export function requestRetentionSweep(): void {
  const send = (globalThis as Registry)[KEY];
  if (!send) return;
  send().catch((err: unknown) => console.error("[jobs] could not queue a retention sweep", err));
}

/** Registers the job queue's sender (one per process); undefined removes it. */
export function onRetentionSweepRequested(send: (() => Promise<unknown>) | undefined): void {
  (globalThis as Registry)[KEY] = send;
}
