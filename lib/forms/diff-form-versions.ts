/**
 * What changed between two versions of a national form, and a local variant re-based onto the
 * newer one (issue 7: "when a new national version is published, the administrator sees the
 * difference and re-bases or keeps the pin").
 *
 * The re-base is a three-way merge of the variant against the national version it pins and the
 * new one: what the variant left as the national form had it follows the new version; what the
 * variant changed (help, defaults, a stricter limit, its own fields, sections and rules) is kept;
 * where both changed the same thing the new national version wins (except for annotations such as
 * a default, which stay the variant's), and the result is checked with checkVariant so that a
 * re-base can never quietly produce a variant weaker than the new national form.
 */
import { markingRank, parseMarking } from "../../policies/classification";
import { ANNOTATIONS, checkVariant, describeRule, fieldSections, isDeepEqual, requiredPaths, schemaFields, sectionsById, type VariantProblem } from "./check-variant";
import { fieldLabels } from "./describe-condition";
import { InvalidFormDefinitionError, parseFormDefinition, type FieldLayout, type FormDefinition, type FormLayout, type GroupLayout, type SectionLayout } from "./form-definition";

export const FORM_CHANGE_KINDS = [
  "field-added",
  "field-removed",
  "field-changed",
  "section-added",
  "section-removed",
  "section-changed",
  "required-added",
  "required-removed",
  "rule-added",
  "rule-removed",
  "declaration-changed",
] as const;
export type FormChangeKind = (typeof FORM_CHANGE_KINDS)[number];

/** One difference: `path` is a field's path, `sections.<id>`, `schema.allOf.<index>` or `layout.declaration`; `summary` is one line for the administrator. */
export type FormVersionChange = { kind: FormChangeKind; path: string; label: string; detail: string; summary: string };

type Json = unknown;
type Obj = Record<string, Json>;
const isObject = (v: Json): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const asObject = (v: Json): Obj => (isObject(v) ? v : {});
const rulesOf = (f: FormDefinition): Json[] => (Array.isArray(f.schema.allOf) ? f.schema.allOf : []);
/** A copy of an object without some keys. */
const omit = <T extends object>(o: T, ...keys: string[]): Obj => Object.fromEntries(Object.entries(o).filter(([k]) => !keys.includes(k)));
const show = (v: Json) => (v === undefined ? "none" : typeof v === "string" ? `“${v}”` : JSON.stringify(v));

/** Layout order as one sequence of sections and the fields in them: `s:<id>`, `f:<path>`. */
function layoutOrder(layout: FormLayout): string[] {
  const order: string[] = [];
  for (const page of layout.pages)
    for (const section of page.sections) {
      order.push(`s:${section.id}`);
      for (const item of section.items) {
        if ("group" in item) {
          order.push(`f:${item.group}`);
          for (const f of item.fields) order.push(`f:${item.group}[].${f.field}`);
        } else order.push(`f:${item.field}`);
      }
    }
  return order;
}

/** Each placed field's (or group's) layout by path. */
function itemLayouts(layout: FormLayout): Map<string, Obj> {
  const items = new Map<string, Obj>();
  for (const page of layout.pages)
    for (const section of page.sections)
      for (const item of section.items) {
        if ("group" in item) {
          const { fields, ...rest } = item;
          items.set(item.group, rest);
          for (const f of fields) items.set(`${item.group}[].${f.field}`, f);
        } else items.set(item.field, item);
      }
  return items;
}

/** A group's schema without its items' fields and required (each field is compared on its own). */
function ownSchema(schema: Obj): Obj {
  if (!isObject(schema.items)) return schema;
  return { ...schema, items: omit(schema.items, "properties", "required") };
}

