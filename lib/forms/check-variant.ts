/**
 * The rules of a force's local variant of a national form (issue 7): a variant may add fields,
 * sections, pages, guidance and defaults, and may make a national field stricter, but may not
 * remove or weaken anything the national form asks for.
 *
 * The threat is a variant that looks like the national form but quietly accepts less: a
 * required field made optional or hidden behind a condition (hidden answers are neither required
 * nor kept, see conditions.ts), a length or a list of answers widened, a conditional rule dropped
 * (an under-18 witness without special measures), or the MG11's reverse made disclosable. So the
 * comparison fails closed: any difference in a national field's schema that is not one of the
 * few changes known to be stricter counts as a weakening.
 *
 * Problems name the national field or section by its national label. A problem's path is the
 * field's path (`name` or `group[].name`), `sections.<id>` for a section, `schema.required`,
 * `schema.allOf.<index in the national form>`, `layout.declaration` or `defaultMarking`.
 */
import { markingRank, parseMarking } from "../../policies/classification";
import type { FormCondition, FormDefinition, FormLayout, SectionLayout } from "./form-definition";
import { describeCondition, fieldLabels } from "./describe-condition";

export type VariantProblem = { path: string; message: string };

type Json = unknown;
type SchemaObject = Record<string, Json>;

/** Keywords that say nothing about what is accepted: a variant may add or change them freely. */
export const ANNOTATIONS = new Set(["title", "description", "default", "examples", "$comment", "readOnly", "writeOnly", "deprecated"]);

/** Structural equality of JSON values (key order ignored, array order kept). */
export function isDeepEqual(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((v, i) => isDeepEqual(v, b[i]));
  }
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  const ka = Object.keys(a as SchemaObject).filter((k) => (a as SchemaObject)[k] !== undefined);
  const kb = Object.keys(b as SchemaObject).filter((k) => (b as SchemaObject)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && isDeepEqual((a as SchemaObject)[k], (b as SchemaObject)[k]));
}

const isObject = (v: Json): v is SchemaObject => typeof v === "object" && v !== null && !Array.isArray(v);
const asObject = (v: Json): SchemaObject => (isObject(v) ? v : {});
const stringList = (v: Json): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);

/** A schema without its annotations (what it accepts, nothing else). */
export function withoutAnnotations(schema: SchemaObject): SchemaObject {
  return Object.fromEntries(Object.entries(schema).filter(([k, v]) => !ANNOTATIONS.has(k) && v !== undefined));
}

/** Every field of a definition: its path (`name`, `group[].name`) and its schema. */
export function schemaFields(definition: FormDefinition): Map<string, SchemaObject> {
  const fields = new Map<string, SchemaObject>();
  for (const [name, node] of Object.entries(asObject(definition.schema.properties))) {
    fields.set(name, asObject(node));
    const items = asObject(asObject(node).items);
    for (const [inner, innerNode] of Object.entries(asObject(items.properties))) fields.set(`${name}[].${inner}`, asObject(innerNode));
  }
  return fields;
}

/** Where each field is placed: its section's id, and (for a field of a group) the group. */
export function fieldSections(layout: FormLayout): Map<string, string> {
  const where = new Map<string, string>();
  for (const page of layout.pages)
    for (const section of page.sections)
      for (const item of section.items) {
        if ("group" in item) {
          where.set(item.group, section.id);
          for (const f of item.fields) where.set(`${item.group}[].${f.field}`, section.id);
        } else where.set(item.field, section.id);
      }
  return where;
}

/** Every section of a layout by id, in layout order. */
export function sectionsById(layout: FormLayout): Map<string, SectionLayout> {
  return new Map(layout.pages.flatMap((p) => p.sections.map((s) => [s.id, s] as const)));
}

/** Each field's (or group's) own condition, by path. */
export function fieldConditions(layout: FormLayout): Map<string, FormCondition | undefined> {
  const conditions = new Map<string, FormCondition | undefined>();
  for (const page of layout.pages)
    for (const section of page.sections)
      for (const item of section.items) {
        if ("group" in item) {
          conditions.set(item.group, item.showWhen);
          for (const f of item.fields) conditions.set(`${item.group}[].${f.field}`, f.showWhen);
        } else conditions.set(item.field, item.showWhen);
      }
  return conditions;
}

/** Names a field must have, at the top level and in each group's items (`group[].name`). */
export function requiredPaths(definition: FormDefinition): Set<string> {
  const paths = new Set(stringList(definition.schema.required));
  for (const [name, node] of Object.entries(asObject(definition.schema.properties)))
    for (const inner of stringList(asObject(asObject(node).items).required)) paths.add(`${name}[].${inner}`);
  return paths;
}

