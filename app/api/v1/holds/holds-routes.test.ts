/**
 * The hold routes over HTTP (issue 8), with personal access tokens: Janet places and releases a
 * hold; the API names every field's problem (error.issues); Priya (DCP, not a records manager) is
 * 403, Alex (Dorset) 404 like a missing hold; release needs a reason and is 409 the second time.
 * (The database's own refusal answering 409 "held": lib/http/api-route-held.test.ts.)
 */
import { describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { buildSpace, type SeededScenario } from "@/db/factories";
import { BASE, MISSING_ID, params, routeTestKit } from "@/lib/http/testing/route-test-kit";

const stand = vi.hoisted(() => ({ db: undefined as unknown, cookieCtx: null as unknown }));
vi.mock("server-only", () => ({}));
vi.mock("@/lib/database", () => ({ database: async () => ({ db: stand.db }) }));
vi.mock("@/lib/auth/get-actor", () => ({ policyContext: async () => stand.cookieCtx, requestId: async () => "route-test" }));

const listRoute = await import("@/app/api/v1/holds/route");
const holdRoute = await import("@/app/api/v1/holds/[holdId]/route");
const releaseRoute = await import("@/app/api/v1/holds/[holdId]/release/route");

const JANET = "janet.okafor@dcp.example";
const PRIYA = "priya.shah@dcp.example";
const ALEX = "alex.morgan@dor.example";
let db: Parameters<typeof buildSpace>[0];
let s: SeededScenario;
const { bearer } = routeTestKit(stand, [JANET, PRIYA, ALEX], (opened) => {
  db = opened.db;
  s = opened.scenario;
});

const json = (method: string, path: string, who: string, body?: unknown) =>
  new NextRequest(`${BASE}/api/v1${path}`, { method, headers: { "content-type": "application/json", ...bearer(who) }, body: body === undefined ? undefined : JSON.stringify(body) });
type ErrorBody = { error: { code: string; message: string; issues?: { path: string; message: string }[] } };

describe("hold routes", () => {
  it("places, shows and releases a hold for Janet; names every problem; refuses Priya (403) and Alex (404)", async () => {
    const space = await buildSpace(db, { ownerAgencyId: s.agencyId("DCP") });
    const bad = await listRoute.POST(json("POST", "/holds", JANET, { name: "", kind: "cpia", reason: "", spaceIds: [MISSING_ID] }), params({}));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as ErrorBody).error.issues?.map((i) => i.path).sort()).toEqual(["name", "reason"]);
    const unknown = await listRoute.POST(json("POST", "/holds", JANET, { name: "Op Kestrel disclosure", kind: "cpia", reason: "CPIA", spaceIds: [MISSING_ID] }), params({}));
    expect(((await unknown.json()) as ErrorBody).error).toMatchObject({ code: "invalid_input", issues: [{ path: "spaceIds.0" }] });
    expect((await listRoute.POST(json("POST", "/holds", PRIYA, { name: "x", kind: "cpia", reason: "x", spaceIds: [space.id] }), params({}))).status).toBe(403);

    const placed = await listRoute.POST(json("POST", "/holds", JANET, { name: "Op Kestrel disclosure", kind: "cpia", reference: "CPIA-17", reason: "Trial listed", spaceIds: [space.id] }), params({}));
    expect(placed.status).toBe(200);
    const hold = (await placed.json()) as { id: string; scopeCount: number };
    expect(hold.scopeCount).toBe(1);
    const listed = (await (await listRoute.GET(json("GET", "/holds?state=standing", JANET), params({}))).json()) as { items: { id: string }[] };
    expect(listed.items.map((h) => h.id)).toContain(hold.id);
    expect((await listRoute.GET(json("GET", "/holds", PRIYA), params({}))).status).toBe(403);
    expect((await holdRoute.GET(json("GET", `/holds/${hold.id}`, PRIYA), params({ holdId: hold.id }))).status).toBe(403);
    const alex = await holdRoute.GET(json("GET", `/holds/${hold.id}`, ALEX), params({ holdId: hold.id }));
    const missing = await holdRoute.GET(json("GET", `/holds/${MISSING_ID}`, ALEX), params({ holdId: MISSING_ID }));
    expect([alex.status, missing.status]).toEqual([404, 404]);
    expect(await alex.json()).toEqual(await missing.json());

    const noReason = await releaseRoute.POST(json("POST", `/holds/${hold.id}/release`, JANET, {}), params({ holdId: hold.id }));
    expect(noReason.status).toBe(400);
    expect(((await noReason.json()) as ErrorBody).error.message).toBe("Give the reason for releasing the hold");
    expect((await releaseRoute.POST(json("POST", `/holds/${hold.id}/release`, ALEX, { reason: "x" }), params({ holdId: hold.id }))).status).toBe(404);
    const released = await releaseRoute.POST(json("POST", `/holds/${hold.id}/release`, JANET, { reason: "Trial over" }), params({ holdId: hold.id }));
    expect(released.status).toBe(200);
    expect(await released.json()).toMatchObject({ isStanding: false, releaseReason: "Trial over" });
    expect((await releaseRoute.POST(json("POST", `/holds/${hold.id}/release`, JANET, { reason: "again" }), params({ holdId: hold.id }))).status).toBe(409);
  });
});
