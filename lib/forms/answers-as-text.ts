/**
 * A submission's answers as text a person reads, by the form's labels: a short cell of the
 * results table, and every shown answer page by page and section by section (a submission's
 * earlier versions). Answers are formatted as the PDF prints them (render-submission-pdf.ts:
 * Yes/No, "1 May 2026", lists joined, "—" for unanswered), and only what the form shows for
 * those answers is given (conditions.ts), as the server stores them. Pure: React escapes the text.
 */
import { isPlainObject, isShown, visibleAnswers, type FormAnswers } from "./conditions";
import type { FieldLayout, FormDefinition, GroupLayout } from "./form-definition";
import { formatAnswer, schemaNode, UNANSWERED } from "./render-submission-pdf";
import type { ResultColumn } from "./submissions-csv";

const own = (answers: FormAnswers, key: string): unknown => (Object.hasOwn(answers, key) ? answers[key] : undefined);

/** Cuts `text` to `max` characters at most, ending "…" when cut. */
function shortened(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

/**
 * One column's answer as a results table cell: a field's formatted answer, a repeating group's
 * number of items ("2 items"), at most `max` characters; "—" when unanswered or hidden.
 */
export function answerCellText(definition: Pick<FormDefinition, "layout" | "schema">, column: ResultColumn, answers: FormAnswers, max = 80): string {
  const shown = visibleAnswers(definition, answers);
  const value = own(shown, column.key);
  if ("group" in column.item) {
    const count = Array.isArray(value) ? value.length : 0;
    return count === 0 ? UNANSWERED : `${count} ${count === 1 ? "item" : "items"}`;
  }
  return shortened(formatAnswer(value, column.item, schemaNode(definition.schema, column.key)), max);
}

/** One answered (or unanswered) field as read: its label and the answer's text. */
export type AnswerLine = { label: string; text: string };
/** A repeating group's items, each with its fields. */
export type AnswerGroup = { label: string; items: { label: string; lines: AnswerLine[] }[] };
/** A section of answers: its fields and groups in layout order. */
export type AnswerSection = { title: string; isDisclosable: boolean; entries: ({ kind: "field" } & AnswerLine | { kind: "group" } & AnswerGroup)[] };
export type AnswerPage = { title: string; sections: AnswerSection[] };

function fieldLine(definition: Pick<FormDefinition, "schema">, field: FieldLayout, value: unknown, group?: string): AnswerLine {
  return { label: field.label, text: formatAnswer(value, field, schemaNode(definition.schema, field.field, group)) };
}

function groupEntry(definition: Pick<FormDefinition, "schema">, group: GroupLayout, shown: FormAnswers): AnswerGroup {
  const value = own(shown, group.group);
  const list = Array.isArray(value) ? value : [];
  return {
    label: group.label,
    items: list.map((item, index) => ({
      label: `${group.itemLabel} ${index + 1}`,
      lines: isPlainObject(item)
        ? group.fields.filter((f) => isShown(f.showWhen, shown, item)).map((f) => fieldLine(definition, f, own(item, f.field), group.group))
        : [{ label: group.itemLabel, text: formatAnswer(item, { widget: undefined }) }],
    })),
  };
}

/** Every shown part of the form with its answer, page by page (pages and sections with nothing shown left out). */
export function answersAsText(definition: Pick<FormDefinition, "layout" | "schema">, answers: FormAnswers): AnswerPage[] {
  const shown = visibleAnswers(definition, answers);
  return definition.layout.pages
    .map((page) => ({
      title: page.title,
      sections: page.sections
        .filter((section) => isShown(section.showWhen, shown))
        .map((section) => ({
          title: section.title,
          // As the PDF decides: only a section marked disclosable is (fail closed).
          isDisclosable: section.isDisclosable === true,
          entries: section.items
            .filter((item) => isShown(item.showWhen, shown))
            .map((item) => ("group" in item ? { kind: "group" as const, ...groupEntry(definition, item, shown) } : { kind: "field" as const, ...fieldLine(definition, item, own(shown, item.field)) })),
        }))
        .filter((section) => section.entries.length > 0),
    }))
    .filter((page) => page.sections.length > 0);
}
