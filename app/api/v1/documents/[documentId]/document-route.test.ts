/**
 * DELETE /api/v1/documents/{id} through the real API wrapper on a real database: Priya (Kestrel's
 * owner) deletes a document and it is gone, audited; Tom (a member, not an owner) gets 403 and Alex
 * (another agency) 404 exactly like a missing id, the row unchanged; a held document is 409 "held"
 * and stays; a cookie-authenticated deletion from another site is 403.
 */
import { describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { type SeededScenario } from "@/db/factories";
import { BASE, MISSING_ID, params, routeTestKit } from "@/lib/http/testing/route-test-kit";
import { auditCount, documentRow, holdDocument, kestrelDocument as kestrelDocumentIn } from "@/lib/documents/testing/document-fixtures";

const stand = vi.hoisted(() => ({ db: undefined as unknown, cookieCtx: null as unknown }));
vi.mock("server-only", () => ({}));
vi.mock("@/lib/database", () => ({ database: async () => ({ db: stand.db }) }));
vi.mock("@/lib/auth/get-actor", () => ({ policyContext: async () => stand.cookieCtx, requestId: async () => "route-test" }));

const route = await import("@/app/api/v1/documents/[documentId]/route");

const PRIYA = "priya.shah@dcp.example";
const TOM = "tom.hughes@dcp.example";
const HELEN = "helen.carter@cc.example";
let db: Parameters<typeof documentRow>[0];
let s: SeededScenario;
const { ctxOf, bearer } = routeTestKit(stand, [PRIYA, TOM, HELEN], (opened) => {
  db = opened.db;
  s = opened.scenario;
});

const remove = (id: string, headers: Record<string, string>) => route.DELETE(new NextRequest(`${BASE}/api/v1/documents/${id}`, { method: "DELETE", headers }), params({ documentId: id }));
const rowOf = (id: string) => documentRow(db, id);
const kestrelDocument = () => kestrelDocumentIn(db, s);

describe("DELETE /api/v1/documents/{documentId}", () => {
  it("deletes for the space's owner, audited; 403 for a member, 404 for someone outside the space as for a missing id", async () => {
    const doc = await kestrelDocument();
    const before = await rowOf(doc.id);
    expect((await remove(doc.id, bearer(TOM))).status).toBe(403);
    const hidden = await remove(doc.id, bearer(HELEN));
    const missing = await remove(MISSING_ID, bearer(HELEN));
    expect([hidden.status, missing.status]).toEqual([404, 404]);
    expect(await hidden.json()).toEqual(await missing.json());
    expect(await rowOf(doc.id)).toEqual(before);

    const ok = await remove(doc.id, bearer(PRIYA));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ id: doc.id, deleted: true });
    expect(await rowOf(doc.id)).toBeUndefined();
    expect(await auditCount(db, "document.delete", doc.id)).toBe(1);
    expect((await remove(doc.id, bearer(PRIYA))).status).toBe(404);
  });

  it("refuses a held document (409 held) and a cross-site cookie deletion, keeping the row", async () => {
    const doc = await kestrelDocument();
    await holdDocument(db, s, doc.id);
    const held = await remove(doc.id, bearer(PRIYA));
    expect(held.status).toBe(409);
    expect(((await held.json()) as { error: { code: string } }).error.code).toBe("held");
    expect(await rowOf(doc.id)).toBeDefined();

    const other = await kestrelDocument();
    stand.cookieCtx = await ctxOf(PRIYA);
    try {
      expect((await remove(other.id, { origin: "https://evil.example", "sec-fetch-site": "cross-site" })).status).toBe(403);
    } finally {
      stand.cookieCtx = null;
    }
    expect(await rowOf(other.id)).toBeDefined();
  });
});
