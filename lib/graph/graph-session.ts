/**
 * Calling Microsoft Graph for one agency's connection: an app token from Entra ID by
 * `@azure/msal-node` client credentials (one ConfidentialClientApplication per connection per
 * process, so MSAL's token cache is used), and every call through `@microsoft/microsoft-graph-client`
 * with a middleware chain of our own: the SDK's AuthenticationHandler (which sends the token only to
 * Graph hosts, never to upload URLs), a recorder, and the SDK's HTTPMessageHandler. The SDK's
 * RetryHandler is left out on purpose: retries here go through the connection's throttle gate
 * (throttle-gate.ts), so no retry is ever sent inside a Retry-After window, and each attempt is
 * recorded with its request-id and the person whose change caused it (SharePoint attributes
 * every call to the app, so this log is the only place the human actor is kept).
 */
import { randomUUID } from "node:crypto";
import { ConfidentialClientApplication, LogLevel } from "@azure/msal-node";
import { AuthenticationHandler, Client, HTTPMessageHandler, ResponseType, type Context, type Middleware } from "@microsoft/microsoft-graph-client";
import { graphSettings } from "./graph-settings";
import { GraphCallError, isTransient, parseGraphErrorBody, retryAfterSeconds } from "./graph-errors";
import { gateFor, resourceUnits, type ThrottleGate } from "./throttle-gate";

/** What a session needs of a connection (its secret already opened). */
export type GraphConnectionConfig = {
  agencyId: string;
  tenantId: string;
  clientId: string;
  authKind: "secret" | "certificate";
  /** The client secret, or the certificate's private key (PEM). */
  secret: string;
  certificateThumbprint: string | null;
  /** For a fresh CCA when the connection changes. */
  version: string;
  /** The persisted throttle window, if any. */
  throttledUntil?: Date | null;
};

/** One Graph call's record (graph_calls). */
export type GraphCallRecord = {
  method: string;
  path: string;
  status: number;
  requestId: string | null;
  clientRequestId: string;
  errorCode: string | null;
  bytes: number;
  durationMs: number;
  at: Date;
};

export type GraphRequest = {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** A Graph path ("/drives/…", relative to /v1.0) or an absolute URL (nextLink, deltaLink, uploadUrl). */
  url: string;
  headers?: Record<string, string>;
  /** JSON (sent as application/json) or bytes (application/octet-stream). */
  body?: unknown;
  /** Retry throttling and transient failures (default true); uploads of a fragment retry themselves. */
  retry?: boolean;
  /** The answer is bytes (a download), not JSON. */
  binary?: boolean;
};

export type GraphResponse<T = unknown> = { status: number; headers: Headers; body: T; requestId: string | null };

/** Longest Retry-After waited for in place; longer, the call fails and its work is rescheduled for after the window. */
const MAX_WAIT_IN_PLACE_MS = 30_000;
const MAX_ATTEMPTS = 6;

const CCAS = Symbol.for("accord.graph.ccas");
type Registry = { [CCAS]?: Map<string, { version: string; cca: ConfidentialClientApplication }> };

function ccaFor(config: GraphConnectionConfig): ConfidentialClientApplication {
  const registry = globalThis as Registry;
  const ccas = (registry[CCAS] ??= new Map());
  const known = ccas.get(config.agencyId);
  if (known && known.version === config.version) return known.cca;
  const { loginUrl } = graphSettings();
  const host = new URL(loginUrl).host;
  const cca = new ConfidentialClientApplication({
    auth: {
      clientId: config.clientId,
      authority: `${loginUrl}/${config.tenantId}`,
      // Microsoft's own login host is known to MSAL; any other (the stand-in, a sovereign cloud) is named.
      knownAuthorities: host === "login.microsoftonline.com" ? [] : [host],
      ...(config.authKind === "secret"
        ? { clientSecret: config.secret }
        : { clientCertificate: { thumbprintSha256: config.certificateThumbprint ?? "", privateKey: config.secret } }),
    },
    // Never log tokens or personal data.
    system: { loggerOptions: { piiLoggingEnabled: false, logLevel: LogLevel.Error, loggerCallback: () => {} } },
  });
  ccas.set(config.agencyId, { version: config.version, cca });
  return cca;
}

