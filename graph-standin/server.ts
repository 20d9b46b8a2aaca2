// The HTTPS front: classifies each request (token endpoint, Graph, upload URL, download URL,
// control), runs faults → throttling → auth → route, records it, and renders the reply.
import type { IncomingMessage, ServerResponse } from "node:http";
import { Transform } from "node:stream";
import type { FaultRule, StandinRequestRecord } from "./types";
import { errorBody, fail, GraphError, guid, type Ctx, type Reply } from "./http-util";
import type { Env } from "./env";
import type { Faults } from "./faults";
import { defaultFaultCodes } from "./faults";
import { ruCost, type Throttle } from "./throttle";
import { instanceDiscovery, openIdConfiguration, type TokenService } from "./tokens";
import { routeDrives, routeSites } from "./routes-sites";
import { routeSecurityLabels } from "./routes-labels";
import { runBatch } from "./batch";

type Kind = "graph" | "upload" | "download" | "token" | "batch";

export type Pipeline = {
  env: Env;
  url: string;
  tokens: TokenService;
  faults: Faults;
  throttle: Throttle;
  requests: StandinRequestRecord[];
  control: (ctx: Ctx, rest: string) => Promise<Reply>;
};

const DRAIN_LIMIT = 8 * 1024 * 1024;

function classify(path: string): Kind | "control" | "meta" | "unknown" {
  if (path.startsWith("/_standin/")) return "control";
  if (path.startsWith("/_upload/")) return "upload";
  if (path.startsWith("/_download/")) return "download";
  if (path === "/v1.0/$batch") return "batch";
  if (path.startsWith("/v1.0/")) return "graph";
  if (/^\/[^/]+\/oauth2\/v2\.0\/token$/.test(path)) return "token";
  if (/^\/[^/]+\/(v2\.0\/\.well-known\/openid-configuration|discovery\/instance|discovery\/v2\.0\/keys)$/.test(path)) return "meta";
  return "unknown";
}

/** Handles one request through the pipeline and records it; shared by HTTP and $batch. */
export async function processRequest(p: Pipeline, ctx: Ctx, kind: Kind): Promise<Reply> {
  const { env, throttle } = p;
  const at = env.now();
  let app: string | null;
  if (kind === "upload") app = p.env.uploads.appOf(ctx.path.slice("/_upload/".length));
  else if (kind === "download") {
    const d = env.downloads.check(ctx.path.slice("/_download/".length));
    app = d && d !== "expired" ? d.app : null;
  } else app = p.tokens.peekApp(ctx.headers.authorization);
  const insideRetryAfter = throttle.insideWindow(app);
  let reply: Reply;
  let throttled = false;
  let ru = 0;
  const fault = p.faults.take(ctx.method, ctx.path);
  if (fault) {
    reply = await faultReply(fault);
    if (fault.retryAfterSeconds !== undefined) throttle.noteRetryAfter(app, fault.retryAfterSeconds);
    throttled = fault.status === 429 || (fault.status === 503 && fault.retryAfterSeconds !== undefined);
  } else {
    ru = ruCost(ctx.method, ctx.path, kind);
    const verdict = throttle.charge(app, ru);
    if (verdict.throttled) {
      throttled = true;
      throttle.noteRetryAfter(app, verdict.retryAfter);
      reply = { status: 429, headers: verdict.headers, error: { code: "activityLimitReached", message: "The request has been throttled", inner: ["throttledRequest", "quota"] } };
    } else {
      try {
        reply = await route(p, ctx, kind);
      } catch (e) {
        reply = toErrorReply(e);
      }
      reply.headers = { ...verdict.headers, ...reply.headers };
    }
  }
  p.requests.push({
    at, method: ctx.method, path: ctx.path, status: reply.status, requestId: ctx.requestId, clientRequestId: ctx.clientRequestId,
    ru, insideRetryAfter, bytesIn: ctx.bytesRead(), throttled, app,
  });
  // bytesIn is only final once the body has been read; refresh it when the body ends later.
  const record = p.requests[p.requests.length - 1]!;
  if (!ctx.body.readableEnded) ctx.body.once("end", () => (record.bytesIn = ctx.bytesRead()));
  return reply;
}

