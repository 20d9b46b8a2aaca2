"use client";
/**
 * Comments beside the co-edited document: the Comments toolbar (select text, then Comment or
 * Ctrl+Alt+M), the highlights of commented ranges in the editor (comment-highlights.ts), and the
 * panel of threads with their replies, resolve and reopen, and editing or deleting one's own.
 *
 * Everything shown and every control offered comes from the server's answer, which the policy has
 * trimmed (GET /api/v1/documents/{id}/comments, with permissions per thread and comment): a reader
 * sees the threads and no reply box; nobody sees an Edit button on someone else's comment. The
 * list is fetched again when the collaboration server says the comments changed (a stateless
 * "comments-changed" from the server, never from another client), after every change made here,
 * and after a reconnect (in case a message was missed while offline). Bodies are plain text and
 * rendered as text.
 */
import { useCallback, useEffect, useRef, useState, type ReactNode } from "react";
import type { Editor } from "@tiptap/react";
import type { HocuspocusProvider } from "@hocuspocus/provider";
import type { CommentAnchor, CommentThreadList, CommentThreadView, CommentView } from "@/lib/comments/comment-types";
import { formatDateTime } from "../format";
import { ACTIVATE_THREAD_EVENT, anchorFromSelection, NEW_COMMENT_EVENT, rangeOfThread, setActiveCommentThread, setCommentHighlights } from "./comment-highlights";
import { CommentForm, ErrorText, messageOf, useCommentAction } from "./comment-form";
import { callJsonApi, PLAIN_FALLBACKS } from "../call-api";

type Props = {
  editor: Editor | null;
  provider: HocuspocusProvider;
  documentId: string;
  /** What the page was told when it loaded; the list's own answer replaces it. */
  canComment: boolean;
  /** The editor's toolbar and content, shown beside the panel. */
  children: ReactNode;
};

class CommentApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Calls the API as the signed-in person, through the pages' one way to do so (call-api.ts), but
 * throws its failure: the comment controls show a rejection's message (comment-form.tsx), and the
 * list tells a 404 apart by the status.
 */
async function callCommentsApi<T>(path: string, method = "GET", body?: unknown): Promise<T> {
  const result = await callJsonApi<T>(path, method, body, PLAIN_FALLBACKS);
  if (!result.ok) throw new CommentApiError(result.status, result.error.message);
  return result.data;
}

