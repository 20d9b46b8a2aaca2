import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { request } from "node:https";
import { quickXorHash } from "./quick-xor-hash";
import { startTestStandin, json, type TestStandin } from "./testing";

let t: TestStandin;
let clock = Date.now();
beforeAll(async () => {
  t = await startTestStandin({ now: () => clock, pageSize: 3 });
});
afterAll(() => t.s.close());

const folder = (name: string, conflict?: string, parent = "root") =>
  t.g("POST", `/drives/${t.driveId}/${parent === "root" ? "root" : `items/${parent}`}/children`, { json: { name, folder: {}, ...(conflict ? { "@microsoft.graph.conflictBehavior": conflict } : {}) } });

describe("folders", () => {
  it("creates, conflicts (fail/rename/replace), 404s a missing parent and rejects bad names", async () => {
    const a = await folder("Case 123");
    expect(a.status).toBe(201);
    const aj = await json(a);
    expect(aj).toMatchObject({ name: "Case 123", size: 0, folder: { childCount: 0 } });
    expect(aj.eTag).toMatch(/^"\{[0-9A-F-]{36}\},1"$/);
    expect(aj.cTag).toBeUndefined();
    expect(aj.parentReference).toMatchObject({ driveId: t.driveId, path: `/drives/${t.driveId}/root:` });
    const dup = await folder("case 123", "fail");
    expect(dup.status).toBe(409);
    expect((await json(dup)).error.code).toBe("nameAlreadyExists");
    const ren = await folder("Case 123", "rename");
    expect(ren.status).toBe(201);
    expect((await json(ren)).name).toBe("Case 123 1");
    const rep = await folder("Case 123", "replace");
    expect(rep.status).toBe(200);
    expect((await json(rep)).id).toBe(aj.id);
    const missing = await folder("x", "fail", "01MISSING");
    expect(missing.status).toBe(404);
    for (const bad of ["a:b", "what?", "trailing.", 'quo"te', "pi|pe", "back\\slash"]) {
      const r = await folder(bad);
      expect(r.status, bad).toBe(400);
      expect((await json(r)).error.innerError.code).toBe("invalidPath");
    }
  });

  it("lists children with $top and absolute nextLinks, and addresses items by path", async () => {
    const parent = await json(await folder("Paged"));
    for (const n of ["a", "b", "c", "d", "e"]) await folder(n, "fail", parent.id);
    const names: string[] = [];
    let next: string | undefined = `/drives/${t.driveId}/root:/Paged:/children?$top=2`;
    let pages = 0;
    while (next) {
      const page = await json(await t.g("GET", next));
      names.push(...page.value.map((v: { name: string }) => v.name));
      next = page["@odata.nextLink"];
      if (next) expect(next.startsWith(t.s.graphUrl)).toBe(true);
      pages++;
    }
    expect(names).toEqual(["a", "b", "c", "d", "e"]);
    expect(pages).toBe(3);
    const deflt = await json(await t.g("GET", `/drives/${t.driveId}/items/${parent.id}/children`));
    expect(deflt.value).toHaveLength(3); // pageSize option
    const byPath = await json(await t.g("GET", `/drives/${t.driveId}/root:/Paged/c`));
    expect(byPath.name).toBe("c");
    expect(byPath.parentReference.path).toBe(`/drives/${t.driveId}/root:/Paged`);
    expect((await t.g("GET", `/drives/${t.driveId}/root:/Paged/zzz`)).status).toBe(404);
  });
});

