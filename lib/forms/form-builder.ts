/**
 * The form builder's edits (issue 7: "a form builder in the browser for local forms and
 * variants, with live preview"), as pure functions from one definition to the next. The builder
 * page holds a definition and applies these; the server checks whatever it is sent
 * (parseFormDefinition, and checkVariant for a variant), so nothing here is trusted: it exists
 * so that a person can build a valid form without writing JSON Schema.
 *
 * A field is asked as one of a few kinds (text, a date, one of a list…), each of which writes
 * the schema the national forms use for it. "Required" is written where it works: in the
 * schema's `required` for a field always asked, and as an `if`/`then` rule for a field in a
 * section shown only when an answer says so (answers of a hidden section are dropped before
 * validation, so a plain `required` would make the form impossible to submit while hidden).
 *
 * Client-safe: types and plain data only, never the validator.
 */
import type { FieldLayout, FormCondition, FormDefinition, GroupLayout, SectionLayout, Widget } from "./form-definition";

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const asObject = (v: unknown): Obj => (isObject(v) ? v : {});
const stringList = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);
const clone = <T>(v: T): T => structuredClone(v);

/** The kinds of question the builder offers, in the order its menu lists them. */
export const FIELD_KINDS = ["text", "textarea", "integer", "number", "date", "time", "datetime", "email", "tel", "select", "radio", "yesno", "checkbox"] as const;
export type FieldKind = (typeof FIELD_KINDS)[number];

export const FIELD_KIND_LABELS: Record<FieldKind, string> = {
  text: "Short text",
  textarea: "Long text",
  integer: "Whole number",
  number: "Number",
  date: "Date",
  time: "Time of day",
  datetime: "Date and time",
  email: "E-mail address",
  tel: "Telephone number",
  select: "One of a list (drop-down)",
  radio: "One of a list (buttons)",
  yesno: "Yes or no",
  checkbox: "Tick box",
};

/** A wall-clock time as <input type="time"> gives it (the national forms' pattern). */
export const TIME_PATTERN = "^([01][0-9]|2[0-3]):[0-5][0-9]$";
const TEL_PATTERN = "^[0-9 +()-]{7,20}$";

/** What the builder edits about a field: its layout and the few schema facts of its kind. */
export type FieldSpec = {
  name: string;
  label: string;
  help?: string;
  kind: FieldKind;
  isRequired: boolean;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  /** For select and radio: the answers to choose from. */
  options?: string[];
  /** The answer a new submission starts with (a schema `default`). */
  defaultValue?: string | number | boolean;
};

/** Where an item is: page, section, and for a field of a repeating group, the group's name. */
export type ItemPlace = { page: number; section: number; group?: string };

/** The kind of a field from its schema and widget ("text" when nothing more is known). */
export function kindOf(node: unknown, widget: Widget | undefined): FieldKind {
  const n = asObject(node);
  if (widget && (FIELD_KINDS as readonly string[]).includes(widget)) {
    if (widget === "number") return n.type === "integer" ? "integer" : "number";
    return widget as FieldKind;
  }
  if (Array.isArray(n.enum)) return "select";
  if (n.type === "boolean") return "yesno";
  if (n.type === "integer") return "integer";
  if (n.type === "number") return "number";
  if (n.format === "date") return "date";
  if (n.format === "date-time") return "datetime";
  if (n.format === "email") return "email";
  if (n.pattern === TIME_PATTERN) return "time";
  if (n.pattern === TEL_PATTERN) return "tel";
  return "text";
}

