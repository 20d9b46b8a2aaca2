/**
 * The submissions of a form as CSV (issue 7, "Results"): one row per submission, one column per
 * top-level field of the form (headed by its label) after the submission's id, status, owner,
 * submission time and marking.
 *
 * The threat is CSV (formula) injection: an answer, a label of a locally made form, or an owner's
 * name that begins `=HYPERLINK(…)` or `@SUM(…)` is run as a formula when the file is opened in
 * Excel or LibreOffice, and can exfiltrate the neighbouring cells or run commands through DDE.
 * Following OWASP ("CSV Injection"), every cell, headers included, that begins with =, +, -, @,
 * a tab (0x09) or a carriage return (0x0D) is prefixed with a single quote ', so the spreadsheet
 * shows it as text; every cell is then quoted with its quotes doubled (RFC 4180), which also
 * keeps commas, quotes and line breaks inside their cell. The price: a negative number in a
 * number field reads '-5 in the spreadsheet, which is the price OWASP accepts too.
 *
 * The file is RFC 4180 (CRLF between records) with a UTF-8 byte order mark, without which Excel
 * reads UTF-8 as Windows-1252 and mangles every accented name.
 */
import { isAnswerGiven, isPlainObject, visibleAnswers, type FormAnswers } from "./conditions";
import type { FieldLayout, FormDefinition, GroupLayout } from "./form-definition";

/** One submission as the results table lists it. */
export type SubmissionCsvRow = {
  id: string;
  submittedAt: Date | string | null;
  status: string;
  owner: string;
  marking: string;
  answers: FormAnswers;
};

/** The first characters that make a spreadsheet read a cell as a formula (OWASP CSV Injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell's text, defused (leading ' before a formula character, see the file's comment) and quoted. */
export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** A scalar answer as a cell shows it: booleans Yes/No, lists joined with ", ", unanswered empty. */
function scalarText(value: unknown): string {
  if (!isAnswerGiven(value)) return "";
  if (typeof value === "boolean") return value ? "Yes" : "No";
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  if (Array.isArray(value)) return value.map(scalarText).join(", ");
  return JSON.stringify(value);
}

/**
 * A repeating group in one cell: the count, then each item with its answered fields as
 * "Label: value" joined by "; ", e.g. `2 items | Exhibit 1: Reference: JS/1; Description: phone | Exhibit 2: …`.
 */
function groupText(group: GroupLayout, value: unknown): string {
  if (!Array.isArray(value) || value.length === 0) return "";
  const items = value.map((item, index) => {
    const fields = isPlainObject(item)
      ? group.fields.filter((f) => Object.hasOwn(item, f.field) && isAnswerGiven(item[f.field])).map((f) => `${f.label}: ${scalarText(item[f.field])}`)
      : [scalarText(item)];
    return `${group.itemLabel} ${index + 1}: ${fields.join("; ")}`;
  });
  return [`${value.length} ${value.length === 1 ? "item" : "items"}`, ...items].join(" | ");
}

function timeText(value: Date | string | null): string {
  if (value === null) return "";
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "" : value.toISOString();
  return value;
}

/** One answer column of the results: a top-level field or repeating group, in layout order, with its heading. */
export type ResultColumn = { key: string; heading: string; item: FieldLayout | GroupLayout };

/**
 * The answer columns of the results (the CSV's and the results page's table alike): every
 * top-level field and repeating group of the layout, in order, headed by its label; two with one
 * label ("Why not?") get their field name too, so the columns can be told apart.
 */
export function resultColumns(definition: Pick<FormDefinition, "layout">): ResultColumn[] {
  const items: (FieldLayout | GroupLayout)[] = definition.layout.pages.flatMap((page) => page.sections.flatMap((section) => section.items));
  const labelCounts = new Map<string, number>();
  for (const c of items) labelCounts.set(c.label, (labelCounts.get(c.label) ?? 0) + 1);
  return items.map((item) => {
    const key = "group" in item ? item.group : item.field;
    return { key, heading: (labelCounts.get(item.label) ?? 0) > 1 ? `${item.label} (${key})` : item.label, item };
  });
}

/** The submissions of `definition` as CSV text (RFC 4180, UTF-8 with BOM, defused against formula injection). */
export function submissionsCsv(definition: Pick<FormDefinition, "layout">, rows: readonly SubmissionCsvRow[]): string {
  const columns = resultColumns(definition);
  const header = ["ID", "Status", "Owner", "Submitted at", "Marking", ...columns.map((c) => c.heading)];
  const lines = [header.map(csvCell).join(",")];
  for (const row of rows) {
    // What is stored is already only what was shown; filtering again costs little and means
    // an answer of a hidden section never reaches the file even if a stale one was kept.
    const answers = visibleAnswers(definition, row.answers);
    const cells = [row.id, row.status, row.owner, timeText(row.submittedAt), row.marking];
    for (const { key, item } of columns) {
      const value = Object.hasOwn(answers, key) ? answers[key] : undefined;
      cells.push("group" in item ? groupText(item, value) : scalarText(value));
    }
    lines.push(cells.map(csvCell).join(","));
  }
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