/** The differences between two objects' keys, as "key: old → new" phrases. */
function keyChanges(a: Obj, b: Obj, names: Record<string, string> = {}): string[] {
  const changes: string[] = [];
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (isDeepEqual(a[key], b[key])) continue;
    const name = names[key] ?? key;
    if (Array.isArray(a[key]) && Array.isArray(b[key])) {
      const added = (b[key] as Json[]).filter((x) => !(a[key] as Json[]).some((y) => isDeepEqual(x, y)));
      const removed = (a[key] as Json[]).filter((x) => !(b[key] as Json[]).some((y) => isDeepEqual(x, y)));
      changes.push(`${name}: ${[added.length && `added ${added.map(show).join(", ")}`, removed.length && `removed ${removed.map(show).join(", ")}`].filter(Boolean).join(", ") || "reordered"}`);
    } else if (key === "help" || key === "description") changes.push(`${name} changed`);
    else changes.push(`${name} ${show(a[key])} → ${show(b[key])}`);
  }
  return changes;
}

/** Every difference from `older` to `newer`, in layout order (removed things where they were), then rules, then the declaration. */
export function diffFormVersions(older: FormDefinition, newer: FormDefinition): FormVersionChange[] {
  const changes: { at: number; change: FormVersionChange }[] = [];
  const orderOld = layoutOrder(older.layout);
  const orderNew = layoutOrder(newer.layout);
  const positionNew = new Map(orderNew.map((k, i) => [k, i]));
  // A removed node sits just after the last node before it (in the older layout) that remains.
  const positionOf = (key: string): number => {
    const at = positionNew.get(key);
    if (at !== undefined) return at;
    const index = orderOld.indexOf(key);
    for (let i = index - 1; i >= 0; i--) {
      const kept = positionNew.get(orderOld[i]!);
      if (kept !== undefined) return kept + (index - i) / (orderOld.length + 1);
    }
    return -1 + (index + 1) / (orderOld.length + 1);
  };
  const add = (key: string, kind: FormChangeKind, path: string, label: string, detail: string, summary: string) =>
    changes.push({ at: key === "" ? Number.MAX_SAFE_INTEGER : positionOf(key) + FORM_CHANGE_KINDS.indexOf(kind) / 100, change: { kind, path, label, detail, summary } });

  const sectionsOld = sectionsById(older.layout);
  const sectionsNew = sectionsById(newer.layout);
  for (const [id, s] of sectionsNew) {
    const before = sectionsOld.get(id);
    if (!before) add(`s:${id}`, "section-added", `sections.${id}`, s.title, s.isDisclosable === false ? "not disclosable" : "", `New section “${s.title}”${s.isDisclosable === false ? " (not disclosable)" : ""}`);
    else {
      const strip = (section: SectionLayout) => ({ ...omit(section, "items"), isDisclosable: section.isDisclosable !== false });
      const detail = keyChanges(strip(before), strip(s), { isDisclosable: "disclosable", showWhen: "shown when" }).join("; ");
      if (detail) add(`s:${id}`, "section-changed", `sections.${id}`, s.title, detail, `Section “${s.title}” changed: ${detail}`);
    }
  }
  for (const [id, s] of sectionsOld) if (!sectionsNew.has(id)) add(`s:${id}`, "section-removed", `sections.${id}`, s.title, "", `Section “${s.title}” removed`);

  const fieldsOld = schemaFields(older);
  const fieldsNew = schemaFields(newer);
  const labelsOld = fieldLabels(older.layout);
  const labelsNew = fieldLabels(newer.layout);
  const placedOld = fieldSections(older.layout);
  const placedNew = fieldSections(newer.layout);
  const itemsOld = itemLayouts(older.layout);
  const itemsNew = itemLayouts(newer.layout);
  const requiredOld = requiredPaths(older);
  const requiredNew = requiredPaths(newer);
  const sectionTitle = (sections: Map<string, SectionLayout>, id: string | undefined) => (id && sections.get(id)?.title) ?? id ?? "no section";

  for (const [path, schema] of fieldsNew) {
    const label = labelsNew.get(path) ?? path;
    const key = `f:${path}`;
    const before = fieldsOld.get(path);
    if (!before) {
      const isRequired = requiredNew.has(path);
      add(key, "field-added", path, label, isRequired ? "required" : "optional", `New ${isRequired ? "required" : "optional"} field “${label}” in “${sectionTitle(sectionsNew, placedNew.get(path))}”`);
      continue;
    }
    const details = [
      ...keyChanges(asObject(itemsOld.get(path)), asObject(itemsNew.get(path)), { showWhen: "shown when" }),
      ...keyChanges(ownSchema(before), ownSchema(schema)),
      ...(placedOld.get(path) !== placedNew.get(path) ? [`moved from “${sectionTitle(sectionsOld, placedOld.get(path))}” to “${sectionTitle(sectionsNew, placedNew.get(path))}”`] : []),
    ];
    if (details.length > 0) add(key, "field-changed", path, label, details.join("; "), `Field “${label}” changed: ${details.join("; ")}`);
    if (requiredNew.has(path) && !requiredOld.has(path)) add(key, "required-added", path, label, "", `“${label}” is now required`);
    if (!requiredNew.has(path) && requiredOld.has(path)) add(key, "required-removed", path, label, "", `“${label}” is no longer required`);
  }
  for (const path of fieldsOld.keys())
    if (!fieldsNew.has(path)) {
      const label = labelsOld.get(path) ?? path;
      add(`f:${path}`, "field-removed", path, label, "", `Field “${label}” removed from “${sectionTitle(sectionsOld, placedOld.get(path))}”`);
    }

  const rulesOld = rulesOf(older);
  const rulesNew = rulesOf(newer);
  rulesNew.forEach((rule, i) => {
    if (rulesOld.some((r) => isDeepEqual(r, rule))) return;
    const words = describeRule(rule, newer.layout) ?? `rule ${i + 1}`;
    add("", "rule-added", `schema.allOf.${i}`, `Rule ${i + 1}`, words, `New rule: ${words}`);
  });
  rulesOld.forEach((rule, i) => {
    if (rulesNew.some((r) => isDeepEqual(r, rule))) return;
    const words = describeRule(rule, older.layout) ?? `rule ${i + 1}`;
    add("", "rule-removed", `schema.allOf.${i}`, `Rule ${i + 1}`, words, `Rule removed: ${words}`);
  });
  if (older.layout.declaration !== newer.layout.declaration)
    add("", "declaration-changed", "layout.declaration", "Declaration", newer.layout.declaration ?? "none", newer.layout.declaration ? "The declaration printed on every page changed" : "The declaration was removed");

  // Stable: entries at one position keep the order they were added in.
  return changes
    .map((c, i) => ({ ...c, i }))
    .sort((a, b) => a.at - b.at || a.i - b.i)
    .map((c) => c.change);
}

