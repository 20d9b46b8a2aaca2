import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestStandin, json, type TestStandin } from "./testing";
import { ruCost } from "./throttle";

let t: TestStandin;
let clock = Date.now();
beforeAll(async () => {
  t = await startTestStandin({ now: () => clock });
});
afterAll(() => t.s.close());

describe("$batch", () => {
  it("runs inner requests with their own status, headers and body", async () => {
    const r = await t.g("POST", "/$batch", {
      json: {
        requests: [
          { id: "1", method: "GET", url: `/drives/${t.driveId}/root` },
          { id: "2", method: "POST", url: `/drives/${t.driveId}/root/children`, headers: { "Content-Type": "application/json" }, body: { name: "Batched", folder: {} } },
          { id: "3", method: "GET", url: `/drives/${t.driveId}/items/01NOPE` },
        ],
      },
    });
    expect(r.status).toBe(200);
    const byId = Object.fromEntries((await json(r)).responses.map((x: { id: string }) => [x.id, x]));
    expect(byId["1"]).toMatchObject({ status: 200, body: { root: {} } });
    expect(byId["2"]).toMatchObject({ status: 201, body: { name: "Batched" } });
    expect(byId["3"].status).toBe(404);
    expect(byId["3"].body.error.code).toBe("itemNotFound");
  });

  it("refuses more than 20 requests, duplicate ids (case-insensitive) and bodies without Content-Type", async () => {
    const many = Array.from({ length: 21 }, (_, i) => ({ id: String(i), method: "GET", url: `/drives/${t.driveId}` }));
    expect((await t.g("POST", "/$batch", { json: { requests: many } })).status).toBe(400);
    const dup = await t.g("POST", "/$batch", { json: { requests: [{ id: "a", method: "GET", url: "/drives/x" }, { id: "A", method: "GET", url: "/drives/x" }] } });
    expect(dup.status).toBe(400);
    expect((await json(dup)).error.code).toBe("invalidRequest");
    const noCt = await t.g("POST", "/$batch", { json: { requests: [{ id: "1", method: "POST", url: `/drives/${t.driveId}/root/children`, body: { name: "x", folder: {} } }] } });
    expect(noCt.status).toBe(400);
  });

  it("answers 424 to dependants of a failed request", async () => {
    const r = await json(
      await t.g("POST", "/$batch", {
        json: {
          requests: [
            { id: "1", method: "GET", url: `/drives/${t.driveId}/items/01MISSING` },
            { id: "2", method: "DELETE", url: `/drives/${t.driveId}/items/01MISSING`, dependsOn: ["1"] },
            { id: "3", method: "GET", url: `/drives/${t.driveId}/root`, dependsOn: ["2"] },
          ],
        },
      }),
    );
    expect(r.responses.map((x: { status: number }) => x.status)).toEqual([404, 424, 424]);
  });
});