const quoted = (values: Json[]) => values.map((v) => (typeof v === "string" ? `"${v}"` : JSON.stringify(v))).join(", ");

/** Why changing one keyword of a field's schema from `a` (national) to `b` (variant) accepts more, or null if it accepts no more. */
function keywordWeakening(key: string, a: Json, b: Json): string | null {
  const isAdded = a === undefined;
  const num = (x: Json) => (typeof x === "number" ? x : undefined);
  switch (key) {
    case "maxLength":
      if (isAdded || (num(b) !== undefined && num(b)! <= num(a)!)) return null;
      return `cannot accept longer text than the national form (at most ${a} characters)`;
    case "minLength":
      if (isAdded || (num(b) !== undefined && num(b)! >= num(a)!)) return null;
      return `cannot accept shorter text than the national form (at least ${a} characters)`;
    case "maximum":
      if (isAdded || (num(b) !== undefined && num(b)! <= num(a)!)) return null;
      return `cannot accept larger numbers than the national form (at most ${a})`;
    case "minimum":
      if (isAdded || (num(b) !== undefined && num(b)! >= num(a)!)) return null;
      return `cannot accept smaller numbers than the national form (at least ${a})`;
    case "maxItems":
      if (isAdded || (num(b) !== undefined && num(b)! <= num(a)!)) return null;
      return `cannot accept more entries than the national form (at most ${a})`;
    case "minItems":
      if (isAdded || (num(b) !== undefined && num(b)! >= num(a)!)) return null;
      return `cannot accept fewer entries than the national form (at least ${a})`;
    case "enum": {
      if (b === undefined) return `must keep the national form's list of answers (${quoted(a as Json[])})`;
      if (!Array.isArray(b)) return "must keep a list of answers";
      if (isAdded) return null;
      const extra = b.filter((x) => !(a as Json[]).some((y) => isDeepEqual(x, y)));
      if (extra.length === 0) return null;
      return `cannot accept answers the national form does not allow (${quoted(extra)})`;
    }
    case "pattern":
      if (isAdded) return null;
      return "must keep the national form's format for its answer";
    case "type":
      return `must keep the national form's type of answer (${JSON.stringify(a)})`;
    default:
      return isAdded ? `cannot add "${key}" to the national field (only stricter lengths, limits, answers and formats can be added)` : `cannot change or remove the national form's "${key}"`;
  }
}

/**
 * Every way a variant's schema for one field accepts more than the national one (none when it
 * does not): equal once annotations are left out, or stricter by a known keyword. A group's schema is
 * compared without its items' fields (each is compared on its own) and required (checked apart).
 */
export function weakeningsOf(national: SchemaObject, variant: SchemaObject): string[] {
  const strip = (s: SchemaObject) => {
    const out = withoutAnnotations(s);
    if (isObject(out.items)) {
      const items = withoutAnnotations(out.items);
      delete items.properties;
      delete items.required;
      out.items = items;
    }
    return out;
  };
  const n = strip(national);
  const v = strip(variant);
  if (isDeepEqual(n, v)) return [];
  const found: string[] = [];
  for (const key of new Set([...Object.keys(n), ...Object.keys(v)])) {
    const a = n[key];
    const b = v[key];
    if (isDeepEqual(a, b)) continue;
    const weakening = keywordWeakening(key, a, b);
    if (weakening) found.push(weakening);
  }
  return found;
}

/** A conditional rule (an `allOf` entry) in words, using the form's labels, or null if it is not a simple one. */
export function describeRule(rule: Json, layout: FormLayout): string | null {
  const labels = fieldLabels(layout);
  const label = (name: string) => `“${labels.get(name) ?? name}”`;
  const r = asObject(rule);
  const condition = asObject(r.if);
  const parts: string[] = [];
  for (const [name, test] of Object.entries(asObject(condition.properties))) {
    const t = asObject(test);
    if ("const" in t) parts.push(`${label(name)} is ${t.const === true ? "Yes" : t.const === false ? "No" : JSON.stringify(t.const)}`);
    else if (Array.isArray(t.enum)) parts.push(`${label(name)} is one of ${quoted(t.enum)}`);
    else parts.push(`${label(name)} is answered a certain way`);
  }
  if (parts.length === 0) return null;
  const needs = (branch: Json) => stringList(asObject(branch).required).map(label).join(", ");
  const when = parts.join(" and ");
  const then = r.then ? needs(r.then) : "";
  const otherwise = r.else ? needs(r.else) : "";
  if (!then && !otherwise) return null;
  return [then && `when ${when}, ${then} must be answered`, otherwise && `otherwise ${otherwise} must be answered`].filter(Boolean).join("; ");
}

/**
 * Every way `variant` removes or weakens something of `national`; empty when it only adds or
 * tightens. Fields are compared by name (a variant keeps the national names); sections by id.
 */