/** Turns MSAL's failure into a GraphCallError (status 401, with Entra ID's codes). */
function tokenError(err: unknown): GraphCallError {
  const e = err as { errorCode?: string; errorMessage?: string; message?: string; subError?: string; correlationId?: string };
  const message = e.errorMessage ?? e.message ?? "Entra ID refused the token request";
  const codes = [e.errorCode ?? "token_error", ...(/AADSTS\d+/.exec(message) ?? [])];
  return new GraphCallError(message, { status: 401, codes, requestId: e.correlationId ?? null });
}

/** A path fit for the log: no query string (upload URLs and delta tokens carry credentials). */
function loggedPath(url: string): string {
  try {
    const u = new URL(url);
    // Upload URLs are opaque and pre-authorized: keep only that it was one.
    return /upload/i.test(u.pathname) && !u.pathname.includes("/v1.0/") ? "(upload URL)" : u.pathname.replace(/^\/v1\.0/, "");
  } catch {
    return url.split("?")[0] ?? url;
  }
}

/** Records each attempt as it leaves and returns (a middleware between authentication and transport). */
class RecordingHandler implements Middleware {
  private next: Middleware | undefined;
  constructor(private readonly onCall: (record: GraphCallRecord) => void) {}
  setNext(next: Middleware): void {
    this.next = next;
  }
  async execute(context: Context): Promise<void> {
    const url = typeof context.request === "string" ? context.request : context.request.url;
    const headers = (context.options?.headers ?? {}) as Record<string, string>;
    const clientRequestId = headers["client-request-id"] ?? randomUUID();
    headers["client-request-id"] = clientRequestId;
    if (context.options) context.options.headers = headers;
    const started = Date.now();
    const body = context.options?.body;
    const bytes = body instanceof Uint8Array ? body.byteLength : typeof body === "string" ? Buffer.byteLength(body) : 0;
    const base = { method: (context.options?.method ?? "GET").toUpperCase(), path: loggedPath(url), clientRequestId, bytes, at: new Date(started) };
    try {
      await this.next!.execute(context);
    } catch (err) {
      this.onCall({ ...base, status: 0, requestId: null, errorCode: "network", durationMs: Date.now() - started });
      throw err;
    }
    const response = context.response!;
    this.onCall({ ...base, status: response.status, requestId: response.headers.get("request-id"), errorCode: null, durationMs: Date.now() - started });
  }
}

type Sleep = (ms: number) => Promise<void>;

/** A connection's Graph calls, with the record of each. */
export class GraphSession {
  readonly calls: GraphCallRecord[] = [];
  readonly gate: ThrottleGate;
  private readonly client: Client;
  private readonly base: string;
  /** Called when a Retry-After opens a window (the caller persists it for other instances). */
  onThrottle: ((until: Date) => void) | undefined;
  private tokenFailure: GraphCallError | undefined;

