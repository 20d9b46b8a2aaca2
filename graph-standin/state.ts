// The stateful heart of the stand-in: sites, drives and items, file bytes on disk, eTag/cTag
// versions and the per-drive change sequence that delta reads.
import { randomBytes, randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import type { StandinItemView, StandinLabel, StandinSite } from "./types";
import { fail } from "./http-util";
import { quickXorHash } from "./quick-xor-hash";

export const DEFAULT_QUOTA = 1024 ** 4; // 1 TiB

export type Identity = { application: { id: string; displayName: string } } | { user: { id: string; displayName: string; email?: string } };

/** An item's retention label as stored. */
export type AppliedLabel = { name: string; appliedAt: number; appliedBy: Identity; explicit: boolean };

export type Permission = { id: string; roles: string[]; grantedToV2: unknown; invitation?: unknown; expirationDateTime?: string };

export type Item = {
  id: string;
  driveId: string;
  name: string;
  parentId: string | null; // null for the root
  isFolder: boolean;
  size: number;
  blob: string | null; // file name inside blobDir
  quickXorHash: string | null;
  mimeType: string | null;
  tagGuid: string;
  eTagVersion: number;
  cTagVersion: number;
  created: number;
  modified: number;
  createdBy: Identity;
  modifiedBy: Identity;
  description?: string;
  changeSeq: number;
  deleted: boolean;
  label: AppliedLabel | null;
  recordLocked: boolean;
  malware: boolean;
  permissions: Permission[];
};

export type Drive = {
  id: string;
  siteId: string;
  name: string;
  created: number;
  quotaTotal: number;
  quotaFilled: boolean;
  rootId: string;
  items: Map<string, Item>;
  seq: number;
  deltaEpoch: number;
};

export type Site = { id: string; config: StandinSite; tenantId: string; driveIds: string[]; created: number };

const INVALID_CHARS = /["*:<>?/\\|]/;

/** Throws 400 invalidPath when a name cannot exist in SharePoint. */
export function validateName(name: unknown): string {
  if (typeof name !== "string" || name.trim() === "") throw fail(400, "invalidRequest", "The name is missing.", "invalidPath");
  if (INVALID_CHARS.test(name) || name.endsWith(".") || name !== name.trim() || name.length > 400) {
    throw fail(400, "invalidRequest", `The provided name '${name}' contains invalid characters or is not allowed.`, "invalidPath");
  }
  return name;
}

/** SharePoint-style id: "01" plus 32 base32 characters. */
function itemId(): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  const bytes = randomBytes(32);
  let s = "01";
  for (const b of bytes) s += alphabet[b & 31];
  return s;
}

const MIME: Record<string, string> = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  pdf: "application/pdf",
  txt: "text/plain",
  json: "application/json",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  csv: "text/csv",
  html: "text/html",
  zip: "application/zip",
};

/** Guesses a MIME type from the extension, as SharePoint does. */
export function mimeFor(name: string): string {
  const ext = name.includes(".") ? name.split(".").pop()!.toLowerCase() : "";
  return MIME[ext] ?? "application/octet-stream";
}

/** Next free name with SharePoint's " 1", " 2"… suffix before the extension. */
export function renamed(name: string, taken: (n: string) => boolean): string {
  const dot = name.lastIndexOf(".");
  const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ""];
  for (let i = 1; ; i++) {
    const candidate = `${stem} ${i}${ext}`;
    if (!taken(candidate)) return candidate;
  }
}

/** Effective retention settings of a label (defaults follow the behaviour, explicit flags win). */
export function labelSettings(label: StandinLabel, locked: boolean) {
  const b = label.behaviorDuringRetentionPeriod;
  const record = b === "retainAsRecord" || b === "retainAsRegulatoryRecord";
  // A record (unlocked) may be edited; a locked record or regulatory record may not.
  const editable = b === "retainAsRegulatoryRecord" ? false : record ? !locked : true;
  return {
    behaviorDuringRetentionPeriod: b,
    isDeleteAllowed: label.isDeleteAllowed ?? b === "doNotRetain",
    isContentUpdateAllowed: (label.isContentUpdateAllowed ?? true) && editable,
    isLabelUpdateAllowed: label.isLabelUpdateAllowed ?? !record,
    isMetadataUpdateAllowed: (label.isMetadataUpdateAllowed ?? true) && editable,
    isRecordLocked: locked,
  };
}

/** In-memory metadata store; bytes live as files in blobDir. */
export class Store {
  readonly sites = new Map<string, Site>();
  readonly drives = new Map<string, Drive>();
  readonly labels: Map<string, StandinLabel>;

