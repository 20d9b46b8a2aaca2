import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfidentialClientApplication } from "@azure/msal-node";
import { Client, FileUpload, OneDriveLargeFileUploadTask, ResponseType } from "@microsoft/microsoft-graph-client";
import { randomBytes } from "node:crypto";
import { quickXorHash } from "./quick-xor-hash";
import { startTestStandin, json, type TestStandin } from "./testing";

let t: TestStandin;
let clock = Date.now();

beforeAll(async () => {
  t = await startTestStandin({
    now: () => clock,
    tenants: [
      { tenantId: "dcp-tenant", clientId: "6a1b2c3d-0000-4000-8000-00000000dc01", clientSecret: "accord-demo-secret" },
      { tenantId: "other-tenant", clientId: "other-app", clientSecret: "other-secret" },
      { tenantId: "dcp-tenant", clientId: "reader-app", clientSecret: "reader-secret", roles: ["User.Read.All"] },
    ],
    sites: [
      { hostname: "dcpolice.sharepoint.com", path: "/sites/Accord", displayName: "Accord" },
      { hostname: "other.sharepoint.com", path: "/sites/Elsewhere", displayName: "Elsewhere", tenantId: "other-tenant" },
    ],
  });
});
afterAll(() => t.s.close());

function cca(secret: string, tenantId = "dcp-tenant", clientId = "6a1b2c3d-0000-4000-8000-00000000dc01") {
  return new ConfidentialClientApplication({
    auth: {
      clientId,
      clientSecret: secret,
      authority: `${t.s.url}/${tenantId}`,
      knownAuthorities: [new URL(t.s.url).host],
      authorityMetadata: t.s.authorityMetadata(tenantId),
      cloudDiscoveryMetadata: t.s.cloudDiscoveryMetadata(),
    },
  });
}

describe("token endpoint with real MSAL", () => {
  it("acquires a token by client credentials", async () => {
    const r = await cca("accord-demo-secret").acquireTokenByClientCredential({ scopes: ["https://graph.microsoft.com/.default"] });
    expect(r?.accessToken).toMatch(/^ey/);
    const claims = JSON.parse(Buffer.from(r!.accessToken.split(".")[1]!, "base64url").toString());
    expect(claims).toMatchObject({ tid: "dcp-tenant", appid: "6a1b2c3d-0000-4000-8000-00000000dc01", roles: ["Sites.ReadWrite.All"] });
    expect(claims.exp - claims.iat).toBe(3600);
  });

  it("surfaces AADSTS7000215 for a wrong secret", async () => {
    await expect(cca("nope").acquireTokenByClientCredential({ scopes: ["https://graph.microsoft.com/.default"] })).rejects.toThrow(/AADSTS7000215/);
  });

  it("answers unknown clients, unknown tenants and bad scopes like Entra ID", async () => {
    const post = (tenant: string, form: Record<string, string>) =>
      fetch(`${t.s.url}/${tenant}/oauth2/v2.0/token`, { method: "POST", body: new URLSearchParams({ grant_type: "client_credentials", scope: "https://graph.microsoft.com/.default", ...form }) });
    const wrong = await post("dcp-tenant", { client_id: "6a1b2c3d-0000-4000-8000-00000000dc01", client_secret: "x" });
    expect(wrong.status).toBe(401);
    const wj = await json(wrong);
    expect(wj).toMatchObject({ error: "invalid_client", error_codes: [7000215] });
    expect(wj.error_description).toMatch(/^AADSTS7000215: Invalid client secret provided\./);
    expect(wj).toHaveProperty("trace_id");
    expect(wj).toHaveProperty("correlation_id");
    expect(wj).toHaveProperty("timestamp");
    const unknownClient = await post("dcp-tenant", { client_id: "ghost", client_secret: "x" });
    expect(unknownClient.status).toBe(400);
    expect(await json(unknownClient)).toMatchObject({ error: "unauthorized_client", error_codes: [700016] });
    const unknownTenant = await post("nowhere", { client_id: "6a1b2c3d-0000-4000-8000-00000000dc01", client_secret: "accord-demo-secret" });
    expect(unknownTenant.status).toBe(400);
    expect(await json(unknownTenant)).toMatchObject({ error: "invalid_request", error_codes: [90002] });
    const badScope = await post("dcp-tenant", { client_id: "6a1b2c3d-0000-4000-8000-00000000dc01", client_secret: "accord-demo-secret", scope: "Files.ReadWrite.All" });
    expect(badScope.status).toBe(400);
    expect((await json(badScope)).error).toBe("invalid_scope");
  });

  it("serves OIDC metadata", async () => {
    const r = await fetch(`${t.s.url}/dcp-tenant/v2.0/.well-known/openid-configuration`);
    expect(r.status).toBe(200);
    expect((await json(r)).token_endpoint).toBe(`${t.s.url}/dcp-tenant/oauth2/v2.0/token`);
  });
});

