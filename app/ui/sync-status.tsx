"use client";
/**
 * A document's or file's SharePoint status on its own page (issue 9): synced (with when), waiting,
 * failed (with the reason, and Retry for whoever may change the item), both changed (documents:
 * keep Accord's version or take SharePoint's), removed; and, for a document, a version edited in
 * SharePoint waiting for review. Nothing at all when the agency has no connection. The server
 * decides who may retry or resolve (the permissions come with the status); while the item waits
 * the status is asked again, less and less often, so the person sees it turn synced. Each ask
 * reads the item through its own policy (404 when it is no longer theirs), so the asking stops.
 *
 * In a list (the space's files), SpaceSyncStatuses holds every row's status and asks once for
 * all of them (GET /api/v1/spaces/{id}/sync, trimmed by the same policy): N rows waiting cost one
 * request per ask, not N. Each row's SyncStatus inside it reads its status from there.
 */
import Link from "next/link";
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from "react";
import type { SyncState } from "@/lib/graph/get-item-sync-status";
import type { SpaceSyncStatus } from "@/lib/graph/list-space-sync-status";
import { callJsonApi, PLAIN_FALLBACKS } from "./call-api";
import { formatDateTime } from "./format";

/** What GET /api/v1/{documents|files}/{id}/sync answers (its status also names the item in SharePoint, which this line does not show). */
export type ItemSyncAnswer = { sync: SyncState | null; permissions: { canRetry: boolean; canResolve: boolean } };

type Props = ItemSyncAnswer & { itemType: "document" | "file"; itemId: string; /** Label for the buttons' accessible names (a file's name). */ itemName?: string };

/** Seconds between asks while the item waits: a few quick ones, then slower, then stop (each is a request). */
export const POLL_SECONDS = [3, 5, 8, 13, 20, 30, 30, 30];

type SharedSync = {
  itemType: "document" | "file";
  statuses: Record<string, SyncState>;
  /** A row's change was sent again: show it waiting and start asking again. */
  markPending(itemId: string, keepReview: boolean): void;
};
const SpaceSyncContext = createContext<SharedSync | null>(null);

/** The answer's statuses of the rows the list shows (the batch holds every readable item of the space; a row gone from it shows nothing). */
function shownOnly(all: Record<string, SyncState>, shown: Record<string, SyncState>): Record<string, SyncState> {
  return Object.fromEntries(Object.keys(shown).flatMap((id) => (all[id] ? [[id, all[id]] as const] : [])));
}

type SharedState = { statuses: Record<string, SyncState>; polls: number; from: Record<string, SyncState> };

/**
 * Holds the statuses of one kind of item of a space (from the server's batch read, passed down)
 * and, while any of them waits, asks the space's batch route again on the same schedule as one
 * item does. A new server render (after an upload or a delete) starts again from its statuses.
 */
export function SpaceSyncStatuses({ spaceId, itemType, initial, children }: { spaceId: string; itemType: "document" | "file"; initial: Record<string, SyncState>; children: ReactNode }) {
  const [state, setState] = useState<SharedState>({ statuses: initial, polls: 0, from: initial });
  // A fresh server render brings fresh statuses (and perhaps new rows): take them, asking anew.
  if (state.from !== initial) setState({ statuses: initial, polls: 0, from: initial });
  const isWaiting = Object.values(state.statuses).some((s) => s.status === "pending");

  useEffect(() => {
    if (!isWaiting || state.polls >= POLL_SECONDS.length) return;
    const timer = setTimeout(async () => {
      if (document.visibilityState !== "visible") {
        setState((s) => ({ ...s, polls: s.polls + 1 }));
        return;
      }
      const result = await callJsonApi<SpaceSyncStatus>(`/spaces/${spaceId}/sync?only=${itemType}`, "GET", undefined, PLAIN_FALLBACKS);
      // Refused (the space is no longer theirs) or unreachable: stop asking, as one item does.
      setState((s) => (result.ok ? { ...s, statuses: shownOnly(itemType === "document" ? result.data.documents : result.data.files, s.from), polls: s.polls + 1 } : { ...s, polls: POLL_SECONDS.length }));
    }, POLL_SECONDS[state.polls]! * 1000);
    return () => clearTimeout(timer);
  }, [isWaiting, state.polls, state.statuses, spaceId, itemType]);

  const shared: SharedSync = {
    itemType,
    statuses: state.statuses,
    markPending: (itemId, keepReview) =>
      setState((s) => {
        const current = s.statuses[itemId];
        if (!current) return s;
        return { ...s, polls: 0, statuses: { ...s.statuses, [itemId]: { ...current, status: "pending", message: null, code: null, reviewVersionId: keepReview ? current.reviewVersionId : null } } };
      }),
  };
  return <SpaceSyncContext.Provider value={shared}>{children}</SpaceSyncContext.Provider>;
}