/** The editor with the Comments toolbar above it and the Comments panel beside it. */
export function CommentsLayout({ editor, provider, documentId, canComment: initialCanComment, children }: Props) {
  const [list, setList] = useState<CommentThreadList | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [showResolved, setShowResolved] = useState(false);
  const [composer, setComposer] = useState<{ anchor: CommentAnchor; quote: string } | null>(null);
  const [selectionError, setSelectionError] = useState<string | null>(null);
  const [activeId, setActiveId] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const threadRefs = useRef(new Map<string, HTMLElement>());
  const headingRef = useRef<HTMLHeadingElement>(null);
  const focusAfterLoad = useRef<string | null>(null);
  const canComment = list?.permissions.canComment ?? initialCanComment;
  const listPath = `/documents/${documentId}/comments`;

  const reload = useCallback(async () => {
    try {
      const next = await callCommentsApi<CommentThreadList>(listPath);
      setList(next);
      setLoadError(null);
    } catch (err) {
      setLoadError(err instanceof CommentApiError && err.status === 404 ? "The comments of this document are no longer available to you." : `The comments could not be loaded: ${messageOf(err)}`);
    }
  }, [listPath]);

  // First load, then whenever the server says they changed, and after each reconnect.
  useEffect(() => {
    // Loading is subscribing to the server's list, which only the browser can ask for.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void reload();
    const onStateless = ({ payload }: { payload: string }) => {
      try {
        if ((JSON.parse(payload) as { type?: string }).type === "comments-changed") void reload();
      } catch {
        // Not a message for the comments.
      }
    };
    const onSynced = ({ state }: { state: boolean }) => {
      if (state) void reload();
    };
    provider.on("stateless", onStateless);
    provider.on("synced", onSynced);
    return () => {
      provider.off("stateless", onStateless);
      provider.off("synced", onSynced);
    };
  }, [provider, reload]);

  // The highlights follow the list: open threads, and resolved ones while they are shown.
  useEffect(() => {
    if (!editor || editor.isDestroyed || !list) return;
    setCommentHighlights(
      editor,
      list.threads.filter((t) => showResolved || !t.resolvedAt).map((t) => ({ id: t.id, anchor: t.anchor })),
    );
  }, [editor, list, showResolved]);

  useEffect(() => {
    if (editor && !editor.isDestroyed) setActiveCommentThread(editor, activeId);
  }, [editor, activeId]);

  // Focus a thread once it is on the page (after creating it, or clicking its highlight).
  useEffect(() => {
    const id = focusAfterLoad.current;
    if (!id) return;
    const el = threadRefs.current.get(id);
    if (!el) return;
    focusAfterLoad.current = null;
    el.focus();
    el.scrollIntoView({ block: "nearest" });
  });

  const startComment = useCallback(() => {
    if (!editor || !canComment) return;
    const selected = anchorFromSelection(editor);
    if (!selected) {
      setSelectionError("Select the text you want to comment on first, then choose Comment.");
      return;
    }
    setSelectionError(null);
    setComposer(selected);
  }, [editor, canComment]);

  // Clicking a highlight opens its thread; Ctrl+Alt+M in the editor starts a comment.
  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    const dom = editor.view.dom;
    const onActivate = (event: Event) => {
      const threadId = (event as CustomEvent<{ threadId: string }>).detail.threadId;
      const thread = list?.threads.find((t) => t.id === threadId);
      if (thread?.resolvedAt) setShowResolved(true);
      setActiveId(threadId);
      focusAfterLoad.current = threadId;
      const el = threadRefs.current.get(threadId);
      if (el) {
        focusAfterLoad.current = null;
        el.focus();
        el.scrollIntoView({ block: "nearest" });
      }
    };
    const onNew = () => startComment();
    dom.addEventListener(ACTIVATE_THREAD_EVENT, onActivate);
    dom.addEventListener(NEW_COMMENT_EVENT, onNew);
    return () => {
      dom.removeEventListener(ACTIVATE_THREAD_EVENT, onActivate);
      dom.removeEventListener(NEW_COMMENT_EVENT, onNew);
    };
  }, [editor, list, startComment]);

  const showInText = (thread: CommentThreadView) => {
    if (!editor) return;
    setActiveId(thread.id);
    const range = rangeOfThread(editor, thread.id);
    if (!range) {
      setAnnouncement("The commented text is no longer in the document.");
      return;
    }
    editor.commands.setTextSelection(range);
    if (editor.isEditable) editor.commands.focus();
    const { node } = editor.view.domAtPos(range.from);
    (node instanceof Element ? node : node.parentElement)?.scrollIntoView({ block: "center" });
  };

  const threads = list?.threads ?? [];
  const open = threads.filter((t) => !t.resolvedAt);
  const resolvedCount = threads.length - open.length;
  const shown = showResolved ? threads : open;

  const afterChange = async (message: string, focusThreadId?: string) => {
    setAnnouncement(message);
    if (focusThreadId) focusAfterLoad.current = focusThreadId;
    await reload();
  };

  return (
    <div className="comments-layout">
      <div className="comments-layout-editor">
        {canComment && editor && (
          <div className="toolbar toolbar-comments" role="toolbar" aria-label="Comments">
            <button type="button" className="toolbar-button" onClick={startComment} aria-keyshortcuts="Control+Alt+M" title="Comment on the selected text (Ctrl+Alt+M)">
              Comment
            </button>
            {selectionError && (
              <span role="alert" className="error-text">
                {selectionError}
              </span>
            )}
          </div>
        )}
        {children}
      </div>
      <section className="comments-panel" aria-labelledby="comments-heading">
        <div className="comments-panel-header">
          <h2 id="comments-heading" ref={headingRef} tabIndex={-1}>
            Comments
          </h2>
          <label className="comments-toggle">
            <input type="checkbox" checked={showResolved} onChange={(e) => setShowResolved(e.target.checked)} /> Show resolved ({resolvedCount})
          </label>
        </div>
        <p role="status" className="visually-hidden">
          {announcement}
        </p>
        {loadError && (
          <p role="alert" className="alert">
            {loadError}
          </p>
        )}
        {/* Mounted while the composer is open, so that its draft and error go when it closes. */}
        {composer && (
          <CommentForm
            documentId={documentId}
            name="New comment"
            label="Comment"
            isCard
            emptyMessage="Write a comment first: it cannot be empty"
            submitLabel="Add comment"
            pendingLabel="Adding…"
            autoFocus
            onCancel={() => {
              setComposer(null);
              editor?.commands.focus();
            }}
            send={(draft) => callCommentsApi<{ id: string }>(listPath, "POST", { anchor: composer.anchor, quote: composer.quote, ...draft })}
            onSent={async (created) => {
              setComposer(null);
              setActiveId(created.id);
              await afterChange("Comment added.", created.id);
            }}
          >
            <p className="meta">
              On: <q className="comment-quote">{composer.quote || "the selected content"}</q>
            </p>
          </CommentForm>
        )}
        {list && shown.length === 0 && !composer && (
          <p className="meta comments-empty">
            {threads.length === 0 ? "No comments yet." : "No open comments."}
            {canComment ? " Select text in the document and choose Comment (Ctrl+Alt+M) to start one." : ""}
          </p>
        )}
        {!list && !loadError && <p className="meta">Loading comments…</p>}
        {shown.length > 0 && (
          <ol className="comment-threads" aria-label={showResolved ? "All comment threads" : "Open comment threads"}>
            {shown.map((thread) => (
              <li key={thread.id}>
                <ThreadCard
                  thread={thread}
                  documentId={documentId}
                  isActive={thread.id === activeId}
                  register={(el) => {
                    if (el) threadRefs.current.set(thread.id, el);
                    else threadRefs.current.delete(thread.id);
                  }}
                  onShowInText={() => showInText(thread)}
                  onChanged={async (message, keepFocus) => {
                    if (!keepFocus) headingRef.current?.focus();
                    await afterChange(message, keepFocus ? thread.id : undefined);
                  }}
                />
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}

/** Mentions in a body shown as such; everything is text. */
function CommentBody({ comment }: { comment: CommentView }) {
  if (comment.isDeleted) return <p className="comment-body comment-deleted">This comment was deleted.</p>;
  const names = comment.mentions.map((m) => `@${m.name}`).sort((a, b) => b.length - a.length);
  if (names.length === 0) return <p className="comment-body">{comment.body}</p>;
  const escaped = names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  const parts = comment.body.split(new RegExp(`(${escaped.join("|")})`, "g"));
  return (
    <p className="comment-body">
      {parts.map((part, i) =>
        names.includes(part) ? (
          <span key={i} className="mention">
            {part}
          </span>
        ) : (
          part
        ),
      )}
    </p>
  );
}

type ThreadProps = {
  thread: CommentThreadView;
  documentId: string;
  isActive: boolean;
  register: (el: HTMLElement | null) => void;
  onShowInText: () => void;
  onChanged: (message: string, keepFocus: boolean) => Promise<void>;
};

/** One thread: its quote, comments, reply box and controls, as the server allows. */
function ThreadCard({ thread, documentId, isActive, register, onShowInText, onChanged }: ThreadProps) {
  // Resolving has its own pending flag and error, apart from the reply box's.
  const resolving = useCommentAction();
  const quoteLabel = thread.quote ? `“${thread.quote.length > 60 ? `${thread.quote.slice(0, 59)}…` : thread.quote}”` : "the selected content";

  const setResolved = (resolved: boolean) => {
    resolving.setError(null);
    return resolving.run(async () => {
      await callCommentsApi(`/comment-threads/${thread.id}`, "PATCH", { resolved });
      // A resolved thread leaves the list of open ones: focus goes back to the panel's heading.
      await onChanged(resolved ? "Thread resolved." : "Thread reopened.", !resolved);
    });
  };

  return (
    <article
      ref={register}
      tabIndex={-1}
      className={`comment-thread${isActive ? " comment-thread-active" : ""}${thread.resolvedAt ? " comment-thread-resolved" : ""}`}
      aria-label={`Comment thread on ${quoteLabel}`}
    >
      <blockquote className="comment-quote">{thread.quote || "(no text)"}</blockquote>
      {thread.resolvedAt && (
        <p className="meta">
          Resolved{thread.resolvedBy ? ` by ${thread.resolvedBy.name}` : ""}, <time dateTime={thread.resolvedAt}>{formatDateTime(thread.resolvedAt)}</time>
        </p>
      )}
      <ol className="comment-list" aria-label="Comments in this thread">
        {thread.comments.map((comment) => (
          <li key={comment.id}>
            <CommentItem comment={comment} documentId={documentId} onChanged={(message) => onChanged(message, true)} />
          </li>
        ))}
      </ol>
      {thread.permissions.canReply && (
        <CommentForm
          documentId={documentId}
          name="Reply"
          label="Reply"
          emptyMessage="Write a reply first: it cannot be empty"
          submitLabel="Reply"
          pendingLabel="Sending…"
          send={(draft) => callCommentsApi(`/comment-threads/${thread.id}/comments`, "POST", draft)}
          onSent={() => onChanged("Reply added.", true)}
        />
      )}
      <div className="row comment-thread-actions">
        <button type="button" className="button-link" onClick={onShowInText}>
          Show in text
        </button>
        {thread.permissions.canResolve && (
          <button type="button" className="button button-secondary" disabled={resolving.isPending} onClick={() => void setResolved(!thread.resolvedAt)}>
            {thread.resolvedAt ? "Reopen" : "Resolve"}
          </button>
        )}
      </div>
      <ErrorText message={resolving.error} />
    </article>
  );
}

/** One comment, with Edit and Delete for its author. */
function CommentItem({ comment, documentId, onChanged }: { comment: CommentView; documentId: string; onChanged: (message: string) => Promise<void> }) {
  const [isEditing, setIsEditing] = useState(false);
  const [isConfirmingDelete, setIsConfirmingDelete] = useState(false);
  // Saving an edit and deleting share one pending flag and one error, shown below the comment, so
  // that a failed save's message stays in view after Cancel.
  const action = useCommentAction();
  const editButton = useRef<HTMLButtonElement>(null);
  const author = comment.author ? `${comment.author.name} (${comment.author.agency.name})` : "Someone no longer in Accord";

  const remove = () =>
    action.run(async () => {
      await callCommentsApi(`/comments/${comment.id}`, "DELETE");
      setIsConfirmingDelete(false);
      await onChanged("Comment deleted.");
    });

  return (
    <div className="comment">
      <p className="comment-meta">
        <strong>{author}</strong> · <time dateTime={comment.createdAt}>{formatDateTime(comment.createdAt)}</time>
        {comment.editedAt && !comment.isDeleted && <span> · edited</span>}
      </p>
      {isEditing ? (
        // Mounted on Edit, so that it starts from the comment as it is now.
        <CommentForm
          documentId={documentId}
          name="Edit your comment"
          label="Edit your comment"
          initial={{ body: comment.body, mentions: comment.mentions }}
          submitLabel="Save"
          autoFocus
          onCancel={() => setIsEditing(false)}
          action={action}
          send={(draft) => callCommentsApi(`/comments/${comment.id}`, "PATCH", draft)}
          onSent={async () => {
            setIsEditing(false);
            await onChanged("Comment changed.");
            requestAnimationFrame(() => editButton.current?.focus());
          }}
        />
      ) : (
        <CommentBody comment={comment} />
      )}
      {!isEditing && (comment.permissions.canEdit || comment.permissions.canDelete) && (
        <div className="row comment-actions">
          {comment.permissions.canEdit && (
            <button
              ref={editButton}
              type="button"
              className="button-link"
              onClick={() => {
                action.setError(null);
                setIsEditing(true);
              }}
            >
              Edit<span className="visually-hidden"> your comment</span>
            </button>
          )}
          {comment.permissions.canDelete &&
            (isConfirmingDelete ? (
              <span role="group" aria-label="Delete this comment?" className="row">
                <span>Delete this comment?</span>
                <button type="button" className="button button-danger" disabled={action.isPending} onClick={() => void remove()}>
                  Delete
                </button>
                <button type="button" className="button button-secondary" onClick={() => setIsConfirmingDelete(false)}>
                  Keep it
                </button>
              </span>
            ) : (
              <button type="button" className="button-link" onClick={() => setIsConfirmingDelete(true)}>
                Delete<span className="visually-hidden"> your comment</span>
              </button>
            ))}
        </div>
      )}
      <ErrorText id={action.errorId} message={action.error} />
    </div>
  );
}
