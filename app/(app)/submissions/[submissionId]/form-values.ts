/**
 * Between a submission's answers (what the API stores: booleans, numbers, ISO instants) and the
 * values of the page's form controls (what the browser holds: text, ticks, "yes"/"no"), and the
 * small facts the page needs about a form's layout (which control a field gets, which page holds
 * a field, the id of a field's control). Pure and client-safe: it imports only types of the form
 * library, never its validator.
 *
 * Nothing typed is ever lost converting: a number the person typed that is not a number is sent
 * as the text it is (the server names the field in its refusal), and blanks are simply left out
 * (a draft may be incomplete; a pattern must not refuse an empty field).
 */
import type { FieldLayout, FormDefinition, GroupLayout, Widget } from "@/lib/forms/form-definition";
import type { FormAnswers } from "@/lib/forms/conditions";

/** One control's value: text (most widgets), a tick (checkbox), several ticks (checkboxes). */
export type ControlValue = string | boolean | string[];
/** One item of a repeating group, as controls hold it. */
export type ItemValues = Record<string, ControlValue>;
/** The whole form as its controls hold it (a repeating group: a list of items). */
export type FormValues = Record<string, ControlValue | ItemValues[]>;

/** The part of a JSON Schema node the page reads. */
export type SchemaNode = {
  type?: unknown;
  format?: string;
  enum?: unknown[];
  items?: SchemaNode;
  properties?: Record<string, SchemaNode>;
  required?: string[];
  allOf?: { then?: { required?: string[] } }[];
};

/** The top-level schema's fields. */
export function schemaProperties(definition: FormDefinition): Record<string, SchemaNode> {
  return ((definition.schema as SchemaNode).properties ?? {}) as Record<string, SchemaNode>;
}

/** The control a field gets: the layout's widget, or one that fits its schema. */
export function widgetOf(field: Pick<FieldLayout, "widget">, node: SchemaNode | undefined): Widget {
  if (field.widget) return field.widget;
  if (!node) return "text";
  if (node.enum) return "select";
  if (node.type === "array" && node.items?.enum) return "checkboxes";
  if (node.type === "boolean") return "yesno";
  if (node.type === "integer" || node.type === "number") return "number";
  if (node.format === "date") return "date";
  if (node.format === "time") return "time";
  if (node.format === "date-time") return "datetime";
  if (node.format === "email") return "email";
  return "text";
}

/** An ISO instant as a datetime-local value (the person's local time). */
export function isoToLocal(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A datetime-local value as an ISO instant with offset (kept as typed when it is not a date). */
export function localToIso(value: string): string {
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? value : d.toISOString();
}

function toControl(widget: Widget, value: unknown): ControlValue {
  if (widget === "checkbox") return value === true;
  if (widget === "checkboxes") return Array.isArray(value) ? value.map(String) : [];
  if (widget === "yesno") return value === true ? "yes" : value === false ? "no" : "";
  if (value === undefined || value === null) return "";
  if (widget === "datetime" && typeof value === "string") return isoToLocal(value);
  return String(value);
}

function fromControl(widget: Widget, node: SchemaNode | undefined, value: ControlValue | undefined): unknown {
  if (value === undefined) return undefined;
  if (widget === "checkbox") return value === true ? true : undefined;
  if (widget === "checkboxes") return Array.isArray(value) && value.length > 0 ? value : undefined;
  if (typeof value !== "string") return undefined;
  if (widget === "yesno") return value === "yes" ? true : value === "no" ? false : undefined;
  if (!/\S/.test(value)) return undefined;
  if (widget === "datetime") return localToIso(value);
  if (node?.type === "integer" || node?.type === "number" || widget === "number") {
    const n = Number(value.trim());
    return Number.isFinite(n) ? n : value;
  }
  return value;
}

type Placed = { field: FieldLayout } | { group: GroupLayout };

/** Every field and group the layout places, in order. */
function placed(definition: FormDefinition): Placed[] {
  return definition.layout.pages.flatMap((p) => p.sections.flatMap((s) => s.items.map((item): Placed => ("group" in item ? { group: item } : { field: item }))));
}

/** The controls' values for these answers (every placed field has one, blank when unanswered). */
export function answersToValues(definition: FormDefinition, answers: FormAnswers): FormValues {
  const properties = schemaProperties(definition);
  const values: FormValues = {};
  for (const p of placed(definition)) {
    if ("field" in p) {
      values[p.field.field] = toControl(widgetOf(p.field, properties[p.field.field]), Object.hasOwn(answers, p.field.field) ? answers[p.field.field] : undefined);
      continue;
    }
    const itemNodes = properties[p.group.group]?.items?.properties ?? {};
    const raw = Object.hasOwn(answers, p.group.group) ? answers[p.group.group] : undefined;
    values[p.group.group] = (Array.isArray(raw) ? raw : []).map((item) => {
      const source = (item && typeof item === "object" ? item : {}) as FormAnswers;
      const out: ItemValues = {};
      for (const f of p.group.fields) out[f.field] = toControl(widgetOf(f, itemNodes[f.field]), Object.hasOwn(source, f.field) ? source[f.field] : undefined);
      return out;
    });
  }
  return values;
}

/** The answers these controls hold, blanks left out (what the API is sent). */
export function valuesToAnswers(definition: FormDefinition, values: FormValues): FormAnswers {
  const properties = schemaProperties(definition);
  const answers: FormAnswers = {};
  for (const p of placed(definition)) {
    if ("field" in p) {
      const v = fromControl(widgetOf(p.field, properties[p.field.field]), properties[p.field.field], values[p.field.field] as ControlValue | undefined);
      if (v !== undefined) answers[p.field.field] = v;
      continue;
    }
    const itemNodes = properties[p.group.group]?.items?.properties ?? {};
    const items = values[p.group.group];
    if (!Array.isArray(items) || items.length === 0) continue;
    answers[p.group.group] = (items as ItemValues[]).map((item) => {
      const out: FormAnswers = {};
      for (const f of p.group.fields) {
        const v = fromControl(widgetOf(f, itemNodes[f.field]), itemNodes[f.field], item[f.field]);
        if (v !== undefined) out[f.field] = v;
      }
      return out;
    });
  }
  return answers;
}

/** The id of the control for an error's path (`witnessName`, `exhibits[1].reference`, `exhibits`). */
export function controlId(path: string): string {
  return `field-${path.replace(/\[(\d+)\]\.?/g, "-$1-").replace(/[^A-Za-z0-9_-]/g, "-").replace(/-+$/, "")}`;
}

/** The index of the page that holds the field an error's path names (-1: none, e.g. the whole form). */
export function pageOfPath(definition: FormDefinition, path: string): number {
  const top = path.split(/[[.]/)[0] ?? "";
  if (top === "") return -1;
  return definition.layout.pages.findIndex((page) => page.sections.some((s) => s.items.some((item) => ("group" in item ? item.group : item.field) === top)));
}
