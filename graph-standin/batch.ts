// JSON $batch (§0): ≤ 20 requests, unique ids (case-insensitive), dependsOn → 424 after a failed
// prerequisite. Every inner request goes through the full pipeline (faults, throttling, auth), so
// an inner 429 carries its own Retry-After.
import { Readable } from "node:stream";
import { fail, readJson, type Ctx, type Reply } from "./http-util";

type Inner = { id: string; method: string; url: string; headers?: Record<string, string>; body?: unknown; dependsOn?: string[] };
export type InnerRunner = (ctx: Ctx) => Promise<{ status: number; headers: Record<string, string>; body: unknown }>;

/** Builds the context of one inner request (relative url, inherited Authorization). */
function innerCtx(outer: Ctx, r: Inner): Ctx {
  const u = new URL(r.url.startsWith("/") ? r.url : `/${r.url}`, "https://batch.invalid");
  const path = u.pathname.startsWith("/v1.0/") ? u.pathname : `/v1.0${u.pathname}`;
  const headers: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(r.headers ?? {})) headers[k.toLowerCase()] = String(v);
  if (outer.headers.authorization && !headers.authorization) headers.authorization = outer.headers.authorization;
  let buf = Buffer.alloc(0);
  if (r.body !== undefined && r.body !== null) {
    const ct = headers["content-type"];
    if (!ct) throw fail(400, "invalidRequest", `Request '${r.id}' has a body but no Content-Type header.`);
    if (/json/i.test(ct)) buf = Buffer.from(typeof r.body === "string" ? r.body : JSON.stringify(r.body));
    else buf = Buffer.from(String(r.body), "base64");
  }
  let read = 0;
  const body = Readable.from(buf.length ? [buf] : []);
  body.on("data", (c: Buffer) => (read += c.length));
  return {
    method: r.method.toUpperCase(), path, query: u.searchParams, headers, body, contentLength: buf.length,
    requestId: crypto.randomUUID(), clientRequestId: headers["client-request-id"] ?? null, auth: null, bytesRead: () => read,
  };
}

/** POST /v1.0/$batch. */
export async function runBatch(ctx: Ctx, run: InnerRunner): Promise<Reply> {
  const body = await readJson(ctx);
  const requests = body.requests;
  if (!Array.isArray(requests) || requests.length === 0) throw fail(400, "invalidRequest", "The batch must contain a 'requests' array.");
  if (requests.length > 20) throw fail(400, "invalidRequest", "The number of batch requests exceeds the limit of 20.");
  const seen = new Set<string>();
  for (const r of requests as Inner[]) {
    if (!r || typeof r.id !== "string" || typeof r.method !== "string" || typeof r.url !== "string") throw fail(400, "invalidRequest", "Each batch request needs id, method and url.");
    if (/^https?:/i.test(r.url)) throw fail(400, "invalidRequest", "Batch request urls must be relative.");
    const key = r.id.toLowerCase();
    if (seen.has(key)) throw fail(400, "invalidRequest", `Batch request id '${r.id}' is not unique.`);
    if (r.dependsOn && (!Array.isArray(r.dependsOn) || r.dependsOn.some((d) => !seen.has(String(d).toLowerCase())))) {
      throw fail(400, "invalidRequest", `Request '${r.id}' depends on an unknown or later request.`);
    }
    seen.add(key);
  }
  const list = requests as Inner[];
  const ctxs = list.map((r) => innerCtx(ctx, r)); // validates bodies before anything runs
  const results = new Map<string, { id: string; status: number; headers: Record<string, string>; body: unknown }>();
  const runOne = async (r: Inner, i: number) => {
    const failed = (r.dependsOn ?? []).find((d) => (results.get(String(d).toLowerCase())?.status ?? 0) >= 400);
    if (failed !== undefined) {
      results.set(r.id.toLowerCase(), { id: r.id, status: 424, headers: { "Content-Type": "application/json" }, body: { error: { code: "failedDependency", message: `Dependent request '${failed}' failed.` } } });
      return;
    }
    const res = await run(ctxs[i]!);
    results.set(r.id.toLowerCase(), { id: r.id, ...res });
  };
  if (list.some((r) => r.dependsOn?.length)) {
    for (let i = 0; i < list.length; i++) await runOne(list[i]!, i);
  } else {
    await Promise.all(list.map((r, i) => runOne(r, i)));
  }
  return { status: 200, json: { responses: list.map((r) => results.get(r.id.toLowerCase())) } };
}