export function checkVariant(national: FormDefinition, variant: FormDefinition): VariantProblem[] {
  const problems: VariantProblem[] = [];
  const labels = fieldLabels(national.layout);
  const name = (path: string) => `The national field "${labels.get(path) ?? path}"`;

  // The schema's own top-level keywords (type, additionalProperties, $schema …) are the frame.
  const topN = withoutAnnotations(national.schema);
  const topV = withoutAnnotations(variant.schema);
  for (const key of Object.keys(topN)) {
    if (key === "properties" || key === "required" || key === "allOf") continue;
    if (!isDeepEqual(topN[key], topV[key])) problems.push({ path: `schema.${key}`, message: `The national form's "${key}" cannot be changed` });
  }
  for (const key of Object.keys(topV)) if (!(key in topN) && key !== "allOf" && key !== "required") problems.push({ path: `schema.${key}`, message: `A variant cannot add "${key}" to the form's schema: add a rule (allOf) instead` });

  const fieldsN = schemaFields(national);
  const fieldsV = schemaFields(variant);
  const placedN = fieldSections(national.layout);
  const placedV = fieldSections(variant.layout);
  const conditionsN = fieldConditions(national.layout);
  const conditionsV = fieldConditions(variant.layout);
  const sectionsN = sectionsById(national.layout);
  const sectionsV = sectionsById(variant.layout);
  const requiredN = requiredPaths(national);
  const requiredV = requiredPaths(variant);

  for (const [path, schemaN] of fieldsN) {
    const schemaV = fieldsV.get(path);
    if (!schemaV) {
      problems.push({ path, message: `${name(path)} cannot be removed` });
      continue;
    }
    for (const weakening of weakeningsOf(schemaN, schemaV)) problems.push({ path, message: `${name(path)} ${weakening}` });
    if (requiredN.has(path) && !requiredV.has(path)) problems.push({ path, message: `${name(path)} is required and cannot be made optional` });
    const sectionN = placedN.get(path);
    const sectionV = placedV.get(path);
    if (sectionN && sectionV !== sectionN) problems.push({ path, message: `${name(path)} must stay in the section "${sectionsN.get(sectionN)?.title ?? sectionN}"` });
    if (!isDeepEqual(conditionsN.get(path), conditionsV.get(path)))
      problems.push({ path, message: conditionsN.get(path) ? `${name(path)} must keep the national condition for when it is shown (${describeCondition(conditionsN.get(path)!, labels)})` : `${name(path)} is always shown on the national form and cannot be hidden by a condition` });
  }

  const allOfV = Array.isArray(variant.schema.allOf) ? variant.schema.allOf : [];
  (Array.isArray(national.schema.allOf) ? national.schema.allOf : []).forEach((rule, i) => {
    if (allOfV.some((r) => isDeepEqual(r, rule))) return;
    const words = describeRule(rule, national.layout);
    problems.push({ path: `schema.allOf.${i}`, message: `A national rule cannot be removed or changed: ${words ?? `rule ${i + 1} of the national form`}` });
  });

  for (const [id, sectionN] of sectionsN) {
    const sectionV = sectionsV.get(id);
    const path = `sections.${id}`;
    if (!sectionV) {
      problems.push({ path, message: `The national section "${sectionN.title}" cannot be removed` });
      continue;
    }
    // zod defaults isDisclosable to true; a definition written as data may leave it out.
    if (sectionN.isDisclosable === false && sectionV.isDisclosable !== false) problems.push({ path, message: `The national section "${sectionN.title}" is not disclosable and cannot be made disclosable` });
    if (!isDeepEqual(sectionN.showWhen, sectionV.showWhen))
      problems.push({ path, message: sectionN.showWhen ? `The national section "${sectionN.title}" must keep the national condition for when it is shown (${describeCondition(sectionN.showWhen, labels)})` : `The national section "${sectionN.title}" is always shown on the national form and cannot be hidden by a condition` });
  }

  if (national.layout.declaration !== undefined && national.layout.declaration !== variant.layout.declaration) problems.push({ path: "layout.declaration", message: "The national declaration cannot be changed" });

  // A variant may raise the default marking, never lower it; a marking not understood is refused.
  const markingN = parseMarking(national.defaultMarking);
  const markingV = parseMarking(variant.defaultMarking);
  if (!markingV.ok) problems.push({ path: "defaultMarking", message: `The variant's default marking is not a marking: ${markingV.error}` });
  else if (!markingN.ok || markingRank(markingV.marking) < markingRank(markingN.marking)) problems.push({ path: "defaultMarking", message: `The default marking cannot be lower than the national form's (${national.defaultMarking})` });

  return problems;
}
