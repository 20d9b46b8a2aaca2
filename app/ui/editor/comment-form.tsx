"use client";
/**
 * The one comment form behind the Comments panel's three (a new thread's first comment, a reply,
 * editing one's own comment), and the pending flag and error message that every comment control
 * keeps while it waits for the server. They were written out three times and drifted apart only
 * where the panel means them to differ, so those differences are props here: the form's name and
 * label, whether an empty body is refused before sending, whether there is a Cancel, and who shows
 * the error.
 */
import { useId, useState, type ReactNode } from "react";
import { MentionTextarea, mentionsInText, type Mention } from "./mention-textarea";

/** The longest body the text box takes (the server enforces its own limit as well). */
const BODY_MAX = 4000;

/** What a thrown error says to the person; anything that is not an Error gets a generic message. */
export const messageOf = (err: unknown) => (err instanceof Error ? err.message : "Something went wrong. Try again.");

/** A comment control's wait for the server: its pending flag and the message to show if it failed. */
export function useCommentAction() {
  const [error, setError] = useState<string | null>(null);
  const [isPending, setIsPending] = useState(false);
  // The error's id, for the text box to point at with aria-describedby.
  const errorId = useId();
  // The error is kept while a new attempt is pending (the person still needs to read it) and only
  // the caller clears it, on success or when it starts afresh.
  const run = async (call: () => Promise<void>) => {
    setIsPending(true);
    try {
      await call();
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setIsPending(false);
    }
  };
  return { error, setError, isPending, errorId, run };
}

export type CommentAction = ReturnType<typeof useCommentAction>;

/** A failed action's message, announced as an alert; nothing when there is none. */
export function ErrorText({ id, message }: { id?: string; message: string | null }) {
  if (!message) return null;
  return (
    <p id={id} role="alert" className="error-text">
      {message}
    </p>
  );
}

/** What a form sends: the body and the people still mentioned in it. */
export type CommentDraft = { body: string; mentionIds: string[] };

type CommentFormProps<T> = {
  documentId: string;
  /** The form's accessible name. */
  name: string;
  /** The text box's label. */
  label: string;
  /** A new thread's form stands on its own in the panel, as a card; the others sit in a thread. */
  isCard?: boolean;
  /** What the text box starts with (editing starts from the comment as it is). */
  initial?: { body: string; mentions: Mention[] };
  /** Refuse an empty body with this message before anything is sent; without it, the server decides. */
  emptyMessage?: string;
  submitLabel: string;
  /** The submit button's text while sending, where it says so. */
  pendingLabel?: string;
  /** Escape in the text box and a Cancel button beside the submit one; a reply box has neither. */
  onCancel?: () => void;
  /** The form was opened to write in it (not a reply box that is always there). */
  autoFocus?: boolean;
  /**
   * The caller's action, when the form shares its pending flag and error with other controls
   * (editing a comment with deleting it): the caller then shows the error, so that it stays where
   * it was when the form closes. Without it the form has its own and shows the error itself.
   */
  action?: CommentAction;
  /** Shown above the text box (the text a new thread is on). */
  children?: ReactNode;
  /** Sends the draft; a rejection's message is shown and the draft kept. */
  send: (draft: CommentDraft) => Promise<T>;
  /** After a successful send, once the draft has been emptied. */
  onSent: (result: T) => Promise<void> | void;
};

/** A comment's text box with @mentions, its error and its buttons. */
export function CommentForm<T>({ documentId, name, label, isCard, initial, emptyMessage, submitLabel, pendingLabel, onCancel, autoFocus, action: sharedAction, children, send, onSent }: CommentFormProps<T>) {
  const [body, setBody] = useState(initial?.body ?? "");
  const [mentions, setMentions] = useState<Mention[]>(initial?.mentions ?? []);
  const ownAction = useCommentAction();
  const action = sharedAction ?? ownAction;
  const { error, isPending, errorId } = action;

  const submit = () => {
    // Ctrl+Enter in the text box submits even while the button is disabled: one send at a time.
    if (isPending) return;
    if (emptyMessage && !body.trim()) {
      action.setError(emptyMessage);
      return;
    }
    void action.run(async () => {
      const result = await send({ body, mentionIds: mentionsInText(body, mentions).map((m) => m.id) });
      // Emptied before onSent, so that a reply box is clear while the list is fetched again.
      setBody("");
      setMentions([]);
      action.setError(null);
      await onSent(result);
    });
  };

  const submitButton = (
    <button type="submit" className="button" disabled={isPending}>
      {isPending ? (pendingLabel ?? submitLabel) : submitLabel}
    </button>
  );
  return (
    <form
      className={isCard ? "comment-form card" : "comment-form"}
      aria-label={name}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      {children}
      <MentionTextarea
        documentId={documentId}
        label={label}
        value={body}
        mentions={mentions}
        onChange={(text, m) => {
          setBody(text);
          setMentions(m);
        }}
        onSubmit={submit}
        onCancel={onCancel}
        autoFocus={autoFocus}
        errorId={error ? errorId : undefined}
        maxLength={BODY_MAX}
      />
      {!sharedAction && <ErrorText id={errorId} message={error} />}
      {onCancel ? (
        <div className="row">
          {submitButton}
          <button type="button" className="button button-secondary" onClick={onCancel}>
            Cancel
          </button>
        </div>
      ) : (
        submitButton
      )}
    </form>
  );
}