/** Per key: the variant's value where it changed it, else the new national one; both changed: the national one, but the variant's annotation. */
function merge3<T extends Obj>(older: T | undefined, variant: T | undefined, newer: T): T {
  if (!older || !variant) return newer;
  const out: Obj = {};
  for (const key of new Set([...Object.keys(newer), ...Object.keys(variant)])) {
    const isChangedByVariant = !isDeepEqual(variant[key], older[key]);
    const isChangedNationally = !isDeepEqual(newer[key], older[key]);
    const value = !isChangedByVariant ? newer[key] : !isChangedNationally || ANNOTATIONS.has(key) || key === "help" ? variant[key] : newer[key];
    if (value !== undefined) out[key] = value;
  }
  return out as T;
}

/** Names in the new national list, then the variant's own (not in the older national list). */
const mergeNames = (older: Json, variant: Json, newer: Json, exists: (name: string) => boolean) => {
  const list = (v: Json) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);
  return [...new Set([...list(newer), ...list(variant).filter((n) => !list(older).includes(n))])].filter(exists);
};

function mergeProperties(older: Obj, variant: Obj, newer: Obj, where: string, problems: VariantProblem[]): Obj {
  const out: Obj = {};
  for (const [name, schema] of Object.entries(newer)) {
    if (name in older) out[name] = name in variant ? mergeFieldSchema(asObject(older[name]), asObject(variant[name]), asObject(schema), `${where}${name}`, problems) : schema;
    else {
      if (name in variant) problems.push({ path: `${where}${name}`, message: `The local field "${name}" has the same name as a field the new national version adds: the national field replaces it` });
      out[name] = schema;
    }
  }
  for (const [name, schema] of Object.entries(variant)) if (!(name in older) && !(name in newer)) out[name] = schema;
  return out;
}