/** The schema node and widget for a field of this spec. */
export function schemaOf(spec: FieldSpec): { node: Obj; widget: Widget } {
  const withDefault = (node: Obj): Obj => (spec.defaultValue === undefined || spec.defaultValue === "" ? node : { ...node, default: spec.defaultValue });
  const lengths = (node: Obj): Obj => (spec.maxLength ? { ...node, maxLength: spec.maxLength } : node);
  const bounds = (node: Obj): Obj => ({ ...node, ...(spec.minimum !== undefined ? { minimum: spec.minimum } : {}), ...(spec.maximum !== undefined ? { maximum: spec.maximum } : {}) });
  switch (spec.kind) {
    case "text":
      return { node: withDefault(lengths({ type: "string", maxLength: spec.maxLength ?? 200 })), widget: "text" };
    case "textarea":
      return { node: withDefault(lengths({ type: "string", maxLength: spec.maxLength ?? 5000 })), widget: "textarea" };
    case "integer":
      return { node: withDefault(bounds({ type: "integer" })), widget: "number" };
    case "number":
      return { node: withDefault(bounds({ type: "number" })), widget: "number" };
    case "date":
      return { node: withDefault({ type: "string", format: "date" }), widget: "date" };
    case "time":
      return { node: withDefault({ type: "string", pattern: TIME_PATTERN }), widget: "time" };
    case "datetime":
      return { node: withDefault({ type: "string", format: "date-time" }), widget: "datetime" };
    case "email":
      return { node: withDefault({ type: "string", format: "email", maxLength: 254 }), widget: "email" };
    case "tel":
      return { node: withDefault({ type: "string", pattern: TEL_PATTERN }), widget: "tel" };
    case "select":
    case "radio":
      return { node: withDefault({ type: "string", enum: (spec.options ?? []).map((o) => o.trim()).filter(Boolean) }), widget: spec.kind };
    case "yesno":
      return { node: withDefault({ type: "boolean" }), widget: "yesno" };
    case "checkbox":
      return { node: withDefault({ type: "boolean" }), widget: "checkbox" };
  }
}

