/**
 * The audit trail's routes and the justification over HTTP, on the seeded database: Sam lists and
 * exports DCP's events (attachment, no-store), Priya is 403, a bad filter 400; Aisha's export of
 * the MASH minutes is 428 without the Accord-Justification header and 200 with it, and reading it
 * with a justification logs it; for a document she may not read the header changes nothing (404).
 */
import { describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import type { SeededScenario } from "@/db/factories";
import { BASE, MISSING_ID, params, routeTestKit } from "@/lib/http/testing/route-test-kit";

const stand = vi.hoisted(() => ({ db: undefined as unknown, cookieCtx: null as unknown }));
vi.mock("server-only", () => ({}));
vi.mock("@/lib/database", () => ({ database: async () => ({ db: stand.db }) }));
vi.mock("@/lib/auth/get-actor", () => ({ policyContext: async () => stand.cookieCtx, requestId: async () => "route-test" }));

const listRoute = await import("@/app/api/v1/audit-events/route");
const exportRoute = await import("@/app/api/v1/audit-events/export/route");
const documentRoute = await import("@/app/api/v1/documents/[documentId]/route");
const documentExport = await import("@/app/api/v1/documents/[documentId]/export/route");

const SAM = "sam.patel@dcp.example";
const PRIYA = "priya.shah@dcp.example";
const AISHA = "aisha.rahman@rcht.example";

let s: SeededScenario;
const { bearer } = routeTestKit(stand, [SAM, PRIYA, AISHA], (opened) => {
  s = opened.scenario;
});

const get = (path: string, who: string, headers: Record<string, string> = {}) => new NextRequest(`${BASE}/api/v1${path}`, { headers: { ...bearer(who), ...headers } });

describe("audit trail routes", () => {
  it("lists DCP's events for Sam, refuses Priya, and says what is wrong with a bad filter", async () => {
    const ok = await listRoute.GET(get("/audit-events?limit=2", SAM), params({}));
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { items: { agencyId?: string; chainSeq: number }[]; next: number | null };
    expect(body.items).toHaveLength(2);
    expect(body.next).toEqual(expect.any(Number));

    const refused = await listRoute.GET(get("/audit-events", PRIYA), params({}));
    expect(refused.status).toBe(403);
    const bad = await listRoute.GET(get("/audit-events?from=2026-02-02&to=2026-02-01", SAM), params({}));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: "invalid_input", message: "The first day must not be after the last day" } });
  });

  it("exports as an attachment that is never cached", async () => {
    const res = await exportRoute.GET(get("/audit-events/export?format=json&kind=none", SAM), params({}));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="audit-DCP-\d{4}-\d{2}-\d{2}\.json"/);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const json = (await res.json()) as { events: { kind: string | null }[] };
    expect(json.events.length).toBeGreaterThan(0);
    for (const e of json.events) expect(e.kind).toBeNull();
    expect((await exportRoute.GET(get("/audit-events/export?format=xml", SAM), params({}))).status).toBe(400);
    expect((await exportRoute.GET(get("/audit-events/export?format=csv", PRIYA), params({}))).status).toBe(403);
  });
});

describe("justification over HTTP", () => {
  it("answers 428 until Aisha says why, then serves the export", async () => {
    const minutes = s.documentId("Strategy meeting minutes");
    const bare = await documentExport.GET(get(`/documents/${minutes}/export?format=html`, AISHA), params({ documentId: minutes }));
    expect(bare.status).toBe(428);
    expect(await bare.json()).toMatchObject({ error: { code: "justification_required" } });
    const short = await documentExport.GET(get(`/documents/${minutes}/export?format=html`, AISHA, { "accord-justification": "why" }), params({ documentId: minutes }));
    expect(short.status).toBe(400);
    const given = await documentExport.GET(get(`/documents/${minutes}/export?format=html`, AISHA, { "accord-justification": "Copy for the strategy meeting" }), params({ documentId: minutes }));
    expect(given.status).toBe(200);
    expect(given.headers.get("content-disposition")).toContain("attachment");
  });

  it("reads with a justification, and keeps 404 for the invisible whatever the header", async () => {
    const minutes = s.documentId("Strategy meeting minutes");
    expect((await documentRoute.GET(get(`/documents/${minutes}`, AISHA, { "accord-justification": "Strategy meeting preparation" }), params({ documentId: minutes }))).status).toBe(200);
    const log = s.documentId("Investigation log");
    const hidden = await documentRoute.GET(get(`/documents/${log}`, AISHA, { "accord-justification": "Strategy meeting preparation" }), params({ documentId: log }));
    const missing = await documentRoute.GET(get(`/documents/${MISSING_ID}`, AISHA), params({ documentId: MISSING_ID }));
    expect([hidden.status, missing.status]).toEqual([404, 404]);
    expect(await hidden.text()).toBe(await missing.text());
  });
});