async function faultReply(rule: FaultRule): Promise<Reply> {
  if (rule.delayMs) await new Promise((r) => setTimeout(r, rule.delayMs));
  if (rule.resetConnection) return { status: 0, resetConnection: true };
  const d = defaultFaultCodes(rule.status);
  const inner = rule.innerCode ? [rule.innerCode, ...(rule.status === 429 && rule.innerCode === "throttledRequest" ? ["quota"] : [])] : rule.code ? [] : d.inner;
  const headers: Record<string, string> = {};
  if (rule.retryAfterSeconds !== undefined) headers["Retry-After"] = String(rule.retryAfterSeconds);
  const message = rule.status === 429 ? "The request has been throttled" : `Scripted fault (${rule.status}).`;
  return { status: rule.status, headers, error: { code: rule.code ?? d.code, message, inner } };
}

function toErrorReply(e: unknown): Reply {
  if (e instanceof GraphError) return { status: e.status, headers: e.headers, error: { code: e.code, message: e.message, inner: e.inner } };
  console.error("[graph-standin] unexpected error", e);
  return { status: 500, error: { code: "generalException", message: "An unexpected error occurred in the Graph stand-in." } };
}

async function route(p: Pipeline, ctx: Ctx, kind: Kind): Promise<Reply> {
  const { env } = p;
  if (kind === "token") {
    if (ctx.method !== "POST") throw fail(405, "invalidRequest", "Use POST.");
    return p.tokens.tokenEndpoint(ctx, decodeURIComponent(ctx.path.split("/")[1]!));
  }
  if (kind === "upload") return env.uploads.handle(ctx, ctx.path.slice("/_upload/".length));
  if (kind === "download") {
    const d = env.downloads.check(ctx.path.slice("/_download/".length));
    if (d === null) throw fail(401, "unauthenticated", "The download URL is not valid.");
    if (d === "expired") throw fail(401, "unauthenticated", "The pre-authenticated download URL has expired.");
    const item = env.store.item(d.driveId, d.itemId);
    if (item.malware) throw fail(403, "malwareDetected", "Malware was detected in the requested file.", "virusSuspicious");
    return { status: 200, headers: { "Content-Type": item.mimeType ?? "application/octet-stream", "Content-Length": String(item.size), ETag: env.store.eTag(item) }, stream: env.store.contentStream(item) };
  }
  // Graph: authenticate first.
  const v = p.tokens.verify(ctx.headers.authorization);
  if ("error" in v) throw fail(401, "InvalidAuthenticationToken", v.error);
  ctx.auth = v;
  if (kind === "batch") {
    if (ctx.method !== "POST") throw fail(405, "invalidRequest", "Use POST.");
    return runBatch(ctx, async (inner) => render(await processRequest(p, inner, "graph"), inner, env.now()));
  }
  const rest = ctx.path.slice("/v1.0".length);
  if (rest.startsWith("/sites/")) return routeSites(env, ctx, rest.slice("/sites".length));
  if (rest.startsWith("/drives/")) return routeDrives(env, ctx, rest.slice("/drives".length));
  if (rest.startsWith("/security/labels")) return routeSecurityLabels(ctx);
  throw fail(400, "invalidRequest", `Resource not found for the segment '${rest.split("/")[1] ?? ""}'.`);
}

/** Turns a reply into the JSON form of a $batch inner response. */
function render(reply: Reply, ctx: Ctx, now: number): { status: number; headers: Record<string, string>; body: unknown } {
  const headers: Record<string, string> = { ...reply.headers };
  let body: unknown;
  if (reply.error) body = JSON.parse(errorBody(reply.error, ctx.requestId, ctx.clientRequestId, now));
  else if (reply.raw) body = JSON.parse(reply.raw);
  else if (reply.json !== undefined) body = reply.json;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (reply.resetConnection) return { status: 500, headers, body: JSON.parse(errorBody({ code: "generalException", message: "Connection reset (scripted)." }, ctx.requestId, ctx.clientRequestId, now)) };
  return { status: reply.status, headers, body };
}

