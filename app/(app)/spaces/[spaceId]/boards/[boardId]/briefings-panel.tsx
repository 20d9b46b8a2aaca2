"use client";

/**
 * The board page's briefings: each briefing the viewer may read with its latest revision, an
 * "Acknowledge: briefed" button until they have acknowledged that revision, and, for people the
 * server lets update it, "Publish an update" and "Who has been briefed". A "Publish a briefing"
 * form for those who may publish. It listens to the board's live feed (which carries no content)
 * and refetches through the API as this viewer, so an update published elsewhere shows at once
 * and asks for acknowledgement again. Publishing and updating offer the space's files the person
 * may open as attachments (attachment-picker.tsx); a revision's attachments are download links,
 * and the server names only those the viewer may open. Every control is shown only when the
 * server's booleans allow it; the API checks again.
 */
import { useCallback, useEffect, useId, useState } from "react";
import { useBoardEvents, type BoardEventOptions } from "./use-board-events";

// The briefings follow the board's feed, refetching only when a briefing changed.
const BRIEFING_EVENTS: BoardEventOptions = { refetches: "briefings" };
import type { BriefingList } from "@/lib/briefings/list-briefings";
import type { BriefingView } from "@/lib/briefings/briefing-view";
import type { BriefingStatus } from "@/lib/briefings/get-briefing-status";
import { MarkingBadge } from "../../../../../ui/marking-badge";
import { callJsonApi, PLAIN_FALLBACKS, type ApiResult } from "../../../../../ui/call-api";
import { AttachmentPicker } from "./attachment-picker";

const when = (iso: string) => new Date(iso).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" });

/** The briefings section of a board. */
export function BriefingsPanel({ boardId, initial }: { boardId: string; initial: BriefingList }) {
  const [list, setList] = useState(initial);
  const [message, setMessage] = useState("");
  const [error, setError] = useState("");

  const refetch = useCallback(async () => {
    const result = await callJsonApi<BriefingList>(`/boards/${boardId}/briefings`, "GET", undefined, PLAIN_FALLBACKS);
    if (result.ok) setList(result.data);
  }, [boardId]);

  // The board's own live feed, shared with the board above (use-board-events.ts).
  useBoardEvents(boardId, refetch, BRIEFING_EVENTS);

  /** Runs a change, then shows its result (or its error) and the list as it now is. */
  const run = async (call: () => Promise<ApiResult<BriefingView>>, done: string): Promise<boolean> => {
    setError("");
    const result = await call();
    if (!result.ok) {
      setError(result.error.message);
      await refetch();
      return false;
    }
    setMessage(done);
    await refetch();
    return true;
  };

  return (
    <section aria-labelledby="briefings-heading" className="briefings" data-testid="briefings">
      <h2 id="briefings-heading">Briefings</h2>
      <p role="status" aria-live="polite" className="meta" data-testid="briefings-status">
        {message}
      </p>
      {error && (
        <div className="alert" role="alert">
          {error}
        </div>
      )}
      {list.items.length === 0 && <p className="meta">No briefings you can see on this board.</p>}
      <ul className="briefing-list" aria-label="Briefings on this board">
        {list.items.map((b) => (
          <BriefingItem key={b.id} briefing={b} spaceId={list.spaceId} run={run} />
        ))}
      </ul>
      {list.permissions.canPublish && <PublishForm list={list} boardId={boardId} run={run} />}
    </section>
  );
}

type Run = (call: () => Promise<ApiResult<BriefingView>>, done: string) => Promise<boolean>;

