/**
 * The SharePoint connection, overview and queue routes over HTTP (issue 9), with personal access
 * tokens on the seeded database: Sam (DCP's agency administrator) saves and reads the connection,
 * and every field's problem comes back in error.issues; the secret is never answered, even to him;
 * Janet (records manager) reads but may neither save, test nor retry (403); Priya (investigator)
 * may not even read (403). Graph is never called: test-connection is refused before it would be
 * (its steps are tested with the Graph stand-in elsewhere).
 */
import { describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import type { SeededScenario } from "@/db/factories";
import { BASE, params, routeTestKit } from "@/lib/http/testing/route-test-kit";

const stand = vi.hoisted(() => ({ db: undefined as unknown, cookieCtx: null as unknown }));
vi.mock("server-only", () => ({}));
vi.mock("@/lib/database", () => ({ database: async () => ({ db: stand.db }) }));
vi.mock("@/lib/auth/get-actor", () => ({ policyContext: async () => stand.cookieCtx, requestId: async () => "route-test" }));

const connectionRoute = await import("@/app/api/v1/sharepoint/connection/route");
const testRoute = await import("@/app/api/v1/sharepoint/connection/test/route");
const overviewRoute = await import("@/app/api/v1/sharepoint/overview/route");
const retryRoute = await import("@/app/api/v1/sharepoint/queue/[outboxId]/retry/route");

const SAM = "sam.patel@dcp.example";
const JANET = "janet.okafor@dcp.example";
const PRIYA = "priya.shah@dcp.example";
const SECRET = "s3cret~Value.never-to-be-shown";
const VALID = {
  tenantId: "dcpolice.onmicrosoft.com",
  clientId: "11111111-2222-3333-4444-555555555555",
  authKind: "secret",
  clientSecret: SECRET,
  siteUrl: "https://dcpolice.sharepoint.com/sites/Accord",
  driveName: "",
};

type Db = { execute(query: string): Promise<unknown> };
let db: Db;
let s: SeededScenario;
const { ctxOf, bearer } = routeTestKit(stand, [SAM, JANET, PRIYA], (opened) => {
  db = opened.db as unknown as Db;
  s = opened.scenario;
});
/** Raw rows (test-only SQL over fixed values; a lib/graph/testing fixture would be the better home). */
const rows = async <T,>(query: string): Promise<T[]> => {
  const result = await db.execute(query);
  return (Array.isArray(result) ? result : ((result as { rows?: unknown[] }).rows ?? [])) as T[];
};

const json = (method: string, path: string, who: string, body?: unknown) =>
  new NextRequest(`${BASE}/api/v1${path}`, { method, headers: { "content-type": "application/json", ...bearer(who) }, body: body === undefined ? undefined : JSON.stringify(body) });
type ErrorBody = { error: { code: string; message: string; issues?: { path: string; message: string }[] } };
const put = (who: string, body: unknown) => connectionRoute.PUT(json("PUT", "/sharepoint/connection", who, body), params({}));
const getConnection = (who: string) => connectionRoute.GET(json("GET", "/sharepoint/connection", who), params({}));
const issuePaths = async (res: Response) => ((await res.json()) as ErrorBody).error.issues?.map((i) => i.path).sort();

describe("SharePoint connection routes", () => {
  it("answers Sam's GET with no connection yet, and refuses Priya (403)", async () => {
    const res = await getConnection(SAM);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ connection: null, canEdit: true });
    expect((await getConnection(PRIYA)).status).toBe(403);
  });

  it("names each bad field (400): a client id that is not a GUID, a site that is not https://…/sites/…, no secret on the first save", async () => {
    const bad = await put(SAM, { ...VALID, clientId: "accord-app", siteUrl: "http://dcpolice.sharepoint.com/Shared Documents" });
    expect(bad.status).toBe(400);
    expect(await issuePaths(bad)).toEqual(["clientId", "siteUrl"]);
    const noSecret = await put(SAM, { ...VALID, clientSecret: "" });
    expect(noSecret.status).toBe(400);
    expect(((await noSecret.json()) as ErrorBody).error).toMatchObject({ code: "invalid_input", issues: [{ path: "clientSecret", message: "Give the client secret" }] });
    const badThumbprint = await put(SAM, { ...VALID, authKind: "certificate", clientSecret: "", certificateThumbprint: "abc" });
    expect(await issuePaths(badThumbprint)).toEqual(["certificateThumbprint"]);
    expect(await (await getConnection(SAM)).json()).toEqual({ connection: null, canEdit: true });
  });

  it("refuses Janet's and Priya's save (403) and saves Sam's, never answering the secret; a blank secret keeps it", async () => {
    expect((await put(JANET, VALID)).status).toBe(403);
    expect((await put(PRIYA, VALID)).status).toBe(403);
    const saved = await put(SAM, VALID);
    expect(saved.status).toBe(200);
    const savedText = await saved.text();
    expect(savedText).not.toContain(SECRET);
    expect(JSON.parse(savedText)).toMatchObject({ tenantId: VALID.tenantId, clientId: VALID.clientId, hasSecret: true, siteUrl: VALID.siteUrl, driveName: "" });

    for (const who of [SAM, JANET]) {
      const res = await getConnection(who);
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(text).not.toContain(SECRET);
      expect(text).not.toMatch(/secretEncrypted|clientSecret/);
      expect(JSON.parse(text)).toMatchObject({ connection: { hasSecret: true, siteUrl: VALID.siteUrl }, canEdit: who === SAM });
    }
    const kept = await put(SAM, { ...VALID, clientSecret: "", driveName: "Accord mirror" });
    expect(kept.status).toBe(200);
    expect(await kept.json()).toMatchObject({ hasSecret: true, driveName: "Accord mirror" });
  });

  it("refuses Janet's connection test (403) before anything reaches Graph", async () => {
    const res = await testRoute.POST(json("POST", "/sharepoint/connection/test", JANET), params({}));
    expect(res.status).toBe(403);
    expect(((await res.json()) as ErrorBody).error.code).toBe("forbidden");
  });

  it("refuses a cookie-authenticated save from another site (403 cross_origin)", async () => {
    stand.cookieCtx = await ctxOf(SAM);
    try {
      const res = await connectionRoute.PUT(
        new NextRequest(`${BASE}/api/v1/sharepoint/connection`, { method: "PUT", headers: { "content-type": "application/json", origin: "https://evil.example", "sec-fetch-site": "cross-site" }, body: JSON.stringify(VALID) }),
        params({}),
      );
      expect(res.status).toBe(403);
      expect(((await res.json()) as ErrorBody).error.code).toBe("cross_origin");
    } finally {
      stand.cookieCtx = null;
    }
  });
});

