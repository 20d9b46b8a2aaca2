// Public entry point: starts a stateful, HTTPS Microsoft Graph stand-in (see docs/graph-contract.md).
import { createServer } from "node:https";
import { mkdtempSync, writeFileSync } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { generate } from "selfsigned";
import type { GraphStandin, StandinOptions } from "./types";
import { Store, validateName, type Identity, type Item } from "./state";
import { DownloadSigner, Serializer } from "./serialize";
import { UploadSessions } from "./upload-sessions";
import { TokenService, instanceDiscovery, openIdConfiguration } from "./tokens";
import { Faults } from "./faults";
import { Throttle } from "./throttle";
import { httpHandler, type Pipeline } from "./server";
import { controlHandler } from "./control";
import type { Env } from "./env";

export type * from "./types";
export { QuickXorHash, quickXorHash } from "./quick-xor-hash";
export { ruCost } from "./throttle";

/** A self-signed certificate that is its own CA (cA:true), valid for localhost and 127.0.0.1. */
async function certificate(): Promise<{ key: string; cert: string }> {
  // A unique subject per run: OpenSSL finds trust anchors by subject name, so two stand-ins in one
  // process (both trusted) must not share one, or verification picks the wrong certificate.
  const subject = [
    { name: "commonName", value: `Graph stand-in ${randomUUID().slice(0, 8)}` },
    { name: "organizationName", value: "Accord test" },
  ];
  const pems = await generate(subject, {
    keyType: "ec",
    curve: "P-256",
    algorithm: "sha256",
    notAfterDate: new Date(Date.now() + 7 * 24 * 3600 * 1000),
    extensions: [
      { name: "basicConstraints", cA: true, critical: true },
      { name: "keyUsage", digitalSignature: true, keyEncipherment: true, keyCertSign: true, critical: true },
      { name: "extKeyUsage", serverAuth: true },
      { name: "subjectAltName", altNames: [{ type: 2, value: "localhost" }, { type: 7, ip: "127.0.0.1" }, { type: 7, ip: "::1" }] },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}

/** Starts the stand-in and resolves once it listens. */
export async function startGraphStandin(options: StandinOptions): Promise<GraphStandin> {
  if (!options.tenants.length) throw new Error("graph-standin: at least one tenant is required");
  const now = options.now ?? Date.now;
  const ownBlobDir = !options.blobDir;
  const blobDir = options.blobDir ?? mkdtempSync(join(tmpdir(), "graph-standin-"));
  const store = new Store(blobDir, now, options.sites, options.tenants[0]!.tenantId, options.labels ?? []);
  const { key, cert } = await certificate();
  const tokens = new TokenService(options.tenants, now);
  const faults = new Faults();
  const throttle = new Throttle(options.resourceUnits ?? null, now);
  const requests: GraphStandin["requests"] = [];

  let pipeline: Pipeline | null = null;
  const server = createServer({ key, cert }, (req, res) => {
    if (!pipeline) {
      res.writeHead(503).end();
      return;
    }
    httpHandler(pipeline)(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `https://localhost:${port}`;
  const graphUrl = `${url}/v1.0`;
  // Upload and download URLs live on a different host name (like *.sharepoint.com in real life), so
  // the Graph SDK, which only sends Authorization to customHosts, does not leak the bearer to them.
  const fileBase = `https://127.0.0.1:${port}`;
  const downloads = new DownloadSigner(fileBase, now);
  const ser = new Serializer(store, graphUrl, downloads);
  const lockedStatus = options.lockedStatus ?? 423;
  const uploads = new UploadSessions(store, ser, fileBase, options.uploadSessionTtlMs ?? 15 * 60 * 1000, now, lockedStatus);
  const env: Env = {
    store, ser, downloads, uploads, graphUrl, pageSize: options.pageSize ?? 200, lockedStatus, emptyLabelStatus: options.emptyLabelStatus ?? 404,
    now, tenants: options.tenants, options,
  };

  const live = (driveId: string, itemId: string): Item => {
    const it = store.drive(driveId).items.get(itemId);
    if (!it || it.deleted) throw new Error(`graph-standin: no item ${itemId} in drive ${driveId}`);
    return it;
  };
  const user = (name: string): Identity => ({ user: { id: `user-${name.toLowerCase().replace(/\W+/g, "-")}`, displayName: name, email: `${name.toLowerCase().replace(/\W+/g, ".")}@example.invalid` } });

  const api: GraphStandin = {
    url,
    graphUrl,
    caPem: cert,
    authorityMetadata: (tenantId) => JSON.stringify(openIdConfiguration(url, tenantId)),
    cloudDiscoveryMetadata: () => JSON.stringify(instanceDiscovery(url)),
    requests,
    faults: { add: (r) => faults.add(r), clear: () => faults.clear() },
    remote: {
      siteId(hostname, path) {
        const norm = (p: string) => p.replace(/\/+$/, "").toLowerCase();
        const s = [...store.sites.values()].find((x) => x.config.hostname.toLowerCase() === hostname.toLowerCase() && norm(x.config.path) === norm(path));
        if (!s) throw new Error(`graph-standin: no site ${hostname}${path}`);
        return s.id;
      },
      driveId(siteId) {
        const s = store.sites.get(siteId);
        if (!s) throw new Error(`graph-standin: no site ${siteId}`);
        return s.driveIds[0]!;
      },
      findByPath(driveId, path) {
        const drive = store.drive(driveId);
        const it = store.resolvePath(drive.items.get(drive.rootId)!, path.split("/").filter(Boolean));
        return it ? store.view(it) : null;
      },
      get(driveId, itemId) {
        const it = store.drives.get(driveId)?.items.get(itemId);
        return it && !it.deleted ? store.view(it) : null;
      },
      editContent(driveId, itemId, bytes, by = "SharePoint User") {
        const it = live(driveId, itemId);
        if (it.isFolder) throw new Error("graph-standin: cannot edit a folder's content");
        const blob = randomUUID();
        writeFileSync(join(blobDir, blob), bytes);
        store.putFile(store.item(driveId, it.parentId!), it.name, it, blob, bytes.length, Store.hash(bytes), user(by));
        return store.view(it);
      },
      rename(driveId, itemId, name) {
        const it = live(driveId, itemId);
        validateName(name);
        it.name = name;
        store.touch(it, user("SharePoint User"));
        return store.view(it);
      },
      delete(driveId, itemId) {
        store.remove(live(driveId, itemId));
      },
      async content(driveId, itemId) {
        const it = live(driveId, itemId);
        return it.blob ? readFile(join(blobDir, it.blob)) : Buffer.alloc(0);
      },
      setRecordLocked(driveId, itemId, locked) {
        const it = live(driveId, itemId);
        it.recordLocked = locked;
        store.touch(it, null);
      },
      fillQuota(driveId) {
        store.drive(driveId).quotaFilled = true;
      },
      expireDeltaTokens(driveId) {
        store.drive(driveId).deltaEpoch++;
      },
      uploadSessions: () => uploads.views(),
      markMalware(driveId, itemId) {
        live(driveId, itemId).malware = true;
      },
    },
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      if (ownBlobDir) await rm(blobDir, { recursive: true, force: true });
    },
  };
  pipeline = { env, url, tokens, faults, throttle, requests, control: controlHandler(() => api, store, requests) };
  return api;
}
