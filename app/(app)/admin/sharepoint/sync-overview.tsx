"use client";
/**
 * The sync page's figures (issue 9): the queue, the last hour's Graph traffic, the items that need
 * a person (named by kind and space only: the administrator is not thereby a reader of them), with
 * Retry for administrators, and the latest Graph calls with who caused each.
 */
import { useState } from "react";
import type { GraphSyncOverview } from "@/lib/graph/get-graph-sync-overview";
import { callJsonApi, PLAIN_FALLBACKS } from "../../../ui/call-api";
import { formatDateTime } from "../../../ui/format";

const STATUS_LABELS: Record<string, string> = { failed: "Failed", conflict: "Both changed", pending: "Waiting", synced: "Synced", removed: "Removed" };
const bytes = (n: number) => (n < 1024 ? `${n} B` : n < 1024 ** 2 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 ** 2).toFixed(1)} MB`);

export function SyncOverview({ initial }: { initial: GraphSyncOverview }) {
  const [overview, setOverview] = useState(initial);
  const [message, setMessage] = useState("");
  const [busyId, setBusyId] = useState<number | null>(null);
  const { queue, lastHour, problems, calls, canRetry } = overview;

  async function retry(outboxId: number) {
    setBusyId(outboxId);
    setMessage("");
    const result = await callJsonApi<unknown>(`/sharepoint/queue/${outboxId}/retry`, "POST", undefined, PLAIN_FALLBACKS);
    if (!result.ok) {
      setBusyId(null);
      setMessage(result.error.message);
      return;
    }
    const fresh = await callJsonApi<GraphSyncOverview>("/sharepoint/overview", "GET", undefined, PLAIN_FALLBACKS);
    setBusyId(null);
    if (fresh.ok) setOverview(fresh.data);
    setMessage("Sent again: the change is back in the queue.");
  }

  return (
    <>
      <section aria-labelledby="sp-queue-heading" className="card" style={{ marginTop: "1rem" }}>
        <h2 id="sp-queue-heading" style={{ marginTop: 0 }}>
          Queue
        </h2>
        <dl className="details-grid" data-testid="sync-queue">
          <dt>Waiting</dt>
          <dd>{queue.pending}</dd>
          <dt>Failed</dt>
          <dd>{queue.failed}</dd>
          <dt>Conflicts</dt>
          <dd>{queue.conflicts}</dd>
          <dt>Done in the last hour</dt>
          <dd>{queue.doneLastHour}</dd>
        </dl>
        {queue.pending === 0 && <p className="meta">Nothing waiting.</p>}
      </section>
      <section aria-labelledby="sp-hour-heading" className="card" style={{ marginTop: "1rem" }}>
        <h2 id="sp-hour-heading" style={{ marginTop: 0 }}>
          Last hour
        </h2>
        <dl className="details-grid" data-testid="sync-last-hour">
          <dt>Graph calls</dt>
          <dd>{lastHour.calls}</dd>
          <dt>Data sent and received</dt>
          <dd>{bytes(lastHour.bytes)}</dd>
          <dt>Throttled answers</dt>
          <dd>{lastHour.throttled}</dd>
          <dt>Errors</dt>
          <dd>{lastHour.errors}</dd>
        </dl>
      </section>
      <section aria-labelledby="sp-problems-heading" className="card" style={{ marginTop: "1rem" }}>
        <h2 id="sp-problems-heading" style={{ marginTop: 0 }}>
          Needs attention
        </h2>
        <div role="status" aria-live="polite" className="meta">
          {message}
        </div>
        {problems.length === 0 ? (
          <p className="meta">Nothing needs attention: no failed delivery and no conflict.</p>
        ) : (
          <table data-testid="sync-problems">
            <caption className="visually-hidden">Items that need attention</caption>
            <thead>
              <tr>
                <th scope="col">Kind</th>
                <th scope="col">Space</th>
                <th scope="col">Status</th>
                <th scope="col">Reason</th>
                <th scope="col">Request-id</th>
                <th scope="col">Attempts</th>
                {canRetry && (
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {problems.map((p) => (
                <tr key={`${p.itemType}-${p.itemId}`}>
                  <td>
                    {p.itemType === "document" ? "Document" : "File"} ({p.kind})
                  </td>
                  <td>{p.spaceName || <span className="meta">Unknown space</span>}</td>
                  <td>{STATUS_LABELS[p.status] ?? p.status}</td>
                  <td>
                    {p.message || <span className="meta">No reason given</span>}
                    {p.code && <div className="meta">{p.code}</div>}
                  </td>
                  <td>{p.requestId ?? <span className="meta">None</span>}</td>
                  <td>{p.attempts}</td>
                  {canRetry && (
                    <td>
                      {p.outboxId !== null && p.status === "failed" && (
                        <button type="button" className="button button-secondary button-small" disabled={busyId !== null} onClick={() => retry(p.outboxId!)}>
                          Retry<span className="visually-hidden"> the {p.itemType} in {p.spaceName}</span>
                        </button>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="sp-calls-heading" className="card" style={{ marginTop: "1rem" }}>
        <h2 id="sp-calls-heading" style={{ marginTop: 0 }}>
          Recent Graph calls
        </h2>
        {calls.length === 0 ? (
          <p className="meta">No Graph calls yet.</p>
        ) : (
          <table data-testid="sync-calls">
            <caption className="visually-hidden">The latest Graph calls</caption>
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Method</th>
                <th scope="col">Path</th>
                <th scope="col">Status</th>
                <th scope="col">Request-id</th>
                <th scope="col">Person</th>
              </tr>
            </thead>
            <tbody>
              {calls.map((c, i) => (
                <tr key={i}>
                  <td>
                    <time dateTime={c.at}>{formatDateTime(c.at)}</time>
                  </td>
                  <td>{c.method}</td>
                  <td style={{ wordBreak: "break-all" }}>{c.path}</td>
                  <td>{c.status === 0 ? "No answer" : c.status}</td>
                  <td>{c.requestId ?? <span className="meta">None</span>}</td>
                  <td>{c.actorName ?? <span className="meta">Accord</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
