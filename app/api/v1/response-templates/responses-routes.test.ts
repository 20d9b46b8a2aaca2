/**
 * The pre-planned response routes through the real API wrapper on a real database, as a client
 * sees them with a personal access token: the library trimmed to the caller's agency, another
 * agency's local template answered exactly like a missing one (404), a response started (200,
 * the board's id), and bad input and a cookie-authenticated start from another site refused
 * with nothing created. Only the request-scoped pieces of Next.js are stood in for, as in
 * app/api/v1/boards/boards-routes.test.ts.
 */
import { beforeAll, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { buildActor, buildUser, policyCtx, type SeededScenario } from "@/db/factories";
import type { PolicyCtx } from "@/lib/context";
import { BASE, MISSING_ID, params, routeTestKit } from "@/lib/http/testing/route-test-kit";
import { listBoards } from "@/lib/boards/list-boards";
import { getBoard } from "@/lib/boards/get-board";
import { copyResponseTemplate } from "@/lib/responses/copy-response-template";
import { listResponseTemplates } from "@/lib/responses/list-response-templates";

const stand = vi.hoisted(() => ({ db: undefined as unknown, cookieCtx: null as unknown }));
vi.mock("server-only", () => ({}));
vi.mock("@/lib/database", () => ({ database: async () => ({ db: stand.db }) }));
vi.mock("@/lib/auth/get-actor", () => ({ policyContext: async () => stand.cookieCtx, requestId: async () => "route-test" }));

const listRoute = await import("@/app/api/v1/response-templates/route");
const getRoute = await import("@/app/api/v1/response-templates/[templateId]/route");
const startRoute = await import("@/app/api/v1/spaces/[spaceId]/responses/route");

let db: PolicyCtx["db"];
let s: SeededScenario;

const PRIYA = "priya.shah@dcp.example";
const ALEX = "alex.morgan@dor.example";
const { ctxOf, bearer } = routeTestKit(stand, [PRIYA, ALEX], (opened) => {
  db = opened.db;
  s = opened.scenario;
});
let dorTemplateId = "";
let nationalId = "";

beforeAll(async () => {
  // A DOR supervisor copies a national template into DOR's library: DOR's local template.
  const dorSupervisor = await buildUser(db, { agencyId: s.agencyId("DOR"), roles: ["supervisor"] });
  const asDor = await policyCtx(db, await buildActor(db, dorSupervisor.id));
  nationalId = (await listResponseTemplates(asDor)).items.find((i) => i.key === "missing-person-high-risk")!.id;
  dorTemplateId = (await copyResponseTemplate(asDor, { templateId: nationalId, key: "dor-local", title: "DOR local plan" })).id;
});

const request = (path: string, init: ConstructorParameters<typeof NextRequest>[1] = {}) => new NextRequest(`${BASE}/api/v1${path}`, init);
const boardCount = async () => (await listBoards(await ctxOf(PRIYA), { spaceId: s.spaceId("Operation Kestrel") })).items.length;
const start = (body: unknown, headers: Record<string, string>) =>
  startRoute.POST(request(`/spaces/${s.spaceId("Operation Kestrel")}/responses`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) }), params({ spaceId: s.spaceId("Operation Kestrel") }));

describe("response routes", () => {
  it("lists national templates and the caller's agency's; another agency's is 404 like a missing one", async () => {
    const asPriya = (await (await listRoute.GET(request("/response-templates", { headers: bearer(PRIYA) }), params({}))).json()) as { items: { id: string; scope: string }[] };
    expect(asPriya.items.map((i) => i.scope)).toEqual(["national", "national"]);
    const asAlex = (await (await listRoute.GET(request("/response-templates", { headers: bearer(ALEX) }), params({}))).json()) as { items: { id: string }[] };
    expect(asAlex.items.map((i) => i.id)).toContain(dorTemplateId);

    const hidden = await getRoute.GET(request(`/response-templates/${dorTemplateId}`, { headers: bearer(PRIYA) }), params({ templateId: dorTemplateId }));
    const missing = await getRoute.GET(request(`/response-templates/${MISSING_ID}`, { headers: bearer(PRIYA) }), params({ templateId: MISSING_ID }));
    expect([hidden.status, missing.status]).toEqual([404, 404]);
    expect(await hidden.json()).toEqual(await missing.json());
    const national = await getRoute.GET(request(`/response-templates/${asPriya.items[0]!.id}`, { headers: bearer(PRIYA) }), params({ templateId: asPriya.items[0]!.id }));
    expect(national.status).toBe(200);
    expect(((await national.json()) as { content: { columns: unknown[] } }).content.columns.length).toBeGreaterThan(2);
    expect((await listRoute.GET(request("/response-templates"), params({}))).status).toBe(401);
  });

  it("starts a response (200, the board's id); refuses bad input and a cross-site cookie request, creating nothing", async () => {
    const national = { id: nationalId };
    const before = await boardCount();
    const bad = await start({ templateId: national.id, startsAt: "tomorrow morning" }, bearer(PRIYA));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: "invalid_input", message: expect.stringMatching(/ISO 8601/) });
    const tooLong = await start({ templateId: national.id, startsAt: "2026-12-01T10:00:00Z", title: "x".repeat(10_000) }, bearer(PRIYA));
    expect(tooLong.status).toBe(400);
    expect((await start({ templateId: dorTemplateId, startsAt: "2026-12-01T10:00:00Z" }, bearer(PRIYA))).status).toBe(404);
    stand.cookieCtx = await ctxOf(PRIYA);
    expect((await start({ templateId: national.id, startsAt: "2026-12-01T10:00:00Z" }, { origin: "https://evil.example" })).status).toBe(403);
    stand.cookieCtx = null;
    expect(await boardCount()).toBe(before);

    const ok = await start({ templateId: national.id, startsAt: "2026-12-01T10:00:00Z" }, bearer(PRIYA));
    expect(ok.status).toBe(200);
    const { boardId } = (await ok.json()) as { boardId: string };
    expect(await boardCount()).toBe(before + 1);
    const board = await getBoard(await ctxOf(PRIYA), { boardId });
    expect(board.columns.flatMap((c) => c.cards)).toHaveLength(14);
  });
});
