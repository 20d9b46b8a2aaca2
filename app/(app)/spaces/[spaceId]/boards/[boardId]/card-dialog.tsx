"use client";

/**
 * The dialog that creates or edits a card: title, description (plain text, one paragraph per
 * line; the server keeps it as the editor's JSON), start and due dates, labels, checklist,
 * assignees (the space's members; the server refuses anyone who may not read the card) and
 * marking (only the markings the server offers this person). When someone else saved the card
 * first, the server answers 409 with their version: the dialog then shows theirs beside yours,
 * and the person keeps theirs, or puts theirs aside and saves their own over it knowingly, or
 * goes on editing from their version. Nothing is ever overwritten unseen.
 */
import { useEffect, useId, useRef, useState } from "react";
import type { CardView } from "@/lib/boards/card-view";
import type { Member } from "./board-client";

type ChecklistItem = CardView["checklist"][number];

export type CardDraft = {
  id: string | null;
  version: number;
  columnId: string;
  title: string;
  description: string;
  startAt: string | null;
  dueAt: string | null;
  labels: string[];
  checklist: ChecklistItem[];
  marking: string;
  justification: string;
  assigneeIds: string[];
};

/** The plain text of the editor's JSON (paragraphs on their own lines). */
function plainText(doc: CardView["description"]): string {
  const text = (node: CardView["description"]): string => (node.type === "text" ? (node.text ?? "") : (node.content ?? []).map(text).join(""));
  return (doc.content ?? []).map(text).join("\n");
}

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
    description: card ? plainText(card.description) : "",
    startAt: card?.startAt ?? null,
    dueAt: card?.dueAt ?? null,
    labels: card?.labels ?? [],
    checklist: card?.checklist ?? [],
    marking: card?.marking ?? defaultMarking ?? "",
    justification: "",
    assigneeIds: card?.assignees.map((a) => a.userId) ?? [],
  };
}

type SaveResult = { ok: true } | { ok: false; message: string; current?: CardView };

export function CardDialog({
  card,
  columnId,
  markings,
  defaultMarking,
  members,
  onSave,
  onClose,
}: {
  card: CardView | null;
  columnId: string;
  markings: string[];
  defaultMarking: string | null;
  members: Member[];
  onSave: (draft: CardDraft) => Promise<SaveResult>;
  onClose: () => void;
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
          <div className="field">
            <label htmlFor={`${id}-card-title`}>Title</label>
            <input id={`${id}-card-title`} type="text" required maxLength={200} value={draft.title} onChange={(e) => set("title", e.target.value)} disabled={!canEdit} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-description`}>Description</label>
            <textarea id={`${id}-description`} rows={4} value={draft.description} onChange={(e) => set("description", e.target.value)} disabled={!canEdit} />
          </div>
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
          {card && card.links.length > 0 && (
            <div>
              <h3>Linked</h3>
              <ul>
                {card.links.map((l) => (
                  <li key={l.id}>{l.kind === "document" ? <a href={`/documents/${l.targetId}`}>{l.title}</a> : <span>{l.title} (file)</span>}</li>
                ))}
              </ul>
            </div>
          )}
          {canEdit && (
            <div className="row">
              <button type="submit" className="button" disabled={isSaving}>
                {isSaving ? "Saving…" : card ? "Save card" : "Add card"}
              </button>
            </div>
          )}
        </form>
      )}
    </dialog>
  );
}

/** Their version (saved) beside yours (not saved), field by field, with the three ways on. */
function ConflictView({ theirs, yours, onKeepTheirs, onUseMine, onEditFromTheirs }: { theirs: CardView; yours: CardDraft; onKeepTheirs: () => void; onUseMine: () => void; onEditFromTheirs: () => void }) {
  const rows: [string, string, string][] = [
    ["Title", theirs.title, yours.title],
    ["Description", plainText(theirs.description), yours.description],
    ["Start", theirs.startAt ?? "none", yours.startAt ?? "none"],
    ["Due", theirs.dueAt ?? "none", yours.dueAt ?? "none"],
    ["Labels", theirs.labels.join(", "), yours.labels.join(", ")],
    ["Checklist", theirs.checklist.map((i) => `${i.done ? "[x]" : "[ ]"} ${i.text}`).join("; "), yours.checklist.map((i) => `${i.done ? "[x]" : "[ ]"} ${i.text}`).join("; ")],
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
          {rows.map(([field, a, b]) => (
            <tr key={field} data-differs={a !== b || undefined}>
              <th scope="row">{field}</th>
              <td>{a || <span className="meta">empty</span>}</td>
              <td>{b || <span className="meta">empty</span>}</td>
            </tr>
          ))}
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
