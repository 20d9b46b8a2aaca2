/**
 * The file routes through the real API wrapper (lib/http/api-route.ts) on a real database:
 * statuses, error bodies and download headers as a client sees them, with a personal access
 * token or the browser session. Only the request-scoped pieces of Next.js (the cookie session and
 * the process's database handle) are stood in for: the session by the context a cookie would
 * resolve to, the database by this file's own.
 */
import { beforeAll, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { buildActor, policyCtx, openSeededDatabaseForFile, type SeededScenario } from "@/db/factories";
import type { PolicyCtx } from "@/lib/context";
import { getFile } from "@/lib/files/get-file";
import { NotFoundError } from "@/lib/errors";
import { createAccessToken } from "@/lib/tokens/create-access-token";
import { uploadFile } from "@/lib/files/upload-file";
import { clamdScanner } from "@/lib/files/clamd";
import { IMAGES, pdfFile, textFile, unusedPort } from "@/lib/files/testing/file-fixtures";
import { temporaryFileServicesForFile } from "@/lib/files/testing/temporary-file-services";

const stand = vi.hoisted(() => ({ db: undefined as unknown, cookieCtx: null as unknown }));
vi.mock("server-only", () => ({}));
vi.mock("@/lib/database", () => ({ database: async () => ({ db: stand.db }) }));
vi.mock("@/lib/auth/get-actor", () => ({ policyContext: async () => stand.cookieCtx, requestId: async () => "route-test" }));

const { GET: listRoute, POST: uploadRoute } = await import("@/app/api/v1/spaces/[spaceId]/files/route");
const { GET: metadataRoute, DELETE: deleteRoute } = await import("@/app/api/v1/files/[fileId]/route");
const { GET: contentRoute } = await import("@/app/api/v1/files/[fileId]/content/route");

let db: PolicyCtx["db"];
let s: SeededScenario;
openSeededDatabaseForFile((t) => {
  db = t.db;
  s = t.scenario;
  stand.db = t.db;
});
const MAX_UPLOAD = 64 * 1024;
const blobs = temporaryFileServicesForFile({ maxUploadBytes: MAX_UPLOAD });

const KESTREL = "Operation Kestrel";
const MISSING_ID = "00000000-0000-4000-8000-000000000000";
const BASE = "http://localhost:3000";
const tokens = new Map<string, string>();
const ctxOf = async (email: string): Promise<PolicyCtx> => policyCtx(db, await buildActor(db, s.userId(email)));

beforeAll(async () => {
  for (const email of ["priya.shah@dcp.example", "alex.morgan@dor.example", "helen.carter@cc.example"]) {
    tokens.set(email, (await createAccessToken(await ctxOf(email), { name: "route test" })).token);
  }
});

const bearer = (email: string) => ({ authorization: `Bearer ${tokens.get(email)!}` });
const params = <P,>(p: P) => ({ params: Promise.resolve(p) });
const uploadForm = (name: string, bytes: Uint8Array, marking?: string) => {
  const form = new FormData();
  form.set("file", new File([bytes as BlobPart], name, { type: "application/octet-stream" }));
  if (marking) form.set("marking", marking);
  return form;
};
/** Posts the form as a browser does: encoded, with its Content-Type and Content-Length. */
async function post(spaceId: string, form: FormData, headers: Record<string, string>) {
  const encoded = new Response(form);
  const body = new Uint8Array(await encoded.arrayBuffer());
  const type = encoded.headers.get("content-type")!;
  const request = new NextRequest(`${BASE}/api/v1/spaces/${spaceId}/files`, {
    method: "POST",
    headers: { ...headers, "content-type": type, "content-length": String(body.byteLength) },
    body,
  });
  return uploadRoute(request, params({ spaceId }));
}
const get = (url: string, headers: Record<string, string>) => new NextRequest(`${BASE}${url}`, { headers });

describe("POST /api/v1/spaces/{spaceId}/files", () => {
  it("stores an upload and answers 200 with its metadata (as POST /documents does)", async () => {
    const pdf = await pdfFile();
    const response = await post(s.spaceId(KESTREL), uploadForm("brief.pdf", pdf, "OFFICIAL"), bearer("priya.shah@dcp.example"));
    expect(response.status).toBe(200);
    const body = (await response.json()) as { id: string; mediaType: string; marking: string; status: string; contentUrl: string };
    expect(body).toMatchObject({ mediaType: "application/pdf", marking: "OFFICIAL", status: "clean", contentUrl: `/api/v1/files/${body.id}/content` });
  });

  it("refuses a .pdf of text with 415 and the reason, storing nothing", async () => {
    const before = await blobs.blobCount();
    const response = await post(s.spaceId(KESTREL), uploadForm("notes.pdf", textFile("hello")), bearer("priya.shah@dcp.example"));
    expect(response.status).toBe(415);
    expect(await response.json()).toEqual({
      error: { code: "file_content_mismatch", message: '"notes.pdf" does not contain a PDF document (it looks like plain text), so it was not uploaded.' },
    });
    expect(await blobs.blobCount()).toBe(before);
  });

  it("refuses a body declared over the limit with 413 before reading it", async () => {
    const response = await post(s.spaceId(KESTREL), uploadForm("big.txt", new Uint8Array(MAX_UPLOAD * 3).fill(0x61)), bearer("priya.shah@dcp.example"));
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("file_too_large");
  });

  it("cuts off an undeclared (chunked) body at the limit with 413, without reading the rest", async () => {
    let sent = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 16 * 1024;
        controller.enqueue(new Uint8Array(16 * 1024).fill(0x61));
      },
    });
    // Node's fetch needs duplex "half" for a streamed body; the DOM RequestInit type does not know it.
    const init = { method: "POST", headers: { ...bearer("priya.shah@dcp.example"), "content-type": "multipart/form-data; boundary=x" }, body: endless, duplex: "half" };
    const request = new NextRequest(`${BASE}/api/v1/spaces/${s.spaceId(KESTREL)}/files`, init as ConstructorParameters<typeof NextRequest>[1]);
    const response = await uploadRoute(request, params({ spaceId: s.spaceId(KESTREL) }));
    expect(response.status).toBe(413);
    expect(sent).toBeLessThan(MAX_UPLOAD + 256 * 1024);
  });

  it("answers an invalid marking with 400 invalid_marking, and no file field with 400", async () => {
    const bad = await post(s.spaceId(KESTREL), uploadForm("a.txt", textFile("a"), "OFFICIAL BANANA"), bearer("priya.shah@dcp.example"));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe("invalid_marking");
    const form = new FormData();
    form.set("marking", "OFFICIAL");
    const none = await post(s.spaceId(KESTREL), form, bearer("priya.shah@dcp.example"));
    expect(none.status).toBe(400);
    expect(await none.json()).toEqual({ error: { code: "invalid_input", message: "Choose a file to upload" } });
  });

  it("answers 404 for a space the caller cannot see, with the body of a missing one", async () => {
    const invisible = await post(s.spaceId(KESTREL), uploadForm("a.txt", textFile("a"), "OFFICIAL"), bearer("helen.carter@cc.example"));
    const missing = await post(MISSING_ID, uploadForm("a.txt", textFile("a"), "OFFICIAL"), bearer("helen.carter@cc.example"));
    expect(invisible.status).toBe(404);
    expect(await invisible.json()).toEqual(await missing.json());
  });

  it("refuses a cookie-authenticated upload from another origin (CSRF) and accepts one from Accord's own pages", async () => {
    stand.cookieCtx = await ctxOf("priya.shah@dcp.example");
    try {
      const foreign: Record<string, string>[] = [{}, { origin: "https://evil.example" }, { origin: BASE, "sec-fetch-site": "cross-site" }];
      for (const headers of foreign) {
        const response = await post(s.spaceId(KESTREL), uploadForm("a.txt", textFile("a"), "OFFICIAL"), headers);
        expect(response.status, JSON.stringify(headers)).toBe(403);
        expect(((await response.json()) as { error: { code: string } }).error.code).toBe("cross_origin");
      }
      const same = await post(s.spaceId(KESTREL), uploadForm("a.txt", textFile("a"), "OFFICIAL"), { origin: BASE, "sec-fetch-site": "same-origin" });
      expect(same.status).toBe(200);
    } finally {
      stand.cookieCtx = null;
    }
  });

  it("answers 401 without a session or token", async () => {
    const response = await post(s.spaceId(KESTREL), uploadForm("a.txt", textFile("a")), {});
    expect(response.status).toBe(401);
  });
});

