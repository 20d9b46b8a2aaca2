"use client";
/**
 * A comment's text box with @mentions: typing "@" and part of a name offers the people who may
 * read the document (decided by the server), as a listbox the text box points at with
 * aria-controls and aria-activedescendant; Arrow keys move, Enter or Tab chooses, Escape closes
 * the list (and only the list). Choosing someone writes "@Their Name" into the text and adds them
 * to the comment's mentions; a mention whose name is later deleted from the text is dropped.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import type { MentionCandidate } from "@/lib/comments/comment-types";
import { fetchMentionCandidates } from "./mention-suggestion";

export type Mention = { id: string; name: string };

type Props = {
  documentId: string;
  label: string;
  value: string;
  mentions: Mention[];
  onChange: (value: string, mentions: Mention[]) => void;
  /** Ctrl+Enter (or Cmd+Enter) sends. */
  onSubmit: () => void;
  /** Escape with no list open. */
  onCancel?: () => void;
  autoFocus?: boolean;
  errorId?: string;
  maxLength: number;
};

/** The "@query" being typed just before the caret, if any. */
function mentionQuery(text: string, caret: number): { start: number; query: string } | null {
  const match = /(^|[\s(])@([^\s@]{0,40})$/.exec(text.slice(0, caret));
  if (!match) return null;
  return { start: caret - match[2]!.length - 1, query: match[2]! };
}

/** The mentions whose "@Name" is still in the text. */
export function mentionsInText(text: string, mentions: Mention[]): Mention[] {
  return mentions.filter((m, i) => text.includes(`@${m.name}`) && mentions.findIndex((o) => o.id === m.id) === i);
}

/** The comment text box with the @mention list. */
export function MentionTextarea({ documentId, label, value, mentions, onChange, onSubmit, onCancel, autoFocus, errorId, maxLength }: Props) {
  const id = useId();
  const textarea = useRef<HTMLTextAreaElement>(null);
  const [query, setQuery] = useState<{ start: number; query: string } | null>(null);
  const [candidates, setCandidates] = useState<MentionCandidate[]>([]);
  const [isLoading, setIsLoading] = useState(false);
  const [active, setActive] = useState(0);
  const isOpen = query !== null;
  const listId = `${id}-people`;

  // Ask the server for the people matching what is typed after "@" (debounced; stale answers dropped).
  const queryText = query?.query;
  useEffect(() => {
    if (queryText === undefined) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setIsLoading(true);
      fetchMentionCandidates(documentId, queryText, controller.signal)
        .then((found) => {
          setCandidates(found);
          setActive(0);
        })
        .catch(() => {})
        .finally(() => {
          if (!controller.signal.aborted) setIsLoading(false);
        });
    }, 150);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [documentId, queryText]);

  const update = (text: string, caret: number) => {
    onChange(text, mentionsInText(text, mentions));
    setQuery(mentionQuery(text, caret));
  };

  const choose = (person: MentionCandidate) => {
    if (!query) return;
    const el = textarea.current;
    const caret = el?.selectionStart ?? value.length;
    const inserted = `@${person.name} `;
    const text = `${value.slice(0, query.start)}${inserted}${value.slice(caret)}`.slice(0, maxLength);
    const next = [...mentions.filter((m) => m.id !== person.id), { id: person.id, name: person.name }];
    onChange(text, mentionsInText(text, next));
    setQuery(null);
    setCandidates([]);
    const at = query.start + inserted.length;
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(at, at);
    });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (isOpen && candidates.length > 0) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        setActive((a) => (a + (event.key === "ArrowDown" ? 1 : candidates.length - 1)) % candidates.length);
        return;
      }
      if ((event.key === "Enter" && !event.ctrlKey && !event.metaKey) || event.key === "Tab") {
        event.preventDefault();
        choose(candidates[active] ?? candidates[0]!);
        return;
      }
    }
    if (event.key === "Escape") {
      if (isOpen) {
        // Closes the list only: the form stays open.
        event.preventDefault();
        event.stopPropagation();
        setQuery(null);
        return;
      }
      onCancel?.();
      return;
    }
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      onSubmit();
    }
  };

  const activeId = isOpen && candidates[active] ? `${listId}-${active}` : undefined;
  return (
    <div className="mention-field">
      <label htmlFor={`${id}-text`}>{label}</label>
      <textarea
        id={`${id}-text`}
        ref={textarea}
        value={value}
        rows={3}
        maxLength={maxLength}
        // The form was opened to write in it: focus goes where the person is about to type.
        autoFocus={autoFocus}
        aria-describedby={[`${id}-hint`, errorId].filter(Boolean).join(" ")}
        aria-autocomplete="list"
        aria-controls={isOpen ? listId : undefined}
        aria-activedescendant={activeId}
        onChange={(e) => update(e.target.value, e.target.selectionStart ?? e.target.value.length)}
        onKeyDown={onKeyDown}
        onClick={(e) => setQuery(mentionQuery(value, e.currentTarget.selectionStart ?? value.length))}
        onBlur={() => setTimeout(() => setQuery(null), 150)}
      />
      <p id={`${id}-hint`} className="hint">
        Type @ and a name to mention someone who can read this document. Ctrl+Enter sends.
      </p>
      {isOpen && (
        <ul id={listId} role="listbox" aria-label="People who can read this document" className="mention-list" hidden={candidates.length === 0}>
          {candidates.map((person, index) => (
            <li
              key={person.id}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === active}
              className={index === active ? "mention-option mention-option-active" : "mention-option"}
              // mousedown, not click: the text box keeps its focus and caret.
              onMouseDown={(e) => {
                e.preventDefault();
                choose(person);
              }}
            >
              {person.name} <span className="meta">({person.agency.name})</span>
            </li>
          ))}
        </ul>
      )}
      {/* Always present, so that screen readers announce what it comes to say. */}
      <p role="status" className="mention-status">
        {!isOpen ? "" : isLoading ? "Looking for people…" : candidates.length === 0 ? "No one found who can read this document" : `${candidates.length} ${candidates.length === 1 ? "person" : "people"} who can read this document`}
      </p>
    </div>
  );
}