describe("scripted faults", () => {
  it("answers a scripted 429 with Retry-After and flags a client that ignores it", async () => {
    t.s.faults.add({ method: "GET", path: "/root/children", status: 429, retryAfterSeconds: 5, times: 1 });
    const r = await t.g("GET", `/drives/${t.driveId}/root/children`, { headers: { "client-request-id": "c-1" } });
    expect(r.status).toBe(429);
    expect(r.headers.get("retry-after")).toBe("5");
    const body = await json(r);
    expect(body.error).toMatchObject({ code: "activityLimitReached", innerError: { code: "throttledRequest", innerError: { code: "quota" }, "client-request-id": "c-1" } });
    expect(t.s.requests.at(-1)).toMatchObject({ status: 429, throttled: true, insideRetryAfter: false, app: "6a1b2c3d-0000-4000-8000-00000000dc01" });

    // Calling back too early (any endpoint) is recorded as inside the window …
    await t.g("GET", `/drives/${t.driveId}`);
    expect(t.s.requests.at(-1)).toMatchObject({ status: 200, insideRetryAfter: true });
    // … and after waiting it is not.
    clock += 5_000;
    await t.g("GET", `/drives/${t.driveId}`);
    expect(t.s.requests.at(-1)!.insideRetryAfter).toBe(false);
  });

  it("applies default codes per status, delays, resets connections and hits upload URLs too", async () => {
    t.s.faults.add({ path: /\/drives\/[^/]+$/, status: 503, retryAfterSeconds: 1 });
    const r503 = await t.g("GET", `/drives/${t.driveId}`);
    expect(r503.status).toBe(503);
    expect((await json(r503)).error.code).toBe("serviceNotAvailable");
    clock += 1_000;
    t.s.faults.add({ status: 504, delayMs: 50 });
    const started = Date.now();
    const r504 = await t.g("GET", `/drives/${t.driveId}`);
    expect(r504.status).toBe(504);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    t.s.faults.add({ method: "GET", status: 500, resetConnection: true });
    await expect(t.g("GET", `/drives/${t.driveId}`)).rejects.toThrow();
    t.s.faults.add({ method: "PUT", status: 507 });
    expect((await json(await t.g("PUT", `/drives/${t.driveId}/root:/q.txt:/content`, { body: "x" }))).error.code).toBe("quotaLimitReached");

    const s = await json(await t.g("POST", `/drives/${t.driveId}/root:/u.bin:/createUploadSession`, { json: {} }));
    t.s.faults.add({ path: "/_upload/", status: 500 });
    const f = await fetch(s.uploadUrl, { method: "PUT", body: "abc", headers: { "Content-Range": "bytes 0-2/3" } });
    expect(f.status).toBe(500);
    expect((await json(f)).error.code).toBe("generalException");
    const ok = await fetch(s.uploadUrl, { method: "PUT", body: "abc", headers: { "Content-Range": "bytes 0-2/3" } });
    expect(ok.status).toBe(201);
    t.s.faults.clear();
  });

  it("is scriptable over HTTP control endpoints", async () => {
    const add = await fetch(`${t.s.url}/_standin/faults`, { method: "POST", body: JSON.stringify({ method: "GET", path: "/sites/", status: 429, retryAfterSeconds: 2 }) });
    expect(add.status).toBe(204);
    expect((await t.g("GET", `/sites/${t.siteId}`)).status).toBe(429);
    clock += 2_000;
    expect((await t.g("GET", `/sites/${t.siteId}`)).status).toBe(200);
    const reqs = await json(await fetch(`${t.s.url}/_standin/requests`));
    expect(reqs.length).toBe(t.s.requests.length);
    const state = await json(await fetch(`${t.s.url}/_standin/state`));
    expect(state.sites[0].drives[0].id).toBe(t.driveId);
    expect(state.sites[0].drives[0].items.some((i: { path: string }) => i.path === "/Batched")).toBe(true);
    const f = await json(await t.g("PUT", `/drives/${t.driveId}/root:/control.txt:/content`, { body: "api" }));
    const post = (what: string, body: unknown) => fetch(`${t.s.url}/_standin/remote/${what}`, { method: "POST", body: JSON.stringify(body) });
    const edit = await post("edit", { driveId: t.driveId, itemId: f.id, contentBase64: Buffer.from("remote").toString("base64"), by: "Sgt Pepper" });
    expect(edit.status).toBe(200);
    expect(await json(edit)).toMatchObject({ id: f.id, lastModifiedBy: "Sgt Pepper", size: 6 });
    expect((await t.s.remote.content(t.driveId, f.id)).toString()).toBe("remote");
    expect((await post("lock", { driveId: t.driveId, itemId: f.id, locked: true })).status).toBe(200);
    expect((await t.g("DELETE", `/drives/${t.driveId}/items/${f.id}`)).status).toBe(423);
    expect((await post("edit", { driveId: t.driveId, itemId: "nope", contentBase64: "" })).status).toBe(400);
    expect((await fetch(`${t.s.url}/_standin/faults`, { method: "DELETE" })).status).toBe(204);
  });
});

describe("token-bucket throttling", () => {
  it("429s when the bucket is empty, charges throttled requests, and refills with time", async () => {
    let now = Date.now();
    const s = await startTestStandin({ now: () => now, resourceUnits: { perWindow: 10, windowSeconds: 10 } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 10; i++) statuses.push((await s.g("GET", `/drives/${s.driveId}`)).status);
      expect(statuses.every((x) => x === 200)).toBe(true);
      const r = await s.g("GET", `/drives/${s.driveId}`);
      expect(r.status).toBe(429);
      const ra = Number(r.headers.get("retry-after"));
      expect(Number.isInteger(ra) && ra >= 1).toBe(true);
      expect(r.headers.get("ratelimit-limit")).toBe("10");
      expect(r.headers.get("ratelimit-remaining")).toBe("0");
      expect(Number(r.headers.get("ratelimit-reset"))).toBeGreaterThanOrEqual(1);
      expect((await json(r)).error).toMatchObject({ code: "activityLimitReached", message: "The request has been throttled" });
      expect(s.s.requests.at(-1)).toMatchObject({ throttled: true, ru: 1 });

      now += ra * 1000;
      const ok = await s.g("GET", `/drives/${s.driveId}`);
      expect(ok.status).toBe(200);
      expect(s.s.requests.at(-1)!.insideRetryAfter).toBe(false);

      // A POST costs 2; inner batch requests are throttled one by one.
      now += 60_000;
      const batch = await json(
        await s.g("POST", "/$batch", { json: { requests: Array.from({ length: 12 }, (_, i) => ({ id: String(i), method: "GET", url: `/drives/${s.driveId}` })) } }),
      );
      const inner = batch.responses.map((x: { status: number }) => x.status);
      expect(inner.filter((x: number) => x === 200)).toHaveLength(10);
      const throttledInner = batch.responses.find((x: { status: number }) => x.status === 429);
      expect(Number(throttledInner.headers["Retry-After"])).toBeGreaterThanOrEqual(1);
      const total = s.s.requests.reduce((n, x) => n + x.ru, 0);
      expect(total).toBeGreaterThan(20);
    } finally {
      await s.s.close();
    }
  });

  it("documents the RU cost table", () => {
    expect(ruCost("GET", "/v1.0/drives/x/root/delta", "graph")).toBe(1);
    expect(ruCost("PATCH", "/v1.0/drives/x/items/y", "graph")).toBe(2);
    expect(ruCost("POST", "/v1.0/drives/x/items/y/invite", "graph")).toBe(5);
    expect(ruCost("GET", "/v1.0/drives/x/items/y/permissions", "graph")).toBe(5);
    expect(ruCost("PUT", "/_upload/abc", "upload")).toBe(2);
    expect(ruCost("POST", "/v1.0/$batch", "batch")).toBe(0);
  });
});
