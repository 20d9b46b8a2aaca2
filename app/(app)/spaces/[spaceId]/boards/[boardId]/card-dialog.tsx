"use client";

/**
 * The dialog that creates or edits a card: title, description (rich text, kept as the editor's
 * JSON: description-editor.tsx; the server cleans it to the editor's schema), start and due
 * dates, labels, checklist, assignees (the space's members; the server refuses anyone who may
 * not read the card) and marking (only the markings the server offers this person). When someone else saved the card
 * first, the server answers 409 with their version: the dialog then shows theirs beside yours,
 * and the person keeps theirs, or puts theirs aside and saves their own over it knowingly, or
 * goes on editing from their version. Nothing is ever overwritten unseen.
 *
 * A card can repeat (daily, weekly or monthly, every N, until a date) and be marked complete or
 * reopened from here. Completing acts on the card as saved (unsaved edits must be saved first),
 * against the version the dialog was opened at, so a card changed meanwhile is not completed
 * unseen; completing a repeating card makes its next occurrence on the board.
 */
import { useEffect, useId, useMemo, useRef, useState } from "react";
import type { JSONContent } from "@tiptap/core";
import type { CardView } from "@/lib/boards/card-view";
import { describeRecurrence } from "@/lib/boards/describe-recurrence";
import { cleanDocumentJson } from "@/lib/editor/clean-document-json";
import { documentPlainText } from "@/lib/editor/plain-text";
import type { Member } from "./board-client";
import { CardLinks, type LinkableSubmission } from "./card-links";
import { DescriptionEditor } from "./description-editor";
import { callJsonApi, PLAIN_FALLBACKS } from "../../../../../ui/call-api";

type ChecklistItem = CardView["checklist"][number];
type Recurrence = NonNullable<CardView["recurrence"]>;

const FREQUENCIES = [
  { value: "daily", label: "Daily", unit: "days" },
  { value: "weekly", label: "Weekly", unit: "weeks" },
  { value: "monthly", label: "Monthly", unit: "months" },
] as const;

export type CardDraft = {
  id: string | null;
  version: number;
  columnId: string;
  title: string;
  /** The editor's JSON, cleaned as the server stores it (so an edit undone is no change); the API takes it as it is. */
  description: JSONContent;
  startAt: string | null;
  dueAt: string | null;
  labels: string[];
  checklist: ChecklistItem[];
  marking: string;
  justification: string;
  assigneeIds: string[];
  /** How the card repeats; null: it does not. `interval` is NaN while its field is empty. */
  recurrence: Recurrence | null;
};

/** An ISO instant as a datetime-local value (local time), and back. */
const toLocal = (iso: string | null) => {
  if (!iso) return "";
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
};
const fromLocal = (value: string) => (value ? new Date(value).toISOString() : null);

function draftOf(card: CardView | null, columnId: string, defaultMarking: string | null): CardDraft {
  return {
    id: card?.id ?? null,
    version: card?.version ?? 0,
    columnId,
    title: card?.title ?? "",
    // Cleaned here too, so that the saved description and the editor's output compare key for key.
    description: cleanDocumentJson(card?.description ?? null),
    startAt: card?.startAt ?? null,
    dueAt: card?.dueAt ?? null,
    labels: card?.labels ?? [],
    checklist: card?.checklist ?? [],
    marking: card?.marking ?? defaultMarking ?? "",
    justification: "",
    assigneeIds: card?.assignees.map((a) => a.userId) ?? [],
    recurrence: card?.recurrence ?? null,
  };
}

type SaveResult = { ok: true } | { ok: false; message: string; current?: CardView };