  constructor(
    readonly blobDir: string,
    private readonly now: () => number,
    sites: StandinSite[],
    defaultTenantId: string,
    labels: StandinLabel[],
  ) {
    this.labels = new Map(labels.map((l) => [l.name.toLowerCase(), l]));
    for (const cfg of sites) {
      const siteId = `${cfg.hostname},${randomUUID()},${randomUUID()}`;
      const site: Site = { id: siteId, config: cfg, tenantId: cfg.tenantId ?? defaultTenantId, driveIds: [], created: now() };
      const driveId = "b!" + randomBytes(48).toString("base64url");
      const root = this.newItem(driveId, "root", null, true, { user: { id: "system", displayName: "System Account" } });
      const drive: Drive = { id: driveId, siteId, name: "Documents", created: now(), quotaTotal: cfg.quotaBytes ?? DEFAULT_QUOTA, quotaFilled: false, rootId: root.id, items: new Map([[root.id, root]]), seq: 0, deltaEpoch: 0 };
      root.changeSeq = 0;
      site.driveIds.push(driveId);
      this.sites.set(siteId, site);
      this.drives.set(driveId, drive);
    }
  }

  private newItem(driveId: string, name: string, parentId: string | null, isFolder: boolean, by: Identity): Item {
    const t = this.now();
    return {
      id: itemId(), driveId, name, parentId, isFolder, size: 0, blob: null, quickXorHash: null, mimeType: null,
      tagGuid: randomUUID().toUpperCase(), eTagVersion: 1, cTagVersion: 1, created: t, modified: t, createdBy: by, modifiedBy: by,
      changeSeq: 0, deleted: false, label: null, recordLocked: false, malware: false, permissions: [],
    };
  }

  /** Records a change: bumps the eTag (and cTag for content), stamps the drive sequence for delta. */
  touch(item: Item, by: Identity | null, content = false): void {
    const drive = this.drive(item.driveId);
    item.eTagVersion++;
    if (content) item.cTagVersion++;
    item.modified = Math.max(this.now(), item.modified + 1);
    if (by) item.modifiedBy = by;
    item.changeSeq = ++drive.seq;
  }

  /** The drive or 404. */
  drive(driveId: string): Drive {
    const d = this.drives.get(driveId);
    if (!d) throw fail(404, "itemNotFound", "The drive could not be found.");
    return d;
  }

  /** A live item or 404 itemNotFound. */
  item(driveId: string, id: string): Item {
    const it = this.drive(driveId).items.get(id);
    if (!it || it.deleted) throw fail(404, "itemNotFound", "The resource could not be found.");
    return it;
  }

  /** Live children of a folder, sorted by name. */
  children(parent: Item): Item[] {
    const out: Item[] = [];
    for (const it of this.drive(parent.driveId).items.values()) if (!it.deleted && it.parentId === parent.id) out.push(it);
    return out.sort((a, b) => a.name.localeCompare(b.name));
  }

  /** A live child by name (case-insensitive, like SharePoint). */
  childByName(parent: Item, name: string): Item | null {
    const lower = name.toLowerCase();
    for (const it of this.drive(parent.driveId).items.values()) {
      if (!it.deleted && it.parentId === parent.id && it.name.toLowerCase() === lower) return it;
    }
    return null;
  }

  /** Walks a decoded relative path ("a/b") from a base item. */
  resolvePath(base: Item, segments: string[]): Item | null {
    let cur: Item | null = base;
    for (const seg of segments) {
      if (!cur || !cur.isFolder) return null;
      cur = this.childByName(cur, seg);
    }
    return cur;
  }

  /** Drive-relative path of an item: "/" for the root, "/Kestrel/Press lines.docx" otherwise. */
  pathOf(item: Item): string {
    const names: string[] = [];
    let cur: Item | undefined = item;
    const drive = this.drive(item.driveId);
    while (cur && cur.parentId) {
      names.unshift(cur.name);
      cur = drive.items.get(cur.parentId);
    }
    return "/" + names.join("/");
  }

  /** Is `item` the folder `ancestor` or inside it? */
  isWithin(item: Item, ancestor: Item): boolean {
    const drive = this.drive(item.driveId);
    for (let cur: Item | undefined = item; cur; cur = cur.parentId ? drive.items.get(cur.parentId) : undefined) {
      if (cur.id === ancestor.id) return true;
    }
    return false;
  }

  /** Bytes used by live files in a drive. */
  used(drive: Drive): number {
    let n = 0;
    for (const it of drive.items.values()) if (!it.deleted && !it.isFolder) n += it.size;
    return n;
  }

  /** Remaining quota (0 once fillQuota was called). */
  remaining(drive: Drive): number {
    return drive.quotaFilled ? 0 : Math.max(0, drive.quotaTotal - this.used(drive));
  }

  /** Throws 507 when `extra` more bytes would not fit. */
  checkQuota(drive: Drive, extra: number): void {
    if (drive.quotaFilled || extra > this.remaining(drive)) {
      throw fail(507, "quotaLimitReached", "Insufficient Space Available", "quotaLimitReached");
    }
  }