function BriefingItem({ briefing: b, spaceId, run }: { briefing: BriefingView; spaceId: string; run: Run }) {
  const id = useId();
  const [isUpdating, setIsUpdating] = useState(false);
  const [body, setBody] = useState("");
  const [attachments, setAttachments] = useState<string[]>([]);
  const [status, setStatus] = useState<BriefingStatus | null>(null);
  const [statusError, setStatusError] = useState("");

  const loadStatus = async () => {
    const result = await callJsonApi<BriefingStatus>(`/briefings/${b.id}/status`, "GET", undefined, PLAIN_FALLBACKS);
    if (result.ok) {
      setStatus(result.data);
      setStatusError("");
    } else setStatusError(result.error.message);
  };
  // Keep an open "Who has been briefed" current: every refetch of the list (someone acknowledged,
  // an update was published) brings a new `b`, and an open status is fetched again with it.
  const isStatusOpen = status !== null;
  useEffect(() => {
    if (!isStatusOpen) return;
    let isCancelled = false;
    void callJsonApi<BriefingStatus>(`/briefings/${b.id}/status`, "GET", undefined, PLAIN_FALLBACKS).then((result) => {
      if (!isCancelled && result.ok) setStatus(result.data);
    });
    return () => {
      isCancelled = true;
    };
  }, [b, isStatusOpen]);

  return (
    <li className="briefing" aria-labelledby={`${id}-title`} data-testid="briefing">
      <h3 id={`${id}-title`}>
        {b.title} <MarkingBadge marking={b.marking} rank={b.markingRank} />
      </h3>
      <p className="meta">
        Revision {b.latest.number}, published {when(b.latest.publishedAt)}
        {b.latest.publishedBy ? ` by ${b.latest.publishedBy.name}` : ""}
      </p>
      <div className="briefing-body">
        {b.latest.body.split("\n").map((line, i) => (
          <p key={i}>{line}</p>
        ))}
      </div>
      {b.latest.attachments.length > 0 && (
        <>
          <h4 id={`${id}-attachments`}>Attachments</h4>
          <ul aria-labelledby={`${id}-attachments`} data-testid="briefing-attachments">
            {b.latest.attachments.map((f) => (
              <li key={f.id}>
                {f.isDownloadable ? (
                  <a href={`/api/v1/files/${f.id}/content`} download>
                    <span className="visually-hidden">Download </span>
                    {f.name}
                  </a>
                ) : (
                  <>
                    {f.name} <span className="meta">(held in quarantine: it cannot be downloaded)</span>
                  </>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {b.acknowledgedAt ? (
        <p data-testid="briefed">You were briefed at {when(b.acknowledgedAt)} (revision {b.latest.number}).</p>
      ) : (
        b.permissions.canAcknowledge && (
          <button type="button" className="button" onClick={() => void run(() => callJsonApi<BriefingView>(`/briefings/${b.id}/acknowledgements`, "POST", { revisionId: b.latest.id }, PLAIN_FALLBACKS), `You acknowledged “${b.title}”, revision ${b.latest.number}.`)}>
            Acknowledge: briefed<span className="visually-hidden"> on {b.title}</span>
          </button>
        )
      )}
      {b.permissions.canUpdate && (
        <div className="row">
          <button
            type="button"
            className="button button-secondary"
            aria-expanded={isUpdating}
            onClick={() => {
              // An update starts from the attachments as they are (those this person can open), to keep or change.
              if (!isUpdating) setAttachments(b.latest.attachments.map((a) => a.id));
              setIsUpdating((v) => !v);
            }}
          >
            Publish an update<span className="visually-hidden"> to {b.title}</span>
          </button>
          <button type="button" className="button button-secondary" aria-expanded={status !== null} onClick={() => (status ? setStatus(null) : void loadStatus())}>
            Who has been briefed<span className="visually-hidden"> on {b.title}</span>
          </button>
        </div>
      )}
      {isUpdating && (
        <form
          onSubmit={async (e) => {
            e.preventDefault();
            const isDone = await run(() => callJsonApi<BriefingView>(`/briefings/${b.id}/revisions`, "POST", { body, attachments }, PLAIN_FALLBACKS), `Update published: “${b.title}” revision ${b.latest.number + 1}. Everyone must acknowledge it again.`);
            if (isDone) {
              setBody("");
              setAttachments([]);
              setIsUpdating(false);
            }
          }}
        >
          <div className="field">
            <label htmlFor={`${id}-update`}>Updated briefing text</label>
            <textarea id={`${id}-update`} rows={4} required maxLength={20000} value={body} onChange={(e) => setBody(e.target.value)} />
          </div>
          <AttachmentPicker spaceId={spaceId} selected={attachments} onChange={setAttachments} attached={b.latest.attachments} />
          <button type="submit" className="button">
            Publish update
          </button>
        </form>
      )}
      {statusError && (
        <div className="alert" role="alert">
          {statusError}
        </div>
      )}
      {status && (
        <div className="briefing-status" data-testid="briefing-who">
          <h4 id={`${id}-acked`}>Briefed on revision {status.revision.number} ({status.acknowledged.length})</h4>
          <ul aria-labelledby={`${id}-acked`} data-testid="briefing-acknowledged">
            {status.acknowledged.length === 0 && <li className="meta">Nobody yet.</li>}
            {status.acknowledged.map((p) => (
              <li key={p.id}>
                {p.name} ({p.agency}), at {when(p.acknowledgedAt)}
              </li>
            ))}
          </ul>
          <h4 id={`${id}-notyet`}>Not yet briefed ({status.notYet.length})</h4>
          <ul aria-labelledby={`${id}-notyet`} data-testid="briefing-not-yet">
            {status.notYet.length === 0 && <li className="meta">Everyone has been briefed.</li>}
            {status.notYet.map((p) => (
              <li key={p.id}>
                {p.name} ({p.agency})
              </li>
            ))}
          </ul>
        </div>
      )}
    </li>
  );
}

function PublishForm({ list, boardId, run }: { list: BriefingList; boardId: string; run: Run }) {
  const id = useId();
  const [title, setTitle] = useState("");
  const [body, setBody] = useState("");
  const [marking, setMarking] = useState(list.defaultMarking ?? list.markings[0] ?? "");
  const [attachments, setAttachments] = useState<string[]>([]);
  return (
    <form
      aria-labelledby={`${id}-heading`}
      onSubmit={async (e) => {
        e.preventDefault();
        const isDone = await run(() => callJsonApi<BriefingView>(`/boards/${boardId}/briefings`, "POST", { title, body, marking, attachments }, PLAIN_FALLBACKS), `Briefing published: “${title.trim()}”.`);
        if (isDone) {
          setTitle("");
          setBody("");
          setAttachments([]);
        }
      }}
    >
      <h3 id={`${id}-heading`}>Publish a briefing</h3>
      <div className="field">
        <label htmlFor={`${id}-title`}>Briefing title</label>
        <input id={`${id}-title`} required maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-body`}>Briefing text</label>
        <textarea id={`${id}-body`} rows={5} required maxLength={20000} value={body} onChange={(e) => setBody(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-marking`}>Briefing marking</label>
        <select id={`${id}-marking`} value={marking} onChange={(e) => setMarking(e.target.value)}>
          {list.markings.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
      </div>
      <AttachmentPicker spaceId={list.spaceId} selected={attachments} onChange={setAttachments} />
      <button type="submit" className="button">
        Publish briefing
      </button>
    </form>
  );
}
