"use client";
/**
 * A document's or file's SharePoint status on its own page (issue 9): synced (with when), waiting,
 * failed (with the reason, and Retry for whoever may change the item), both changed (documents:
 * keep Accord's version or take SharePoint's), removed; and, for a document, a version edited in
 * SharePoint waiting for review. Nothing at all when the agency has no connection. The server
 * decides who may retry or resolve (the permissions come with the status); while the item waits
 * the status is asked again, less and less often, so the person sees it turn synced. Each ask
 * reads the item through its own policy (404 when it is no longer theirs), so the asking stops.
 */
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import type { ItemSyncStatus } from "@/lib/graph/get-item-sync-status";
import { callJsonApi, PLAIN_FALLBACKS } from "./call-api";
import { formatDateTime } from "./format";

/** What GET /api/v1/{documents|files}/{id}/sync answers. */
export type ItemSyncAnswer = { sync: ItemSyncStatus | null; permissions: { canRetry: boolean; canResolve: boolean } };

type Props = ItemSyncAnswer & { itemType: "document" | "file"; itemId: string; /** Label for the buttons' accessible names (a file's name). */ itemName?: string };

/** Seconds between asks while the item waits: a few quick ones, then slower, then stop (each is a request). */
export const POLL_SECONDS = [3, 5, 8, 13, 20, 30, 30, 30];

/** The status line, its actions, and a live region announcing what they did. */
export function SyncStatus({ sync: initialSync, permissions, itemType, itemId, itemName }: Props) {
  const [sync, setSync] = useState(initialSync);
  const [message, setMessage] = useState("");
  const [isBusy, setIsBusy] = useState(false);
  const polls = useRef(0);
  const base = `/${itemType === "document" ? "documents" : "files"}/${itemId}/sync`;

  useEffect(() => {
    if (sync?.status !== "pending" || polls.current >= POLL_SECONDS.length) return;
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
  }, [sync, base]);

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
