/**
 * The template editor's working copy and the two translations it needs: a template's content into
 * form fields (offsets as hours and minutes before or after the start; lists as one item a line)
 * and back into the body PATCH /api/v1/response-templates/{id} takes; and the server's problems
 * (each with its path, e.g. ["columns", 0, "cards", 2, "dueOffsetMinutes"]) onto the fields they
 * are about (a problem with one item of a list, such as a resource, says which item). Problems
 * are pinned to a column's or card's own id rather than its position, so that moving things
 * around after a failed save cannot put a message beside the wrong card. Plain functions, no
 * React, so that they are tested on their own.
 */
import type { ResponseTemplateContent } from "@/lib/responses/response-template";

export type OffsetDraft = { direction: "before" | "after"; hours: string; minutes: string };
export type CardDraft = {
  uid: string;
  title: string;
  action: string;
  /** One a line. */
  resources: string;
  reference: string;
  start: OffsetDraft;
  due: OffsetDraft;
  /** One a line. */
  labels: string;
  /** One a line. */
  checklist: string;
};
export type ColumnDraft = { uid: string; title: string; cards: CardDraft[] };
export type TemplateDraft = { title: string; summary: string; reference: string; columns: ColumnDraft[] };

/** A problem as the API reports it. */
export type Issue = { path: (string | number)[]; message: string };

/** The messages to show, by field key (fieldKey()); FORM_KEY holds those that belong to no one field. */
export type FieldErrors = Record<string, string[]>;
export const FORM_KEY = "form";

/** The key of a field of the template ("title"), a column ("column", uid, "title") or a card ("card", uid, "due"). */
export function fieldKey(...parts: string[]): string {
  return parts.join(":");
}

/** Minutes from the start as form fields: 90 → after, 1 h 30 min; -2880 → before, 48 h. */
export function offsetDraftOf(minutes: number): OffsetDraft {
  const abs = Math.abs(minutes);
  return { direction: minutes < 0 ? "before" : "after", hours: String(Math.floor(abs / 60)), minutes: String(abs % 60) };
}

const WHOLE = /^\d{1,7}$/;

/** The offset in minutes, or what is wrong with the fields (checked here only so far as to make a number; the server judges the rest). */
export function minutesOf(offset: OffsetDraft): number | string {
  const hours = offset.hours.trim() === "" ? "0" : offset.hours.trim();
  const minutes = offset.minutes.trim() === "" ? "0" : offset.minutes.trim();
  if (!WHOLE.test(hours)) return "Hours must be a whole number, 0 or more";
  if (!WHOLE.test(minutes)) return "Minutes must be a whole number, 0 or more";
  const total = Number(hours) * 60 + Number(minutes);
  return offset.direction === "before" ? -total : total;
}

const lines = (text: string) =>
  text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);

/** The form fields of a template's content; ids come from positions, so that they are the same on the server and in the browser. */
export function draftOf(content: ResponseTemplateContent): TemplateDraft {
  return {
    title: content.title,
    summary: content.summary,
    reference: content.reference ?? "",
    columns: content.columns.map((column, i) => ({
      uid: `c${i}`,
      title: column.title,
      cards: column.cards.map((card, j) => ({
        uid: `c${i}k${j}`,
        title: card.title,
        action: card.action,
        resources: card.resources.join("\n"),
        reference: card.reference ?? "",
        start: offsetDraftOf(card.startOffsetMinutes),
        due: offsetDraftOf(card.dueOffsetMinutes),
        labels: card.labels.join("\n"),
        checklist: card.checklist.join("\n"),
      })),
    })),
  };
}

/** A new, empty card (due an hour after the start, as a starting point). */
export function emptyCard(uid: string): CardDraft {
  return { uid, title: "", action: "", resources: "", reference: "", start: offsetDraftOf(0), due: offsetDraftOf(60), labels: "", checklist: "" };
}

/** A new, empty column. */
export function emptyColumn(uid: string): ColumnDraft {
  return { uid, title: "", cards: [] };
}

/** The PATCH body of the draft, or the offset fields that are not numbers (nothing is sent then). */
export function bodyOf(draft: TemplateDraft, expectedUpdatedAt: string): { body: Record<string, unknown>; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const columns = draft.columns.map((column) => ({
    title: column.title,
    cards: column.cards.map((card) => {
      const offsets = { start: minutesOf(card.start), due: minutesOf(card.due) };
      for (const [which, value] of Object.entries(offsets)) if (typeof value === "string") errors[fieldKey("card", card.uid, which)] = [value];
      return {
        title: card.title,
        action: card.action,
        resources: lines(card.resources),
        reference: card.reference,
        startOffsetMinutes: typeof offsets.start === "number" ? offsets.start : 0,
        dueOffsetMinutes: typeof offsets.due === "number" ? offsets.due : 0,
        labels: lines(card.labels),
        checklist: lines(card.checklist),
      };
    }),
  }));
  return { body: { title: draft.title, summary: draft.summary, reference: draft.reference, columns, expectedUpdatedAt }, errors };
}

const CARD_FIELDS: Record<string, string> = { startOffsetMinutes: "start", dueOffsetMinutes: "due" };
const LIST_FIELDS = new Set(["resources", "labels", "checklist"]);

/** Adds `message` under `key`. */
function add(errors: FieldErrors, key: string, message: string) {
  (errors[key] ??= []).push(message);
}

/**
 * The server's problems by field, for the draft that was sent (`sent`: the positions in the
 * problems are positions in it). A problem with one item of a list (a resource) names the item.
 */
export function fieldErrorsOf(issues: Issue[], sent: TemplateDraft): FieldErrors {
  const errors: FieldErrors = {};
  for (const { path, message } of issues) {
    const [top, i, inColumn, j, field, line] = path;
    if (top !== "columns" || path.length === 1) {
      add(errors, typeof top === "string" && ["title", "summary", "reference", "columns"].includes(top) ? top : FORM_KEY, message);
      continue;
    }
    const column = typeof i === "number" ? sent.columns[i] : undefined;
    if (!column) {
      add(errors, FORM_KEY, message);
      continue;
    }
    if (inColumn !== "cards" || path.length === 3) {
      add(errors, fieldKey("column", column.uid, inColumn === "title" ? "title" : "cards"), message);
      continue;
    }
    const card = typeof j === "number" ? column.cards[j] : undefined;
    if (!card) {
      add(errors, fieldKey("column", column.uid, "cards"), message);
      continue;
    }
    if (typeof field !== "string") {
      add(errors, fieldKey("card", card.uid), message);
      continue;
    }
    const name = CARD_FIELDS[field] ?? field;
    add(errors, fieldKey("card", card.uid, name), LIST_FIELDS.has(field) && typeof line === "number" ? `Item ${line + 1}: ${message}` : message);
  }
  return errors;
}

/** `list` with the item at `from` moved by `by` places (nothing when it would leave the list). */
export function moved<T>(list: T[], from: number, by: -1 | 1): T[] {
  const to = from + by;
  if (from < 0 || from >= list.length || to < 0 || to >= list.length) return list;
  const copy = [...list];
  const [item] = copy.splice(from, 1);
  copy.splice(to, 0, item!);
  return copy;
}

/** An offset in words for the hint beside the fields ("2 days 4 h before start"), or null when the fields are not a number. */
export function offsetWords(offset: OffsetDraft, describe: (minutes: number) => string): string | null {
  const minutes = minutesOf(offset);
  return typeof minutes === "number" ? describe(minutes) : null;
}
