// SharePoint-style resource-unit throttling (a token bucket per app) and the bookkeeping of
// Retry-After windows, so tests can prove a client never calls back inside one.
//
// RU cost table (our choice, modelled on SharePoint's published weights):
//   GET (items, children, delta, sites, drives, labels, upload-session status) ... 1
//   POST / PUT / PATCH / DELETE (incl. simple upload, createUploadSession) ...... 2
//   PUT of an upload fragment to an uploadUrl ................................... 2
//   anything under /permissions or /invite (any method) ......................... 5
//   $batch envelope 0 (each inner request pays its own cost); token endpoint, download URLs 0

/** RU cost of one request (see the table above). */
export function ruCost(method: string, path: string, kind: "graph" | "upload" | "download" | "token" | "batch"): number {
  if (kind === "token" || kind === "download" || kind === "batch") return 0;
  if (kind === "upload") return method === "GET" ? 1 : 2;
  if (/\/(permissions|invite)(\/|$)/.test(path)) return 5;
  return method === "GET" || method === "HEAD" ? 1 : 2;
}

export type ThrottleVerdict = { throttled: false; headers: Record<string, string> } | { throttled: true; retryAfter: number; headers: Record<string, string> };

/** Token buckets per app plus the Retry-After windows handed to each app. */
export class Throttle {
  private buckets = new Map<string, { tokens: number; at: number }>();
  private windows = new Map<string, number>();

  constructor(
    private readonly config: { perWindow: number; windowSeconds: number } | null,
    private readonly now: () => number,
  ) {}

  /** True when the app calls inside a Retry-After window we gave it. */
  insideWindow(app: string | null): boolean {
    if (!app) return false;
    const until = this.windows.get(app);
    return until !== undefined && this.now() < until;
  }

  /** Remembers that `app` was told to wait `seconds`. */
  noteRetryAfter(app: string | null, seconds: number): void {
    if (!app) return;
    const until = this.now() + seconds * 1000;
    this.windows.set(app, Math.max(until, this.windows.get(app) ?? 0));
  }

  /** Charges `cost` RU to the app; throttled requests are charged too (as SharePoint does). */
  charge(app: string | null, cost: number): ThrottleVerdict {
    if (!this.config || !app || cost === 0) return { throttled: false, headers: {} };
    const { perWindow, windowSeconds } = this.config;
    const rate = perWindow / windowSeconds; // RU per second
    const t = this.now();
    const b = this.buckets.get(app) ?? { tokens: perWindow, at: t };
    b.tokens = Math.min(perWindow, b.tokens + ((t - b.at) / 1000) * rate);
    b.at = t;
    const allowed = b.tokens >= cost;
    // Floor the debt at one window so a hammering client is not locked out forever.
    b.tokens = Math.max(-perWindow, b.tokens - cost);
    this.buckets.set(app, b);
    const remaining = Math.max(0, Math.floor(b.tokens));
    const reset = Math.max(1, Math.ceil((perWindow - b.tokens) / rate));
    const headers: Record<string, string> = { "RateLimit-Limit": String(perWindow), "RateLimit-Remaining": String(remaining), "RateLimit-Reset": String(reset) };
    if (allowed) return { throttled: false, headers };
    const retryAfter = Math.max(1, Math.ceil((cost - b.tokens) / rate));
    return { throttled: true, retryAfter, headers: { ...headers, "Retry-After": String(retryAfter) } };
  }
}