/** Node request handler for the HTTPS server. */
export function httpHandler(p: Pipeline) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const u = new URL(req.url ?? "/", "https://localhost");
    const headers: Record<string, string | undefined> = {};
    for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(", ") : v;
    let read = 0;
    const body = new Transform({
      transform(chunk: Buffer, _e, cb) {
        read += chunk.length;
        cb(null, chunk);
      },
    });
    req.on("error", () => body.destroy());
    body.on("error", () => undefined);
    req.pipe(body);
    const cl = headers["content-length"];
    const ctx: Ctx = {
      method: (req.method ?? "GET").toUpperCase(), path: u.pathname, query: u.searchParams, headers, body,
      contentLength: cl !== undefined && /^\d+$/.test(cl) ? Number(cl) : null, requestId: guid(), clientRequestId: headers["client-request-id"] ?? null, auth: null,
      bytesRead: () => read,
    };
    void (async () => {
      const kind = classify(ctx.path);
      let reply: Reply;
      try {
        if (kind === "control") reply = await p.control(ctx, ctx.path.slice("/_standin".length));
        else if (kind === "meta") reply = meta(p, ctx);
        else if (kind === "unknown") reply = { status: 404, error: { code: "itemNotFound", message: `No route for ${ctx.path}.` } };
        else reply = await processRequest(p, ctx, kind);
      } catch (e) {
        reply = toErrorReply(e);
      }
      write(p, ctx, req, res, reply);
    })();
  };
}

function meta(p: Pipeline, ctx: Ctx): Reply {
  const [, tenant, ...rest] = ctx.path.split("/");
  const what = rest.join("/");
  if (what === "discovery/instance") return { status: 200, json: instanceDiscovery(p.url, tenant) };
  if (what === "discovery/v2.0/keys") return { status: 200, json: { keys: [] } };
  if (tenant !== "common" && tenant !== "organizations" && !p.env.tenants.some((t) => t.tenantId === tenant)) {
    return { status: 400, raw: JSON.stringify({ error: "invalid_tenant", error_description: `AADSTS90002: Tenant '${tenant}' not found.`, error_codes: [90002] }) };
  }
  return { status: 200, json: openIdConfiguration(p.url, tenant!) };
}

function write(p: Pipeline, ctx: Ctx, req: IncomingMessage, res: ServerResponse, reply: Reply): void {
  if (reply.resetConnection) {
    req.socket.destroy();
    return;
  }
  const h: Record<string, string> = { "request-id": ctx.requestId, "client-request-id": ctx.clientRequestId ?? ctx.requestId, ...reply.headers };
  let payload: string | undefined;
  if (reply.error) payload = errorBody(reply.error, ctx.requestId, ctx.clientRequestId, p.env.now());
  else if (reply.raw !== undefined) payload = reply.raw;
  else if (reply.json !== undefined) payload = JSON.stringify(reply.json);
  if (payload !== undefined) h["Content-Type"] = "application/json; charset=utf-8";
  // A body we refused without reading: drain small ones (keep-alive), close the connection on big ones.
  const unread = !ctx.body.readableEnded && (ctx.contentLength ?? 0) - ctx.bytesRead() > DRAIN_LIMIT;
  if (unread) h.Connection = "close";
  res.writeHead(reply.status, h);
  if (reply.stream) {
    reply.stream.on("error", () => res.destroy());
    reply.stream.pipe(res);
  } else res.end(payload);
  res.on("finish", () => {
    if (ctx.body.readableEnded) return;
    if (unread) setTimeout(() => req.socket.destroy(), 50).unref();
    else ctx.body.resume();
  });
}
