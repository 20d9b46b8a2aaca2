/**
 * GET /api/v1/spaces/{spaceId}/sync on the seeded database: one read for the SharePoint status
 * of every document and file of a space the caller may read. Priya (owner) and Alex (Dorset, a
 * guest under ISA-SW-001) get Operation Kestrel's items; Mark (member, vetting expired) gets only
 * what he may read: no trace of the OFFICIAL-SENSITIVE "Investigation log" or its failure; Helen
 * (Cornwall Council, not in Kestrel) gets 404 exactly as for a missing or malformed id. Each
 * status is the single read's, without the item's SharePoint name; the answer names nothing
 * (no title, file name, marking or content), and polling it writes no audit event (status is
 * not consultation: lib/graph/list-space-sync-status.ts). Graph is never called.
 */
import { describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import type { SeededScenario } from "@/db/factories";
import { BASE, MISSING_ID, params, routeTestKit } from "@/lib/http/testing/route-test-kit";
import { saveGraphConnection } from "@/lib/graph/save-graph-connection";
import type { SpaceSyncStatus } from "@/lib/graph/list-space-sync-status";

const stand = vi.hoisted(() => ({ db: undefined as unknown, cookieCtx: null as unknown }));
vi.mock("server-only", () => ({}));
vi.mock("@/lib/database", () => ({ database: async () => ({ db: stand.db }) }));
vi.mock("@/lib/auth/get-actor", () => ({ policyContext: async () => stand.cookieCtx, requestId: async () => "route-test" }));

const spaceSync = await import("@/app/api/v1/spaces/[spaceId]/sync/route");
const documentSync = await import("@/app/api/v1/documents/[documentId]/sync/route");

const SAM = "sam.patel@dcp.example";
const PRIYA = "priya.shah@dcp.example";
const MARK = "mark.ellis@dcp.example";
const ALEX = "alex.morgan@dor.example";
const HELEN = "helen.carter@cc.example";
const KESTREL = "Operation Kestrel";

type Db = { execute(query: string): Promise<unknown> };
let db: Db;
let s: SeededScenario;
const { ctxOf, bearer } = routeTestKit(stand, [PRIYA, MARK, ALEX, HELEN], (opened) => {
  db = opened.db as unknown as Db;
  s = opened.scenario;
});
/** Raw rows (test-only SQL over fixed values). */
const rows = async <T,>(query: string): Promise<T[]> => {
  const result = await db.execute(query);
  return (Array.isArray(result) ? result : ((result as { rows?: unknown[] }).rows ?? [])) as T[];
};

const get = (who: string, spaceId: string) => spaceSync.GET(new NextRequest(`${BASE}/api/v1/spaces/${spaceId}/sync`, { headers: bearer(who) }), params({ spaceId }));
const answer = async (who: string, spaceId: string) => {
  const res = await get(who, spaceId);
  expect(res.status).toBe(200);
  return { text: await res.clone().text(), body: (await res.json()) as SpaceSyncStatus };
};
const readAudits = async (userEmail: string) =>
  Number((await rows<{ n: number | string }>(`SELECT count(*) AS n FROM audit_events WHERE actor_user_id = '${s.userId(userEmail)}' AND action IN ('document.read', 'file.read')`))[0]!.n);

/** A file in Kestrel, straight into the table (no bytes are needed for a status). */
async function kestrelFile(name: string, marking: "OFFICIAL" | "OFFICIAL-SENSITIVE") {
  const [file] = await rows<{ id: string }>(
    `INSERT INTO files (space_id, owning_agency_id, marking, marking_rank, name, extension, media_type, size_bytes, sha256, blob_key, created_by)
     VALUES ('${s.spaceId(KESTREL)}', '${s.agencyId("DCP")}', '${marking}', ${marking === "OFFICIAL" ? 1 : 2}, '${name}', 'pdf', 'application/pdf', 10, '${"0".repeat(64)}', 'space-sync-${name}-${Date.now()}', '${s.userId(PRIYA)}') RETURNING id`,
  );
  return file!.id;
}

describe("GET /api/v1/spaces/{spaceId}/sync", () => {
  it("answers nothing to show before the agency connects; 404 for Helen exactly as for a missing or malformed id", async () => {
    const kestrel = s.spaceId(KESTREL);
    const { body } = await answer(PRIYA, kestrel);
    expect(body).toEqual({ spaceId: kestrel, isConnected: false, documents: {}, files: {}, isTruncated: false });
    const hidden = await get(HELEN, kestrel);
    const missing = await get(HELEN, MISSING_ID);
    const malformed = await get(HELEN, "not-a-space");
    expect([hidden.status, missing.status, malformed.status]).toEqual([404, 404, 404]);
    const reference = await missing.text();
    expect(await hidden.text()).toBe(reference);
    expect(await malformed.text()).toBe(reference);
    expect(reference).not.toContain(KESTREL);
  });

  it("gives each reader the status of exactly the items they may read: Mark never learns of the OFFICIAL-SENSITIVE log or its failure", async () => {
    await saveGraphConnection(await ctxOf(SAM), { tenantId: "dcpolice.onmicrosoft.com", clientId: "11111111-2222-3333-4444-555555555555", authKind: "secret", clientSecret: "x-secret", siteUrl: "https://dcpolice.sharepoint.com/sites/Accord" });
    const kestrel = s.spaceId(KESTREL);
    const log = s.documentId("Investigation log");
    const press = s.documentId("Press lines");
    const openFile = await kestrelFile("Rota.pdf", "OFFICIAL");
    const sensitiveFile = await kestrelFile("Informant notes.pdf", "OFFICIAL-SENSITIVE");
    await rows(`UPDATE graph_items SET status = 'failed', last_error = 'The library is full', last_error_code = 'quota', last_request_id = 'req-77', remote_name = 'Investigation log.docx' WHERE item_type = 'document' AND item_id = '${log}'`);

    for (const reader of [PRIYA, ALEX]) {
      const { body } = await answer(reader, kestrel);
      expect(body.isConnected).toBe(true);
      expect(Object.keys(body.documents)).toEqual(expect.arrayContaining([log, press]));
      expect(body.documents[log]).toMatchObject({ status: "failed", message: "The library is full", code: "quota", requestId: "req-77" });
      expect(body.documents[press]?.status).toBe("pending");
      // Files with no graph_items row yet, in a connected agency: waiting, as the single read says.
      expect(body.files[openFile]?.status).toBe("pending");
      expect(body.files[sensitiveFile]?.status).toBe("pending");
    }

    const { body: marks, text } = await answer(MARK, kestrel);
    expect(marks.documents[press]?.status).toBe("pending");
    expect(marks.files[openFile]?.status).toBe("pending");
    expect(Object.keys(marks.documents)).not.toContain(log);
    expect(Object.keys(marks.files)).not.toContain(sensitiveFile);
    for (const secret of [log, sensitiveFile, "The library is full", "req-77"]) expect(text).not.toContain(secret);
  });

  it("is the single read's status, minus the item's SharePoint name", async () => {
    const log = s.documentId("Investigation log");
    const single = (await (await documentSync.GET(new NextRequest(`${BASE}/api/v1/documents/${log}/sync`, { headers: bearer(PRIYA) }), params({ documentId: log }))).json()) as { sync: Record<string, unknown> };
    expect(single.sync.remoteName).toBe("Investigation log.docx");
    const { body } = await answer(PRIYA, s.spaceId(KESTREL));
    expect({ ...body.documents[log], remoteName: "Investigation log.docx" }).toEqual(single.sync);
    expect(body.documents[log]).not.toHaveProperty("remoteName");
  });

  it("?only=file reads the files alone (the file list's ask); another value is a clear 400", async () => {
    const kestrel = s.spaceId(KESTREL);
    const all = await answer(PRIYA, kestrel);
    const onlyFiles = (await (await spaceSync.GET(new NextRequest(`${BASE}/api/v1/spaces/${kestrel}/sync?only=file`, { headers: bearer(PRIYA) }), params({ spaceId: kestrel }))).json()) as SpaceSyncStatus;
    expect(Object.keys(all.body.documents).length).toBeGreaterThan(0);
    expect(onlyFiles.documents).toEqual({});
    expect(onlyFiles.files).toEqual(all.body.files);
    const bad = await spaceSync.GET(new NextRequest(`${BASE}/api/v1/spaces/${kestrel}/sync?only=cards`, { headers: bearer(PRIYA) }), params({ spaceId: kestrel }));
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain("only is document or file");
  });

  it("the document page's own status line, polled, records no consultation either (its page load did)", async () => {
    const log = s.documentId("Investigation log");
    const poll = () => documentSync.GET(new NextRequest(`${BASE}/api/v1/documents/${log}/sync`, { headers: bearer(PRIYA) }), params({ documentId: log }));
    const before = await readAudits(PRIYA);
    for (let i = 0; i < 3; i++) expect((await poll()).status).toBe(200);
    expect(await readAudits(PRIYA)).toBe(before);
    // Invisible is still 404.
    const denied = await documentSync.GET(new NextRequest(`${BASE}/api/v1/documents/${log}/sync`, { headers: bearer(MARK) }), params({ documentId: log }));
    expect(denied.status).toBe(404);
  });

  it("names nothing (no title, file name, SharePoint name or marking) and, polled, records no consultation", async () => {
    const kestrel = s.spaceId(KESTREL);
    const before = await readAudits(PRIYA);
    let text = "";
    for (let i = 0; i < 5; i++) text = (await answer(PRIYA, kestrel)).text;
    expect(await readAudits(PRIYA)).toBe(before);
    for (const named of ["Investigation log", "Press lines", "Rota.pdf", "Informant notes", "OFFICIAL", KESTREL]) expect(text).not.toContain(named);
    const { body } = await answer(PRIYA, kestrel);
    const fields = new Set([...Object.values(body.documents), ...Object.values(body.files)].flatMap((v) => Object.keys(v)));
    expect([...fields].sort()).toEqual(["code", "message", "requestId", "reviewVersionId", "status", "syncedAt"]);
  });

  it("answers 401 without a session or token", async () => {
    stand.cookieCtx = null;
    const res = await spaceSync.GET(new NextRequest(`${BASE}/api/v1/spaces/${s.spaceId(KESTREL)}/sync`), params({ spaceId: s.spaceId(KESTREL) }));
    expect(res.status).toBe(401);
  });
});
