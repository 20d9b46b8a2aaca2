/**
 * Staying within Microsoft's limits (docs/graph-contract.md §0; SharePoint's resource units):
 * one gate per connection (tenant), shared by everything in this process that calls Graph for it
 * (the delivery job, the delta job, a "Test connection"). Two rules:
 *  - never send inside a throttle window: after a 429 or 503 with Retry-After, nothing goes to
 *    that tenant until the time has passed (Microsoft counts throttled requests too, and keeps
 *    throttling clients that do not wait);
 *  - pace to a budget: a token bucket of resource units per minute (ACCORD_GRAPH_RU_PER_MINUTE),
 *    each call costing what SharePoint charges for it, so a large sync runs just under the budget
 *    instead of into the throttle.
 * Next.js bundles lib/ apart from server.ts, so the gates live in a global registry, as the
 * collaboration signals do; the window is also kept in the database (graph_connections.throttled_until)
 * for other instances and restarts.
 */

/** SharePoint's resource-unit cost of a call: 1 for reads (and delta), 2 for writes, 5 for permissions. */
export function resourceUnits(method: string, path: string): number {
  if (/\/(permissions|invite)(\/|$)/.test(path)) return 5;
  return method.toUpperCase() === "GET" ? 1 : 2;
}

type Sleep = (ms: number) => Promise<void>;
const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** One tenant's window and budget. */
export class ThrottleGate {
  /** No request before this time (ms since the epoch). */
  throttledUntil = 0;
  private tokens: number;
  private lastRefill: number;
  private capacity: number;
  private perMs: number;
  constructor(
    ruPerMinute: number,
    private readonly now: () => number = Date.now,
    private readonly sleep: Sleep = realSleep,
  ) {
    this.capacity = ruPerMinute;
    this.perMs = ruPerMinute / 60_000;
    // Start with a tenth of a minute's budget, not a full minute: no burst at start-up that the
    // service's own window would count against us.
    this.tokens = Math.max(1, ruPerMinute / 10);
    this.lastRefill = now();
  }

  /** Changes the budget (the setting changed); keeps the window. */
  setBudget(ruPerMinute: number): void {
    if (ruPerMinute === this.capacity) return;
    this.refill();
    this.capacity = ruPerMinute;
    this.perMs = ruPerMinute / 60_000;
    this.tokens = Math.min(this.tokens, ruPerMinute);
  }

  private refill(): void {
    const t = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + (t - this.lastRefill) * this.perMs);
    this.lastRefill = t;
  }

  /** Milliseconds until a call of `cost` may go (0: now). */
  waitFor(cost: number): number {
    const t = this.now();
    if (t < this.throttledUntil) return this.throttledUntil - t;
    this.refill();
    const need = Math.min(cost, this.capacity);
    return this.tokens >= need ? 0 : Math.ceil((need - this.tokens) / this.perMs);
  }

  /** Waits until a call of `cost` may go, then takes its units. */
  async acquire(cost: number): Promise<void> {
    for (;;) {
      const wait = this.waitFor(cost);
      if (wait <= 0) break;
      await this.sleep(wait);
    }
    this.tokens -= Math.min(cost, this.capacity);
  }

  /** Opens a window of `seconds` (from a Retry-After): nothing is sent until it has passed. */
  throttle(seconds: number): void {
    // A little past the window: clocks differ and Graph counts from its own receipt of the answer.
    this.throttledUntil = Math.max(this.throttledUntil, this.now() + seconds * 1000 + 50);
  }
}

const REGISTRY = Symbol.for("accord.graph.gates");
type Registry = { [REGISTRY]?: Map<string, ThrottleGate> };

/** This process's gate for one connection (made on first use). */
export function gateFor(agencyId: string, ruPerMinute: number): ThrottleGate {
  const registry = globalThis as Registry;
  const gates = (registry[REGISTRY] ??= new Map());
  let gate = gates.get(agencyId);
  if (!gate) gates.set(agencyId, (gate = new ThrottleGate(ruPerMinute)));
  else gate.setBudget(ruPerMinute);
  return gate;
}

/** Forgets every gate (tests). */
export function resetGates(): void {
  (globalThis as Registry)[REGISTRY]?.clear();
}