  /** Creates a folder under `parent` (name already validated and conflict-free). */
  createFolder(parent: Item, name: string, by: Identity): Item {
    const drive = this.drive(parent.driveId);
    const it = this.newItem(drive.id, name, parent.id, true, by);
    it.changeSeq = ++drive.seq;
    drive.items.set(it.id, it);
    return it;
  }

  /** Creates or replaces a file from a finished blob file (moved into the store). */
  putFile(parent: Item, name: string, existing: Item | null, blobFile: string, size: number, hash: string, by: Identity): Item {
    const drive = this.drive(parent.driveId);
    if (existing) {
      const old = existing.blob;
      existing.blob = blobFile;
      existing.size = size;
      existing.quickXorHash = hash;
      existing.malware = false;
      this.touch(existing, by, true);
      if (old) void rm(join(this.blobDir, old), { force: true });
      return existing;
    }
    const it = this.newItem(drive.id, name, parent.id, false, by);
    it.blob = blobFile;
    it.size = size;
    it.quickXorHash = hash;
    it.mimeType = mimeFor(name);
    it.changeSeq = ++drive.seq;
    drive.items.set(it.id, it);
    return it;
  }

  /** Marks an item and its descendants deleted (tombstones stay for delta). */
  remove(item: Item): void {
    const drive = this.drive(item.driveId);
    const doomed = [...drive.items.values()].filter((it) => !it.deleted && this.isWithin(it, item));
    // Children first, so delta lists them before their folder (clients delete folders once empty).
    doomed.sort((a, b) => this.pathOf(b).length - this.pathOf(a).length);
    for (const it of doomed) {
      it.deleted = true;
      it.changeSeq = ++drive.seq;
      if (it.blob) void rm(join(this.blobDir, it.blob), { force: true });
      it.blob = null;
    }
  }

  /** Refuses a delete when the item (or anything inside a folder) is protected by retention. */
  assertDeletable(item: Item, lockedStatus: number): void {
    const drive = this.drive(item.driveId);
    for (const it of drive.items.values()) {
      if (it.deleted || !this.isWithin(it, item)) continue;
      const s = this.settings(it);
      if (it.recordLocked || (s && !s.isDeleteAllowed)) {
        throw fail(lockedStatus, "notAllowed", `The item '${it.name}' is protected by a retention label or record lock and cannot be deleted.`, "lockMismatch");
      }
    }
  }

  /** Refuses a content change when retention forbids it. */
  assertContentUpdatable(item: Item, lockedStatus: number): void {
    const s = this.settings(item);
    if (item.recordLocked || (s && !s.isContentUpdateAllowed)) {
      throw fail(lockedStatus, "notAllowed", `The item '${item.name}' is a locked record or its retention label does not allow content updates.`, "lockMismatch");
    }
  }

  /** Refuses a rename/move when retention forbids metadata updates. */
  assertMetadataUpdatable(item: Item, lockedStatus: number): void {
    const s = this.settings(item);
    if (item.recordLocked || (s && !s.isMetadataUpdateAllowed)) {
      throw fail(lockedStatus, "notAllowed", `The item '${item.name}' is a locked record or its retention label does not allow metadata updates.`, "lockMismatch");
    }
  }

  /** The effective retention settings of an item's label, or null without a label. */
  settings(item: Item) {
    if (!item.label) return null;
    const label = this.labels.get(item.label.name.toLowerCase());
    return label ? labelSettings(label, item.recordLocked) : null;
  }

  eTag(it: Item): string {
    return `"{${it.tagGuid}},${it.eTagVersion}"`;
  }

  cTag(it: Item): string | null {
    return it.isFolder ? null : `"c:{${it.tagGuid}},${it.cTagVersion}"`;
  }

  /** Site web URL, e.g. https://dcpolice.sharepoint.com/sites/Accord. */
  siteUrl(site: Site): string {
    return `https://${site.config.hostname}${site.config.path}`;
  }

  /** Reads an item's bytes as a stream (empty for zero-byte files). */
  contentStream(item: Item) {
    return createReadStream(item.blob ? join(this.blobDir, item.blob) : "/dev/null");
  }

  /** The test-facing view of an item. */
  view(it: Item): StandinItemView {
    const by = "user" in it.modifiedBy ? it.modifiedBy.user.displayName : it.modifiedBy.application.displayName;
    return {
      id: it.id, name: it.name, eTag: this.eTag(it), cTag: this.cTag(it), size: it.size, parentId: it.parentId ?? "",
      path: this.pathOf(it), isFolder: it.isFolder, lastModifiedBy: by,
      retentionLabel: it.label ? { name: it.label.name, isRecordLocked: it.recordLocked } : null,
    };
  }

  /** Hash of in-memory bytes (remote edits). */
  static hash(bytes: Uint8Array): string {
    return quickXorHash(bytes);
  }
}