describe("SharePoint overview and queue routes", () => {
  it("shows the queue to Sam (who may retry) and Janet (who may not), not to Priya", async () => {
    const sam = await overviewRoute.GET(json("GET", "/sharepoint/overview", SAM), params({}));
    expect(sam.status).toBe(200);
    const overview = (await sam.json()) as { queue: { pending: number }; lastHour: { calls: number }; problems: unknown[]; calls: unknown[]; canRetry: boolean };
    // Saving the connection queued the agency's content for upload.
    expect(overview.queue.pending).toBeGreaterThan(0);
    expect(overview).toMatchObject({ lastHour: { calls: 0 }, problems: [], calls: [], canRetry: true });
    const janet = await overviewRoute.GET(json("GET", "/sharepoint/overview", JANET), params({}));
    expect(janet.status).toBe(200);
    expect(((await janet.json()) as { canRetry: boolean }).canRetry).toBe(false);
    expect((await overviewRoute.GET(json("GET", "/sharepoint/overview", PRIYA), params({}))).status).toBe(403);
  });

  it("retries a waiting change for Sam; 403 for Janet with the row unchanged, 404 for no such change", async () => {
    const [row] = await rows<{ id: string; attempts: number }>(
      `UPDATE graph_outbox SET attempts = 3 WHERE id = (SELECT id FROM graph_outbox WHERE agency_id = '${s.agencyId("DCP")}' AND state = 'pending' ORDER BY id LIMIT 1) RETURNING id, attempts`,
    );
    const id = String(row!.id);
    const retry = (who: string, outboxId: string) => retryRoute.POST(json("POST", `/sharepoint/queue/${outboxId}/retry`, who), params({ outboxId }));
    expect((await retry(JANET, id)).status).toBe(403);
    expect((await rows<{ attempts: number }>(`SELECT attempts FROM graph_outbox WHERE id = ${id}`))[0]!.attempts).toBe(3);
    expect((await retry(SAM, "999999999")).status).toBe(404);
    expect((await retry(SAM, "not-a-number")).status).toBe(404);
    const ok = await retry(SAM, id);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ outboxId: Number(id) });
    expect((await rows<{ attempts: number; state: string }>(`SELECT attempts, state FROM graph_outbox WHERE id = ${id}`))[0]).toMatchObject({ attempts: 0, state: "pending" });
  });
});
