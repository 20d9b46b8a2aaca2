/**
 * The file plan routes (issue 8) through the real API wrapper on a real database, as a client
 * sees them: Janet creates, changes and retires labels, event types and rules with a token; every
 * field's problem comes back in `error.issues`; a reference in use is 409; the route × persona
 * matrix (only records managers manage; auditors' and administrators' reads; 403 for the rest of
 * DCP; DCP's labels answer Alex exactly as a missing one); a cookie-authenticated change from
 * another site is refused; no token is 401. Only the request-scoped pieces of Next.js are stood
 * in for, as in app/api/v1/submissions/submissions-routes.test.ts.
 */
import { describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import type { PolicyCtx } from "@/lib/context";
import { BASE, MISSING_ID, params, routeTestKit } from "@/lib/http/testing/route-test-kit";

const stand = vi.hoisted(() => ({ db: undefined as unknown, cookieCtx: null as unknown }));
vi.mock("server-only", () => ({}));
vi.mock("@/lib/database", () => ({ database: async () => ({ db: stand.db }) }));
vi.mock("@/lib/auth/get-actor", () => ({ policyContext: async () => stand.cookieCtx, requestId: async () => "route-test" }));

const labelsRoute = await import("@/app/api/v1/retention-labels/route");
const labelRoute = await import("@/app/api/v1/retention-labels/[labelId]/route");
const eventTypesRoute = await import("@/app/api/v1/retention-event-types/route");
const rulesRoute = await import("@/app/api/v1/retention-rules/route");
const ruleRoute = await import("@/app/api/v1/retention-rules/[ruleId]/route");

let db: PolicyCtx["db"];
let userId: (email: string) => string;
const JANET = "janet.okafor@dcp.example";
const PRIYA = "priya.shah@dcp.example";
const TOM = "tom.hughes@dcp.example";
const SAM = "sam.patel@dcp.example";
const ALEX = "alex.morgan@dor.example";
const { bearer, ctxOf } = routeTestKit(stand, [JANET, PRIYA, TOM, SAM, ALEX], (opened) => {
  db = opened.db;
  userId = opened.scenario.userId;
});

const json = (body: unknown, headers: Record<string, string>, method = "POST") => ({ method, headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
const request = (path: string, init: ConstructorParameters<typeof NextRequest>[1] = {}) => new NextRequest(`${BASE}/api/v1${path}`, init);
type Body = { id: string; reference: string; error?: { code: string; message: string; issues?: { path: string; message: string }[] } };
const body = async (r: Response) => (await r.json()) as Body & Record<string, unknown>;

async function caseClosed(): Promise<string> {
  const r = await eventTypesRoute.GET(request("/retention-event-types", { headers: bearer(JANET) }), params({}));
  return ((await r.json()) as { items: { id: string; key: string }[] }).items.find((e) => e.key === "case-closed")!.id;
}
let seq = 0;
const crimeFile = async () => ({
  reference: `ROUTE-${++seq}`,
  name: "Crime file – Group 3 – 6 years after case closed",
  category: "Crime and case files",
  period: { years: 6 },
  trigger: "event",
  eventTypeId: await caseClosed(),
  action: "review",
  reviewStages: [
    { name: "Records manager review", reviewerIds: [userId(JANET)] },
    { name: "Investigative review", reviewerIds: [userId(PRIYA)] },
  ],
  recordKind: "record",
});
const seededLabel = async (reference: string) => (await db.query.retentionLabels.findFirst({ where: (l, { eq }) => eq(l.reference, reference) }))!;

describe("file plan routes", () => {
  it("let Janet create a label with a two-stage review, see it in the file plan, change it and retire it", async () => {
    const input = await crimeFile();
    const created = await labelsRoute.POST(request("/retention-labels", json(input, bearer(JANET))), params({}));
    expect(created.status).toBe(200);
    const label = await body(created);
    expect(label).toMatchObject({ reference: input.reference, periodText: "6 years", eventType: { key: "case-closed" }, reviewStages: [{ reviewers: [{ name: "Janet Okafor" }] }, { reviewers: [{ name: "DS Priya Shah" }] }] });
    const list = await body(await labelsRoute.GET(request("/retention-labels?category=Crime%20and%20case%20files", { headers: bearer(JANET) }), params({})));
    expect((list.items as { id: string }[]).map((l) => l.id)).toContain(label.id);
    expect(list.permissions).toEqual({ canManage: true });

    const patched = await labelRoute.PATCH(request(`/retention-labels/${label.id}`, json({ period: { years: 7 } }, bearer(JANET), "PATCH")), params({ labelId: label.id }));
    expect(patched.status).toBe(200);
    expect((await body(patched)).periodText).toBe("7 years");
    const got = await body(await labelRoute.GET(request(`/retention-labels/${label.id}`, { headers: bearer(JANET) }), params({ labelId: label.id })));
    expect(got).toMatchObject({ isInUse: false, permissions: { canUpdate: true, canDelete: true } });

    const deleted = await labelRoute.DELETE(request(`/retention-labels/${label.id}`, { method: "DELETE", headers: bearer(JANET) }), params({ labelId: label.id }));
    expect(deleted.status).toBe(200);
    expect(await deleted.json()).toEqual({ outcome: "deleted", id: label.id });
    // A label in use (the MG11 rule's) is retired instead, and kept.
    const mg11 = await seededLabel("FRM-MG11");
    const retired = await body(await labelRoute.DELETE(request(`/retention-labels/${mg11.id}`, { method: "DELETE", headers: bearer(JANET) }), params({ labelId: mg11.id })));
    expect(retired).toMatchObject({ outcome: "retired", label: { id: mg11.id, retiredAt: expect.any(String) } });
    expect((await seededLabel("FRM-MG11")).retiredAt).not.toBeNull();
  });

  it("answer bad input with every field's problem, 409 for a reference in use, and store nothing", async () => {
    const before = (await db.query.retentionLabels.findMany({ columns: { id: true } })).length;
    const bad = await labelsRoute.POST(request("/retention-labels", json({ ...(await crimeFile()), period: { years: -1 }, eventTypeId: MISSING_ID, reviewStages: [{ name: "", reviewerIds: [] }] }, bearer(JANET))), params({}));
    expect(bad.status).toBe(400);
    const error = (await body(bad)).error!;
    expect(error.code).toBe("invalid_input");
    expect(error.issues!.map((i) => i.path).sort()).toEqual(["period.years", "reviewStages.0.name", "reviewStages.0.reviewerIds"]);
    expect(error.issues).toContainEqual({ path: "period.years", message: "A retention period cannot be negative" });
    // Once the fields parse, what only the database knows: the event type.
    const unknownType = await body(await labelsRoute.POST(request("/retention-labels", json({ ...(await crimeFile()), eventTypeId: MISSING_ID }, bearer(JANET))), params({})));
    expect(unknownType.error!.issues).toEqual([{ path: "eventTypeId", message: expect.stringMatching(/Unknown event type/) }]);
    const notJson = await labelsRoute.POST(request("/retention-labels", { method: "POST", headers: { ...bearer(JANET), "content-type": "text/plain" }, body: "{}" }), params({}));
    expect(notJson.status).toBe(400);
    const taken = await labelsRoute.POST(request("/retention-labels", json({ ...(await crimeFile()), reference: "RRD-G1" }, bearer(JANET))), params({}));
    expect(taken.status).toBe(409);
    expect((await body(taken)).error).toMatchObject({ code: "conflict", issues: [{ path: "reference" }] });
    expect((await db.query.retentionLabels.findMany({ columns: { id: true } })).length).toBe(before);
  });

  it("let only records managers manage: 403 for Priya, Tom and Sam, DCP's labels answering Alex as missing ones, rows unchanged", async () => {
    const g3 = await seededLabel("RRD-G3");
    const [rule] = await db.query.retentionRules.findMany({ where: (r, { eq }) => eq(r.formKey, "mg11") });
    const input = await crimeFile();
    for (const who of [PRIYA, TOM, SAM]) {
      expect((await labelsRoute.POST(request("/retention-labels", json(input, bearer(who))), params({}))).status, who).toBe(403);
      expect((await labelRoute.PATCH(request(`/retention-labels/${g3.id}`, json({ period: { years: 1 } }, bearer(who), "PATCH")), params({ labelId: g3.id }))).status, who).toBe(403);
      expect((await labelRoute.DELETE(request(`/retention-labels/${g3.id}`, { method: "DELETE", headers: bearer(who) }), params({ labelId: g3.id }))).status, who).toBe(403);
      expect((await eventTypesRoute.POST(request("/retention-event-types", json({ key: "x-event", name: "X" }, bearer(who))), params({}))).status, who).toBe(403);
      expect((await rulesRoute.POST(request("/retention-rules", json({ labelId: g3.id, itemType: "file" }, bearer(who))), params({}))).status, who).toBe(403);
      expect((await ruleRoute.DELETE(request(`/retention-rules/${rule!.id}`, { method: "DELETE", headers: bearer(who) }), params({ ruleId: rule!.id }))).status, who).toBe(403);
    }
    // Reads: Sam (administrator) reads the plan; Priya and Tom are refused it.
    expect((await labelsRoute.GET(request("/retention-labels", { headers: bearer(SAM) }), params({}))).status).toBe(200);
    expect((await labelRoute.GET(request(`/retention-labels/${g3.id}`, { headers: bearer(SAM) }), params({ labelId: g3.id }))).status).toBe(200);
    for (const who of [PRIYA, TOM]) {
      expect((await labelsRoute.GET(request("/retention-labels", { headers: bearer(who) }), params({}))).status, who).toBe(403);
      expect((await labelRoute.GET(request(`/retention-labels/${g3.id}`, { headers: bearer(who) }), params({ labelId: g3.id }))).status, who).toBe(403);
      expect((await eventTypesRoute.GET(request("/retention-event-types", { headers: bearer(who) }), params({}))).status, who).toBe(403);
      expect((await rulesRoute.GET(request("/retention-rules", { headers: bearer(who) }), params({}))).status, who).toBe(403);
    }
    // To Alex, DCP's label and rule are exactly as missing ones.
    const missingLabel = await (await labelRoute.GET(request(`/retention-labels/${MISSING_ID}`, { headers: bearer(ALEX) }), params({ labelId: MISSING_ID }))).text();
    for (const response of [
      await labelRoute.GET(request(`/retention-labels/${g3.id}`, { headers: bearer(ALEX) }), params({ labelId: g3.id })),
      await labelRoute.PATCH(request(`/retention-labels/${g3.id}`, json({ period: { years: 1 } }, bearer(ALEX), "PATCH")), params({ labelId: g3.id })),
      await labelRoute.DELETE(request(`/retention-labels/${g3.id}`, { method: "DELETE", headers: bearer(ALEX) }), params({ labelId: g3.id })),
      await ruleRoute.DELETE(request(`/retention-rules/${rule!.id}`, { method: "DELETE", headers: bearer(ALEX) }), params({ ruleId: rule!.id })),
    ]) {
      expect(response.status).toBe(404);
      expect(await response.text()).toBe(missingLabel);
    }
    expect(await seededLabel("RRD-G3")).toEqual(g3);
    expect(await db.query.retentionRules.findMany({ where: (r, { eq }) => eq(r.id, rule!.id) })).toHaveLength(1);
  });

  it("keep event types and rules: create, 409 on a duplicate, delete", async () => {
    const made = await eventTypesRoute.POST(request("/retention-event-types", json({ key: "inquiry-concluded", name: "Public inquiry concluded" }, bearer(JANET))), params({}));
    expect(made.status).toBe(200);
    expect((await eventTypesRoute.POST(request("/retention-event-types", json({ key: "inquiry-concluded", name: "Again" }, bearer(JANET))), params({}))).status).toBe(409);
    const label = await body(await labelsRoute.POST(request("/retention-labels", json(await crimeFile(), bearer(JANET))), params({})));
    const rule = await rulesRoute.POST(request("/retention-rules", json({ labelId: label.id, itemType: "submission", formKey: "missing-person" }, bearer(JANET))), params({}));
    expect(rule.status).toBe(200);
    const ruleId = (await body(rule)).id;
    expect((await rulesRoute.POST(request("/retention-rules", json({ labelId: label.id, itemType: "submission", formKey: "missing-person" }, bearer(JANET))), params({}))).status).toBe(409);
    const listed = await body(await rulesRoute.GET(request("/retention-rules", { headers: bearer(JANET) }), params({})));
    expect((listed.items as { id: string }[]).map((r) => r.id)).toContain(ruleId);
    const deleted = await ruleRoute.DELETE(request(`/retention-rules/${ruleId}`, { method: "DELETE", headers: bearer(JANET) }), params({ ruleId }));
    expect(deleted.status).toBe(200);
    expect((await ruleRoute.DELETE(request(`/retention-rules/${ruleId}`, { method: "DELETE", headers: bearer(JANET) }), params({ ruleId }))).status).toBe(404);
  });

  it("refuse a cookie-authenticated change from another site, and a request with no credentials", async () => {
    stand.cookieCtx = await ctxOf(JANET);
    try {
      const before = (await db.query.retentionLabels.findMany({ columns: { id: true } })).length;
      const crossSite = await labelsRoute.POST(
        request("/retention-labels", { method: "POST", headers: { "content-type": "application/json", origin: "https://evil.example", "sec-fetch-site": "cross-site" }, body: JSON.stringify(await crimeFile()) }),
        params({}),
      );
      expect(crossSite.status).toBe(403);
      expect((await body(crossSite)).error!.code).toBe("cross_origin");
      expect((await db.query.retentionLabels.findMany({ columns: { id: true } })).length).toBe(before);
      // Reads with the cookie are fine.
      expect((await labelsRoute.GET(request("/retention-labels"), params({}))).status).toBe(200);
    } finally {
      stand.cookieCtx = null;
    }
    expect((await labelsRoute.GET(request("/retention-labels"), params({}))).status).toBe(401);
    expect((await labelsRoute.GET(request("/retention-labels", { headers: { authorization: "Bearer acc_pat_nonsense" } }), params({}))).status).toBe(401);
  });
});