describe("GET and DELETE /api/v1/files/{fileId}", () => {
  let fileId: string;
  let pdf: Uint8Array;
  beforeAll(async () => {
    pdf = await pdfFile();
    fileId = (await uploadFile(await ctxOf("priya.shah@dcp.example"), { spaceId: s.spaceId(KESTREL), name: "Café report.pdf", bytes: pdf })).id;
  });

  it("downloads as an attachment with the detected type, nosniff and no-store", async () => {
    const response = await contentRoute(get(`/api/v1/files/${fileId}/content`, bearer("alex.morgan@dor.example")), params({ fileId }));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="Cafe report.pdf"; filename*=UTF-8''Caf%C3%A9%20report.pdf`);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(Buffer.from(await response.arrayBuffer()).equals(Buffer.from(pdf))).toBe(true);
  });

  it("downloads with the browser session and no Origin, as an <img> in a document does", async () => {
    stand.cookieCtx = await ctxOf("alex.morgan@dor.example");
    try {
      const response = await contentRoute(get(`/api/v1/files/${fileId}/content`, {}), params({ fileId }));
      expect(response.status).toBe(200);
      await response.body?.cancel();
    } finally {
      stand.cookieCtx = null;
    }
  });

  it("serves an uploaded image with its image type, which an <img> shows despite the attachment disposition", async () => {
    // An <img> ignores Content-Disposition, and nosniff only holds it to the declared type: the
    // one decided from the content at upload. CORP same-origin lets Accord's own pages embed it.
    const image = await uploadFile(await ctxOf("priya.shah@dcp.example"), { spaceId: s.spaceId(KESTREL), name: "scene.png", bytes: IMAGES.png });
    stand.cookieCtx = await ctxOf("alex.morgan@dor.example");
    try {
      const response = await contentRoute(get(image.contentUrl, {}), params({ fileId: image.id }));
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("image/png");
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("cross-origin-resource-policy")).toBe("same-origin");
      expect(Buffer.from(await response.arrayBuffer()).equals(Buffer.from(IMAGES.png))).toBe(true);
    } finally {
      stand.cookieCtx = null;
    }
  });

  it("answers 404 to Helen, exactly as for a file that does not exist", async () => {
    for (const route of [metadataRoute, contentRoute]) {
      const invisible = await route(get(`/api/v1/files/${fileId}`, bearer("helen.carter@cc.example")), params({ fileId }));
      const missing = await route(get(`/api/v1/files/${MISSING_ID}`, bearer("helen.carter@cc.example")), params({ fileId: MISSING_ID }));
      expect(invisible.status).toBe(404);
      expect(await invisible.text()).toBe(await missing.text());
    }
  });

  it("answers 409 for a quarantined file's content, while its metadata stays readable", async () => {
    blobs.configure({ scanner: clamdScanner({ host: "127.0.0.1", port: await unusedPort() }) });
    try {
      const held = await uploadFile(await ctxOf("priya.shah@dcp.example"), { spaceId: s.spaceId(KESTREL), name: "held.pdf", bytes: pdf });
      const content = await contentRoute(get(`/api/v1/files/${held.id}/content`, bearer("priya.shah@dcp.example")), params({ fileId: held.id }));
      expect(content.status).toBe(409);
      expect(((await content.json()) as { error: { code: string } }).error.code).toBe("file_quarantined");
      const metadata = await metadataRoute(get(`/api/v1/files/${held.id}`, bearer("priya.shah@dcp.example")), params({ fileId: held.id }));
      expect(((await metadata.json()) as { status: string }).status).toBe("quarantined");
    } finally {
      blobs.configure({ scanner: null });
    }
  });

  it("lists the file for Alex", async () => {
    const response = await listRoute(get(`/api/v1/spaces/${s.spaceId(KESTREL)}/files`, bearer("alex.morgan@dor.example")), params({ spaceId: s.spaceId(KESTREL) }));
    expect(response.status).toBe(200);
    const { items } = (await response.json()) as { items: { id: string }[] };
    expect(items.map((i) => i.id)).toContain(fileId);
  });

  it("refuses Alex's delete with 403 and leaves the row, then lets Priya delete", async () => {
    const del = (email: string) => deleteRoute(new NextRequest(`${BASE}/api/v1/files/${fileId}`, { method: "DELETE", headers: bearer(email) }), params({ fileId }));
    const refused = await del("alex.morgan@dor.example");
    expect(refused.status).toBe(403);
    await expect(getFile(await ctxOf("priya.shah@dcp.example"), { fileId })).resolves.toMatchObject({ id: fileId });
    const invisible = await del("helen.carter@cc.example");
    expect(invisible.status).toBe(404);
    // With Priya's browser session but from another site: refused before anything is decided.
    stand.cookieCtx = await ctxOf("priya.shah@dcp.example");
    try {
      const forged = await deleteRoute(new NextRequest(`${BASE}/api/v1/files/${fileId}`, { method: "DELETE", headers: { origin: "https://evil.example" } }), params({ fileId }));
      expect(forged.status).toBe(403);
      expect(((await forged.json()) as { error: { code: string } }).error.code).toBe("cross_origin");
    } finally {
      stand.cookieCtx = null;
    }
    await expect(getFile(await ctxOf("priya.shah@dcp.example"), { fileId })).resolves.toMatchObject({ id: fileId });
    const done = await del("priya.shah@dcp.example");
    expect(done.status).toBe(200);
    expect(await done.json()).toEqual({ id: fileId, deleted: true });
    await expect(getFile(await ctxOf("priya.shah@dcp.example"), { fileId })).rejects.toBeInstanceOf(NotFoundError);
  });
});
