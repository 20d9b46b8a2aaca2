// JSON shapes of site, drive and driveItem (§1–2), minted with this server's absolute URLs.
import { createHmac, randomBytes } from "node:crypto";
import type { Drive, Item, Site, Store } from "./state";

const iso = (ms: number) => new Date(ms).toISOString();

/** Signs and checks the pre-authenticated download URLs (stateless, so they cost nothing to mint). */
export class DownloadSigner {
  private readonly secret = randomBytes(32);
  constructor(
    private readonly fileBase: string,
    private readonly now: () => number,
    private readonly ttlMs = 60 * 60 * 1000,
  ) {}

  /** A URL that serves the item's bytes without auth until it expires. */
  url(driveId: string, itemId: string, app: string | null): string {
    const payload = Buffer.from(JSON.stringify({ d: driveId, i: itemId, a: app, x: this.now() + this.ttlMs })).toString("base64url");
    const sig = createHmac("sha256", this.secret).update(payload).digest("base64url");
    return `${this.fileBase}/_download/${payload}.${sig}`;
  }

  /** Decodes a download token: the target, "expired", or null when forged. */
  check(token: string): { driveId: string; itemId: string; app: string | null } | "expired" | null {
    const [payload, sig] = token.split(".");
    if (!payload || !sig) return null;
    if (createHmac("sha256", this.secret).update(payload).digest("base64url") !== sig) return null;
    const v = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { d: string; i: string; a: string | null; x: number };
    if (v.x <= this.now()) return "expired";
    return { driveId: v.d, itemId: v.i, app: v.a };
  }
}

/** Turns store records into Graph JSON. */
export class Serializer {
  constructor(
    private readonly store: Store,
    private readonly graphUrl: string,
    private readonly downloads: DownloadSigner,
  ) {}

  site(site: Site): Record<string, unknown> {
    const url = this.store.siteUrl(site);
    const [, collectionId, webId] = site.id.split(",");
    return {
      "@odata.context": `${this.graphUrl}/$metadata#sites/$entity`,
      id: site.id,
      name: site.config.path.split("/").filter(Boolean).pop() ?? site.config.hostname,
      displayName: site.config.displayName,
      description: "",
      webUrl: url,
      createdDateTime: iso(site.created),
      lastModifiedDateTime: iso(site.created),
      isPersonalSite: false,
      siteCollection: { hostname: site.config.hostname },
      sharepointIds: { siteId: collectionId, webId, siteUrl: url, tenantId: site.tenantId },
    };
  }

  drive(drive: Drive, context = true): Record<string, unknown> {
    const site = this.store.sites.get(drive.siteId)!;
    const used = this.store.used(drive);
    const remaining = this.store.remaining(drive);
    return {
      ...(context ? { "@odata.context": `${this.graphUrl}/$metadata#drives/$entity` } : {}),
      id: drive.id,
      name: drive.name,
      description: "",
      driveType: "documentLibrary",
      createdDateTime: iso(drive.created),
      lastModifiedDateTime: iso(drive.created),
      webUrl: `${this.store.siteUrl(site)}/Shared%20Documents`,
      createdBy: { user: { displayName: "System Account" } },
      owner: { group: { id: site.id.split(",")[1], displayName: `${site.config.displayName} Owners`, email: null } },
      quota: {
        deleted: 0,
        remaining,
        state: remaining === 0 ? "exceeded" : remaining < drive.quotaTotal * 0.1 ? "nearing" : "normal",
        total: drive.quotaTotal,
        used: drive.quotaFilled ? drive.quotaTotal : used,
      },
    };
  }

  /** Graph's parentReference.path: "/drives/{id}/root:" plus the folder path. */
  parentPath(item: Item): string | undefined {
    if (!item.parentId) return undefined;
    const parent = this.store.drive(item.driveId).items.get(item.parentId)!;
    const p = this.store.pathOf(parent);
    return `/drives/${item.driveId}/root:${p === "/" ? "" : encodeURI(p)}`;
  }

  item(it: Item, app: string | null = null): Record<string, unknown> {
    const drive = this.store.drive(it.driveId);
    const site = this.store.sites.get(drive.siteId)!;
    const path = this.store.pathOf(it);
    const out: Record<string, unknown> = {
      "@odata.context": `${this.graphUrl}/$metadata#drives('${drive.id}')/items/$entity`,
    };
    if (!it.isFolder) out["@microsoft.graph.downloadUrl"] = this.downloads.url(drive.id, it.id, app);
    Object.assign(out, {
      createdBy: it.createdBy,
      createdDateTime: iso(it.created),
      eTag: this.store.eTag(it),
      id: it.id,
      lastModifiedBy: it.modifiedBy,
      lastModifiedDateTime: iso(it.modified),
      name: it.parentId ? it.name : "root",
      webUrl: `${this.store.siteUrl(site)}/Shared%20Documents${path === "/" ? "" : encodeURI(path)}`,
      size: it.isFolder ? this.folderSize(it) : it.size,
    });
    if (it.description !== undefined) out.description = it.description;
    const ctag = this.store.cTag(it);
    if (ctag) out.cTag = ctag;
    out.parentReference = it.parentId
      ? { driveType: "documentLibrary", driveId: drive.id, id: it.parentId, name: this.store.drive(it.driveId).items.get(it.parentId)!.parentId ? this.store.drive(it.driveId).items.get(it.parentId)!.name : "root", path: this.parentPath(it), siteId: site.id }
      : { driveType: "documentLibrary", driveId: drive.id, siteId: site.id };
    out.fileSystemInfo = { createdDateTime: iso(it.created), lastModifiedDateTime: iso(it.modified) };
    if (it.isFolder) out.folder = { childCount: this.store.children(it).length };
    else out.file = { mimeType: it.mimeType ?? "application/octet-stream", hashes: { quickXorHash: it.quickXorHash } };
    if (!it.parentId) out.root = {};
    if (it.malware) out.malware = { description: "Malware was detected in this file." };
    out.shared = it.permissions.length ? { scope: "users" } : undefined;
    if (out.shared === undefined) delete out.shared;
    return out;
  }

  /** The minimal shape delta returns for deleted items. */
  deletedItem(it: Item): Record<string, unknown> {
    return {
      id: it.id,
      name: it.name,
      parentReference: { driveType: "documentLibrary", driveId: it.driveId, id: it.parentId ?? undefined },
      deleted: { state: "deleted" },
      ...(it.isFolder ? { folder: { childCount: 0 } } : { file: {} }),
    };
  }

  private folderSize(folder: Item): number {
    let n = 0;
    for (const it of this.store.drive(folder.driveId).items.values()) {
      if (!it.deleted && !it.isFolder && this.store.isWithin(it, folder)) n += it.size;
    }
    return n;
  }
}