describe("real Graph JS client", () => {
  it("reads a site by path and creates a folder, with the bearer reaching the stand-in", async () => {
    const token = (await cca("accord-demo-secret").acquireTokenByClientCredential({ scopes: ["https://graph.microsoft.com/.default"] }))!.accessToken;
    const client = Client.init({ authProvider: (done) => done(null, token), baseUrl: t.s.url + "/", customHosts: new Set(["localhost"]) });
    const site = await client.api("/sites/dcpolice.sharepoint.com:/sites/Accord").get();
    expect(site.id).toBe(t.siteId);
    expect(site.displayName).toBe("Accord");
    const folder = await client.api(`/drives/${t.driveId}/root/children`).post({ name: "Kestrel", folder: {}, "@microsoft.graph.conflictBehavior": "fail" });
    expect(folder.name).toBe("Kestrel");
    const rec = t.s.requests.filter((r) => r.method === "POST" && r.path.endsWith("/root/children"));
    expect(rec.at(-1)).toMatchObject({ status: 201, app: "6a1b2c3d-0000-4000-8000-00000000dc01" });
    // A GraphError carries Graph's code and the request id.
    await expect(client.api(`/drives/${t.driveId}/items/nope`).get()).rejects.toMatchObject({ statusCode: 404, code: "itemNotFound" });
  });
});

describe("real Graph JS client upload and download", () => {
  it("runs OneDriveLargeFileUploadTask against an upload session and follows the download redirect", async () => {
    const client = Client.init({ authProvider: (done) => done(null, t.token), baseUrl: t.s.url + "/", customHosts: new Set(["localhost"]) });
    const data = randomBytes(327_680 * 3 + 999);
    const task = await OneDriveLargeFileUploadTask.createTaskWithFileObject(client, new FileUpload(data.buffer.slice(data.byteOffset, data.byteOffset + data.length) as ArrayBuffer, "sdk.bin", data.length), {
      fileName: "sdk.bin",
      rangeSize: 327_680,
      conflictBehavior: "rename",
      uploadSessionURL: `/drives/${t.driveId}/root:/sdk.bin:/createUploadSession`,
    });
    const result = await task.upload();
    const item = result.responseBody as { id: string; size: number; file: { hashes: { quickXorHash: string } } };
    expect(item.size).toBe(data.length);
    expect(item.file.hashes.quickXorHash).toBe(quickXorHash(data));
    // The SDK did not send the bearer to the upload URL (which would have been a 401).
    expect(t.s.requests.filter((r) => r.path.startsWith("/_upload/") && r.status === 401)).toEqual([]);
    const bytes = (await client.api(`/drives/${t.driveId}/items/${item.id}/content`).responseType(ResponseType.ARRAYBUFFER).get()) as ArrayBuffer;
    expect(Buffer.from(bytes)).toEqual(data);
  });
});

