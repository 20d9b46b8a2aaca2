// Resumable upload sessions (§5). Fragments are written straight to one file per session in
// blobDir; the quickXorHash runs incrementally over them, and a fragment's hash state is only
// adopted once the whole fragment arrived, so an aborted PUT leaves the session unchanged.
import { randomBytes } from "node:crypto";
import { writeFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import type { StandinUploadSessionView } from "./types";
import { fail, type Ctx, type Reply } from "./http-util";
import { QuickXorHash } from "./quick-xor-hash";
import { renamed, type Identity, type Item, type Store } from "./state";
import type { Serializer } from "./serialize";
import { streamToFile } from "./blobs";

export const FRAGMENT_MULTIPLE = 327_680; // 320 KiB
export const MAX_FRAGMENT = 60 * 1024 * 1024; // each PUT must carry less than 60 MiB

type Session = {
  id: string;
  uploadUrl: string;
  driveId: string;
  parentId: string;
  name: string;
  existingId: string | null;
  conflictBehavior: "fail" | "replace" | "rename";
  total: number | null;
  received: number;
  bytesReceivedTotal: number;
  hasher: QuickXorHash;
  blob: string;
  expires: number;
  deferCommit: boolean;
  committed: boolean;
  fragments: { start: number; end: number }[];
  app: string | null;
  by: Identity;
  description?: string;
};

export type SessionTarget = { parent: Item; name: string; existing: Item | null; conflictBehavior: "fail" | "replace" | "rename"; fileSize: number | null; deferCommit: boolean; app: string | null; by: Identity; description?: string };

/** All upload sessions of the server. */
export class UploadSessions {
  private readonly active = new Map<string, Session>();
  private readonly all: Session[] = [];

  constructor(
    private readonly store: Store,
    private readonly ser: Serializer,
    private readonly fileBase: string,
    private readonly ttlMs: number,
    private readonly now: () => number,
    private readonly lockedStatus: number,
  ) {}

  /** Creates a session (the caller already resolved the target and checked preconditions). */
  async create(t: SessionTarget): Promise<Reply> {
    const drive = this.store.drive(t.parent.driveId);
    if (t.fileSize !== null) this.store.checkQuota(drive, t.fileSize - (t.existing?.size ?? 0));
    else if (drive.quotaFilled) this.store.checkQuota(drive, 1);
    const id = randomBytes(24).toString("base64url");
    const blob = randomUUID();
    await writeFile(join(this.store.blobDir, blob), "");
    const s: Session = {
      id, uploadUrl: `${this.fileBase}/_upload/${id}`, driveId: drive.id, parentId: t.parent.id, name: t.name,
      existingId: t.existing?.id ?? null, conflictBehavior: t.conflictBehavior, total: t.fileSize, received: 0, bytesReceivedTotal: 0,
      hasher: new QuickXorHash(), blob, expires: this.now() + this.ttlMs, deferCommit: t.deferCommit, committed: false, fragments: [],
      app: t.app, by: t.by, description: t.description,
    };
    this.active.set(id, s);
    this.all.push(s);
    return { status: 200, json: { "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#microsoft.graph.uploadSession", uploadUrl: s.uploadUrl, expirationDateTime: new Date(s.expires).toISOString(), nextExpectedRanges: ["0-"] } };
  }

  /** The app that created a session (upload URLs carry no token, so throttling is attributed through this). */
  appOf(id: string): string | null {
    return this.active.get(id)?.app ?? null;
  }

  /** Test view of every session ever created. */
  views(): StandinUploadSessionView[] {
    return this.all.map((s) => ({ uploadUrl: s.uploadUrl, fileName: s.name, total: s.total ?? 0, received: s.received, bytesReceivedTotal: s.bytesReceivedTotal, fragments: s.fragments.map((f) => ({ ...f })), committed: s.committed }));
  }

  private lookup(id: string): Session {
    const s = this.active.get(id);
    if (s && s.expires <= this.now()) {
      // Expired sessions are cleaned up lazily, as the service does.
      this.active.delete(id);
      void rm(join(this.store.blobDir, s.blob), { force: true });
    }
    const live = this.active.get(id);
    if (!live) throw fail(404, "itemNotFound", "The upload session was not found or has expired.", "uploadSessionNotFound");
    return live;
  }

  private status(s: Session): Record<string, unknown> {
    const done = s.total !== null && s.received >= s.total;
    return { expirationDateTime: new Date(s.expires).toISOString(), nextExpectedRanges: done ? [] : [`${s.received}-`] };
  }

  /** Handles GET/PUT/DELETE/POST on an uploadUrl. */
  async handle(ctx: Ctx, id: string): Promise<Reply> {
    const s = this.lookup(id);
    if (ctx.headers.authorization) {
      throw fail(401, "unauthenticated", "The upload URL is pre-authenticated; do not send an Authorization header.", "invalidAuthenticationToken");
    }
    switch (ctx.method) {
      case "GET":
        return { status: 200, json: this.status(s) };
      case "DELETE":
        this.active.delete(id);
        await rm(join(this.store.blobDir, s.blob), { force: true });
        return { status: 204 };
      case "POST":
        if (s.total === null || s.received < s.total) throw fail(400, "invalidRequest", "The upload session is not complete.", "uploadSessionIncomplete");
        return this.commit(s);
      case "PUT":
        return this.fragment(ctx, s);
      default:
        throw fail(405, "invalidRequest", `${ctx.method} is not supported on an upload URL.`);
    }
  }

  private async fragment(ctx: Ctx, s: Session): Promise<Reply> {
    const declared = ctx.contentLength ?? 0;
    const m = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(ctx.headers["content-range"]?.trim() ?? "");
    if (!m) {
      s.bytesReceivedTotal += declared;
      throw fail(400, "invalidRequest", "A valid Content-Range header (bytes start-end/total) is required.", "invalidRange");
    }
    const [start, end, total] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const length = end - start + 1;
    const reject = (e: Error) => {
      s.bytesReceivedTotal += declared;
      return e;
    };
    if (end < start || end >= total) throw reject(fail(416, "invalidRange", "The Content-Range is not valid.", "invalidRange"));
    if (ctx.contentLength !== null && ctx.contentLength !== length) throw reject(fail(400, "invalidRequest", "Content-Length does not match Content-Range.", "invalidRange"));
    if (s.total !== null && s.total !== total) throw reject(fail(400, "invalidRequest", `The declared total ${total} differs from the session's ${s.total}.`, "fragmentLengthMismatch"));
    if (length >= MAX_FRAGMENT) throw reject(fail(413, "invalidRequest", "Each fragment must be smaller than 60 MiB."));
    if (start < s.received) throw reject(fail(416, "invalidRange", `The fragment overlaps bytes already received; next expected ${s.received}-.`, "fragmentOverlap"));
    if (start > s.received) throw reject(fail(416, "invalidRange", `Fragments must be uploaded in order; next expected ${s.received}-.`, "fragmentOutOfOrder"));
    if (end + 1 < total && length % FRAGMENT_MULTIPLE !== 0) throw reject(fail(400, "invalidRequest", "Every fragment except the last must be a multiple of 320 KiB (327,680 bytes).", "invalidRange"));
    if (s.received === 0) {
      const existing = s.existingId ? this.store.drive(s.driveId).items.get(s.existingId) : null;
      try {
        this.store.checkQuota(this.store.drive(s.driveId), total - (existing?.size ?? 0));
      } catch (e) {
        throw reject(e as Error);
      }
    }
    const hasher = s.hasher.clone();
    const n = await streamToFile(ctx.body, join(this.store.blobDir, s.blob), start, hasher, length, "r+");
    s.bytesReceivedTotal += n;
    if (n !== length) throw fail(400, "invalidRequest", `Expected ${length} bytes, got ${n}.`, "fragmentLengthMismatch");
    s.total = total;
    s.received = end + 1;
    s.hasher = hasher;
    s.fragments.push({ start, end });
    s.expires = this.now() + this.ttlMs;
    if (s.received < total || s.deferCommit) return { status: 202, json: this.status(s) };
    return this.commit(s);
  }

  private commit(s: Session): Reply {
    const store = this.store;
    const parent = store.item(s.driveId, s.parentId);
    const size = s.total ?? 0;
    let existing: Item | null = null;
    let name = s.name;
    if (s.existingId) {
      existing = store.item(s.driveId, s.existingId);
    } else {
      const clash = store.childByName(parent, s.name);
      if (clash) {
        if (s.conflictBehavior === "fail") throw fail(409, "nameAlreadyExists", `The specified item name '${s.name}' already exists.`, "nameAlreadyExists");
        if (s.conflictBehavior === "rename") name = renamed(s.name, (n) => !!store.childByName(parent, n));
        else if (clash.isFolder) throw fail(409, "nameAlreadyExists", `A folder named '${s.name}' already exists.`, "nameAlreadyExists");
        else existing = clash;
      }
    }
    if (existing) store.assertContentUpdatable(existing, this.lockedStatus);
    store.checkQuota(store.drive(s.driveId), size - (existing?.size ?? 0));
    const item = store.putFile(parent, name, existing, s.blob, size, s.hasher.digest(), s.by);
    if (s.description !== undefined) item.description = s.description;
    s.committed = true;
    this.active.delete(s.id);
    return { status: existing ? 200 : 201, json: this.ser.item(item, s.app) };
  }
}