function mergeFieldSchema(older: Obj, variant: Obj, newer: Obj, path: string, problems: VariantProblem[]): Obj {
  const merged = merge3(older, variant, newer);
  if (!isObject(newer.items)) return merged;
  const [o, v, n] = [asObject(older.items), asObject(variant.items), newer.items];
  const items = merge3(o, v, n);
  const properties = mergeProperties(asObject(o.properties), asObject(v.properties), asObject(n.properties), `${path}[].`, problems);
  items.properties = properties;
  const required = mergeNames(o.required, v.required, n.required, (name) => name in properties);
  if (required.length > 0) items.required = required;
  else delete items.required;
  merged.items = items;
  return merged;
}

type Item = FieldLayout | GroupLayout;
const itemKey = (item: Item) => ("group" in item ? item.group : item.field);

/** The new national items in their order, each merged with the variant's, and the variant's own items after the item they followed. */
function mergeItems<T extends Item>(older: T[], variant: T[], newer: T[], isNational: (key: string) => boolean, isLocalKept: (key: string) => boolean): T[] {
  const out: T[] = newer.map((n) => {
    const o = older.find((x) => itemKey(x) === itemKey(n));
    const v = variant.find((x) => itemKey(x) === itemKey(n));
    const merged = merge3(o as Obj | undefined, v as Obj | undefined, n as Obj) as T;
    if ("group" in n && o && v && "group" in o && "group" in v) (merged as GroupLayout).fields = mergeItems(o.fields, v.fields, n.fields, (k) => o.fields.some((f) => f.field === k), (k) => !n.fields.some((f) => f.field === k));
    return merged;
  });
  variant.forEach((item, i) => {
    const key = itemKey(item);
    if (isNational(key) || !isLocalKept(key)) return;
    const before = i > 0 ? out.findIndex((x) => itemKey(x) === itemKey(variant[i - 1]!)) : -1;
    if (i > 0 && before < 0) out.push(item);
    else out.splice(before + 1, 0, item);
  });
  return out;
}

/**
 * The variant re-based from `oldNational` (the version it pins) onto `newNational`: the new
 * national fields, sections and rules added, the variant's own additions and refinements kept.
 * Returns it with every problem: a local field the new version now defines, a definition that no
 * longer holds together, and checkVariant against the new version (empty when clean).
 */
