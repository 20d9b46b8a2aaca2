/**
 * A document's and a file's SharePoint status routes (issue 9) on the seeded database: nothing
 * (sync null) before DCP connects; then Priya sees the Induction guide wait, fail with its reason,
 * retry it, and end a conflict; Alex (Dorset, not in DCP Training) gets 404 exactly as for a
 * missing id, for the status, the retry and the conflict. Graph is never called.
 */
import { describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import type { SeededScenario } from "@/db/factories";
import { BASE, MISSING_ID, params, routeTestKit } from "@/lib/http/testing/route-test-kit";
import { saveGraphConnection } from "@/lib/graph/save-graph-connection";

const stand = vi.hoisted(() => ({ db: undefined as unknown, cookieCtx: null as unknown }));
vi.mock("server-only", () => ({}));
vi.mock("@/lib/database", () => ({ database: async () => ({ db: stand.db }) }));
vi.mock("@/lib/auth/get-actor", () => ({ policyContext: async () => stand.cookieCtx, requestId: async () => "route-test" }));

const documentSync = await import("@/app/api/v1/documents/[documentId]/sync/route");
const conflictRoute = await import("@/app/api/v1/documents/[documentId]/sync/conflict/route");
const fileSync = await import("@/app/api/v1/files/[fileId]/sync/route");

const SAM = "sam.patel@dcp.example";
const PRIYA = "priya.shah@dcp.example";
const ALEX = "alex.morgan@dor.example";

type Db = { execute(query: string): Promise<unknown> };
let db: Db;
let s: SeededScenario;
const { ctxOf, bearer } = routeTestKit(stand, [PRIYA, ALEX], (opened) => {
  db = opened.db as unknown as Db;
  s = opened.scenario;
});
/** Raw rows (test-only SQL over fixed values; a lib/graph/testing fixture would be the better home). */
const rows = async <T,>(query: string): Promise<T[]> => {
  const result = await db.execute(query);
  return (Array.isArray(result) ? result : ((result as { rows?: unknown[] }).rows ?? [])) as T[];
};

const req = (method: string, path: string, who: string, body?: unknown) =>
  new NextRequest(`${BASE}/api/v1${path}`, { method, headers: { "content-type": "application/json", ...bearer(who) }, body: body === undefined ? undefined : JSON.stringify(body) });
const docStatus = (who: string, id: string) => documentSync.GET(req("GET", `/documents/${id}/sync`, who), params({ documentId: id }));
const docRetry = (who: string, id: string) => documentSync.POST(req("POST", `/documents/${id}/sync`, who), params({ documentId: id }));
const resolve = (who: string, id: string, body: unknown) => conflictRoute.POST(req("POST", `/documents/${id}/sync/conflict`, who, body), params({ documentId: id }));
type Answer = { sync: { status: string; message: string | null; requestId: string | null; reviewVersionId: string | null } | null; permissions: { canRetry: boolean; canResolve: boolean } };

describe("document and file sync routes", () => {
  it("answers sync null before the agency connects; 404 for Alex exactly as for a missing id", async () => {
    const guide = s.documentId("Induction guide");
    const res = await docStatus(PRIYA, guide);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ sync: null, permissions: { canRetry: true, canResolve: true } });
    const hidden = await docStatus(ALEX, guide);
    const missing = await docStatus(ALEX, MISSING_ID);
    expect([hidden.status, missing.status]).toEqual([404, 404]);
    expect(await hidden.json()).toEqual(await missing.json());
  });

  it("shows the document waiting, then failed with its reason; Priya retries it; Alex is 404 for the retry and the conflict", async () => {
    await saveGraphConnection(await ctxOf(SAM), { tenantId: "dcpolice.onmicrosoft.com", clientId: "11111111-2222-3333-4444-555555555555", authKind: "secret", clientSecret: "x-secret", siteUrl: "https://dcpolice.sharepoint.com/sites/Accord" });
    const guide = s.documentId("Induction guide");
    expect(((await (await docStatus(PRIYA, guide)).json()) as Answer).sync?.status).toBe("pending");

    await rows(`UPDATE graph_items SET status = 'failed', last_error = 'The library is full', last_request_id = 'req-42' WHERE item_type = 'document' AND item_id = '${guide}'`);
    expect(((await (await docStatus(PRIYA, guide)).json()) as Answer).sync).toMatchObject({ status: "failed", message: "The library is full", requestId: "req-42" });

    expect((await docRetry(ALEX, guide)).status).toBe(404);
    const retried = await docRetry(PRIYA, guide);
    expect(retried.status).toBe(200);
    expect(await retried.json()).toEqual({ queued: true });
    expect(((await (await docStatus(PRIYA, guide)).json()) as Answer).sync?.status).toBe("pending");

    expect((await resolve(ALEX, guide, { keep: "accord" })).status).toBe(404);
    expect((await resolve(PRIYA, guide, { keep: "both" })).status).toBe(400);
    expect((await resolve(PRIYA, guide, { keep: "accord" })).status).toBe(409);
    await rows(`UPDATE graph_items SET status = 'conflict', last_error = 'Changed in both' WHERE item_type = 'document' AND item_id = '${guide}'`);
    const kept = await resolve(PRIYA, guide, { keep: "accord" });
    expect(kept.status).toBe(200);
    expect(await kept.json()).toEqual({ kept: "accord" });
    expect(((await (await docStatus(PRIYA, guide)).json()) as Answer).sync?.status).toBe("pending");
  });

  it("shows a file's status to Priya (who may retry it); 404 for Alex exactly as for a missing id", async () => {
    const [file] = await rows<{ id: string }>(
      `INSERT INTO files (space_id, owning_agency_id, marking, marking_rank, name, extension, media_type, size_bytes, sha256, blob_key, created_by)
       VALUES ('${s.spaceId("DCP Training")}', '${s.agencyId("DCP")}', 'OFFICIAL', 1, 'Rota.pdf', 'pdf', 'application/pdf', 10, '${"0".repeat(64)}', 'sync-test-${Date.now()}', '${s.userId(PRIYA)}') RETURNING id`,
    );
    const id = file!.id;
    const status = (who: string, fileId: string) => fileSync.GET(req("GET", `/files/${fileId}/sync`, who), params({ fileId }));
    const res = await status(PRIYA, id);
    expect(res.status).toBe(200);
    // No graph_items row yet, but the agency is connected: waiting.
    expect(await res.json()).toMatchObject({ sync: { status: "pending" }, permissions: { canRetry: true, canResolve: false } });
    const hidden = await status(ALEX, id);
    const missing = await status(ALEX, MISSING_ID);
    expect([hidden.status, missing.status]).toEqual([404, 404]);
    expect(await hidden.json()).toEqual(await missing.json());
    expect((await fileSync.POST(req("POST", `/files/${id}/sync`, ALEX), params({ fileId: id }))).status).toBe(404);
    const retried = await fileSync.POST(req("POST", `/files/${id}/sync`, PRIYA), params({ fileId: id }));
    expect(retried.status).toBe(200);
    expect(await retried.json()).toEqual({ queued: true });
  });
});