/** Completes (POST) or reopens (DELETE) a card through the API; the completion's next occurrence, or the error's message. */
async function changeCompletion(card: CardView): Promise<{ ok: true; next?: CardView } | { ok: false; message: string }> {
  const result = card.completedAt
    ? await callJsonApi<{ next?: CardView }>(`/cards/${card.id}/completion`, "DELETE", undefined, PLAIN_FALLBACKS)
    : await callJsonApi<{ next?: CardView }>(`/cards/${card.id}/completion`, "POST", { expectedVersion: card.version }, PLAIN_FALLBACKS);
  if (result.ok) return { ok: true, next: result.data?.next };
  if (result.status === 409) return { ok: false, message: "Someone else changed this card since you opened it. Close it and open it again to see their version, then complete it." };
  return { ok: false, message: result.error.message };
}

/** A date and time as the board shows it. */
const shownAt = (iso: string) => new Date(iso).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" });

export function CardDialog({
  card,
  columnId,
  markings,
  defaultMarking,
  members,
  spaceId,
  submissions,
  onSave,
  onClose,
  onCompletionChange,
}: {
  card: CardView | null;
  columnId: string;
  /** The board's space: what may be linked to the card comes from it. */
  spaceId: string;
  /** The space's submissions the viewer may read, to offer as links. */
  submissions: LinkableSubmission[];
  markings: string[];
  defaultMarking: string | null;
  members: Member[];
  onSave: (draft: CardDraft) => Promise<SaveResult>;
  onClose: () => void;
  /** After the card was completed or reopened (the dialog then closes): a sentence to announce. Without it the board's live feed shows the change. */
  onCompletionChange?: (message: string) => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [draft, setDraft] = useState(() => draftOf(card, columnId, defaultMarking));
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<CardView | null>(null);
  const [isSaving, setSaving] = useState(false);
  const [newItem, setNewItem] = useState("");
  const canEdit = card === null || card.permissions.canUpdate;
  const markingChoices = markings.includes(draft.marking) || !draft.marking ? markings : [draft.marking, ...markings];

  useEffect(() => {
    ref.current?.showModal();
  }, []);

  const set = <K extends keyof CardDraft>(key: K, value: CardDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const pristine = useMemo(() => draftOf(card, columnId, defaultMarking), [card, columnId, defaultMarking]);
  const isDirty = card !== null && JSON.stringify(draft) !== JSON.stringify(pristine);

  const toggleCompletion = async () => {
    if (!card) return;
    if (isDirty) {
      setError(`Save your changes first (or close without saving), then ${card.completedAt ? "reopen" : "complete"} the card.`);
      return;
    }
    setSaving(true);
    setError(null);
    const result = await changeCompletion(card);
    setSaving(false);
    if (!result.ok) {
      setError(result.message);
      return;
    }
    const nextDue = result.next?.dueAt ?? result.next?.startAt;
    onCompletionChange?.(
      card.completedAt ? `Reopened "${card.title}".` : result.next ? `Completed "${card.title}". The next one${nextDue ? ` is due ${shownAt(nextDue)}` : " has been added"}.` : `Completed "${card.title}".`,
    );
    ref.current?.close();
  };

  const submit = async (toSave: CardDraft) => {
    setSaving(true);
    setError(null);
    const result = await onSave(toSave);
    setSaving(false);
    if (result.ok) {
      ref.current?.close();
      return;
    }
    if (result.current) setConflict(result.current);
    else setError(result.message);
  };

  const title = card ? (canEdit ? `Edit card` : `Card`) : "Add a card";
  return (
    <dialog ref={ref} className="dialog" aria-labelledby={`${id}-title`} onClose={onClose}>
      <div className="section-heading" style={{ marginTop: 0 }}>
        <h2 id={`${id}-title`}>{title}</h2>
        <button type="button" className="button button-secondary" onClick={() => ref.current?.close()}>
          Close
        </button>
      </div>
      {conflict ? (
        <ConflictView
          theirs={conflict}
          yours={draft}
          onKeepTheirs={() => ref.current?.close()}
          onUseMine={() => void submit({ ...draft, version: conflict.version })}
          onEditFromTheirs={() => {
            // Go on editing: their version is now the one this edit is made against.
            setDraft({ ...draftOf(conflict, columnId, defaultMarking), title: draft.title, description: draft.description });
            setConflict(null);
          }}
        />
      ) : (
        <form
          className="stack"
          onSubmit={(e) => {
            e.preventDefault();
            void submit(draft);
          }}
        >
          {error && (
            <div className="alert" role="alert">
              {error}
            </div>
          )}
          {card?.completedAt && (
            <p className="meta" data-testid="card-completed">
              <span className="badge badge-ok">Completed</span> {shownAt(card.completedAt)}
            </p>
          )}
          <div className="field">
            <label htmlFor={`${id}-card-title`}>Title</label>
            <input id={`${id}-card-title`} type="text" required maxLength={200} value={draft.title} onChange={(e) => set("title", e.target.value)} disabled={!canEdit} />
          </div>
          <DescriptionEditor id={`${id}-description`} label="Description" initialContent={draft.description} isEditable={canEdit} onChange={(doc) => set("description", doc)} />
          <div className="row">
            <div className="field">
              <label htmlFor={`${id}-start`}>Start</label>
              <input id={`${id}-start`} type="datetime-local" value={toLocal(draft.startAt)} onChange={(e) => set("startAt", fromLocal(e.target.value))} disabled={!canEdit} />
            </div>
            <div className="field">
              <label htmlFor={`${id}-due`}>Due</label>
              <input id={`${id}-due`} type="datetime-local" value={toLocal(draft.dueAt)} onChange={(e) => set("dueAt", fromLocal(e.target.value))} disabled={!canEdit} aria-describedby={`${id}-due-hint`} />
              <p className="hint" id={`${id}-due-hint`}>
                Never before the start.
              </p>
            </div>
          </div>
          <RepeatsControl id={id} recurrence={draft.recurrence} disabled={!canEdit} onChange={(r) => set("recurrence", r)} />
          <div className="field">
            <label htmlFor={`${id}-labels`}>Labels</label>
            <input
              id={`${id}-labels`}
              type="text"
              aria-describedby={`${id}-labels-hint`}
              value={draft.labels.join(", ")}
              onChange={(e) => set("labels", e.target.value.split(",").map((l) => l.trimStart()))}
              onBlur={() => set("labels", draft.labels.map((l) => l.trim()).filter(Boolean))}
              disabled={!canEdit}
            />
            <p className="hint" id={`${id}-labels-hint`}>
              Separate labels with commas.
            </p>
          </div>
          <fieldset>
            <legend>Checklist</legend>
            <ul className="stack" style={{ listStyle: "none", padding: 0 }}>
              {draft.checklist.map((item, i) => (
                <li key={item.id} className="row">
                  <input
                    type="checkbox"
                    id={`${id}-item-${i}`}
                    checked={item.done}
                    disabled={!canEdit}
                    onChange={(e) => set("checklist", draft.checklist.map((it, j) => (j === i ? { ...it, done: e.target.checked } : it)))}
                  />
                  <label htmlFor={`${id}-item-${i}`} style={{ fontWeight: "normal", margin: 0 }}>
                    {item.text}
                  </label>
                  {canEdit && (
                    <button type="button" className="button button-secondary button-small" onClick={() => set("checklist", draft.checklist.filter((_, j) => j !== i))}>
                      Remove<span className="visually-hidden"> {item.text}</span>
                    </button>
                  )}
                </li>
              ))}
            </ul>
            {canEdit && (
              <div className="row">
                <label htmlFor={`${id}-new-item`} className="visually-hidden">
                  New checklist item
                </label>
                <input id={`${id}-new-item`} type="text" maxLength={500} value={newItem} onChange={(e) => setNewItem(e.target.value)} placeholder="New checklist item" />
                <button
                  type="button"
                  className="button button-secondary button-small"
                  onClick={() => {
                    if (!newItem.trim()) return;
                    set("checklist", [...draft.checklist, { id: crypto.randomUUID(), text: newItem.trim(), done: false }]);
                    setNewItem("");
                  }}
                >
                  Add item
                </button>
              </div>
            )}
          </fieldset>
          <fieldset>
            <legend>Assignees</legend>
            <p className="hint">Only members who can see this card can be assigned.</p>
            {members.map((m) => (
              <div key={m.userId} className="row">
                <input
                  type="checkbox"
                  id={`${id}-assignee-${m.userId}`}
                  checked={draft.assigneeIds.includes(m.userId)}
                  disabled={!canEdit}
                  onChange={(e) => set("assigneeIds", e.target.checked ? [...draft.assigneeIds, m.userId] : draft.assigneeIds.filter((u) => u !== m.userId))}
                />
                <label htmlFor={`${id}-assignee-${m.userId}`} style={{ fontWeight: "normal", margin: 0 }}>
                  {m.name} <span className="meta">({m.agencyName})</span>
                </label>
              </div>
            ))}
          </fieldset>
          <div className="field">
            <label htmlFor={`${id}-marking`}>Marking</label>
            <select id={`${id}-marking`} value={draft.marking} onChange={(e) => set("marking", e.target.value)} disabled={!canEdit}>
              {markingChoices.map((m) => (
                <option key={m} value={m}>
                  {m}
                </option>
              ))}
            </select>
          </div>
          {card && draft.marking !== card.marking && (
            <div className="field">
              <label htmlFor={`${id}-justification`}>Why may the marking change? (needed when lowering it)</label>
              <input id={`${id}-justification`} type="text" maxLength={2000} value={draft.justification} onChange={(e) => set("justification", e.target.value)} />
            </div>
          )}
          {card && <CardLinks card={card} spaceId={spaceId} canEdit={canEdit} submissions={submissions} />}
          {canEdit && (
            <div className="row">
              <button type="submit" className="button" disabled={isSaving}>
                {isSaving ? "Saving…" : card ? "Save card" : "Add card"}
              </button>
              {card && (
                <button type="button" className="button button-secondary" disabled={isSaving} onClick={() => void toggleCompletion()} aria-describedby={card.recurrence && !card.completedAt ? `${id}-complete-hint` : undefined}>
                  {card.completedAt ? "Reopen" : "Mark complete"}
                </button>
              )}
            </div>
          )}
          {canEdit && card?.recurrence && !card.completedAt && (
            <p className="hint" id={`${id}-complete-hint`}>
              {describeRecurrence(card.recurrence)}: completing it adds the next one to this column.
            </p>
          )}
        </form>
      )}
    </dialog>
  );
}

/** Their version (saved) beside yours (not saved), field by field, with the three ways on. */
function ConflictView({ theirs, yours, onKeepTheirs, onUseMine, onEditFromTheirs }: { theirs: CardView; yours: CardDraft; onKeepTheirs: () => void; onUseMine: () => void; onEditFromTheirs: () => void }) {
  const theirDescription = cleanDocumentJson(theirs.description);
  const rows: [string, string, string][] = [
    ["Title", theirs.title, yours.title],
    ["Description", documentPlainText(theirDescription), documentPlainText(yours.description)],
    ["Start", theirs.startAt ?? "none", yours.startAt ?? "none"],
    ["Due", theirs.dueAt ?? "none", yours.dueAt ?? "none"],
    ["Labels", theirs.labels.join(", "), yours.labels.join(", ")],
    ["Checklist", theirs.checklist.map((i) => `${i.done ? "[x]" : "[ ]"} ${i.text}`).join("; "), yours.checklist.map((i) => `${i.done ? "[x]" : "[ ]"} ${i.text}`).join("; ")],
    ["Repeats", theirs.recurrence ? describeRecurrence(theirs.recurrence) : "does not repeat", yours.recurrence ? describeRecurrence(yours.recurrence) : "does not repeat"],
    ["Marking", theirs.marking, yours.marking],
  ];
  return (
    <div className="stack" data-testid="card-conflict">
      <div className="alert alert-warning" role="alert">
        Someone else changed this card while you were editing it. Nothing of yours has been saved yet: compare the two versions and choose.
      </div>
      <table>
        <caption className="visually-hidden">Their version and yours</caption>
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Their version (saved)</th>
            <th scope="col">Your version</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([field, a, b]) => {
            // The description is compared as rich text: the same words in other formatting differ too.
            const isFormattingOnly = field === "Description" && a === b && JSON.stringify(theirDescription) !== JSON.stringify(yours.description);
            return (
              <tr key={field} data-differs={a !== b || isFormattingOnly || undefined}>
                <th scope="row">{field}</th>
                <td style={{ whiteSpace: "pre-line" }}>{a || <span className="meta">empty</span>}</td>
                <td style={{ whiteSpace: "pre-line" }}>
                  {b || <span className="meta">empty</span>}
                  {isFormattingOnly && <span className="meta"> (same text, other formatting)</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="row">
        <button type="button" className="button" onClick={onEditFromTheirs}>
          Merge: edit their version
        </button>
        <button type="button" className="button button-secondary" onClick={onUseMine}>
          Save mine over theirs
        </button>
        <button type="button" className="button button-secondary" onClick={onKeepTheirs}>
          Keep theirs
        </button>
      </div>
    </div>
  );
}

/**
 * How the card repeats: a select (does not repeat, daily, weekly, monthly) and, when it repeats,
 * every how many days, weeks or months (1 to 52) and an optional last date. Every control has a
 * visible label; the server checks it all again (a date to repeat from, until not before it).
 */
function RepeatsControl({ id, recurrence, disabled, onChange }: { id: string; recurrence: Recurrence | null; disabled: boolean; onChange: (r: Recurrence | null) => void }) {
  const unit = FREQUENCIES.find((f) => f.value === recurrence?.frequency)?.unit ?? "days";
  return (
    <fieldset>
      <legend>Repeats</legend>
      <div className="row">
        <div className="field">
          <label htmlFor={`${id}-repeats`}>How often</label>
          <select
            id={`${id}-repeats`}
            value={recurrence?.frequency ?? "none"}
            disabled={disabled}
            aria-describedby={`${id}-repeats-hint`}
            onChange={(e) => {
              const frequency = e.target.value;
              if (frequency === "none") onChange(null);
              else onChange({ ...(recurrence ?? { interval: 1 }), frequency: frequency as Recurrence["frequency"] });
            }}
          >
            <option value="none">Does not repeat</option>
            {FREQUENCIES.map((f) => (
              <option key={f.value} value={f.value}>
                {f.label}
              </option>
            ))}
          </select>
        </div>
        {recurrence && (
          <>
            <div className="field">
              <label htmlFor={`${id}-repeats-every`}>Every ({unit})</label>
              <input
                id={`${id}-repeats-every`}
                type="number"
                inputMode="numeric"
                min={1}
                max={52}
                step={1}
                required
                disabled={disabled}
                value={Number.isNaN(recurrence.interval) ? "" : recurrence.interval}
                onChange={(e) => onChange({ ...recurrence, interval: e.target.valueAsNumber })}
              />
            </div>
            <div className="field">
              <label htmlFor={`${id}-repeats-until`}>Until (optional)</label>
              <input
                id={`${id}-repeats-until`}
                type="date"
                disabled={disabled}
                value={recurrence.until ?? ""}
                onChange={(e) => onChange(e.target.value ? { ...recurrence, until: e.target.value } : { frequency: recurrence.frequency, interval: recurrence.interval })}
              />
            </div>
          </>
        )}
      </div>
      <p className="hint" id={`${id}-repeats-hint`}>
        {recurrence && !Number.isNaN(recurrence.interval) ? `${describeRecurrence(recurrence)}. ` : ""}A repeating card needs a due date (or a start date). Completing it adds the next one, its dates moved on.
      </p>
    </fieldset>
  );
}