  constructor(
    readonly config: GraphConnectionConfig,
    private readonly sleep: Sleep = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {
    const graph = graphSettings();
    this.gate = gateFor(config.agencyId, graph.ruPerMinute);
    if (config.throttledUntil) this.gate.throttledUntil = Math.max(this.gate.throttledUntil, config.throttledUntil.getTime());
    this.base = `${graph.url}/v1.0`;
    const graphHost = new URL(graph.url).hostname;
    const cca = ccaFor(config);
    const auth = new AuthenticationHandler({
      getAccessToken: async () => {
        try {
          const result = await cca.acquireTokenByClientCredential({ scopes: ["https://graph.microsoft.com/.default"] });
          if (!result?.accessToken) throw new GraphCallError("Entra ID returned no token", { status: 401, codes: ["token_error"] });
          return result.accessToken;
        } catch (err) {
          // The SDK re-wraps whatever this throws into a GraphError without its codes: keep ours for once().
          this.tokenFailure = err instanceof GraphCallError ? err : tokenError(err);
          throw this.tokenFailure;
        }
      },
    });
    const recorder = new RecordingHandler((record) => this.calls.push(record));
    const transport = new HTTPMessageHandler();
    auth.setNext(recorder);
    recorder.setNext(transport);
    this.client = Client.initWithMiddleware({
      middleware: auth,
      baseUrl: `${graph.url}/`,
      defaultVersion: "v1.0",
      // The SDK sends the token only to https Graph hosts; a stand-in or sovereign cloud is named here.
      customHosts: graphHost === "graph.microsoft.com" ? undefined : new Set([graphHost]),
    });
  }

  /** The token alone (for "Test connection"): throws a GraphCallError Entra ID's refusal explains. */
  async acquireToken(): Promise<void> {
    try {
      const result = await ccaFor(this.config).acquireTokenByClientCredential({ scopes: ["https://graph.microsoft.com/.default"] });
      if (!result?.accessToken) throw new GraphCallError("Entra ID returned no token", { status: 401, codes: ["token_error"] });
    } catch (err) {
      throw err instanceof GraphCallError ? err : tokenError(err);
    }
  }

  /** One call, paced and retried (throttling, transient failures) unless `retry` is false; a non-2xx answer throws GraphCallError. */
  async request<T = unknown>(req: GraphRequest): Promise<GraphResponse<T>> {
    const url = /^https:\/\//.test(req.url) ? req.url : `${this.base}${req.url}`;
    const cost = resourceUnits(req.method, url);
    for (let attempt = 1; ; attempt++) {
      await this.gate.acquire(cost);
      try {
        return await this.once<T>(req, url);
      } catch (err) {
        const canRetry = req.retry !== false && attempt < MAX_ATTEMPTS && isTransient(err);
        if (err instanceof GraphCallError && err.retryAfterSeconds !== null && (err.status === 429 || err.status === 503)) {
          this.gate.throttle(err.retryAfterSeconds);
          this.onThrottle?.(new Date(this.gate.throttledUntil));
          if (!canRetry || err.retryAfterSeconds * 1000 > MAX_WAIT_IN_PLACE_MS) throw err;
          continue; // acquire() waits out the window
        }
        if (!canRetry) throw err;
        // Exponential backoff with full jitter: 0.5 s, 1 s, 2 s … at most 30 s.
        await this.sleep(Math.random() * Math.min(30_000, 500 * 2 ** (attempt - 1)));
      }
    }
  }

  private async once<T>(req: GraphRequest, url: string): Promise<GraphResponse<T>> {
    let call = this.client.api(url).responseType(ResponseType.RAW);
    const headers: Record<string, string> = { ...req.headers };
    let body: unknown = req.body;
    if (req.body instanceof Uint8Array) {
      headers["Content-Type"] ??= "application/octet-stream";
      // As a Buffer over the same bytes: the SDK turns any other typed array into
      // Buffer.from(view.buffer), the whole underlying buffer, so a fragment cut from a larger
      // one (a document's .docx sent in a session) would go as all of it.
      body = Buffer.isBuffer(req.body) ? req.body : Buffer.from(req.body.buffer, req.body.byteOffset, req.body.byteLength);
    } else if (req.body !== undefined) {
      headers["Content-Type"] ??= "application/json";
      body = JSON.stringify(req.body);
    }
    call = call.headers(headers);
    let response: Response;
    try {
      response = (await (req.method === "GET"
        ? call.get()
        : req.method === "DELETE"
          ? call.delete()
          : req.method === "POST"
            ? call.post(body)
            : req.method === "PUT"
              ? call.put(body)
              : call.patch(body))) as Response;
    } catch (err) {
      if (err instanceof GraphCallError) throw err;
      if (this.tokenFailure) {
        const failure = this.tokenFailure;
        this.tokenFailure = undefined;
        throw failure;
      }
      const e = err as { statusCode?: number; message?: string };
      throw new GraphCallError(e.message ?? "SharePoint could not be reached", { status: e.statusCode && e.statusCode > 0 ? e.statusCode : 0, codes: ["network"] });
    }
    const requestId = response.headers.get("request-id");
    if (req.binary && response.status < 400) return { status: response.status, headers: response.headers, body: new Uint8Array(await response.arrayBuffer()) as T, requestId };
    const text = response.status === 204 ? "" : await response.text();
    let parsed: unknown = null;
    if (text) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = text;
      }
    }
    if (response.status >= 400) {
      const { codes, message } = parseGraphErrorBody(parsed);
      throw new GraphCallError(message ?? `Graph answered ${response.status}`, {
        status: response.status,
        codes,
        requestId,
        retryAfterSeconds: retryAfterSeconds(response.headers.get("retry-after")),
      });
    }
    return { status: response.status, headers: response.headers, body: parsed as T, requestId };
  }

  /** Takes the calls recorded so far (for the log). */
  drainCalls(): GraphCallRecord[] {
    return this.calls.splice(0, this.calls.length);
  }
}
