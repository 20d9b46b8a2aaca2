/**
 * GET /api/v1/search through the real API wrapper on the seeded database (issue 10): Priya finds
 * the MASH minutes by a word of their text, Alex gets the very answer a word found nowhere gets;
 * bad input is 400 naming the problem, the retention-state filter is 403 for non-records
 * managers, no token is 401; and the path is described in the OpenAPI document.
 */
import { describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { BASE, routeTestKit } from "@/lib/http/testing/route-test-kit";
import { seedDocumentContent } from "@/lib/collab/seed-document-content";
import { openApiDocument } from "@/lib/api/openapi";
import { searchPaths, searchSchemas } from "@/lib/api/openapi-search";

const stand = vi.hoisted(() => ({ db: undefined as unknown, cookieCtx: null as unknown }));
vi.mock("server-only", () => ({}));
vi.mock("@/lib/database", () => ({ database: async () => ({ db: stand.db }) }));
vi.mock("@/lib/auth/get-actor", () => ({ policyContext: async () => stand.cookieCtx, requestId: async () => "route-test" }));

const route = await import("@/app/api/v1/search/route");

const PRIYA = "priya.shah@dcp.example";
const ALEX = "alex.morgan@dor.example";
let s: { documentId(title: string): string };
let seeded: Promise<unknown> | undefined;
const { bearer } = routeTestKit(stand, [PRIYA, ALEX], (opened) => {
  s = opened.scenario;
  seeded = seedDocumentContent(opened.db);
});
const get = async (query: string, headers: Record<string, string>) => {
  await seeded;
  const res = await route.GET(new NextRequest(`${BASE}/api/v1/search?${query}`, { headers }), { params: Promise.resolve({}) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { items?: { id: string }[]; total?: number; error?: { code: string; message: string } } };
};

describe("GET /api/v1/search", () => {
  it("finds for Priya what she may read, and tells Alex nothing of it", async () => {
    const priya = await get("q=safety+plan&type=document", bearer(PRIYA));
    expect(priya.status).toBe(200);
    expect(priya.body.items!.map((i) => i.id)).toContain(s.documentId("Strategy meeting minutes"));
    const alex = await get("q=safety+plan", bearer(ALEX));
    const nowhere = await get("q=zzyzxnotaword", bearer(ALEX));
    expect(alex).toEqual({ status: 200, body: { items: [], total: 0, nextOffset: null } });
    expect(alex).toEqual(nowhere);
  });

  it("refuses bad input with 400, the state filter with 403, no token with 401", async () => {
    const empty = await get("q=", bearer(PRIYA));
    expect(empty.status).toBe(400);
    expect(empty.body.error!.message).toMatch(/Type something/);
    expect((await get("q=plan&type=email", bearer(PRIYA))).status).toBe(400);
    expect((await get("q=plan&updatedFrom=yesterday", bearer(PRIYA))).status).toBe(400);
    expect((await get("q=plan&retentionState=retained", bearer(PRIYA))).status).toBe(403);
    expect((await get("q=plan", {})).status).toBe(401);
  });

  it("is described in the OpenAPI document, every reference resolvable", () => {
    const doc = openApiDocument() as { paths: Record<string, unknown>; components: { schemas: Record<string, unknown> } };
    expect(doc.paths["/search"]).toBeDefined();
    const refs = [...JSON.stringify(searchPaths).matchAll(/#\/components\/schemas\/(\w+)/g)].map((m) => m[1]!);
    for (const name of [...refs, ...Object.keys(searchSchemas)]) expect(doc.components.schemas[name], name).toBeDefined();
  });
});