/** A field's name made from its label ("Officer's collar number" → "officersCollarNumber"), unique among `taken`. */
export function nameFromLabel(label: string, taken: ReadonlySet<string>): string {
  const words = label.normalize("NFKD").replace(/[^A-Za-z0-9 ]+/g, "").trim().split(/\s+/).filter(Boolean);
  let base = words.map((w, i) => (i === 0 ? w.toLowerCase() : w[0]!.toUpperCase() + w.slice(1).toLowerCase())).join("");
  if (!/^[a-zA-Z]/.test(base)) base = `field${base}`;
  base = base.slice(0, 56);
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base}${i}`;
  return name;
}

/** Every name the definition uses for a field, group, section or page (so a new one is unique). */
export function takenNames(definition: FormDefinition): Set<string> {
  const taken = new Set<string>();
  for (const [name, node] of Object.entries(asObject(definition.schema.properties))) {
    taken.add(name);
    for (const inner of Object.keys(asObject(asObject(asObject(node).items).properties))) taken.add(inner);
  }
  for (const page of definition.layout.pages) {
    taken.add(page.id);
    for (const section of page.sections) taken.add(section.id);
  }
  return taken;
}

/** The JSON Schema `if` that holds when a layout condition does (only the simple ones the builder writes). */
export function conditionToIf(condition: FormCondition): Obj | null {
  if ("equals" in condition) return { properties: { [condition.field]: { const: condition.equals } }, required: [condition.field] };
  if ("in" in condition) return { properties: { [condition.field]: { enum: condition.in } }, required: [condition.field] };
  if ("all" in condition) {
    const parts = condition.all.map(conditionToIf);
    return parts.every(Boolean) ? { allOf: parts } : null;
  }
  return null;
}

/** The condition under which a top-level field is asked: its section's and its own, combined. */
function conditionOfField(section: SectionLayout, field: FieldLayout | GroupLayout): FormCondition | undefined {
  const parts = [section.showWhen, field.showWhen].filter((c): c is FormCondition => c !== undefined);
  if (parts.length === 0) return undefined;
  return parts.length === 1 ? parts[0] : { all: parts };
}

/** Whether a rule is the builder's own "required when asked" rule for one field. */
function isRequiredWhenRule(rule: unknown, name: string): boolean {
  const r = asObject(rule);
  const then = asObject(r.then);
  return isObject(r.if) && Object.keys(r).every((k) => k === "if" || k === "then") && Object.keys(then).length === 1 && stringList(then.required).length === 1 && stringList(then.required)[0] === name;
}

type Located = { page: number; section: number; index: number; item: FieldLayout | GroupLayout; group?: GroupLayout };

/** Where a field (`name` or `group[].name`) or group sits in the layout. */
export function locate(definition: FormDefinition, path: string): Located | null {
  const [top, inner] = path.split("[].");
  for (const [p, page] of definition.layout.pages.entries())
    for (const [s, section] of page.sections.entries())
      for (const [i, item] of section.items.entries()) {
        if ("group" in item) {
          if (item.group !== top) continue;
          if (inner === undefined) return { page: p, section: s, index: i, item };
          const j = item.fields.findIndex((f) => f.field === inner);
          return j < 0 ? null : { page: p, section: s, index: j, item: item.fields[j]!, group: item };
        }
        if (item.field === top && inner === undefined) return { page: p, section: s, index: i, item };
      }
  return null;
}

/** The node of a field's schema (`name` or `group[].name`). */
function nodeOf(definition: FormDefinition, path: string): Obj | undefined {
  const [top, inner] = path.split("[].");
  const node = asObject(definition.schema.properties)[top!];
  if (inner === undefined) return isObject(node) ? node : undefined;
  const innerNode = asObject(asObject(asObject(node).items).properties)[inner];
  return isObject(innerNode) ? innerNode : undefined;
}

/** Whether a field must be answered (always, or whenever it is asked). */
export function isFieldRequired(definition: FormDefinition, path: string): boolean {
  const [top, inner] = path.split("[].");
  if (inner !== undefined) return stringList(asObject(asObject(asObject(definition.schema.properties)[top!]).items).required).includes(inner);
  if (stringList(definition.schema.required).includes(top!)) return true;
  return (Array.isArray(definition.schema.allOf) ? definition.schema.allOf : []).some((rule) => stringList(asObject(asObject(rule).then).required).includes(top!));
}

/** How a field is required: always, only in some cases (an `if`/`then` rule), or not at all. */
export function requirementOfField(definition: FormDefinition, path: string): "always" | "sometimes" | null {
  const [top, inner] = path.split("[].");
  if (inner !== undefined || stringList(definition.schema.required).includes(top!)) return isFieldRequired(definition, path) ? "always" : null;
  return isFieldRequired(definition, path) ? "sometimes" : null;
}

/** A field's spec as the builder's editor shows it. */
export function specOf(definition: FormDefinition, path: string): FieldSpec | null {
  const at = locate(definition, path);
  const node = nodeOf(definition, path);
  if (!at || !node || "group" in at.item) return null;
  const field = at.item;
  const kind = kindOf(node, field.widget);
  return {
    name: field.field,
    label: field.label,
    help: field.help,
    kind,
    isRequired: isFieldRequired(definition, path),
    maxLength: typeof node.maxLength === "number" ? node.maxLength : undefined,
    minimum: typeof node.minimum === "number" ? node.minimum : undefined,
    maximum: typeof node.maximum === "number" ? node.maximum : undefined,
    options: Array.isArray(node.enum) ? node.enum.map(String) : undefined,
    defaultValue: typeof node.default === "string" || typeof node.default === "number" || typeof node.default === "boolean" ? node.default : undefined,
  };
}

/** Sets a top-level field required or not, where it works (see the header). */
function setTopRequired(definition: FormDefinition, name: string, isRequired: boolean, lockedRules: readonly unknown[]): void {
  const schema = definition.schema as Obj;
  const at = locate(definition, name);
  const section = at ? definition.layout.pages[at.page]!.sections[at.section]! : undefined;
  const condition = at && section ? conditionOfField(section, at.item) : undefined;
  const required = stringList(schema.required).filter((r) => r !== name);
  const locked = (rule: unknown) => lockedRules.some((l) => JSON.stringify(l) === JSON.stringify(rule));
  let rules = (Array.isArray(schema.allOf) ? schema.allOf : []).filter((rule) => locked(rule) || !isRequiredWhenRule(rule, name));
  if (isRequired) {
    const ifSchema = condition ? conditionToIf(condition) : null;
    if (!condition) required.push(name);
    else if (ifSchema) rules = [...rules, { if: ifSchema, then: { required: [name] } }];
    // A condition the builder cannot write as a rule ("is answered", "any of"): required always,
    // which the server's check shows as it is; the JSON view can say more.
    else required.push(name);
  }
  if (required.length > 0) schema.required = required;
  else delete schema.required;
  if (rules.length > 0) schema.allOf = rules;
  else delete schema.allOf;
}

/** What the builder may not change: the national form a variant extends (null for a local form). */
export type Locks = { national: FormDefinition | null };

/** The national field paths and section ids (nothing of theirs may be removed or moved elsewhere). */
export function nationalParts(national: FormDefinition | null): { fields: Set<string>; sections: Set<string>; pages: Set<string> } {
  const fields = new Set<string>();
  const sections = new Set<string>();
  const pages = new Set<string>();
  for (const page of national?.layout.pages ?? []) {
    pages.add(page.id);
    for (const section of page.sections) {
      sections.add(section.id);
      for (const item of section.items) {
        if ("group" in item) {
          fields.add(item.group);
          for (const f of item.fields) fields.add(`${item.group}[].${f.field}`);
        } else fields.add(item.field);
      }
    }
  }
  return { fields, sections, pages };
}

const lockedRulesOf = (locks: Locks): unknown[] => (Array.isArray(locks.national?.schema.allOf) ? locks.national.schema.allOf : []);

/** Adds a field at the end of a section (or of a repeating group's fields). */
export function addField(definition: FormDefinition, place: ItemPlace, spec: FieldSpec, locks: Locks = { national: null }): FormDefinition {
  const next = clone(definition);
  const section = next.layout.pages[place.page]?.sections[place.section];
  if (!section) return definition;
  const { node, widget } = schemaOf(spec);
  const layout: FieldLayout = { field: spec.name, label: spec.label.trim(), ...(spec.help?.trim() ? { help: spec.help.trim() } : {}), widget };
  const properties = asObject(next.schema.properties);
  if (place.group) {
    const group = section.items.find((i): i is GroupLayout => "group" in i && i.group === place.group);
    const items = asObject(asObject(properties[place.group]).items);
    if (!group || !isObject(items.properties)) return definition;
    group.fields.push(layout);
    items.properties[spec.name] = node;
    const required = stringList(items.required).filter((r) => r !== spec.name);
    if (spec.isRequired) required.push(spec.name);
    if (required.length > 0) items.required = required;
    else delete items.required;
    return next;
  }
  section.items.push(layout);
  next.schema.properties = { ...properties, [spec.name]: node };
  setTopRequired(next, spec.name, spec.isRequired, lockedRulesOf(locks));
  return next;
}

/**
 * Changes a field: its label, help and default always; for a field of the form's own (not the
 * national form's), its kind, limits, options and whether it is required. Its name never
 * changes (submissions already made hold their answers by it).
 */
export function updateField(definition: FormDefinition, path: string, spec: FieldSpec, locks: Locks = { national: null }): FormDefinition {
  const next = clone(definition);
  const at = locate(next, path);
  if (!at || "group" in at.item) return definition;
  const field = at.item;
  field.label = spec.label.trim();
  if (spec.help?.trim()) field.help = spec.help.trim();
  else delete field.help;
  const isNational = nationalParts(locks.national).fields.has(path);
  const [top, inner] = path.split("[].");
  const properties = asObject(next.schema.properties);
  const container = inner === undefined ? properties : asObject(asObject(asObject(properties[top!]).items).properties);
  const key = inner ?? top!;
  const current = asObject(container[key]);
  if (isNational) {
    // Only annotations: a national field's rules are the national form's.
    const updated: Obj = { ...current };
    if (spec.defaultValue === undefined || spec.defaultValue === "") delete updated.default;
    else updated.default = spec.defaultValue;
    container[key] = updated;
    return next;
  }
  const { node, widget } = schemaOf(spec);
  container[key] = node;
  field.widget = widget;
  if (inner === undefined) setTopRequired(next, key, spec.isRequired, lockedRulesOf(locks));
  else {
    const items = asObject(asObject(properties[top!]).items);
    const required = stringList(items.required).filter((r) => r !== key);
    if (spec.isRequired) required.push(key);
    if (required.length > 0) items.required = required;
    else delete items.required;
  }
  return next;
}

/** Removes every trace of a top-level field or group from the schema (required, its own rules, conditions on it stay for the server to name). */
function dropFromSchema(definition: FormDefinition, name: string): void {
  const schema = definition.schema as Obj;
  const properties = { ...asObject(schema.properties) };
  delete properties[name];
  schema.properties = properties;
  const required = stringList(schema.required).filter((r) => r !== name);
  if (required.length > 0) schema.required = required;
  else delete schema.required;
  const rules = (Array.isArray(schema.allOf) ? schema.allOf : []).filter((rule) => !isRequiredWhenRule(rule, name));
  if (rules.length > 0) schema.allOf = rules;
  else delete schema.allOf;
}

/** Removes a field or a repeating group (never one of the national form's). */
export function removeItem(definition: FormDefinition, path: string, locks: Locks = { national: null }): FormDefinition {
  if (nationalParts(locks.national).fields.has(path)) return definition;
  const next = clone(definition);
  const at = locate(next, path);
  if (!at) return definition;
  const section = next.layout.pages[at.page]!.sections[at.section]!;
  const [top, inner] = path.split("[].");
  if (at.group && inner !== undefined) {
    if (at.group.fields.length <= 1) return definition;
    at.group.fields.splice(at.index, 1);
    const items = asObject(asObject(asObject(next.schema.properties)[top!]).items);
    const props = { ...asObject(items.properties) };
    delete props[inner];
    items.properties = props;
    const required = stringList(items.required).filter((r) => r !== inner);
    if (required.length > 0) items.required = required;
    else delete items.required;
    return next;
  }
  if (section.items.length <= 1) return definition;
  section.items.splice(at.index, 1);
  dropFromSchema(next, top!);
  return next;
}

/** Moves a field (or a group's field) one place up (-1) or down (+1) within its section or group. */
export function moveItem(definition: FormDefinition, path: string, delta: -1 | 1): FormDefinition {
  const next = clone(definition);
  const at = locate(next, path);
  if (!at) return definition;
  const list: (FieldLayout | GroupLayout)[] = at.group && path.includes("[].") ? at.group.fields : next.layout.pages[at.page]!.sections[at.section]!.items;
  const to = at.index + delta;
  if (to < 0 || to >= list.length) return definition;
  [list[at.index], list[to]] = [list[to]!, list[at.index]!];
  return next;
}

/** Adds a repeating group (with a first field, as a group needs one) at the end of a section. */
export function addGroup(definition: FormDefinition, place: ItemPlace, group: { name: string; label: string; itemLabel: string; help?: string }, first: FieldSpec): FormDefinition {
  const next = clone(definition);
  const section = next.layout.pages[place.page]?.sections[place.section];
  if (!section) return definition;
  const { node, widget } = schemaOf(first);
  section.items.push({ group: group.name, label: group.label.trim(), itemLabel: group.itemLabel.trim(), ...(group.help?.trim() ? { help: group.help.trim() } : {}), fields: [{ field: first.name, label: first.label.trim(), widget }] });
  const items: Obj = { type: "object", additionalProperties: false, properties: { [first.name]: node }, ...(first.isRequired ? { required: [first.name] } : {}) };
  next.schema.properties = { ...asObject(next.schema.properties), [group.name]: { type: "array", maxItems: 100, items } };
  return next;
}

/** A repeating group's label, item label and help. */
export function updateGroup(definition: FormDefinition, name: string, changes: { label: string; itemLabel: string; help?: string }): FormDefinition {
  const next = clone(definition);
  const at = locate(next, name);
  if (!at || !("group" in at.item)) return definition;
  at.item.label = changes.label.trim();
  at.item.itemLabel = changes.itemLabel.trim();
  if (changes.help?.trim()) at.item.help = changes.help.trim();
  else delete at.item.help;
  return next;
}

/** The section's editable facts: title, help, whether it may be disclosed, when it is shown. */
export type SectionSpec = { title: string; help?: string; isDisclosable: boolean; showWhen?: { field: string; equals: string | number | boolean } | null };

/** Adds a section at the end of a page, with a first field (a section needs one). */
export function addSection(definition: FormDefinition, page: number, id: string, spec: SectionSpec, first: FieldSpec, locks: Locks = { national: null }): FormDefinition {
  const next = clone(definition);
  const target = next.layout.pages[page];
  if (!target) return definition;
  target.sections.push({ id, title: spec.title.trim(), ...(spec.help?.trim() ? { help: spec.help.trim() } : {}), isDisclosable: spec.isDisclosable, ...(spec.showWhen ? { showWhen: spec.showWhen } : {}), items: [] });
  return addField(next, { page, section: target.sections.length - 1 }, first, locks);
}

/**
 * Changes a section. A national section keeps its condition and, if it is not disclosable,
 * stays so; changing the condition of one of the form's own sections rewrites the "required
 * when asked" rules of its fields.
 */
export function updateSection(definition: FormDefinition, page: number, index: number, spec: SectionSpec, locks: Locks = { national: null }): FormDefinition {
  const next = clone(definition);
  const section = next.layout.pages[page]?.sections[index];
  if (!section) return definition;
  const isNational = nationalParts(locks.national).sections.has(section.id);
  section.title = spec.title.trim();
  if (spec.help?.trim()) section.help = spec.help.trim();
  else delete section.help;
  const wasDisclosable = section.isDisclosable !== false;
  section.isDisclosable = isNational && !wasDisclosable ? false : spec.isDisclosable;
  if (isNational) return next;
  const required = section.items.filter((i): i is FieldLayout => !("group" in i)).filter((f) => isFieldRequired(next, f.field));
  if (spec.showWhen) section.showWhen = spec.showWhen;
  else delete section.showWhen;
  for (const f of required) setTopRequired(next, f.field, true, lockedRulesOf(locks));
  return next;
}

/** Removes a section and its fields (never a national section, never a page's last one). */
export function removeSection(definition: FormDefinition, page: number, index: number, locks: Locks = { national: null }): FormDefinition {
  const section = definition.layout.pages[page]?.sections[index];
  if (!section || nationalParts(locks.national).sections.has(section.id) || definition.layout.pages[page]!.sections.length <= 1) return definition;
  const next = clone(definition);
  next.layout.pages[page]!.sections.splice(index, 1);
  for (const item of section.items) dropFromSchema(next, "group" in item ? item.group : item.field);
  return next;
}

/** Moves a section one place up or down within its page. */
export function moveSection(definition: FormDefinition, page: number, index: number, delta: -1 | 1): FormDefinition {
  const sections = definition.layout.pages[page]?.sections;
  const to = index + delta;
  if (!sections || to < 0 || to >= sections.length) return definition;
  const next = clone(definition);
  const list = next.layout.pages[page]!.sections;
  [list[index], list[to]] = [list[to]!, list[index]!];
  return next;
}

/** Adds a page at the end, with a first section and field. */
export function addPage(definition: FormDefinition, page: { id: string; title: string }, section: { id: string } & SectionSpec, first: FieldSpec, locks: Locks = { national: null }): FormDefinition {
  const next = clone(definition);
  next.layout.pages.push({ id: page.id, title: page.title.trim(), sections: [] });
  const { id, ...spec } = section;
  return addSection(next, next.layout.pages.length - 1, id, spec, first, locks);
}

/** Renames a page. */
export function renamePage(definition: FormDefinition, page: number, title: string): FormDefinition {
  if (!definition.layout.pages[page]) return definition;
  const next = clone(definition);
  next.layout.pages[page]!.title = title.trim();
  return next;
}

/** Removes a page and everything on it (never one holding a national section, never the last page). */
export function removePage(definition: FormDefinition, page: number, locks: Locks = { national: null }): FormDefinition {
  const target = definition.layout.pages[page];
  const national = nationalParts(locks.national);
  if (!target || definition.layout.pages.length <= 1 || target.sections.some((s) => national.sections.has(s.id))) return definition;
  const next = clone(definition);
  next.layout.pages.splice(page, 1);
  for (const section of target.sections) for (const item of section.items) dropFromSchema(next, "group" in item ? item.group : item.field);
  return next;
}

/** Moves a page one place earlier or later. */
export function movePage(definition: FormDefinition, page: number, delta: -1 | 1): FormDefinition {
  const to = page + delta;
  if (!definition.layout.pages[page] || to < 0 || to >= definition.layout.pages.length) return definition;
  const next = clone(definition);
  const list = next.layout.pages;
  [list[page], list[to]] = [list[to]!, list[page]!];
  return next;
}

/** The answers a new submission starts with: each top-level field's schema `default`. */
export function defaultAnswers(definition: Pick<FormDefinition, "schema">): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const [name, node] of Object.entries(asObject(definition.schema.properties))) {
    const value = asObject(node).default;
    if (value !== undefined && !Array.isArray(value) && !isObject(value)) answers[name] = value;
  }
  return answers;
}

/** Fields that can decide when a section is shown: top-level yes/no and one-of-a-list fields, with their answers. */
export function conditionFields(definition: FormDefinition): { name: string; label: string; values: (string | boolean)[] }[] {
  const out: { name: string; label: string; values: (string | boolean)[] }[] = [];
  for (const page of definition.layout.pages)
    for (const section of page.sections)
      for (const item of section.items) {
        if ("group" in item) continue;
        const node = nodeOf(definition, item.field);
        if (!node) continue;
        if (node.type === "boolean") out.push({ name: item.field, label: item.label, values: [true, false] });
        else if (Array.isArray(node.enum)) out.push({ name: item.field, label: item.label, values: node.enum.filter((v): v is string => typeof v === "string") });
      }
  return out;
}

/** A blank local form: one page, one section, one question, to build on. */
export function blankDefinition(key: string, title: string, defaultMarking = "OFFICIAL"): FormDefinition {
  return {
    key,
    title,
    summary: `${title}: a local form.`,
    defaultMarking,
    schema: { $schema: "https://json-schema.org/draft/2020-12/schema", type: "object", additionalProperties: false, properties: { details: { type: "string", maxLength: 5000 } }, required: ["details"] },
    layout: { pages: [{ id: "main", title: "Details", sections: [{ id: "details", title: "Details", isDisclosable: true, items: [{ field: "details", label: "Details", widget: "textarea" }] }] }] },
  };
}
