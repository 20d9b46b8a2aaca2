/**
 * Putting bytes into the drive (docs/graph-contract.md §4–§5): one PUT for small content, an upload
 * session for large, always conditional on the content Accord last saw (If-Match with the cTag),
 * so that an edit made in SharePoint meanwhile is never overwritten: it answers 412, and the caller
 * keeps both. A session's fragments are multiples of 320 KiB (ACCORD_GRAPH_CHUNK_KIB), read from
 * the blob store one ahead of the one in flight (a 100 MB file is never held in memory). The
 * session is saved before the first fragment goes, so a worker killed mid-upload is resumed by the next one
 * from Graph's `nextExpectedRanges`: at most the fragment in flight is sent again.
 */
import { graphSettings } from "./graph-settings";
import { GraphCallError } from "./graph-errors";
import type { GraphSession } from "./graph-session";
import { pathSegment, type DriveItem } from "./drive-item";
import type { GraphUploadSession } from "@/db/schema";

/** Where the bytes come from: in memory (a document's .docx) or the blob store in ranges (a file). */
export type UploadSource = { size: number; sha256: string; read(start: number, length: number): Promise<Uint8Array> };

export type UploadTarget = {
  driveId: string;
  folderId: string;
  name: string;
  /** The driveItem to replace, when there is one, and the cTag Accord last saw of it. */
  remoteId: string | null;
  cTag: string | null;
};

export type UploadHooks = {
  /** The session was made (or found): keep it so a restart resumes it. */
  saveSession?(session: GraphUploadSession | null): Promise<void>;
  /** After each fragment Graph accepted (tests simulate a crash here). */
  afterFragment?(info: { start: number; end: number; total: number }): Promise<void> | void;
};

/** The uploaded driveItem; GraphCallError 412 when SharePoint's content changed since `cTag`. */
export async function uploadContent(session: GraphSession, target: UploadTarget, source: UploadSource, known: GraphUploadSession | null, hooks: UploadHooks = {}): Promise<DriveItem> {
  const { simpleUploadBytes } = graphSettings();
  if (source.size <= simpleUploadBytes) return simplePut(session, target, source);
  return sessionUpload(session, target, source, known, hooks);
}

function ifMatch(target: UploadTarget): Record<string, string> {
  return target.remoteId && target.cTag ? { "If-Match": target.cTag } : {};
}

async function simplePut(session: GraphSession, target: UploadTarget, source: UploadSource): Promise<DriveItem> {
  const bytes = await source.read(0, source.size);
  if (target.remoteId) {
    try {
      return (await session.request<DriveItem>({ method: "PUT", url: `/drives/${target.driveId}/items/${target.remoteId}/content`, headers: ifMatch(target), body: bytes })).body;
    } catch (err) {
      // Deleted in SharePoint: put it back as a new item.
      if (!(err instanceof GraphCallError && err.status === 404)) throw err;
    }
  }
  return (
    await session.request<DriveItem>({
      method: "PUT",
      url: `/drives/${target.driveId}/items/${target.folderId}:/${pathSegment(target.name)}:/content?@microsoft.graph.conflictBehavior=rename`,
      body: bytes,
    })
  ).body;
}

type SessionAnswer = { uploadUrl?: string; expirationDateTime?: string; nextExpectedRanges?: string[] };

/** The first byte Graph still expects ("26-" or "26-99" → 26), or null when it expects nothing. */
export function nextStart(ranges: string[] | undefined): number | null {
  if (!ranges || ranges.length === 0) return null;
  const starts = ranges.map((r) => Number(r.split("-")[0])).filter((n) => Number.isFinite(n));
  return starts.length === 0 ? null : Math.min(...starts);
}

