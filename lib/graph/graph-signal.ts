/**
 * A nudge from an operation that queued a change for SharePoint to the job queue, so the delivery
 * runs within seconds rather than at its next poll (as sweep-signal.ts does for retention). Next.js
 * bundles lib/ apart from server.ts, so the sender is shared through a global symbol. Where no job
 * queue runs (tests, scripts) the nudge does nothing; the outbox row waits for the next delivery.
 */
const KEY = Symbol.for("accord.jobs.requestGraphDelivery");

type Registry = { [KEY]?: () => Promise<unknown> };

/** Asks this process's job queue (if one runs) to deliver the outbox soon; never throws. */
export function requestGraphDelivery(): void {
  const send = (globalThis as Registry)[KEY];
  if (!send) return;
  send().catch((err: unknown) => console.error("[jobs] could not queue a SharePoint delivery", err));
}

/** Registers the job queue's sender (one per process); undefined removes it. */
export function onGraphDeliveryRequested(send: (() => Promise<unknown>) | undefined): void {
  (globalThis as Registry)[KEY] = send;
}
