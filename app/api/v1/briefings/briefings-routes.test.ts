/**
 * The briefing routes through the real API wrapper (lib/http/api-route.ts) on a real database,
 * with personal access tokens: publish, list, acknowledge (an old revision 409), revise and status
 * answer as documented; a briefing hidden from Mark answers 404 exactly like a missing one; bad
 * input is 400. The request-scoped pieces of Next.js are stood in for, as in boards-routes.test.ts.
 */
import { describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { type SeededScenario } from "@/db/factories";
import { BASE, MISSING_ID, params, routeTestKit } from "@/lib/http/testing/route-test-kit";

const stand = vi.hoisted(() => ({ db: undefined as unknown, cookieCtx: null as unknown }));
vi.mock("server-only", () => ({}));
vi.mock("@/lib/database", () => ({ database: async () => ({ db: stand.db }) }));
vi.mock("@/lib/auth/get-actor", () => ({ policyContext: async () => stand.cookieCtx, requestId: async () => "route-test" }));

const listRoute = await import("@/app/api/v1/boards/[boardId]/briefings/route");
const revisionsRoute = await import("@/app/api/v1/briefings/[briefingId]/revisions/route");
const ackRoute = await import("@/app/api/v1/briefings/[briefingId]/acknowledgements/route");
const statusRoute = await import("@/app/api/v1/briefings/[briefingId]/status/route");

let s: SeededScenario;

const PRIYA = "priya.shah@dcp.example";
const TOM = "tom.hughes@dcp.example";
const MARK = "mark.ellis@dcp.example";
const { bearer } = routeTestKit(stand, [PRIYA, TOM, MARK], (opened) => {
  s = opened.scenario;
});


const post = (path: string, body: unknown, email: string) => new NextRequest(`${BASE}/api/v1${path}`, { method: "POST", headers: { "content-type": "application/json", ...bearer(email) }, body: JSON.stringify(body) });
const get = (path: string, email: string) => new NextRequest(`${BASE}/api/v1${path}`, { headers: bearer(email) });
type Briefing = { id: string; latest: { id: string; number: number }; acknowledgedAt: string | null };

describe("briefing routes", () => {
  it("publishes, lists, acknowledges, revises and reports status with the documented statuses", async () => {
    const boardId = s.boardId("Kestrel tasking");
    const published = await listRoute.POST(post(`/boards/${boardId}/briefings`, { title: "Route briefing", body: "Text", marking: "OFFICIAL" }, PRIYA), params({ boardId }));
    expect(published.status).toBe(200);
    const briefing = (await published.json()) as Briefing;
    const briefingId = briefing.id;

    const acked = await ackRoute.POST(post(`/briefings/${briefingId}/acknowledgements`, {}, TOM), params({ briefingId }));
    expect(acked.status).toBe(200);
    expect(((await acked.json()) as Briefing).acknowledgedAt).not.toBeNull();

    const revised = await revisionsRoute.POST(post(`/briefings/${briefingId}/revisions`, { body: "Updated" }, PRIYA), params({ briefingId }));
    expect(((await revised.json()) as Briefing).latest.number).toBe(2);
    const stale = await ackRoute.POST(post(`/briefings/${briefingId}/acknowledgements`, { revisionId: briefing.latest.id }, TOM), params({ briefingId }));
    expect(stale.status).toBe(409);

    const status = await statusRoute.GET(get(`/briefings/${briefingId}/status`, PRIYA), params({ briefingId }));
    expect(status.status).toBe(200);
    expect(((await status.json()) as { acknowledged: unknown[] }).acknowledged).toEqual([]);

    const list = await listRoute.GET(get(`/boards/${boardId}/briefings`, TOM), params({ boardId }));
    expect(((await list.json()) as { items: Briefing[] }).items.find((b) => b.id === briefingId)!.acknowledgedAt).toBeNull();

    const bad = await listRoute.POST(post(`/boards/${boardId}/briefings`, { title: "x".repeat(10_000), body: "Text" }, PRIYA), params({ boardId }));
    expect(bad.status).toBe(400);
  });

  it("answers 404 for a briefing hidden from Mark exactly as for a missing one", async () => {
    const boardId = s.boardId("Kestrel tasking");
    const hidden = (await (await listRoute.POST(post(`/boards/${boardId}/briefings`, { title: "Hidden", body: "Sensitive" }, PRIYA), params({ boardId }))).json()) as Briefing;
    const asMark = await ackRoute.POST(post(`/briefings/${hidden.id}/acknowledgements`, {}, MARK), params({ briefingId: hidden.id }));
    const missing = await ackRoute.POST(post(`/briefings/${MISSING_ID}/acknowledgements`, {}, MARK), params({ briefingId: MISSING_ID }));
    expect(asMark.status).toBe(404);
    expect(await asMark.json()).toEqual(await missing.json());
    expect((await statusRoute.GET(get(`/briefings/${hidden.id}/status`, MARK), params({ briefingId: hidden.id }))).status).toBe(404);
  });
});