describe("Graph authentication and authorisation", () => {
  it("refuses missing, forged and expired bearers with InvalidAuthenticationToken", async () => {
    const missing = await t.g("GET", `/drives/${t.driveId}`, { noAuth: true });
    expect(missing.status).toBe(401);
    expect((await json(missing)).error.code).toBe("InvalidAuthenticationToken");
    const forged = await t.g("GET", `/drives/${t.driveId}`, { noAuth: true, headers: { Authorization: `Bearer ${t.token.slice(0, -4)}AAAA` } });
    expect(forged.status).toBe(401);
    const old = clock;
    clock += 2 * 3600 * 1000;
    try {
      const expired = await t.g("GET", `/drives/${t.driveId}`);
      expect(expired.status).toBe(401);
      expect((await json(expired)).error.message).toMatch(/expired/);
    } finally {
      clock = old;
    }
  });

  it("403s a token without a files role", async () => {
    const reader = await t.tokenFor("reader-app", "reader-secret");
    const r = await t.g("GET", `/drives/${t.driveId}`, { noAuth: true, headers: { Authorization: `Bearer ${reader}` } });
    expect(r.status).toBe(403);
    expect((await json(r)).error.code).toBe("accessDenied");
  });

  it("isolates tenants", async () => {
    const other = await t.tokenFor("other-app", "other-secret", "other-tenant");
    const auth = { Authorization: `Bearer ${other}` };
    expect((await t.g("GET", `/drives/${t.driveId}`, { noAuth: true, headers: auth })).status).toBe(404);
    expect((await t.g("GET", `/sites/dcpolice.sharepoint.com:/sites/Accord`, { noAuth: true, headers: auth })).status).toBe(404);
    expect((await t.g("GET", `/sites/other.sharepoint.com:/sites/Elsewhere`, { noAuth: true, headers: auth })).status).toBe(200);
    expect((await t.g("GET", `/sites/other.sharepoint.com:/sites/Elsewhere`)).status).toBe(404);
  });

  it("refuses the records-management catalogue to app-only tokens", async () => {
    const r = await t.g("GET", "/security/labels/retentionLabels");
    expect(r.status).toBe(403);
    expect((await json(r)).error.code).toBe("accessDenied");
  });
});

describe("common headers and error shape", () => {
  it("sends request-id, echoes client-request-id and uses Graph's error JSON", async () => {
    const r = await t.g("GET", `/drives/${t.driveId}/items/01NOPE`, { headers: { "client-request-id": "abc-123" } });
    expect(r.status).toBe(404);
    const rid = r.headers.get("request-id");
    expect(rid).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.headers.get("client-request-id")).toBe("abc-123");
    const body = await json(r);
    expect(Object.keys(body)).toEqual(["error"]);
    expect(body.error.code).toBe("itemNotFound");
    expect(typeof body.error.message).toBe("string");
    expect(body.error.innerError["request-id"]).toBe(rid);
    expect(body.error.innerError["client-request-id"]).toBe("abc-123");
    expect(body.error.innerError.date).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
    const ok = await t.g("GET", `/sites/${t.siteId}`);
    expect(ok.headers.get("request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(t.s.requests.at(-1)).toMatchObject({ requestId: ok.headers.get("request-id"), status: 200 });
  });

  it("serves sites by id, drive, drives, drive with quota and root", async () => {
    const site = await json(await t.g("GET", `/sites/${encodeURIComponent(t.siteId)}`));
    expect(site.id.split(",")).toHaveLength(3);
    const drive = await json(await t.g("GET", `/sites/${t.siteId}/drive`));
    expect(drive).toMatchObject({ id: t.driveId, driveType: "documentLibrary", name: "Documents" });
    expect(drive.quota.total).toBe(1024 ** 4);
    const drives = await json(await t.g("GET", `/sites/${t.siteId}/drives`));
    expect(drives.value.map((d: { id: string }) => d.id)).toEqual([t.driveId]);
    const root = await json(await t.g("GET", `/drives/${t.driveId}/root`));
    expect(root.root).toEqual({});
    expect(root.folder).toBeDefined();
    expect(root.cTag).toBeUndefined();
  });
});