/** The status line, its actions, and a live region announcing what they did. */
export function SyncStatus({ sync: initialSync, permissions, itemType, itemId, itemName }: Props) {
  const shared = useContext(SpaceSyncContext);
  const list = shared?.itemType === itemType ? shared : null;
  const [ownSync, setSync] = useState(initialSync);
  // In a list the list's holder has the status (and does the asking); on its own, this line does.
  const sync = list ? (list.statuses[itemId] ?? null) : ownSync;
  const [message, setMessage] = useState("");
  const [isBusy, setIsBusy] = useState(false);
  const polls = useRef(0);
  const base = `/${itemType === "document" ? "documents" : "files"}/${itemId}/sync`;

  useEffect(() => {
    if (list || sync?.status !== "pending" || polls.current >= POLL_SECONDS.length) return;
    const timer = setTimeout(async () => {
      polls.current += 1;
      if (document.visibilityState !== "visible") {
        setSync((s) => (s ? { ...s } : s));
        return;
      }
      const result = await callJsonApi<ItemSyncAnswer>(base, "GET", undefined, PLAIN_FALLBACKS);
      if (result.ok) setSync(result.data.sync ? { ...result.data.sync } : null);
    }, POLL_SECONDS[polls.current]! * 1000);
    return () => clearTimeout(timer);
  }, [sync, base, list]);

  if (!sync) return null;
  const forWhat = itemName ? <span className="visually-hidden"> {itemName}</span> : null;

  async function act(path: string, body: unknown, done: string) {
    setIsBusy(true);
    setMessage("");
    const result = await callJsonApi<unknown>(path, "POST", body, PLAIN_FALLBACKS);
    setIsBusy(false);
    if (!result.ok) {
      setMessage(result.error.message);
      return;
    }
    setMessage(done);
    if (list) {
      list.markPending(itemId, !body);
      return;
    }
    polls.current = 0;
    setSync((s) => (s ? { ...s, status: "pending", message: null, code: null, reviewVersionId: body ? null : s.reviewVersionId } : s));
  }

  return (
    <div className="sync-status" data-testid="sync-status" data-status={sync.status}>
      <p className="meta" style={{ margin: 0 }}>
        {sync.status === "synced" && (
          <>
            <span className="badge badge-ok">SharePoint: synced</span>
            {sync.syncedAt && (
              <>
                {" "}
                <time dateTime={sync.syncedAt}>{formatDateTime(sync.syncedAt)}</time>
              </>
            )}
          </>
        )}
        {sync.status === "pending" && <span className="badge">SharePoint: waiting to sync</span>}
        {sync.status === "failed" && (
          <>
            <span className="badge badge-danger">SharePoint: failed</span> — {sync.message ?? "the last delivery failed"}
            {sync.requestId && <span className="meta"> (request-id {sync.requestId})</span>}
          </>
        )}
        {sync.status === "conflict" && (
          <>
            <span className="badge badge-warning">SharePoint: both changed</span> — {sync.message ?? "this was changed in Accord and in SharePoint; both versions are kept"}
          </>
        )}
        {sync.status === "removed" && <span className="badge badge-warning">SharePoint: removed</span>}
      </p>
      {itemType === "document" && sync.reviewVersionId && (
        <p className="meta" style={{ margin: "0.25rem 0 0" }}>
          <Link href={`/documents/${itemId}/versions/${sync.reviewVersionId}`}>A version edited in SharePoint waits for review</Link>
        </p>
      )}
      {sync.status === "failed" && permissions.canRetry && (
        <button type="button" className="button button-secondary button-small" disabled={isBusy} onClick={() => act(base, undefined, "Sent to SharePoint again: waiting to sync.")}>
          Retry{forWhat}
        </button>
      )}
      {sync.status === "conflict" && itemType === "document" && permissions.canResolve && (
        <div className="row" style={{ marginTop: "0.25rem" }}>
          <button type="button" className="button button-secondary button-small" disabled={isBusy} onClick={() => act(`${base}/conflict`, { keep: "accord" }, "Accord's version is kept and goes to SharePoint.")}>
            Keep Accord&apos;s version
          </button>
          <button type="button" className="button button-secondary button-small" disabled={isBusy} onClick={() => act(`${base}/conflict`, { keep: "sharepoint" }, "SharePoint's version is restored into the document.")}>
            Take SharePoint&apos;s version
          </button>
        </div>
      )}
      <div role="status" aria-live="polite" className="meta">
        {message}
      </div>
    </div>
  );
}