async function openSession(session: GraphSession, target: UploadTarget, source: UploadSource): Promise<GraphUploadSession> {
  const create = async (url: string, headers: Record<string, string>, item: Record<string, unknown>) =>
    (await session.request<SessionAnswer>({ method: "POST", url, headers, body: { item } })).body;
  let answer: SessionAnswer | null = null;
  if (target.remoteId) {
    try {
      answer = await create(`/drives/${target.driveId}/items/${target.remoteId}/createUploadSession`, ifMatch(target), { "@microsoft.graph.conflictBehavior": "replace" });
    } catch (err) {
      if (!(err instanceof GraphCallError && err.status === 404)) throw err;
    }
  }
  answer ??= await create(`/drives/${target.driveId}/items/${target.folderId}:/${pathSegment(target.name)}:/createUploadSession`, {}, {
    "@microsoft.graph.conflictBehavior": "rename",
    name: target.name,
    fileSize: source.size,
  });
  if (!answer.uploadUrl) throw new GraphCallError("Graph made no upload session", { status: 502, codes: ["noUploadUrl"] });
  return { uploadUrl: answer.uploadUrl, total: source.size, expiresAt: answer.expirationDateTime ?? new Date(Date.now() + 10 * 60_000).toISOString(), sha256: source.sha256 };
}

async function sessionUpload(session: GraphSession, target: UploadTarget, source: UploadSource, known: GraphUploadSession | null, hooks: UploadHooks): Promise<DriveItem> {
  const { chunkBytes } = graphSettings();
  let current: GraphUploadSession | null = null;
  let start = 0;
  // A session from before a restart, for the same bytes and not expired: ask where it stands.
  if (known && known.sha256 === source.sha256 && known.total === source.size && Date.parse(known.expiresAt) > Date.now() + 30_000) {
    try {
      const status = await session.request<SessionAnswer>({ method: "GET", url: known.uploadUrl });
      const next = nextStart(status.body.nextExpectedRanges);
      if (next !== null) {
        current = known;
        start = next;
      }
    } catch (err) {
      if (!(err instanceof GraphCallError && (err.status === 404 || err.status === 410))) throw err;
    }
  }
  if (!current) {
    current = await openSession(session, target, source);
    start = 0;
  }
  await hooks.saveSession?.(current);
  // The next fragment is read from the store while this one is on the wire, so the disk read never
  // stands between two PUTs (about a tenth of a 100 MB upload's time when done in turn). Two
  // fragments at most are held; a read made for a start Graph did not then ask for is dropped.
  const readAt = (at: number) => {
    const read = source.read(at, Math.min(chunkBytes, source.size - at));
    read.catch(() => {}); // awaited below, or dropped; never an unhandled rejection
    return { at, read };
  };
  let ahead = readAt(start);
  for (;;) {
    const bytes = await (ahead.at === start ? ahead.read : readAt(start).read);
    const end = start + bytes.byteLength - 1;
    if (end + 1 < source.size) ahead = readAt(end + 1);
    let answer: { status: number; body: SessionAnswer & DriveItem };
    try {
      answer = await session.request<SessionAnswer & DriveItem>({
        method: "PUT",
        url: current.uploadUrl,
        headers: { "Content-Range": `bytes ${start}-${end}/${source.size}` },
        body: bytes,
        // A fragment is not retried blindly: it may have arrived. Ask the session instead (below).
        retry: false,
      });
    } catch (err) {
      if (err instanceof GraphCallError && (err.status === 404 || err.status === 410)) {
        await hooks.saveSession?.(null);
        throw err;
      }
      if (err instanceof GraphCallError && (err.status === 409 || err.status === 412 || err.status === 507 || err.status === 423 || err.status === 403)) throw err;
      // Lost, refused as overlapping (416), throttled or failed: where does the session stand? Then go on from there.
      const status = await session.request<SessionAnswer>({ method: "GET", url: current.uploadUrl });
      const next = nextStart(status.body.nextExpectedRanges);
      if (next === null) throw err;
      start = next;
      continue;
    }
    if (answer.status === 200 || answer.status === 201) {
      await hooks.saveSession?.(null);
      return answer.body;
    }
    await hooks.afterFragment?.({ start, end, total: source.size });
    const next = nextStart(answer.body.nextExpectedRanges);
    start = next ?? end + 1;
  }
}
