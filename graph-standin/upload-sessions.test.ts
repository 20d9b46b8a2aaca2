import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { request } from "node:https";
import { pipeline } from "node:stream/promises";
import { QuickXorHash, quickXorHash } from "./quick-xor-hash";
import { startTestStandin, json, type TestStandin } from "./testing";

const CHUNK = 327_680;
let t: TestStandin;
let clock = Date.now();
beforeAll(async () => {
  t = await startTestStandin({ now: () => clock, uploadSessionTtlMs: 60_000 });
});
afterAll(() => t.s.close());

const createSession = async (path: string, item: Record<string, unknown> = {}, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  t.g("POST", `/drives/${t.driveId}/root:/${path}:/createUploadSession`, { json: { item: { "@microsoft.graph.conflictBehavior": "rename", ...item }, ...extra }, headers });

const putRange = (url: string, data: Buffer, start: number, total: number, headers: Record<string, string> = {}) =>
  fetch(url, { method: "PUT", body: new Uint8Array(data), headers: { "Content-Range": `bytes ${start}-${start + data.length - 1}/${total}`, ...headers } });

describe("upload sessions", () => {
  it("uploads ~3 MB in 320 KiB fragments, refusing out-of-order and overlapping ones, with status and resume", async () => {
    const data = randomBytes(3 * 1024 * 1024 + 12_345);
    const r = await createSession("statement.pdf", { name: "statement.pdf" });
    expect(r.status).toBe(200);
    const session = await json(r);
    expect(session.uploadUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+\//);
    expect(session.nextExpectedRanges).toEqual(["0-"]);
    expect(new Date(session.expirationDateTime).getTime()).toBeGreaterThan(clock);
    const url: string = session.uploadUrl;

    let offset = 0;
    let i = 0;
    while (offset < data.length) {
      const end = Math.min(offset + CHUNK, data.length);
      const frag = data.subarray(offset, end);
      if (i === 2) {
        // Skipping ahead is refused …
        const skip = await putRange(url, data.subarray(offset + CHUNK, offset + 2 * CHUNK), offset + CHUNK, data.length);
        expect(skip.status).toBe(416);
        expect((await json(skip)).error.innerError.code).toBe("fragmentOutOfOrder");
        // … as is re-sending bytes already received …
        const again = await putRange(url, data.subarray(offset - CHUNK, offset), offset - CHUNK, data.length);
        expect(again.status).toBe(416);
        const aj = await json(again);
        expect(aj.error).toMatchObject({ code: "invalidRange", innerError: { code: "fragmentOverlap" } });
        // … a different total, and a fragment that is not a 320 KiB multiple.
        const total = await putRange(url, frag, offset, data.length + 1);
        expect(total.status).toBe(400);
        expect((await json(total)).error.innerError.code).toBe("fragmentLengthMismatch");
        const odd = await putRange(url, data.subarray(offset, offset + 1000), offset, data.length);
        expect(odd.status).toBe(400);
        // Status mid-way says where to resume.
        const st = await json(await fetch(url));
        expect(st.nextExpectedRanges).toEqual([`${offset}-`]);
      }
      const res = await putRange(url, frag, offset, data.length);
      if (end < data.length) {
        expect(res.status).toBe(202);
        expect((await json(res)).nextExpectedRanges).toEqual([`${end}-`]);
      } else {
        expect(res.status).toBe(201);
        const item = await json(res);
        expect(item.name).toBe("statement.pdf");
        expect(item.size).toBe(data.length);
        expect(item.file.hashes.quickXorHash).toBe(quickXorHash(data));
      }
      offset = end;
      i++;
    }
    const view = t.s.remote.uploadSessions().find((s) => s.uploadUrl === url)!;
    expect(view).toMatchObject({ fileName: "statement.pdf", total: data.length, received: data.length, committed: true });
    expect(view.bytesReceivedTotal).toBeGreaterThan(data.length); // the refused fragments were sent too
    expect(view.fragments[0]).toEqual({ start: 0, end: CHUNK - 1 });
    expect(await t.s.remote.content(t.driveId, t.s.remote.findByPath(t.driveId, "/statement.pdf")!.id)).toEqual(data);
    expect((await fetch(url)).status).toBe(404); // a committed session is gone
  });

  it("replaces by id (200), honours If-Match, refuses Authorization on the uploadUrl, cancels and expires", async () => {
    const first = await json(await t.g("PUT", `/drives/${t.driveId}/root:/notes.txt:/content`, { body: "one" }));
    const stale = await t.g("POST", `/drives/${t.driveId}/items/${first.id}/createUploadSession`, { json: {}, headers: { "If-Match": '"{x},1"' } });
    expect(stale.status).toBe(412);
    const s = await json(await t.g("POST", `/drives/${t.driveId}/items/${first.id}/createUploadSession`, { json: {}, headers: { "If-Match": first.eTag } }));
    const withAuth = await putRange(s.uploadUrl, Buffer.from("two"), 0, 3, { Authorization: `Bearer ${t.token}` });
    expect(withAuth.status).toBe(401);
    const done = await putRange(s.uploadUrl, Buffer.from("two"), 0, 3);
    expect(done.status).toBe(200);
    expect((await json(done)).id).toBe(first.id);

    const c = await json(await createSession("cancel.bin"));
    expect((await fetch(c.uploadUrl, { method: "DELETE" })).status).toBe(204);
    const gone = await fetch(c.uploadUrl);
    expect(gone.status).toBe(404);
    expect((await json(gone)).error.innerError.code).toBe("uploadSessionNotFound");

    const e = await json(await createSession("expire.bin"));
    clock += 61_000;
    const expired = await putRange(e.uploadUrl, Buffer.from("x"), 0, 1);
    expect(expired.status).toBe(404);
    expect((await json(expired)).error.innerError.code).toBe("uploadSessionNotFound");
  });

  it("409s a name conflict at commit (fail), keeps the session, and supports deferCommit", async () => {
    const s = await json(await createSession("clash.txt", { "@microsoft.graph.conflictBehavior": "fail" }));
    await t.g("PUT", `/drives/${t.driveId}/root:/clash.txt:/content`, { body: "someone else" });
    const last = await putRange(s.uploadUrl, Buffer.from("mine"), 0, 4);
    expect(last.status).toBe(409);
    expect((await json(last)).error.code).toBe("nameAlreadyExists");
    expect((await fetch(s.uploadUrl)).status).toBe(200);

    const d = await json(await createSession("deferred.txt", {}, { deferCommit: true }));
    const body = Buffer.from("deferred bytes");
    const r = await putRange(d.uploadUrl, body, 0, body.length);
    expect(r.status).toBe(202);
    expect(t.s.remote.findByPath(t.driveId, "/deferred.txt")).toBeNull();
    const commit = await fetch(d.uploadUrl, { method: "POST", headers: { "Content-Length": "0" } });
    expect(commit.status).toBe(201);
    expect((await json(commit)).file.hashes.quickXorHash).toBe(quickXorHash(body));
  });

  it("refuses a session whose fileSize exceeds the quota (507)", async () => {
    const r = await createSession("too-big.bin", { fileSize: 2 * 1024 ** 4 });
    expect(r.status).toBe(507);
    expect((await json(r)).error.code).toBe("quotaLimitReached");
  });

  it("streams a 100 MB upload to disk with low memory; the hash matches the local computation", { timeout: 180_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), "standin-100mb-"));
    const file = join(dir, "big.bin");
    const size = 100 * 1024 * 1024 + 4321;
    const local = new QuickXorHash();
    // Generate the file in 1 MiB random blocks, hashing as we go.
    await pipeline(
      (async function* () {
        for (let left = size; left > 0; left -= 1024 * 1024) {
          const b = randomBytes(Math.min(left, 1024 * 1024));
          local.update(b);
          yield b;
        }
      })(),
      createWriteStream(file),
    );
    try {
      const s = await json(await createSession("Body-worn video.bin", {}, {}));
      const fragment = 32 * CHUNK; // 10 MiB
      const heapBefore = process.memoryUsage().heapUsed;
      let peak = 0;
      let last: { status: number; body: string } | null = null;
      for (let start = 0; start < size; start += fragment) {
        const end = Math.min(start + fragment, size) - 1;
        last = await new Promise((resolve, reject) => {
          const req = request(s.uploadUrl, { method: "PUT", headers: { "Content-Length": String(end - start + 1), "Content-Range": `bytes ${start}-${end}/${size}` } }, (res) => {
            let body = "";
            res.on("data", (c) => (body += c));
            res.on("end", () => resolve({ status: res.statusCode!, body }));
          });
          req.on("error", reject);
          createReadStream(file, { start, end }).pipe(req);
        });
        peak = Math.max(peak, process.memoryUsage().heapUsed - heapBefore);
        if (end + 1 < size) expect(last!.status).toBe(202);
      }
      expect(last!.status).toBe(201);
      const item = JSON.parse(last!.body);
      expect(item.size).toBe(size);
      expect(item.file.hashes.quickXorHash).toBe(local.digest());
      // The server runs in this process: neither side may have buffered the file.
      expect(peak).toBeLessThan(80 * 1024 * 1024);
      const rec = t.s.requests.filter((r) => r.path.startsWith("/_upload/") && r.method === "PUT");
      expect(rec.slice(-11).reduce((n, r) => n + r.bytesIn, 0)).toBe(size);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