describe("simple upload, download and preconditions", () => {
  it("PUTs new (201) and replaces (200), honours conflictBehavior and If-Match", async () => {
    const bytes = Buffer.from("Press lines v1");
    const r1 = await t.g("PUT", `/drives/${t.driveId}/items/root:/Press lines.docx:/content`, { body: bytes, headers: { "Content-Type": "text/plain" } });
    expect(r1.status).toBe(201);
    const f = await json(r1);
    expect(f.file.hashes.quickXorHash).toBe(quickXorHash(bytes));
    expect(f.file.mimeType).toMatch(/wordprocessingml/);
    expect(f.size).toBe(bytes.length);
    expect(f.cTag).toMatch(/^"c:\{[0-9A-F-]{36}\},1"$/);
    expect(f.createdBy).toEqual({ application: { id: "6a1b2c3d-0000-4000-8000-00000000dc01", displayName: "6a1b2c3d-0000-4000-8000-00000000dc01" } });
    expect(f["@microsoft.graph.downloadUrl"]).toMatch(/^https:\/\//);

    const fail = await t.g("PUT", `/drives/${t.driveId}/root:/Press lines.docx:/content?@microsoft.graph.conflictBehavior=fail`, { body: "x" });
    expect(fail.status).toBe(409);
    const ren = await t.g("PUT", `/drives/${t.driveId}/root:/Press lines.docx:/content?@microsoft.graph.conflictBehavior=rename`, { body: "x" });
    expect(ren.status).toBe(201);
    expect((await json(ren)).name).toBe("Press lines 1.docx");

    const stale = await t.g("PUT", `/drives/${t.driveId}/items/${f.id}/content`, { body: "v2", headers: { "If-Match": '"{00000000-0000-0000-0000-000000000000},1"' } });
    expect(stale.status).toBe(412);
    const sj = await json(stale);
    expect(sj.error).toMatchObject({ code: "resourceModified", innerError: { code: "entityTagDoesNotMatch" } });
    const unquoted = await t.g("PUT", `/drives/${t.driveId}/items/${f.id}/content`, { body: "v2", headers: { "If-Match": f.eTag.slice(1, -1) } });
    expect(unquoted.status).toBe(400);
    expect((await json(unquoted)).error.innerError.code).toBe("malformedEntityTag");
    const ok = await t.g("PUT", `/drives/${t.driveId}/items/${f.id}/content`, { body: "v2", headers: { "If-Match": f.cTag } });
    expect(ok.status).toBe(200);
    const v2 = await json(ok);
    expect(v2.id).toBe(f.id);
    expect(v2.eTag).not.toBe(f.eTag);
    expect(v2.cTag).not.toBe(f.cTag);
    expect(v2.eTag.endsWith(',2"')).toBe(true);
    expect(await t.s.remote.content(t.driveId, f.id)).toEqual(Buffer.from("v2"));

    // Download: 302 to a pre-authenticated URL that needs no bearer and expires.
    const dl = await t.g("GET", `/drives/${t.driveId}/items/${f.id}/content`);
    expect(dl.status).toBe(302);
    const loc = dl.headers.get("location")!;
    const got = await fetch(loc);
    expect(got.status).toBe(200);
    expect(await got.text()).toBe("v2");
    clock += 2 * 3600 * 1000;
    const expired = await fetch(loc);
    expect(expired.status).toBe(401);
    clock -= 2 * 3600 * 1000;

    t.s.remote.markMalware(t.driveId, f.id);
    const mal = await t.g("GET", `/drives/${t.driveId}/items/${f.id}/content`);
    expect(mal.status).toBe(403);
    expect((await json(mal)).error.code).toBe("malwareDetected");
  });

  it("413s simple uploads over 250 MB without reading them", async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const u = new URL(`${t.s.graphUrl}/drives/${t.driveId}/root:/huge.bin:/content`);
      const req = request(u, { method: "PUT", headers: { Authorization: `Bearer ${t.token}`, "Content-Length": String(300 * 1024 * 1024) } }, (res) => {
        res.resume();
        resolve(res.statusCode!);
        req.destroy();
      });
      req.on("error", (e) => (e.message.includes("socket hang up") || (e as NodeJS.ErrnoException).code === "ECONNRESET" ? undefined : reject(e)));
      req.write(Buffer.alloc(1024));
    });
    expect(status).toBe(413);
  });

  it("renames, moves, deletes with If-Match and permanentDelete", async () => {
    const dir = await json(await folder("Move target"));
    const f = await json(await t.g("PUT", `/drives/${t.driveId}/root:/draft.txt:/content`, { body: "d" }));
    const bad = await t.g("PATCH", `/drives/${t.driveId}/items/${f.id}`, { json: { name: "final.txt" }, headers: { "If-Match": '"{nope},9"' } });
    expect(bad.status).toBe(412);
    const moved = await t.g("PATCH", `/drives/${t.driveId}/items/${f.id}`, { json: { name: "final.txt", parentReference: { id: dir.id } }, headers: { "If-Match": f.eTag } });
    expect(moved.status).toBe(200);
    const mj = await json(moved);
    expect(mj).toMatchObject({ name: "final.txt", parentReference: { id: dir.id, path: `/drives/${t.driveId}/root:/Move%20target` } });
    expect(mj.cTag).toBe(f.cTag); // metadata changes leave the content tag alone
    expect(t.s.remote.findByPath(t.driveId, "/Move target/final.txt")?.id).toBe(f.id);
    const badName = await t.g("PATCH", `/drives/${t.driveId}/items/${f.id}`, { json: { name: "x*y" } });
    expect(badName.status).toBe(400);
    expect((await t.g("DELETE", `/drives/${t.driveId}/items/${f.id}`, { headers: { "If-Match": f.eTag } })).status).toBe(412);
    expect((await t.g("DELETE", `/drives/${t.driveId}/items/${f.id}`, { headers: { "If-Match": mj.eTag } })).status).toBe(204);
    expect((await t.g("GET", `/drives/${t.driveId}/items/${f.id}`)).status).toBe(404);
    expect((await t.g("POST", `/drives/${t.driveId}/items/${dir.id}/permanentDelete`)).status).toBe(204);
    expect(t.s.remote.get(t.driveId, dir.id)).toBeNull();
  });

  it("invites, lists and removes permissions", async () => {
    const f = await json(await t.g("PUT", `/drives/${t.driveId}/root:/shared.txt:/content`, { body: "s" }));
    const inv = await t.g("POST", `/drives/${t.driveId}/items/${f.id}/invite`, { json: { recipients: [{ email: "dc.smith@agency.gov.uk" }], roles: ["read"], requireSignIn: true, sendInvitation: false } });
    expect(inv.status).toBe(200);
    const perm = (await json(inv)).value[0];
    expect(perm).toMatchObject({ roles: ["read"], invitation: { email: "dc.smith@agency.gov.uk", signInRequired: true } });
    const list = await json(await t.g("GET", `/drives/${t.driveId}/items/${f.id}/permissions`));
    expect(list.value.map((p: { id: string }) => p.id)).toEqual([perm.id]);
    expect((await t.g("DELETE", `/drives/${t.driveId}/items/${f.id}/permissions/${perm.id}`)).status).toBe(204);
    expect((await t.g("DELETE", `/drives/${t.driveId}/items/${f.id}/permissions/${perm.id}`)).status).toBe(404);
    expect(t.s.requests.filter((r) => r.path.includes("/invite")).at(-1)?.ru).toBe(5);
  });

  it("507s uploads to a full drive", async () => {
    t.s.remote.fillQuota(t.driveId);
    const r = await t.g("PUT", `/drives/${t.driveId}/root:/full.txt:/content`, { body: "x" });
    expect(r.status).toBe(507);
    expect((await json(r)).error.code).toBe("quotaLimitReached");
    const s = await t.g("POST", `/drives/${t.driveId}/root:/big.bin:/createUploadSession`, { json: { item: { fileSize: 10 } } });
    expect(s.status).toBe(507);
    const d = await json(await t.g("GET", `/drives/${t.driveId}`));
    expect(d.quota.remaining).toBe(0);
  });
});
