/**
 * The submission routes through the real API wrapper on a real database, as a client sees them
 * (issue 7): a draft started and saved with a token; every field's error in `error.issues`; a
 * stale save 409; Mark (vetting lapsed) and Helen (outside the space) answered exactly as about a
 * missing submission; the PDF an attachment carrying the marking; the results CSV only what the
 * caller may read, with a would-be formula defused. Only the request-scoped pieces of Next.js are
 * stood in for, as in app/api/v1/boards/boards-routes.test.ts.
 */
import { describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import type { PolicyCtx } from "@/lib/context";
import { BASE, MISSING_ID, params, routeTestKit } from "@/lib/http/testing/route-test-kit";
import { adultWitness } from "@/lib/forms/national/testing/samples";
import { listForms } from "@/lib/forms/list-forms";

const stand = vi.hoisted(() => ({ db: undefined as unknown, cookieCtx: null as unknown }));
vi.mock("server-only", () => ({}));
vi.mock("@/lib/database", () => ({ database: async () => ({ db: stand.db }) }));
vi.mock("@/lib/auth/get-actor", () => ({ policyContext: async () => stand.cookieCtx, requestId: async () => "route-test" }));

const submissionsRoute = await import("@/app/api/v1/forms/[formId]/submissions/route");
const csvRoute = await import("@/app/api/v1/forms/[formId]/results.csv/route");
const submissionRoute = await import("@/app/api/v1/submissions/[submissionId]/route");
const submitRoute = await import("@/app/api/v1/submissions/[submissionId]/submit/route");
const pdfRoute = await import("@/app/api/v1/submissions/[submissionId]/pdf/route");

let db: PolicyCtx["db"];
let kestrelId = "";
const TOM = "tom.hughes@dcp.example";
const PRIYA = "priya.shah@dcp.example";
const MARK = "mark.ellis@dcp.example";
const HELEN = "helen.carter@cc.example";
const { bearer, ctxOf } = routeTestKit(stand, [TOM, PRIYA, MARK, HELEN], (opened) => {
  db = opened.db;
  kestrelId = opened.scenario.spaceId("Operation Kestrel");
});

const json = (body: unknown, headers: Record<string, string>, method = "POST") => ({ method, headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
const request = (path: string, init: ConstructorParameters<typeof NextRequest>[1] = {}) => new NextRequest(`${BASE}/api/v1${path}`, init);
const mg11 = async () => (await listForms(await ctxOf(TOM))).items.find((f) => f.key === "mg11")!.id;

describe("submission routes", () => {
  it("start, save, refuse with every field's error, refuse a stale save, and submit", async () => {
    const formId = await mg11();
    const created = await submissionsRoute.POST(request(`/forms/${formId}/submissions`, json({ spaceId: kestrelId, answers: { witnessName: "Sarah Jane Collins" } }, bearer(TOM))), params({ formId }));
    expect(created.status).toBe(200);
    const draft = (await created.json()) as { id: string; version: number; marking: string };
    expect(draft.marking).toBe("OFFICIAL-SENSITIVE");
    const bad = await submissionRoute.PATCH(request(`/submissions/${draft.id}`, json({ expectedVersion: 1, answers: { witnessName: 7, colour: "red" } }, bearer(TOM), "PATCH")), params({ submissionId: draft.id }));
    expect(bad.status).toBe(400);
    const error = ((await bad.json()) as { error: { code: string; issues: { path: string }[] } }).error;
    expect(error.code).toBe("invalid_input");
    expect(error.issues.map((i) => i.path).sort()).toEqual(["colour", "witnessName"]);
    const saved = await submissionRoute.PATCH(request(`/submissions/${draft.id}`, json({ expectedVersion: 1, answers: adultWitness() }, bearer(TOM), "PATCH")), params({ submissionId: draft.id }));
    expect(saved.status).toBe(200);
    const stale = await submissionRoute.PATCH(request(`/submissions/${draft.id}`, json({ expectedVersion: 1, answers: {} }, bearer(TOM), "PATCH")), params({ submissionId: draft.id }));
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as { error: { current: { version: number } } }).error.current.version).toBe(2);
    const submitted = await submitRoute.POST(request(`/submissions/${draft.id}/submit`, json({ expectedVersion: 2 }, bearer(TOM))), params({ submissionId: draft.id }));
    expect(submitted.status).toBe(200);
    expect(((await submitted.json()) as { status: string }).status).toBe("submitted");
  });

  it("answer Mark and Helen about a submission exactly as about a missing one, on every route", async () => {
    const formId = await mg11();
    const draft = (await (await submissionsRoute.POST(request(`/forms/${formId}/submissions`, json({ spaceId: kestrelId }, bearer(TOM))), params({ formId }))).json()) as { id: string };
    const missing = await (await submissionRoute.GET(request(`/submissions/${MISSING_ID}`, { headers: bearer(MARK) }), params({ submissionId: MISSING_ID }))).text();
    for (const who of [MARK, HELEN]) {
      for (const response of [
        await submissionRoute.GET(request(`/submissions/${draft.id}`, { headers: bearer(who) }), params({ submissionId: draft.id })),
        await pdfRoute.GET(request(`/submissions/${draft.id}/pdf`, { headers: bearer(who) }), params({ submissionId: draft.id })),
        await submissionRoute.PATCH(request(`/submissions/${draft.id}`, json({ expectedVersion: 1, answers: {} }, bearer(who), "PATCH")), params({ submissionId: draft.id })),
      ]) {
        expect(response.status, who).toBe(404);
        expect(await response.text()).toBe(missing);
      }
    }
  });

  it("hand out the PDF as an attachment, audited, and the results CSV with a formula defused", async () => {
    const formId = await mg11();
    const answers = { ...adultWitness(), witnessName: '=HYPERLINK("http://evil.example","click")' };
    const draft = (await (await submissionsRoute.POST(request(`/forms/${formId}/submissions`, json({ spaceId: kestrelId, answers }, bearer(TOM))), params({ formId }))).json()) as { id: string };
    const pdf = await pdfRoute.GET(request(`/submissions/${draft.id}/pdf?disclosable=1`, { headers: bearer(PRIYA) }), params({ submissionId: draft.id }));
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(pdf.headers.get("content-disposition")).toMatch(/attachment; filename=.*disclosable\.pdf/);
    expect(new TextDecoder("latin1").decode(new Uint8Array(await pdf.arrayBuffer())).slice(0, 5)).toBe("%PDF-");
    expect(await db.query.auditEvents.findMany({ where: (a, { eq }) => eq(a.subjectId, draft.id) })).toContainEqual(expect.objectContaining({ action: "submission.export" }));

    const csv = await csvRoute.GET(request(`/forms/${formId}/results.csv?spaceId=${kestrelId}`, { headers: bearer(PRIYA) }), params({ formId }));
    expect(csv.status).toBe(200);
    const text = await csv.text();
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(text).not.toMatch(/(^|,)"=HYPERLINK/m);
    // Mark's export holds none of these OFFICIAL-SENSITIVE statements.
    const marks = await (await csvRoute.GET(request(`/forms/${formId}/results.csv`, { headers: bearer(MARK) }), params({ formId }))).text();
    expect(marks).not.toContain(draft.id);
    expect(marks).not.toContain("HYPERLINK");
  });
});