export function rebase(variant: FormDefinition, oldNational: FormDefinition, newNational: FormDefinition): { variant: FormDefinition; problems: VariantProblem[] } {
  const problems: VariantProblem[] = [];
  const [o, v, n] = [oldNational.schema, variant.schema, newNational.schema];
  const properties = mergeProperties(asObject(o.properties), asObject(v.properties), asObject(n.properties), "", problems);
  const schema: Obj = merge3(o, v, n);
  schema.properties = properties;
  schema.required = mergeNames(o.required, v.required, n.required, (name) => name in properties);
  const rules = [...rulesOf(newNational), ...rulesOf(variant).filter((r) => !rulesOf(oldNational).some((x) => isDeepEqual(x, r)) && !rulesOf(newNational).some((x) => isDeepEqual(x, r)))];
  if (rules.length > 0) schema.allOf = rules;
  else delete schema.allOf;

  const nationalOld = new Set(Object.keys(asObject(o.properties)));
  const isLocalKept = (key: string) => key in properties && !(key in asObject(n.properties));
  const sectionsOld = sectionsById(oldNational.layout);
  const sectionsVariant = sectionsById(variant.layout);
  const sectionsNew = sectionsById(newNational.layout);
  const mergeSection = (s: SectionLayout): SectionLayout => {
    const before = sectionsOld.get(s.id);
    const mine = sectionsVariant.get(s.id);
    const merged = omit(merge3(before as Obj | undefined, mine as Obj | undefined, s as Obj), "items");
    return { ...merged, items: mergeItems(before?.items ?? [], mine?.items ?? [], s.items, (k) => nationalOld.has(k), isLocalKept) } as SectionLayout;
  };
  // A section the variant added, or a national one the new version dropped but which holds local fields.
  const localSection = (s: SectionLayout): SectionLayout | null => {
    if (sectionsNew.has(s.id)) return null;
    const items = s.items.filter((item) => !nationalOld.has(itemKey(item)) && isLocalKept(itemKey(item)));
    return items.length > 0 ? { ...s, items } : null;
  };
  const pagesOld = new Map(oldNational.layout.pages.map((p) => [p.id, p]));
  const pages = newNational.layout.pages.map((page) => {
    const mine = variant.layout.pages.find((p) => p.id === page.id);
    const merged = omit(merge3(pagesOld.get(page.id) as Obj | undefined, mine as Obj | undefined, page as Obj), "sections") as Omit<typeof page, "sections">;
    const sections = page.sections.map(mergeSection);
    mine?.sections.forEach((s, i) => {
      const local = localSection(s);
      if (!local) return;
      const before = i > 0 ? sections.findIndex((x) => x.id === mine.sections[i - 1]!.id) : -1;
      if (i > 0 && before < 0) sections.push(local);
      else sections.splice(before + 1, 0, local);
    });
    return { ...merged, sections };
  });
  const pageIds = new Set(pages.map((p) => p.id));
  for (const page of variant.layout.pages) {
    if (pageIds.has(page.id)) continue;
    const sections = page.sections.map(localSection).filter((s): s is SectionLayout => s !== null);
    if (sections.length === 0) continue;
    // A local page keeps its place; a national page the new version dropped gives its local sections to the last page.
    if (pagesOld.has(page.id)) pages[pages.length - 1]!.sections.push(...sections);
    else pages.push({ ...page, sections });
  }

  const declaration = variant.layout.declaration === oldNational.layout.declaration ? newNational.layout.declaration : newNational.layout.declaration === oldNational.layout.declaration ? variant.layout.declaration : newNational.layout.declaration;
  const layout: FormLayout = { pages };
  if (declaration !== undefined) layout.declaration = declaration;

  const rebased: FormDefinition = { key: variant.key, title: variant.title, summary: variant.summary, defaultMarking: rebasedMarking(variant, oldNational, newNational), schema, layout };
  try {
    parseFormDefinition(rebased);
  } catch (err) {
    if (!(err instanceof InvalidFormDefinitionError)) throw err;
    problems.push(...err.problems);
  }
  problems.push(...checkVariant(newNational, rebased));
  return { variant: rebased, problems };
}

/** The variant's marking if it chose one, the new national one if only that changed, the higher when both did. */
function rebasedMarking(variant: FormDefinition, oldNational: FormDefinition, newNational: FormDefinition): string {
  if (variant.defaultMarking === oldNational.defaultMarking) return newNational.defaultMarking;
  if (newNational.defaultMarking === oldNational.defaultMarking) return variant.defaultMarking;
  const mine = parseMarking(variant.defaultMarking);
  const theirs = parseMarking(newNational.defaultMarking);
  return mine.ok && theirs.ok && markingRank(mine.marking) > markingRank(theirs.marking) ? variant.defaultMarking : newNational.defaultMarking;
}
