/**
 * The labelling and events routes through the real API wrapper on a real database (issue 8):
 * Janet labels an item, sets Kestrel's default with applyToExisting, raises an event and finds
 * the items; Tom is refused with 403, Alex with 404 where he sees nothing, a regulatory record's
 * label with 409, bad input with 400 naming the problem, no token with 401.
 */
import { describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { BASE, params, routeTestKit } from "@/lib/http/testing/route-test-kit";
import { createRetentionLabel } from "@/lib/records/create-retention-label";
import { createRetentionEventType } from "@/lib/records/create-retention-event-type";

const stand = vi.hoisted(() => ({ db: undefined as unknown, cookieCtx: null as unknown }));
vi.mock("server-only", () => ({}));
vi.mock("@/lib/database", () => ({ database: async () => ({ db: stand.db }) }));
vi.mock("@/lib/auth/get-actor", () => ({ policyContext: async () => stand.cookieCtx, requestId: async () => "route-test" }));

const labelRoute = await import("@/app/api/v1/documents/[documentId]/retention-label/route");
const subjectRoute = await import("@/app/api/v1/documents/[documentId]/retention-subject/route");
const defaultRoute = await import("@/app/api/v1/spaces/[spaceId]/retention-default/route");
const eventsRoute = await import("@/app/api/v1/retention-events/route");
const itemsRoute = await import("@/app/api/v1/record-items/route");

const JANET = "janet.okafor@dcp.example";
const TOM = "tom.hughes@dcp.example";
const ALEX = "alex.morgan@dor.example";
let s: { documentId(title: string): string; spaceId(name: string): string };
const { bearer, ctxOf } = routeTestKit(stand, [JANET, TOM, ALEX], (opened) => {
  s = opened.scenario;
});
const request = (path: string, init: ConstructorParameters<typeof NextRequest>[1] = {}) => new NextRequest(`${BASE}/api/v1${path}`, init);
const send = (method: string, body: unknown, headers: Record<string, string>) => ({ method, headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });

/** A label of DCP's file plan, made by Janet through the file plan's own operation. */
async function label(overrides: Record<string, unknown> = {}) {
  const made = await createRetentionLabel(await ctxOf(JANET), { reference: `R-${Math.random().toString(36).slice(2, 8)}`, name: "Route label", trigger: "created", action: "delete", period: { years: 6 }, ...overrides });
  return made.id;
}

describe("records labelling and events routes", () => {
  it("labels, unlabels and refuses as documented", async () => {
    const press = s.documentId("Press lines");
    const minutes = s.documentId("Strategy meeting minutes");
    const labelId = await label();
    const put = (who: Record<string, string>, documentId: string, body: unknown) => labelRoute.PUT(request(`/documents/${documentId}/retention-label`, send("PUT", body, who)), params({ documentId }));
    const ok = await put(bearer(JANET), press, { labelId });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ itemType: "document", itemId: press, label: { id: labelId }, dueOn: expect.any(String) });
    expect((await labelRoute.GET(request(`/documents/${press}/retention-label`, { headers: bearer(TOM) }), params({ documentId: press }))).status).toBe(200);
    expect((await put(bearer(TOM), press, { labelId })).status).toBe(403);
    expect((await put(bearer(ALEX), minutes, { labelId })).status).toBe(404);
    const bad = await put(bearer(JANET), press, { labelId, subjectDateOfBirth: "31/12/1990" });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/YYYY-MM-DD/);
    expect((await labelRoute.GET(request(`/documents/${press}/retention-label`), params({ documentId: press }))).status).toBe(401);
    const subject = await subjectRoute.PUT(request(`/documents/${press}/retention-subject`, send("PUT", { subjectReference: "50AB0000001" }, bearer(JANET))), params({ documentId: press }));
    expect(subject.status).toBe(200);
    expect((await subjectRoute.PUT(request(`/documents/${press}/retention-subject`, send("PUT", { subjectReference: "X" }, bearer(TOM))), params({ documentId: press }))).status).toBe(403);
    // A regulatory record: 409 for everyone.
    expect((await put(bearer(JANET), press, { labelId: await label({ recordKind: "regulatory" }) })).status).toBe(200);
    const del = await labelRoute.DELETE(request(`/documents/${press}/retention-label`, { method: "DELETE", headers: bearer(JANET) }), params({ documentId: press }));
    expect(del.status).toBe(409);
    expect(((await del.json()) as { error: { code: string } }).error.code).toBe("regulatory_record");
  });

  it("sets a space's default, raises an event and finds the items", async () => {
    const kestrel = s.spaceId("Operation Kestrel");
    const eventType = await createRetentionEventType(await ctxOf(JANET), { key: "route-case-closed", name: "Case closed" });
    const labelId = await label({ name: "Crime file – Group 3 – 6 years after case closed", trigger: "event", eventTypeId: eventType.id });
    const setDefault = (who: Record<string, string>, body: unknown) => defaultRoute.PUT(request(`/spaces/${kestrel}/retention-default`, send("PUT", body, who)), params({ spaceId: kestrel }));
    expect((await setDefault(bearer(TOM), { labelId })).status).toBe(403);
    const set = await setDefault(bearer(JANET), { labelId, applyToExisting: true });
    expect(set.status).toBe(200);
    expect(((await set.json()) as { labelled: { document: number } }).labelled.document).toBeGreaterThanOrEqual(1);
    const shown = await defaultRoute.GET(request(`/spaces/${kestrel}/retention-default`, { headers: bearer(JANET) }), params({ spaceId: kestrel }));
    expect(await shown.json()).toMatchObject({ defaultLabel: { id: labelId }, permissions: { canSetDefault: true } });
    const mash = s.spaceId("Cornwall MASH: referral 2026-0412");
    expect((await defaultRoute.GET(request(`/spaces/${mash}/retention-default`, { headers: bearer(ALEX) }), params({ spaceId: mash }))).status).toBe(404);

    const raise = (who: Record<string, string>, body: unknown) => eventsRoute.POST(request("/retention-events", send("POST", body, who)), params({}));
    const raised = await raise(bearer(JANET), { eventTypeId: eventType.id, occurredOn: "2020-03-01", spaceId: kestrel });
    expect(raised.status).toBe(200);
    expect(((await raised.json()) as { itemCount: number }).itemCount).toBeGreaterThanOrEqual(1);
    expect((await raise(bearer(TOM), { eventTypeId: eventType.id, occurredOn: "2020-03-01", spaceId: kestrel })).status).toBe(403);
    const unknown = await raise(bearer(JANET), { eventTypeId: "00000000-0000-4000-8000-000000000000", occurredOn: "2020-03-01", spaceId: kestrel });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { error: { message: string } }).error.message).toMatch(/Unknown event type/);

    const found = await itemsRoute.GET(request(`/record-items?labelId=${labelId}&dueFrom=2026-03-01&dueTo=2026-03-01&state=retained`, { headers: bearer(JANET) }), params({}));
    expect(found.status).toBe(200);
    const items = ((await found.json()) as { items: { label: { id: string }; dueOn: string }[] }).items;
    expect(items.length).toBeGreaterThanOrEqual(1);
    expect(items.every((i) => i.label.id === labelId && i.dueOn === "2026-03-01")).toBe(true);
    expect(((await (await itemsRoute.GET(request("/record-items", { headers: bearer(TOM) }), params({}))).json()) as { items: unknown[] }).items).toEqual([]);
    expect((await itemsRoute.GET(request("/record-items?dueFrom=soon", { headers: bearer(JANET) }), params({}))).status).toBe(400);
    expect((await itemsRoute.GET(request("/record-items"), params({}))).status).toBe(401);
  });
});
