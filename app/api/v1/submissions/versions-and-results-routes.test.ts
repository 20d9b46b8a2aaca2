/**
 * The submission versions route and the results' filters through the real API wrapper on a real
 * database (issue 7): a submission's kept versions for whoever may read it, 404 exactly as for a
 * missing one for Mark and Helen, 401 without a token; the JSON results and the CSV export take
 * the same filters (so the export is what the table shows), refuse a bad one with 400 naming it,
 * and never return what the caller may not read whatever the filters. Only the request-scoped
 * pieces of Next.js are stood in for, as in submissions-routes.test.ts.
 */
import { describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { BASE, MISSING_ID, params, routeTestKit } from "@/lib/http/testing/route-test-kit";
import { adultWitness } from "@/lib/forms/national/testing/samples";
import { listForms } from "@/lib/forms/list-forms";

const stand = vi.hoisted(() => ({ db: undefined as unknown, cookieCtx: null as unknown }));
vi.mock("server-only", () => ({}));
vi.mock("@/lib/database", () => ({ database: async () => ({ db: stand.db }) }));
vi.mock("@/lib/auth/get-actor", () => ({ policyContext: async () => stand.cookieCtx, requestId: async () => "route-test" }));

const submissionsRoute = await import("@/app/api/v1/forms/[formId]/submissions/route");
const csvRoute = await import("@/app/api/v1/forms/[formId]/results.csv/route");
const submitRoute = await import("@/app/api/v1/submissions/[submissionId]/submit/route");
const versionsRoute = await import("@/app/api/v1/submissions/[submissionId]/versions/route");

let kestrelId = "";
const TOM = "tom.hughes@dcp.example";
const PRIYA = "priya.shah@dcp.example";
const MARK = "mark.ellis@dcp.example";
const HELEN = "helen.carter@cc.example";
const { bearer, ctxOf } = routeTestKit(stand, [TOM, PRIYA, MARK, HELEN], (opened) => {
  kestrelId = opened.scenario.spaceId("Operation Kestrel");
});

const json = (body: unknown, headers: Record<string, string>) => ({ method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
const request = (path: string, init: ConstructorParameters<typeof NextRequest>[1] = {}) => new NextRequest(`${BASE}/api/v1${path}`, init);
const mg11 = async () => (await listForms(await ctxOf(TOM))).items.find((f) => f.key === "mg11")!.id;

/** Tom's MG11 in Kestrel with this witness, submitted (or left a draft). */
async function tomsMg11(formId: string, witnessName: string, isSubmitted: boolean): Promise<string> {
  const created = await submissionsRoute.POST(request(`/forms/${formId}/submissions`, json({ spaceId: kestrelId, answers: { ...adultWitness(), witnessName } }, bearer(TOM))), params({ formId }));
  const { id } = (await created.json()) as { id: string };
  if (isSubmitted) expect((await submitRoute.POST(request(`/submissions/${id}/submit`, json({ expectedVersion: 1 }, bearer(TOM))), params({ submissionId: id }))).status).toBe(200);
  return id;
}

describe("submission versions and filtered results routes", () => {
  it("GET /submissions/{id}/versions: every kept version with its answers, 404 like missing for Mark and Helen, 401 without a token", async () => {
    const formId = await mg11();
    const id = await tomsMg11(formId, "Versions Route Witness", true);
    const get = (who: Record<string, string>, submissionId = id) => versionsRoute.GET(request(`/submissions/${submissionId}/versions`, { headers: who }), params({ submissionId }));
    const asPriya = await get(bearer(PRIYA));
    expect(asPriya.status).toBe(200);
    const body = (await asPriya.json()) as { submissionId: string; versions: { number: number; status: string; savedBy: { name: string }; savedAt: string; answers: Record<string, unknown>; review: unknown }[] };
    expect(body.submissionId).toBe(id);
    expect(body.versions).toEqual([{ number: 1, status: "submitted", savedBy: { id: expect.any(String), name: "PC Tom Hughes" }, savedAt: expect.any(String), answers: expect.objectContaining({ witnessName: "Versions Route Witness" }), review: null }]);

    const missing = await (await get(bearer(MARK), MISSING_ID)).text();
    for (const who of [MARK, HELEN]) {
      const response = await get(bearer(who));
      expect(response.status, who).toBe(404);
      expect(await response.text(), who).toBe(missing);
    }
    const anonymous = await get({});
    expect(anonymous.status).toBe(401);
  });

  it("the JSON results and the CSV take the same filters, so the export is what the table shows", async () => {
    const formId = await mg11();
    const submitted = await tomsMg11(formId, "Route Filter Witness One", true);
    const draft = await tomsMg11(formId, "Route Filter Witness Two", false);
    const query = `?status=submitted&spaceId=${kestrelId}&q=${encodeURIComponent("route filter witness")}&owner=${encodeURIComponent("")}`;
    const list = await submissionsRoute.GET(request(`/forms/${formId}/submissions${query}`, { headers: bearer(PRIYA) }), params({ formId }));
    expect(list.status).toBe(200);
    const listed = (await list.json()) as { items: { id: string }[]; isCapped: boolean; filters: Record<string, string> };
    expect(listed.items.map((i) => i.id)).toEqual([submitted]);
    expect(listed).toMatchObject({ isCapped: false, filters: { status: "submitted", spaceId: kestrelId, q: "route filter witness" } });

    const csv = await csvRoute.GET(request(`/forms/${formId}/results.csv${query}`, { headers: bearer(PRIYA) }), params({ formId }));
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-disposition")).toMatch(/^attachment;/);
    const text = await csv.text();
    expect(text).toContain(submitted);
    expect(text).toContain("Route Filter Witness One");
    expect(text).not.toContain(draft);
    // Tom's "mine" is Tom's own.
    const mine = (await (await submissionsRoute.GET(request(`/forms/${formId}/submissions?owner=me&status=draft&q=route`, { headers: bearer(TOM) }), params({ formId }))).json()) as { items: { id: string }[] };
    expect(mine.items.map((i) => i.id)).toEqual([draft]);

    // Mark and Helen: nothing of these, whatever they filter by.
    for (const who of [MARK, HELEN]) {
      const theirs = (await (await submissionsRoute.GET(request(`/forms/${formId}/submissions${query}`, { headers: bearer(who) }), params({ formId }))).json()) as { items: unknown[] };
      expect(theirs.items, who).toEqual([]);
      const theirCsv = await (await csvRoute.GET(request(`/forms/${formId}/results.csv${query}`, { headers: bearer(who) }), params({ formId }))).text();
      expect(theirCsv, who).not.toContain("Route Filter Witness");
    }
  });

  it("refuse a bad filter with 400 naming it, on both; a missing form is 404 whatever the filters", async () => {
    const formId = await mg11();
    for (const [query, path] of [
      ["?submittedFrom=2026-13-01", "submittedFrom"],
      ["?status=lost", "status"],
      ["?submittedFrom=2026-05-02&submittedTo=2026-05-01", "submittedTo"],
      ["?spaceId=kestrel", "spaceId"],
    ] as const) {
      for (const response of [
        await submissionsRoute.GET(request(`/forms/${formId}/submissions${query}`, { headers: bearer(PRIYA) }), params({ formId })),
        await csvRoute.GET(request(`/forms/${formId}/results.csv${query}`, { headers: bearer(PRIYA) }), params({ formId })),
      ]) {
        expect(response.status, query).toBe(400);
        const { error } = (await response.json()) as { error: { code: string; message: string; issues: { path: string; message: string }[] } };
        expect(error.code).toBe("invalid_input");
        expect(error.issues).toEqual([{ path, message: error.message }]);
      }
    }
    const missing = await csvRoute.GET(request(`/forms/${MISSING_ID}/results.csv?status=lost`, { headers: bearer(PRIYA) }), params({ formId: MISSING_ID }));
    expect(missing.status).toBe(404);
  });
});
