"use client";

/**
 * The editor of a local pre-planned response template: its title, description and reference, then
 * its columns in order, each with its cards in order; per card the title, the prescribed action,
 * resources and reference material, and when it starts and falls due in hours and minutes before
 * or after the response's start. Columns and cards are added, removed and moved with buttons whose
 * names say what they act on, and focus stays on the button pressed (or goes somewhere sensible
 * when its item is removed), with each change announced.
 *
 * Saving sends the whole edit to PATCH /api/v1/response-templates/{id}, which judges it; the
 * server's problems are shown beside the fields they are about and listed, with links, at the top.
 * Nothing typed is lost on a refusal: the draft stays as it was. A save made by someone else since
 * the page was opened is reported rather than overwritten, unless the person chooses to.
 */
import { useEffect, useRef, useState } from "react";
import Link from "next/link";
import type { ResponseTemplateView } from "@/lib/responses/get-response-template";
import { describeOffset } from "@/lib/responses/response-template";
import {
  bodyOf,
  draftOf,
  emptyCard,
  emptyColumn,
  fieldErrorsOf,
  fieldKey,
  FORM_KEY,
  moved,
  offsetWords,
  type CardDraft,
  type ColumnDraft,
  type FieldErrors,
  type Issue,
  type OffsetDraft,
  type TemplateDraft,
} from "./template-draft";

type ApiError = { code: string; message: string; issues?: Issue[]; current?: ResponseTemplateView };

/** The element id of a field (or of the group that stands for it), from its key. */
const domId = (key: string) => `tpl-${key.replace(/:/g, "-")}`;
/** Where a link in the problem list takes focus: an offset's hours, otherwise the field itself. */
const focusTarget = (key: string) => (/:(start|due)$/.test(key) ? `${domId(key)}-hours` : domId(key));

/** What a button names a card or column by: its title, or its position while it has none. */
const nameOf = (title: string, what: string, index: number) => title.trim() || `${what} ${index + 1} (untitled)`;

/** The problems of one field, under it. */
function FieldError({ errors, name }: { errors: FieldErrors; name: string }) {
  const messages = errors[name];
  if (!messages?.length) return null;
  return (
    <div id={`${domId(name)}-error`}>
      {messages.map((m, i) => (
        <p key={i} className="error-text">
          {m}
        </p>
      ))}
    </div>
  );
}

/** The aria attributes of an input whose problems (and hint) describe it. */
function described(errors: FieldErrors, name: string, hintId?: string) {
  const isInvalid = Boolean(errors[name]?.length);
  const ids = [hintId, isInvalid ? `${domId(name)}-error` : undefined].filter(Boolean).join(" ");
  return { "aria-invalid": isInvalid || undefined, "aria-describedby": ids || undefined };
}

/** Hours, minutes and before/after for one offset of a card. */
function OffsetFields({ name, legend, value, errors, onChange }: { name: string; legend: string; value: OffsetDraft; errors: FieldErrors; onChange: (v: OffsetDraft) => void }) {
  const id = domId(name);
  const words = offsetWords(value, describeOffset);
  return (
    <fieldset id={id} aria-describedby={`${id}-words`}>
      <legend>{legend}</legend>
      <div className="row">
        <div className="field">
          <label htmlFor={`${id}-hours`}>Hours</label>
          <input id={`${id}-hours`} inputMode="numeric" size={6} value={value.hours} onChange={(e) => onChange({ ...value, hours: e.target.value })} {...described(errors, name)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-minutes`}>Minutes</label>
          <input id={`${id}-minutes`} inputMode="numeric" size={4} value={value.minutes} onChange={(e) => onChange({ ...value, minutes: e.target.value })} {...described(errors, name)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-direction`}>Before or after the start</label>
          <select id={`${id}-direction`} value={value.direction} onChange={(e) => onChange({ ...value, direction: e.target.value === "before" ? "before" : "after" })}>
            <option value="after">after the start</option>
            <option value="before">before the start</option>
          </select>
        </div>
      </div>
      <p className="hint" id={`${id}-words`}>
        {words ? `${legend}: ${words}` : "Give whole hours and minutes."}
      </p>
      <FieldError errors={errors} name={name} />
    </fieldset>
  );
}

