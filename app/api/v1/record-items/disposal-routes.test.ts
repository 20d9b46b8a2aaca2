/**
 * The disposal review routes through the real API wrapper on a real database, with personal
 * access tokens per persona: Janet (records manager, stage 1) sees the item in the queue and
 * decides it; Priya (named at stage 2) sees nothing at stage 1 in her queue and gets 403 deciding
 * it (she owns Kestrel, so she sees its records); Tom and Alex get 404 exactly like a missing item
 * and the row is unchanged; a decision without a comment is 400 naming the comment; a
 * cookie-authenticated decision from another site is 403; certificates are for records managers
 * only (others: an empty list), a bad day is 400; no token is 401. One decision on many items
 * decides each on its own: what one may not decide is refused with that item's own answer and the
 * rest are decided; no comment is 400 with nothing decided.
 */
import { describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { type SeededScenario } from "@/db/factories";
import { BASE, MISSING_ID, params, routeTestKit } from "@/lib/http/testing/route-test-kit";
import { itemInReview as inReview, recordItemRow } from "@/lib/records/testing/disposal-fixtures";

const stand = vi.hoisted(() => ({ db: undefined as unknown, cookieCtx: null as unknown }));
vi.mock("server-only", () => ({}));
vi.mock("@/lib/database", () => ({ database: async () => ({ db: stand.db }) }));
vi.mock("@/lib/auth/get-actor", () => ({ policyContext: async () => stand.cookieCtx, requestId: async () => "route-test" }));

const queueRoute = await import("@/app/api/v1/review-queue/route");
const decisionsRoute = await import("@/app/api/v1/record-items/[recordItemId]/decisions/route");
const certificatesRoute = await import("@/app/api/v1/disposal-certificates/route");
const bulkRoute = await import("@/app/api/v1/review-queue/decisions/route");

const JANET = "janet.okafor@dcp.example";
const PRIYA = "priya.shah@dcp.example";
const TOM = "tom.hughes@dcp.example";
const ALEX = "alex.morgan@dor.example";
let db: Parameters<typeof inReview>[0];
let s: SeededScenario;
const { ctxOf, bearer } = routeTestKit(stand, [JANET, PRIYA, TOM, ALEX], (opened) => {
  db = opened.db;
  s = opened.scenario;
});

const itemInReview = () => inReview(db, s, JANET, PRIYA);
const getQueue = (headers: Record<string, string>) => queueRoute.GET(new NextRequest(`${BASE}/api/v1/review-queue`, { headers }), params({}));
const decide = (id: string, body: unknown, headers: Record<string, string>) =>
  decisionsRoute.POST(new NextRequest(`${BASE}/api/v1/record-items/${id}/decisions`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) }), params({ recordItemId: id }));
const getCertificates = (query: string, headers: Record<string, string>) => certificatesRoute.GET(new NextRequest(`${BASE}/api/v1/disposal-certificates${query}`, { headers }), params({}));
const rowOf = (id: string) => recordItemRow(db, id);
const decideMany = (body: unknown, headers: Record<string, string>) =>
  bulkRoute.POST(new NextRequest(`${BASE}/api/v1/review-queue/decisions`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) }), params({}));
type BulkBody = { decided: number; refused: number; outcomes: { recordItemId: string; result: { stage: number | null } | null; error: { status: number; code: string } | null }[] };