/** Buttons that move and remove one item; the names say which item and where it goes. */
function ItemButtons({ idBase, what, name, index, count, onMove, onRemove }: { idBase: string; what: string; name: string; index: number; count: number; onMove: (by: -1 | 1) => void; onRemove: () => void }) {
  // aria-disabled rather than disabled: a button that cannot act keeps its focus (a disabled one would drop it).
  const isFirst = index === 0;
  const isLast = index === count - 1;
  return (
    <div className="row">
      <button type="button" id={`${idBase}-up`} className="button button-secondary button-small" aria-disabled={isFirst || undefined} onClick={() => !isFirst && onMove(-1)}>
        Move up<span className="visually-hidden"> {what} {name}</span>
      </button>
      <button type="button" id={`${idBase}-down`} className="button button-secondary button-small" aria-disabled={isLast || undefined} onClick={() => !isLast && onMove(1)}>
        Move down<span className="visually-hidden"> {what} {name}</span>
      </button>
      <button type="button" className="button button-danger button-small" onClick={onRemove}>
        Remove<span className="visually-hidden"> {what} {name}</span>
      </button>
    </div>
  );
}

/** The template editor. */
export function TemplateEditor({ template }: { template: ResponseTemplateView }) {
  const [draft, setDraft] = useState<TemplateDraft>(() => draftOf(template.content));
  const [expectedUpdatedAt, setExpectedUpdatedAt] = useState(template.updatedAt);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [conflict, setConflict] = useState<ResponseTemplateView | null>(null);
  const [message, setMessage] = useState("");
  const [isSaving, setIsSaving] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  const pendingFocus = useRef<string | null>(null);
  const serial = useRef(0);
  const newUid = () => `n${++serial.current}`;

  // After a move, an addition or a removal, put focus where the person expects it.
  useEffect(() => {
    if (!pendingFocus.current) return;
    document.getElementById(pendingFocus.current)?.focus();
    pendingFocus.current = null;
  }, [draft]);

  const errorCount = Object.values(errors).reduce((n, m) => n + m.length, 0);
  useEffect(() => {
    if (errorCount > 0 || conflict) summaryRef.current?.focus();
  }, [errors, errorCount, conflict]);

  const change = (next: (d: TemplateDraft) => TemplateDraft, focusId?: string, announce?: string) => {
    if (focusId) pendingFocus.current = focusId;
    setDraft(next);
    if (announce) setMessage(announce);
  };
  const setColumn = (uid: string, patch: Partial<ColumnDraft>) => change((d) => ({ ...d, columns: d.columns.map((c) => (c.uid === uid ? { ...c, ...patch } : c)) }));
  const setCard = (columnUid: string, uid: string, patch: Partial<CardDraft>) =>
    change((d) => ({ ...d, columns: d.columns.map((c) => (c.uid === columnUid ? { ...c, cards: c.cards.map((k) => (k.uid === uid ? { ...k, ...patch } : k)) } : c)) }));
  const setCards = (columnUid: string, cards: (list: CardDraft[]) => CardDraft[], focusId?: string, announce?: string) =>
    change((d) => ({ ...d, columns: d.columns.map((c) => (c.uid === columnUid ? { ...c, cards: cards(c.cards) } : c)) }), focusId, announce);

  async function save(expected: string) {
    setMessage("");
    setConflict(null);
    const { body, errors: local } = bodyOf(draft, expected);
    if (Object.keys(local).length > 0) {
      setErrors(local);
      return;
    }
    const sent = draft;
    setIsSaving(true);
    try {
      const response = await fetch(`/api/v1/response-templates/${template.id}`, { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify(body), cache: "no-store" });
      const answer = (await response.json().catch(() => null)) as (ResponseTemplateView & { error?: ApiError }) | null;
      if (response.ok && answer) {
        setErrors({});
        setDraft(draftOf(answer.content));
        setExpectedUpdatedAt(answer.updatedAt);
        setMessage(`Saved “${answer.title}”.`);
        return;
      }
      const error = answer?.error;
      if (response.status === 409 && error?.current) {
        setErrors({});
        setConflict(error.current);
        return;
      }
      setErrors(error?.issues?.length ? fieldErrorsOf(error.issues, sent) : { [FORM_KEY]: [error?.message ?? "The template could not be saved. Your changes are still here: try again."] });
    } catch {
      setErrors({ [FORM_KEY]: ["Accord could not be reached. Your changes are still here: try again."] });
    } finally {
      setIsSaving(false);
    }
  }

  const problemKeys = Object.keys(errors).filter((k) => errors[k]!.length > 0);

  return (
    <form
      aria-labelledby="template-editor-heading"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save(expectedUpdatedAt);
      }}
    >
      <h2 id="template-editor-heading" className="visually-hidden">
        Edit the template
      </h2>
      {(problemKeys.length > 0 || conflict) && (
        <div className="alert" role="alert" tabIndex={-1} ref={summaryRef} aria-labelledby="template-problems-heading">
          {conflict ? (
            <>
              <h2 id="template-problems-heading">Not saved: someone else saved this template after you opened it</h2>
              <p>
                Your changes are still here. <a href={`/responses/${template.id}/edit`}>Reload the page</a> to see theirs (yours will be lost), or save yours over theirs.
              </p>
              <button type="button" className="button button-danger" onClick={() => void save(conflict.updatedAt)}>
                Save mine over theirs
              </button>
            </>
          ) : (
            <>
              <h2 id="template-problems-heading">Not saved: {errorCount === 1 ? "1 problem" : `${errorCount} problems`} to fix</h2>
              <ul>
                {problemKeys.flatMap((key) =>
                  errors[key]!.map((m, i) => (
                    <li key={`${key}-${i}`}>
                      {key === FORM_KEY ? (
                        m
                      ) : (
                        <a
                          href={`#${focusTarget(key)}`}
                          onClick={(e) => {
                            e.preventDefault();
                            document.getElementById(focusTarget(key))?.focus();
                          }}
                        >
                          {m}
                        </a>
                      )}
                    </li>
                  )),
                )}
              </ul>
            </>
          )}
        </div>
      )}

      <div className="field">
        <label htmlFor={domId("title")}>Template title</label>
        <input id={domId("title")} value={draft.title} onChange={(e) => change((d) => ({ ...d, title: e.target.value }))} {...described(errors, "title")} />
        <FieldError errors={errors} name="title" />
      </div>
      <div className="field">
        <label htmlFor={domId("summary")}>Description</label>
        <p className="hint" id="tpl-summary-hint">
          What the response is for and when to use it. Shown in the library and when choosing a template.
        </p>
        <textarea id={domId("summary")} rows={3} value={draft.summary} onChange={(e) => change((d) => ({ ...d, summary: e.target.value }))} {...described(errors, "summary", "tpl-summary-hint")} />
        <FieldError errors={errors} name="summary" />
      </div>
      <div className="field">
        <label htmlFor={domId("reference")}>Reference (optional)</label>
        <p className="hint" id="tpl-reference-hint">
          The doctrine or local policy the template follows.
        </p>
        <input id={domId("reference")} value={draft.reference} onChange={(e) => change((d) => ({ ...d, reference: e.target.value }))} {...described(errors, "reference", "tpl-reference-hint")} />
        <FieldError errors={errors} name="reference" />
      </div>

      <h2 id={domId("columns")} tabIndex={-1}>
        Columns
      </h2>
      <p className="hint">A response&apos;s board gets these columns in this order, and each card in its column.</p>
      <FieldError errors={errors} name="columns" />
      <ol className="stack" style={{ listStyle: "none", padding: 0 }}>
        {draft.columns.map((column, ci) => {
          const columnName = nameOf(column.title, "column", ci);
          const cid = domId(fieldKey("column", column.uid));
          return (
            <li key={column.uid} className="card" style={{ marginBottom: "1rem" }}>
              <fieldset id={cid}>
                <legend>
                  Column {ci + 1}: {column.title.trim() || "(untitled)"}
                </legend>
                <div className="field">
                  <label htmlFor={domId(fieldKey("column", column.uid, "title"))}>Column title</label>
                  <input id={domId(fieldKey("column", column.uid, "title"))} value={column.title} onChange={(e) => setColumn(column.uid, { title: e.target.value })} {...described(errors, fieldKey("column", column.uid, "title"))} />
                  <FieldError errors={errors} name={fieldKey("column", column.uid, "title")} />
                </div>
                <ItemButtons
                  idBase={cid}
                  what="column"
                  name={columnName}
                  index={ci}
                  count={draft.columns.length}
                  onMove={(by) => change((d) => ({ ...d, columns: moved(d.columns, ci, by) }), `${cid}-${by < 0 ? "up" : "down"}`, `Moved column ${columnName} ${by < 0 ? "up" : "down"}.`)}
                  onRemove={() =>
                    change(
                      (d) => ({ ...d, columns: d.columns.filter((c) => c.uid !== column.uid) }),
                      "tpl-add-column",
                      `Removed column ${columnName}${column.cards.length ? ` and its ${column.cards.length === 1 ? "card" : `${column.cards.length} cards`}` : ""}. It is gone once you save.`,
                    )
                  }
                />
                <h3 id={domId(fieldKey("column", column.uid, "cards"))} tabIndex={-1}>
                  Cards in {columnName} ({column.cards.length})
                </h3>
                <FieldError errors={errors} name={fieldKey("column", column.uid, "cards")} />
                {column.cards.length === 0 && <p className="meta">No cards: cards are moved here as the work is done, or add one.</p>}
                <ol style={{ listStyle: "none", padding: 0 }}>
                  {column.cards.map((card, ki) => {
                    const cardName = nameOf(card.title, "card", ki);
                    const key = (field?: string) => (field ? fieldKey("card", card.uid, field) : fieldKey("card", card.uid));
                    const kid = domId(key());
                    return (
                      <li key={card.uid} style={{ borderTop: "1px solid var(--border)", paddingTop: "0.75rem", marginTop: "0.75rem" }}>
                        <fieldset id={kid} tabIndex={-1}>
                          <legend>
                            Card {ki + 1}: {card.title.trim() || "(untitled)"}
                          </legend>
                          <FieldError errors={errors} name={key()} />
                          <div className="field">
                            <label htmlFor={domId(key("title"))}>Card title</label>
                            <input id={domId(key("title"))} value={card.title} onChange={(e) => setCard(column.uid, card.uid, { title: e.target.value })} {...described(errors, key("title"))} />
                            <FieldError errors={errors} name={key("title")} />
                          </div>
                          <div className="field">
                            <label htmlFor={domId(key("action"))}>Prescribed action</label>
                            <textarea id={domId(key("action"))} rows={3} value={card.action} onChange={(e) => setCard(column.uid, card.uid, { action: e.target.value })} {...described(errors, key("action"))} />
                            <FieldError errors={errors} name={key("action")} />
                          </div>
                          <div className="field">
                            <label htmlFor={domId(key("resources"))}>Resources (one a line)</label>
                            <textarea id={domId(key("resources"))} rows={2} value={card.resources} onChange={(e) => setCard(column.uid, card.uid, { resources: e.target.value })} {...described(errors, key("resources"))} />
                            <FieldError errors={errors} name={key("resources")} />
                          </div>
                          <div className="field">
                            <label htmlFor={domId(key("reference"))}>Reference material (optional)</label>
                            <input id={domId(key("reference"))} value={card.reference} onChange={(e) => setCard(column.uid, card.uid, { reference: e.target.value })} {...described(errors, key("reference"))} />
                            <FieldError errors={errors} name={key("reference")} />
                          </div>
                          <OffsetFields name={key("start")} legend="Starts" value={card.start} errors={errors} onChange={(start) => setCard(column.uid, card.uid, { start })} />
                          <OffsetFields name={key("due")} legend="Due" value={card.due} errors={errors} onChange={(due) => setCard(column.uid, card.uid, { due })} />
                          <div className="field">
                            <label htmlFor={domId(key("labels"))}>Labels (one a line, optional)</label>
                            <textarea id={domId(key("labels"))} rows={2} value={card.labels} onChange={(e) => setCard(column.uid, card.uid, { labels: e.target.value })} {...described(errors, key("labels"))} />
                            <FieldError errors={errors} name={key("labels")} />
                          </div>
                          <div className="field">
                            <label htmlFor={domId(key("checklist"))}>Checklist (one item a line, optional)</label>
                            <textarea id={domId(key("checklist"))} rows={2} value={card.checklist} onChange={(e) => setCard(column.uid, card.uid, { checklist: e.target.value })} {...described(errors, key("checklist"))} />
                            <FieldError errors={errors} name={key("checklist")} />
                          </div>
                          <ItemButtons
                            idBase={kid}
                            what="card"
                            name={cardName}
                            index={ki}
                            count={column.cards.length}
                            onMove={(by) => setCards(column.uid, (cards) => moved(cards, ki, by), `${kid}-${by < 0 ? "up" : "down"}`, `Moved card ${cardName} ${by < 0 ? "up" : "down"}.`)}
                            onRemove={() => setCards(column.uid, (cards) => cards.filter((k) => k.uid !== card.uid), `${cid}-add-card`, `Removed card ${cardName}. It is gone once you save.`)}
                          />
                        </fieldset>
                      </li>
                    );
                  })}
                </ol>
                <button
                  type="button"
                  id={`${cid}-add-card`}
                  className="button button-secondary"
                  onClick={() => {
                    const uid = newUid();
                    setCards(column.uid, (cards) => [...cards, emptyCard(uid)], domId(fieldKey("card", uid, "title")), `Added a card to ${columnName}.`);
                  }}
                >
                  Add a card<span className="visually-hidden"> to column {columnName}</span>
                </button>
              </fieldset>
            </li>
          );
        })}
      </ol>
      <p>
        <button
          type="button"
          id="tpl-add-column"
          className="button button-secondary"
          onClick={() => {
            const uid = newUid();
            change((d) => ({ ...d, columns: [...d.columns, emptyColumn(uid)] }), domId(fieldKey("column", uid, "title")), "Added a column at the end.");
          }}
        >
          Add a column
        </button>
      </p>

      <div className="row">
        <button type="submit" className="button" disabled={isSaving}>
          {isSaving ? "Saving…" : "Save template"}
        </button>
        <Link href="/responses">Back to the library</Link>
      </div>
      <p role="status" aria-live="polite" className="meta" data-testid="template-editor-status">
        {message}
      </p>
    </form>
  );
}