describe("disposal review routes", () => {
  it("lists the queue for those who may decide, and nobody else", async () => {
    const id = await itemInReview();
    const idsFor = async (email: string) => ((await (await getQueue(bearer(email))).json()) as { items: { id: string }[] }).items.map((i) => i.id);
    expect(await idsFor(JANET)).toContain(id);
    expect(await idsFor(PRIYA)).not.toContain(id);
    expect(await idsFor(TOM)).toEqual([]);
    expect(await idsFor(ALEX)).toEqual([]);
    expect((await getQueue({})).status).toBe(401);
  });

  it("answers 404 like a missing item to Tom and Alex, 403 to Priya at a stage not hers, with the row unchanged", async () => {
    const id = await itemInReview();
    const before = await rowOf(id);
    const body = { decision: "approve", comment: "Dispose of it" };
    for (const email of [TOM, ALEX]) {
      const hidden = await decide(id, body, bearer(email));
      const missing = await decide(MISSING_ID, body, bearer(email));
      expect([hidden.status, missing.status], email).toEqual([404, 404]);
      expect(await hidden.json()).toEqual(await missing.json());
    }
    expect((await decide(id, body, bearer(PRIYA))).status).toBe(403);
    expect(await rowOf(id)).toEqual(before);
  });

  it("requires a comment, naming the field; refuses a cross-site cookie decision; Janet's decision moves the item on", async () => {
    const id = await itemInReview();
    const noComment = await decide(id, { decision: "approve" }, bearer(JANET));
    expect(noComment.status).toBe(400);
    const error = ((await noComment.json()) as { error: { code: string; message: string; issues: { path: string }[] } }).error;
    expect([error.code, error.message, error.issues[0]?.path]).toEqual(["invalid_input", "Give a comment for your decision", "comment"]);

    stand.cookieCtx = await ctxOf(JANET);
    try {
      const crossSite = await decide(id, { decision: "approve", comment: "x" }, { origin: "https://evil.example", "sec-fetch-site": "cross-site" });
      expect(crossSite.status).toBe(403);
    } finally {
      stand.cookieCtx = null;
    }
    expect((await rowOf(id))?.reviewStage).toBe(1);

    const ok = await decide(id, { decision: "approve", comment: "Stage 1 done" }, bearer(JANET));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ recordItemId: id, state: "in_review", stage: 2 });
  });

  it("lists certificates to records managers only, and refuses a bad day", async () => {
    const ok = await getCertificates("", bearer(JANET));
    expect(ok.status).toBe(200);
    for (const email of [PRIYA, TOM, ALEX]) expect(((await (await getCertificates("", bearer(email))).json()) as { items: unknown[] }).items).toEqual([]);
    const bad = await getCertificates("?from=2026-02-30", bearer(JANET));
    expect(bad.status).toBe(400);
    expect((await getCertificates("", {})).status).toBe(401);
  });

  it("decides many items at once, each on its own: refusals are per item, and a bad decision decides nothing", async () => {
    const [a, b] = [await itemInReview(), await itemInReview()];
    const before = [await rowOf(a), await rowOf(b)];
    const noComment = await decideMany({ recordItemIds: [a, b], decision: "approve" }, bearer(JANET));
    expect(noComment.status).toBe(400);
    expect(((await noComment.json()) as { error: { issues: { path: string }[] } }).error.issues[0]?.path).toBe("comment");
    expect((await decideMany({ recordItemIds: [], decision: "approve", comment: "x" }, bearer(JANET))).status).toBe(400);
    expect([await rowOf(a), await rowOf(b)]).toEqual(before);

    // Tom may decide neither: each is the 404 a single decision gives, and nothing changes.
    const tom = (await (await decideMany({ recordItemIds: [a, b], decision: "approve", comment: "x" }, bearer(TOM))).json()) as BulkBody;
    expect([tom.decided, tom.refused, tom.outcomes.map((o) => o.error?.status)]).toEqual([0, 2, [404, 404]]);
    expect([await rowOf(a), await rowOf(b)]).toEqual(before);

    // Janet: both move to stage 2; a missing id among them is refused on its own.
    const ok = await decideMany({ recordItemIds: [a, MISSING_ID, b], decision: "approve", comment: "Stage 1: nothing outstanding" }, bearer(JANET));
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as BulkBody;
    expect([body.decided, body.refused]).toEqual([2, 1]);
    expect(body.outcomes.map((o) => [o.recordItemId, o.result?.stage ?? null, o.error?.status ?? null])).toEqual([
      [a, 2, null],
      [MISSING_ID, null, 404],
      [b, 2, null],
    ]);
  });
});
