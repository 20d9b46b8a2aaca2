/**
 * Server-side validation of a form submission (issue 7) against its definition's JSON Schema.
 *
 * What arrives is untrusted: a browser can post any JSON, and an API client anything at all. So a
 * submission is refused unless it is a plain object, no larger than 5 MB serialized, holding only
 * fields the form has (a misspelt or invented field is named, never silently dropped or stored);
 * answers of hidden parts are dropped (lib/forms/conditions.ts) so that what the person could not
 * see is neither required nor kept; and what remains must satisfy the schema (ajv, strict, every
 * error, formats checked). A draft may be incomplete (nothing is "required" of it) but may not
 * hold a wrong type, format or length, so that a draft is always a valid start of a submission.
 *
 * Errors are written for the person filling the form, in the layout's words and order, one per
 * field: "Enter the witness's name", "Exhibit 2: enter the reference". Each schema is compiled
 * once per version (a published version is immutable) and kept in a bounded cache.
 */
import { createHash } from "node:crypto";
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { InvalidFormDefinitionError, type FormDefinition, type Widget } from "./form-definition";
import { isKept, isPlainObject, visibilityPlan, visibleAnswersByPlan, type FormAnswers, type HiddenCollector, type VisibilityPlan } from "./conditions";

/** The largest submission accepted, serialized as JSON (the HTTP layer enforces its own limit first). */
export const MAX_SUBMISSION_BYTES = 5 * 1024 * 1024;
/** How many compiled definitions are kept; the least recently used is dropped beyond it. */
export const FORM_VALIDATOR_CACHE_SIZE = 256;
/** At most this many errors are listed; beyond it one more says how many were left out. */
const MAX_ERRORS = 100;
/** At most this many unknown fields are named one by one. */
const MAX_UNKNOWN_NAMED = 20;

/** One problem, for the field at `path` (`name`, `exhibits[1].reference`; "" for the whole form). */
export type SubmissionError = { path: string; message: string };
export type SubmissionResult = { ok: true; data: FormAnswers } | { ok: false; errors: SubmissionError[] };
export type ValidateSubmissionOptions = {
  /** A draft may leave anything unanswered; what it does answer must still be valid. */
  isDraft: boolean;
  /**
   * The form version's id, when the definition is a stored version: the compiled validator is
   * cached under it. Without it, under a hash of the definition (costs a serialization per call).
   */
  versionId?: string;
};

type SchemaNode = {
  type?: unknown;
  format?: unknown;
  enum?: unknown;
  examples?: unknown;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
};

type FieldInfo = { label: string; widget: Widget | undefined; schema: SchemaNode; order: number };
type GroupInfo = FieldInfo & { itemLabel: string; fields: Map<string, FieldInfo> };

/** A definition prepared for validation: compiled schema, visibility plan, labels and order. */
export type CompiledForm = {
  /** The schema compiled for speed: its "valid" is exact; its "invalid" see compile(). */
  validate: ValidateFunction;
  /** The schema with lengths counted in characters (code points), as JSON Schema says. */
  validateExact: () => ValidateFunction;
  /** Whether `validate` counts UTF-16 units (else it is the exact one). */
  isCountingUnits: boolean;
  plan: VisibilityPlan;
  fields: Map<string, FieldInfo>;
  groups: Map<string, GroupInfo>;
  /** The schema's top-level fields: for a repeating group, its items' field names; else null. */
  knownFields: ReadonlyMap<string, ReadonlySet<string> | null>;
  /** Top-level places in the layout (unknown fields sort after them). */
  size: number;
};

// The definition was checked against the 2020-12 meta-schema when parsed; it is checked again
// here once per compile, with one shared checker (compiling the meta-schema per instance costs
// ~30 ms). The options are those parseFormDefinition uses, so a definition it accepts compiles.
const OPTIONS = { strict: true, strictRequired: false, allErrors: true } as const;
const schemaChecker = new Ajv2020({ ...OPTIONS, validateFormats: false });

// Applicators whose result chooses (anyOf, if…) or inverts (not) rather than adds up: a length
// check under one could turn a failure into a pass.
const CHOOSING = new Set(["anyOf", "oneOf", "not", "if", "contains", "propertyNames", "unevaluatedProperties", "unevaluatedItems"]);

/**
 * Whether counting UTF-16 units for lengths gives the same verdict as counting characters
 * wherever it says "valid": true when every length check is a plain condition that must hold (not
 * under a choosing applicator, not reachable through a $ref), and no minLength is above 1 (units
 * can only over-count, which a maxLength may wrongly fail but never wrongly pass, and a minLength
 * of 0 or 1 cannot tell the two counts apart). False also when the schema has no length check.
 */
function isSafeToCountUnits(schema: unknown): boolean {
  let hasLength = false;
  let isSafe = true;
  const visit = (node: unknown, isChosen: boolean): void => {
    if (Array.isArray(node)) return node.forEach((n) => visit(n, isChosen));
    if (node === null || typeof node !== "object") return;
    for (const [k, v] of Object.entries(node)) {
      if (k === "minLength" || k === "maxLength") {
        hasLength = true;
        if (isChosen || (k === "minLength" && typeof v === "number" && v > 1)) isSafe = false;
      } else if (k === "$ref" || k === "$dynamicRef") isSafe = false;
      else if (k === "enum" || k === "const" || k === "examples" || k === "default") continue;
      else visit(v, isChosen || CHOOSING.has(k));
    }
  };
  visit(schema, false);
  return hasLength && isSafe;
}

// Ajv warns once per instance that `unicode: false` is deprecated; that one warning is expected.
const quietAboutUnicode = {
  log: console.log,
  warn: (...args: unknown[]) => (String(args[0]).startsWith("DEPRECATED: option unicode") ? undefined : console.warn(...args)),
  error: console.error,
};

// ajv-formats' "full" date, time and date-time checks (RFC 3339: a real calendar day, hours,
// minutes and seconds in range, a leap second only at 23:59 UTC, a time zone required) written
// with character codes instead of a regular expression's captures and a split: the same answer
// for every string (validate-submission.test.ts compares them with ajv-formats' own on a few
// hundred thousand near misses), at a fraction of the cost. Their `compare` (formatMinimum…)
// is ajv-formats' own.
const DAYS_IN_MONTH = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The decimal digit at `i` (0–9), or -1: anything else, and past the end (NaN compares false). */
function digitAt(s: string, i: number): number {
  const d = s.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : -1;
}

/** `s` from `o` begins with a full-date, YYYY-MM-DD, of a day that exists. */
function isDateAt(s: string, o: number): boolean {
  const y0 = digitAt(s, o);
  const y1 = digitAt(s, o + 1);
  const y2 = digitAt(s, o + 2);
  const y3 = digitAt(s, o + 3);
  const m0 = digitAt(s, o + 5);
  const m1 = digitAt(s, o + 6);
  const d0 = digitAt(s, o + 8);
  const d1 = digitAt(s, o + 9);
  if ((y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1) < 0 || s.charCodeAt(o + 4) !== 45 || s.charCodeAt(o + 7) !== 45) return false;
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const month = m0 * 10 + m1;
  const day = d0 * 10 + d1;
  const isLeapYear = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month >= 1 && month <= 12 && day >= 1 && day <= (month === 2 && isLeapYear ? 29 : DAYS_IN_MONTH[month]!);
}

/** `s` from `o` to its end is a full-time with its offset: HH:MM:SS[.fraction](Z|±HH[[:]MM]). */
function isTimeAt(s: string, o: number): boolean {
  const h0 = digitAt(s, o);
  const h1 = digitAt(s, o + 1);
  const i0 = digitAt(s, o + 3);
  const i1 = digitAt(s, o + 4);
  const s0 = digitAt(s, o + 6);
  const s1 = digitAt(s, o + 7);
  if ((h0 | h1 | i0 | i1 | s0 | s1) < 0 || s.charCodeAt(o + 2) !== 58 || s.charCodeAt(o + 5) !== 58) return false;
  let i = o + 8;
  let sec = s0 * 10 + s1;
  if (s.charCodeAt(i) === 46) {
    let j = i + 1;
    while (digitAt(s, j) >= 0) j++;
    if (j === i + 1) return false;
    sec = Number(s.slice(o + 6, j));
    i = j;
  }
  const c = s.charCodeAt(i);
  let sign = 1;
  let tzH = 0;
  let tzM = 0;
  if (c === 90 || c === 122) {
    if (i + 1 !== s.length) return false;
  } else if (c === 43 || c === 45) {
    if (c === 45) sign = -1;
    const a = digitAt(s, i + 1);
    const b = digitAt(s, i + 2);
    if ((a | b) < 0) return false;
    tzH = a * 10 + b;
    i += 3;
    if (i !== s.length) {
      if (s.charCodeAt(i) === 58) i++;
      const e = digitAt(s, i);
      const f = digitAt(s, i + 1);
      if ((e | f) < 0 || i + 2 !== s.length) return false;
      tzM = e * 10 + f;
    }
  } else return false;
  if (tzH > 23 || tzM > 59) return false;
  const hr = h0 * 10 + h1;
  const min = i0 * 10 + i1;
  if (hr <= 23 && min <= 59 && sec < 60) return true;
  // A leap second: 23:59:60 in UTC.
  const utcMin = min - tzM * sign;
  const utcHr = hr - tzH * sign - (utcMin < 0 ? 1 : 0);
  return (utcHr === 23 || utcHr === -1) && (utcMin === 59 || utcMin === -1) && sec < 61;
}

const WHITESPACE = /\s/;
/** The three checks, by format name (exported for the test that compares them with ajv-formats'). */
export const EXACT_FORMATS = {
  date: (s: string): boolean => s.length === 10 && isDateAt(s, 0),
  time: (s: string): boolean => isTimeAt(s, 0),
  // ajv-formats splits at "T", "t" or any white space and wants exactly two parts: as neither a
  // date nor a time holds one, that is one at index 10.
  "date-time": (s: string): boolean => {
    const c = s.charCodeAt(10);
    return (c === 84 || c === 116 || (s.length > 10 && WHITESPACE.test(s[10]!))) && isDateAt(s, 0) && isTimeAt(s, 11);
  },
};
/**
 * Compiles on an Ajv instance of its own: a dropped cache entry then frees everything compiled
 * for it (one shared instance keeps every schema it compiled, keyed by the object, until removed,
 * and refuses a second version with the same $id).
 */
function compileSchema(schema: Record<string, unknown>, isCountingCodePoints: boolean): ValidateFunction {
  // messages: false: the errors are put into words here (messageFor), never ajv's own.
  const ajv = new Ajv2020({ ...OPTIONS, validateSchema: false, addUsedSchema: false, messages: false, ...(isCountingCodePoints ? {} : { unicode: false, logger: quietAboutUnicode }) });
  addFormats(ajv);
  // The same checks, faster (EXACT_FORMATS); ajv-formats' compare (formatMinimum…) is kept.
  for (const [name, validate] of Object.entries(EXACT_FORMATS)) ajv.addFormat(name, { ...(ajv.formats[name] as { compare?: (a: string, b: string) => number | undefined }), type: "string", validate });
  try {
    return ajv.compile(schema);
  } catch (err) {
    throw new InvalidFormDefinitionError([{ path: "schema", message: `cannot be compiled: ${(err as Error).message}` }]);
  }
}

/**
 * Prepares a definition. JSON Schema counts a length in characters (code points), which ajv does
 * by walking every string in JavaScript, character by character: for a statement of a few
 * thousand characters that is the largest single cost of validating it. A string's `.length`
 * (UTF-16 units) is never below its characters, and equal unless it holds an emoji or another
 * character beyond the first 65,536; so where the schema allows it (isSafeToCountUnits) the
 * schema is compiled to compare `.length`, and its "valid" is exact. Its "invalid" is exact too
 * unless a maxLength failed (which the character count may pass): then the submission is
 * validated again by the exact compile, made on first need.
 */
function compile(definition: FormDefinition): CompiledForm {
  // A copy: what is compiled cannot change under the cache if the caller's object does.
  const schema = structuredClone(definition.schema);
  if (!schemaChecker.validateSchema(schema)) {
    throw new InvalidFormDefinitionError((schemaChecker.errors ?? []).map((e) => ({ path: `schema${e.instancePath.replace(/\//g, ".")}`, message: `is not valid JSON Schema: ${e.message ?? "invalid"}` })));
  }
  const isCountingUnits = isSafeToCountUnits(schema);
  let exact: ValidateFunction | undefined = isCountingUnits ? undefined : compileSchema(schema, true);
  const validate = exact ?? compileSchema(schema, false);
  const validateExact = () => (exact ??= compileSchema(structuredClone(schema), true));

  const properties = (schema as SchemaNode).properties ?? {};
  const knownFields = new Map<string, ReadonlySet<string> | null>();
  for (const [name, node] of Object.entries(properties)) knownFields.set(name, node.type === "array" && node.items?.properties ? new Set(Object.keys(node.items.properties)) : null);

  const fields = new Map<string, FieldInfo>();
  const groups = new Map<string, GroupInfo>();
  let order = 0;
  for (const page of definition.layout.pages)
    for (const section of page.sections)
      for (const item of section.items) {
        if ("group" in item) {
          const node = properties[item.group] ?? {};
          const itemProps = node.items?.properties ?? {};
          const inner = new Map<string, FieldInfo>();
          item.fields.forEach((f, j) => inner.set(f.field, { label: f.label, widget: f.widget, schema: itemProps[f.field] ?? {}, order: j }));
          groups.set(item.group, { label: item.label, widget: undefined, schema: node, order: order++, itemLabel: item.itemLabel, fields: inner });
        } else fields.set(item.field, { label: item.label, widget: item.widget, schema: properties[item.field] ?? {}, order: order++ });
      }
  return { validate, validateExact, isCountingUnits, plan: visibilityPlan(definition.layout), fields, groups, knownFields, size: order };
}

const cache = new Map<string, CompiledForm>();
/** The key used last, which is already last in the Map (a run of one form's submissions skips the re-insert). */
let lastKey: string | undefined;
/** The version id and compiled form used last: a run of one version's submissions skips building the key. */
let lastVersionId: string | undefined;
let lastForm: CompiledForm | undefined;

/**
 * The compiled validator of a definition: from the cache under the version id (or a hash of the
 * schema and layout, which carry the labels and conditions), compiled and cached on a miss. A
 * definition is immutable (a published version never changes): one edited in place after use
 * needs a new version id.
 */
export function formValidatorFor(definition: FormDefinition, versionId?: string): CompiledForm {
  if (versionId !== undefined && versionId === lastVersionId) return lastForm!;
  // Without a version id, the hash of the definition as it is written: a copy with its keys in
  // another order compiles once more, which costs time but never a wrong answer (and a stored
  // definition comes back from jsonb with its keys in one order).
  const key = versionId !== undefined ? `version:${versionId}` : `sha256:${createHash("sha256").update(JSON.stringify([definition.schema, definition.layout])).digest("hex")}`;
  const hit = cache.get(key);
  if (hit) {
    // Most recently used last: Map keeps insertion order, so the first key is the one to drop.
    if (key !== lastKey) {
      cache.delete(key);
      cache.set(key, hit);
      lastKey = key;
    }
    lastVersionId = versionId;
    lastForm = hit;
    return hit;
  }
  const compiled = compile(definition);
  cache.set(key, compiled);
  lastKey = key;
  lastVersionId = versionId;
  lastForm = compiled;
  // The one dropped is the least recently used, never the one just added (the cache holds more than one).
  if (cache.size > FORM_VALIDATOR_CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return compiled;
}

/**
 * What the size walk adds for a value (an object or a list: see inspect) to `bound`, a bound
 * never below its size serialized as JSON (every character counted as a six-byte escape, a
 * number as 24 bytes). Iterative, so that deep nesting cannot overflow the stack; it stops once
 * past the limit, leaving the rest unlooked at.
 */
function nestedBound(value: object, bound: number): number {
  const stack: unknown[] = [value];
  while (stack.length > 0 && bound <= MAX_SUBMISSION_BYTES) {
    const v = stack.pop();
    if (typeof v === "string") bound += 2 + 6 * v.length;
    else if (typeof v !== "object" || v === null) bound += 24;
    else if (Array.isArray(v)) {
      bound += 2 + v.length;
      for (let i = 0; i < v.length; i++) stack.push(v[i]);
    } else {
      bound += 2;
      for (const k of Object.keys(v)) {
        bound += 4 + 6 * k.length;
        stack.push((v as Record<string, unknown>)[k]);
      }
    }
  }
  return bound;
}

/** What inspect found: the size bound (stopped once past the limit) and whether every value is an answer (isKept). */
type Inspection = { bound: number; isAllKept: boolean };

/** The exact test, for the rare submission the bound cannot clear: null when it is not JSON at all. */
function fitsExactly(value: unknown, limit: number): boolean | null {
  try {
    return Buffer.byteLength(JSON.stringify(value), "utf8") <= limit;
  } catch {
    return null;
  }
}

const HIGH_SURROGATE = /[\uD800-\uDBFF]/;

/**
 * Whether a maxLength the UTF-16 count failed surely fails in characters too, so that the exact
 * compile would make the very same decisions, and give the very same errors, and need not run.
 * Units over-count only by one per surrogate pair: a string without a high surrogate has as many
 * characters as units (V8 answers that at once for a string of Latin-1 characters), and one of
 * more than twice the limit in units is over it either way. Otherwise (an emoji, or no string
 * found at that place) it is not known here: false, and the exact compile decides.
 */
function isTooLongInCharacters(data: FormAnswers, e: ErrorObject): boolean {
  let value: unknown = data;
  for (const segment of segmentsOf(e.instancePath)) {
    if (value === null || typeof value !== "object") return false;
    value = Array.isArray(value) ? value[Number(segment)] : (value as Record<string, unknown>)[segment];
  }
  if (typeof value !== "string") return false;
  const limit = (e.params as { limit?: unknown }).limit;
  if (typeof limit !== "number") return false;
  return value.length > 2 * limit || !HIGH_SURROGATE.test(value);
}

/** A problem with where it sorts: layout order, then item, then the item's field order. */
type Located = SubmissionError & { order: number[]; rank: number };

const numberFormat = new Intl.NumberFormat("en-GB");
const n = (value: unknown) => (typeof value === "number" ? numberFormat.format(value) : String(value));
const plural = (count: number, one: string, many: string) => `${n(count)} ${count === 1 ? one : many}`;

/** Lower-cases the first letter of a sentence continued after a prefix ("Enter" → "enter", not "PNC"). */
function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text[0]!.toLowerCase() + text.slice(1) : text;
}

/**
 * How a label reads, so that it can be put into a sentence: a noun phrase ("Date of birth": "Enter
 * the date of birth"), a question ("Is the witness over 18?"), a statement of the person's own
 * ("I confirm the declaration"), or something else ("Last seen at", "Statement of"), which is
 * quoted rather than bent into grammar it does not fit.
 */
type LabelKind = "noun" | "question" | "statement" | "other";
const QUESTION_WORDS = new Set(["what", "where", "when", "who", "whom", "whose", "which", "why", "how", "is", "are", "was", "were", "do", "does", "did", "has", "have", "had", "can", "could", "will", "would", "should", "may"]);
const TRAILING_WORDS = new Set(["of", "at", "by", "on", "in", "to", "from", "for", "with", "about", "and", "or"]);
function kindOf(label: string): LabelKind {
  const text = label.trim();
  const words = text.replace(/\([^)]*\)/g, " ").replace(/[:.]+\s*$/, "").trim().split(/\s+/);
  const first = words[0] ?? "";
  if (text.endsWith("?") || QUESTION_WORDS.has(first.toLowerCase())) return "question";
  if (/^(I|I'm|I've|I'll|We)$/.test(first)) return "statement";
  if (TRAILING_WORDS.has((words.at(-1) ?? "").toLowerCase())) return "other";
  return "noun";
}
const quoted = (label: string) => `"${label.trim().replace(/:\s*$/, "")}"`;
/** The label as the subject of a sentence ("Date of birth must be…"; anything else is quoted). */
const subjectOf = (label: string) => (kindOf(label) === "noun" ? label : quoted(label));
/** The label as the object of a verb ("Enter the witness's name"). */
function objectOf(label: string): string {
  if (kindOf(label) !== "noun") return quoted(label);
  const lower = lowerFirst(label);
  return /^(the|a|an|your|their|his|her|its|this|that|any|each|every|some)\s/i.test(lower) ? lower : `the ${lower}`;
}

const FORMATS: Record<string, { what: string; example?: string }> = {
  date: { what: "a date", example: "2026-05-01" },
  time: { what: "a time", example: "14:30:00Z" },
  "iso-time": { what: "a time", example: "14:30:00" },
  "date-time": { what: "a date and time", example: "2026-05-01T14:30:00Z" },
  "iso-date-time": { what: "a date and time", example: "2026-05-01T14:30:00" },
  email: { what: "an email address", example: "name@example.com" },
  uri: { what: "a web address", example: "https://www.example.com" },
  url: { what: "a web address", example: "https://www.example.com" },
  duration: { what: "a length of time", example: "PT2H30M" },
  ipv4: { what: "an IP address", example: "192.0.2.10" },
};

const TYPES: Record<string, string> = { string: "text", number: "a number", integer: "a whole number", boolean: "yes or no", array: "a list", null: "empty" };

/** Who or what an error is about, resolved from ajv's instance path. */
type Target = { path: string; order: number[]; label: string; widget: Widget | undefined; schema: SchemaNode; kind: "root" | "field" | "group" | "item"; prefix: string; group?: GroupInfo };

function targetOf(form: CompiledForm, segments: string[]): Target {
  const [top, index, inner] = segments;
  if (top === undefined) return { path: "", order: [-1], label: "", widget: undefined, schema: {}, kind: "root", prefix: "" };
  const group = form.groups.get(top);
  if (group) {
    const i = index === undefined ? NaN : Number(index);
    if (!Number.isInteger(i)) return { path: top, order: [group.order, -1], label: group.label, widget: undefined, schema: group.schema, kind: "group", prefix: "", group };
    const itemName = `${group.itemLabel} ${i + 1}`;
    if (inner === undefined) return { path: `${top}[${i}]`, order: [group.order, i, -1], label: itemName, widget: undefined, schema: group.schema.items ?? {}, kind: "item", prefix: "", group };
    const field = group.fields.get(inner);
    return { path: `${top}[${i}].${inner}`, order: [group.order, i, field?.order ?? group.fields.size], label: field?.label ?? inner, widget: field?.widget, schema: field?.schema ?? {}, kind: "field", prefix: `${itemName}: `, group };
  }
  const field = form.fields.get(top);
  return { path: top, order: [field?.order ?? form.size], label: field?.label ?? top, widget: field?.widget, schema: field?.schema ?? {}, kind: "field", prefix: "" };
}

function widgetOf(t: Target): Widget | undefined {
  if (t.widget) return t.widget;
  if (t.schema.type === "boolean") return "yesno";
  if (Array.isArray(t.schema.enum)) return "select";
  return undefined;
}

function requiredMessage(t: Target): string {
  if (t.kind === "group") return `${t.label}: add at least one`;
  const widget = widgetOf(t);
  if (kindOf(t.label) !== "noun") return widget === "checkbox" && kindOf(t.label) === "statement" ? `Tick ${quoted(t.label)}` : `Answer ${quoted(t.label)}`;
  switch (widget) {
    case "select":
    case "radio":
    case "checkboxes":
      return `Select ${objectOf(t.label)}`;
    case "yesno":
    case "checkbox":
      return `Select yes or no for ${objectOf(t.label)}`;
    default:
      return `Enter ${objectOf(t.label)}`;
  }
}

function exampleOf(t: Target, fallback?: string): string {
  const examples = t.schema.examples;
  const given = Array.isArray(examples) && typeof examples[0] === "string" ? examples[0] : fallback;
  return given ? `, e.g. ${given}` : "";
}

/** The message for one ajv error about target `t` (before the item prefix). */
function messageFor(e: ErrorObject, t: Target): string {
  const s = subjectOf(t.label);
  const p = e.params as Record<string, unknown>;
  const limit = p.limit as number;
  switch (e.keyword) {
    case "required":
    case "dependentRequired":
      return requiredMessage(t);
    case "type": {
      if (t.kind === "item") return `${t.label} is not in the right form`;
      const expected = String(p.type).split(",").find((x) => x !== "null") ?? "null";
      return TYPES[expected] ? `${s} must be ${TYPES[expected]}` : `${s} is not in the right form`;
    }
    case "format": {
      const known = FORMATS[String(p.format)];
      return known ? `${s} must be ${known.what}${exampleOf(t, known.example)}` : `${s} is not in the right format${exampleOf(t)}`;
    }
    case "pattern":
      return `${s} is not in the right format${exampleOf(t)}`;
    case "enum":
      return `${s} must be one of the options given`;
    case "const":
      return p.allowedValue === true && widgetOf(t) === "checkbox" ? `Tick ${quoted(t.label)}` : `${s} must be ${typeof p.allowedValue === "string" ? `"${p.allowedValue}"` : n(p.allowedValue)}`;
    case "maxLength":
      return `${s} is too long: at most ${plural(limit, "character", "characters")}`;
    case "minLength":
      return `${s} is too short: at least ${plural(limit, "character", "characters")}`;
    case "maximum":
      return `${s} must be ${n(limit)} or less`;
    case "minimum":
      return `${s} must be ${n(limit)} or more`;
    case "exclusiveMaximum":
      return `${s} must be less than ${n(limit)}`;
    case "exclusiveMinimum":
      return `${s} must be more than ${n(limit)}`;
    case "multipleOf":
      return p.multipleOf === 1 ? `${s} must be a whole number` : `${s} must be a multiple of ${n(p.multipleOf)}`;
    case "minItems":
      return `${t.label}: add at least ${n(limit)}`;
    case "maxItems":
      return `${t.label}: there can be at most ${n(limit)}`;
    case "uniqueItems":
      return t.group ? `${t.label}: ${t.group.itemLabel} ${Number(p.j) + 1} and ${t.group.itemLabel} ${Number(p.i) + 1} are the same` : `${s}: two of the answers are the same`;
    default:
      return t.kind === "root" ? "Some of the answers cannot be accepted together: check the form" : `${s} is not valid`;
  }
}

/** Which error to keep when a field has several: the lowest rank (the most basic problem first). */
const RANK: Record<string, number> = { required: 0, dependentRequired: 0, type: 1, enum: 2, const: 2, format: 3, pattern: 5, uniqueItems: 6, anyOf: 7, oneOf: 7 };
for (const k of ["maxLength", "minLength", "maximum", "minimum", "exclusiveMaximum", "exclusiveMinimum", "multipleOf", "minItems", "maxItems"]) RANK[k] = 4;

/** What a draft need not have yet: answers (required) and group items (minItems). */
const COMPLETENESS = new Set(["required", "dependentRequired", "minItems", "minContains", "minProperties"]);

const segmentsOf = (instancePath: string) => (instancePath === "" ? [] : instancePath.slice(1).split("/").map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~")));

function isHidden(hidden: HiddenCollector, segments: string[]): boolean {
  const [top, index, inner] = segments;
  if (top === undefined) return false;
  if (hidden.fields.has(top)) return true;
  if (index === undefined || inner === undefined) return false;
  return hidden.itemFields.get(top)?.[Number(index)]?.has(inner) ?? false;
}

/** Turns ajv's errors into one message per field, leaving out what a draft or a hidden part need not have. */
function locate(form: CompiledForm, ajvErrors: ErrorObject[], raw: FormAnswers, isDraft: boolean): Located[] {
  // What is hidden matters only to an error about an answer that is missing: every other error is
  // about a value the validated answers hold, and those hold nothing hidden (visibleAnswersByPlan
  // drops each name it reports hidden). So it is worked out on the first missing answer only.
  let hidden: HiddenCollector | undefined;
  const hiddenNow = (): HiddenCollector => {
    if (!hidden) {
      hidden = { fields: new Set(), itemFields: new Map() };
      visibleAnswersByPlan(form.plan, raw, hidden);
    }
    return hidden;
  };
  // anyOf/oneOf report each branch's errors beside their own: those explain the one failure.
  const alternatives = ajvErrors.filter((e) => e.keyword === "anyOf" || e.keyword === "oneOf");
  const branchesOf = (a: ErrorObject) => ajvErrors.filter((e) => e !== a && e.schemaPath.startsWith(`${a.schemaPath}/`) && e.instancePath.startsWith(a.instancePath));
  const isBranch = (e: ErrorObject) => alternatives.some((a) => a !== e && e.schemaPath.startsWith(`${a.schemaPath}/`) && e.instancePath.startsWith(a.instancePath));

  const out: Located[] = [];
  for (const e of ajvErrors) {
    // "must match then": the then-branch's own errors say what is missing.
    if (e.keyword === "if" || isBranch(e)) continue;
    let segments = segmentsOf(e.instancePath);
    const isMissing = e.keyword === "required" || e.keyword === "dependentRequired";
    if (isMissing) segments = [...segments, String((e.params as { missingProperty: unknown }).missingProperty)];
    if (e.keyword === "additionalProperties" || e.keyword === "unevaluatedProperties") {
      const name = String((e.params as { additionalProperty?: unknown; unevaluatedProperty?: unknown }).additionalProperty ?? (e.params as { unevaluatedProperty?: unknown }).unevaluatedProperty);
      const t = targetOf(form, [...segments, name]);
      out.push({ path: t.path, message: t.prefix + (t.prefix ? lowerFirst(unknownFieldMessage(name)) : unknownFieldMessage(name)), order: t.order, rank: 1 });
      continue;
    }
    if (isDraft && COMPLETENESS.has(e.keyword)) continue;
    if (isMissing && isHidden(hiddenNow(), segments)) continue;
    if (e.keyword === "anyOf" || e.keyword === "oneOf") {
      const branches = branchesOf(e);
      if (isDraft && branches.length > 0 && branches.every((b) => COMPLETENESS.has(b.keyword))) continue;
      const missing = branches.filter((b) => b.keyword === "required" && b.instancePath === e.instancePath).map((b) => targetOf(form, [...segments, String((b.params as { missingProperty: unknown }).missingProperty)]));
      if (missing.length > 0 && missing.length === branches.length) {
        missing.sort((a, b) => compareOrder(a.order, b.order));
        const first = missing[0]!;
        const labels = [...new Set(missing.map((m) => m.label))].join(", ");
        out.push({ path: first.path, message: first.prefix + `${first.prefix ? "answer" : "Answer"} at least one of: ${labels}`, order: first.order, rank: 0 });
        continue;
      }
      // Otherwise the best-ranked branch's own message, if there is one at the same place.
      const best = branches.filter((b) => b.instancePath === e.instancePath).sort((a, b) => (RANK[a.keyword] ?? 8) - (RANK[b.keyword] ?? 8))[0];
      const t = targetOf(form, segments);
      const message = messageFor(best ?? e, t);
      out.push({ path: t.path, message: t.prefix ? t.prefix + lowerFirst(message) : message, order: t.order, rank: RANK[e.keyword]! });
      continue;
    }
    const t = targetOf(form, segments);
    const message = messageFor(e, t);
    out.push({ path: t.path, message: t.prefix ? t.prefix + lowerFirst(message) : message, order: t.order, rank: RANK[e.keyword] ?? 8 });
  }
  return out;
}

function compareOrder(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? -Infinity) - (b[i] ?? -Infinity);
    if (d !== 0) return d;
  }
  return 0;
}

/** A field name as shown in a message: quoted and escaped, and cut short when absurdly long. */
const shownName = (name: string) => JSON.stringify(name.length > 64 ? `${name.slice(0, 64)}…` : name);
const unknownFieldMessage = (name: string) => `There is no field ${shownName(name)} on this form`;

/**
 * One walk over the submission: every field the form does not have (top level and inside
 * repeating-group items), its size (see nestedBound), stopping once past the limit, and whether it
 * is clean (nothing unknown, nothing unanswered: see visibleAnswersByPlan).
 */
function inspect(form: CompiledForm, raw: FormAnswers, unknown: Located[]): Inspection {
  // Locals rather than an object's fields, so that the loop keeps them in registers.
  let bound = 2;
  let isAllKept = true;
  let extra = 0;
  // for…in rather than Object.keys: V8 reads each value through the object's key cache. raw and
  // its items are plain objects (isPlainObject): nothing enumerable is inherited unless
  // Object.prototype itself was polluted, which no check here could stand against.
  for (const key in raw) {
    const value = raw[key];
    const known = form.knownFields.get(key);
    bound += 4 + 6 * key.length;
    if (known && Array.isArray(value)) {
      const group = form.groups.get(key)!;
      bound += 2 + value.length;
      for (let i = 0; i < value.length && bound <= MAX_SUBMISSION_BYTES; i++) {
        const item: unknown = value[i];
        if (!isPlainObject(item)) {
          if (typeof item === "string") bound += 6 + 6 * item.length;
          else if (typeof item !== "object" || item === null) bound += 28;
          else bound = nestedBound(item, bound + 4);
          if (isAllKept && !isKept(item)) isAllKept = false;
          continue;
        }
        bound += 2;
        for (const inner in item) {
          const v = item[inner];
          bound += 4 + 6 * inner.length;
          // The size and isKept in one look at the type (isKept itself where it is not plain).
          if (typeof v === "string") {
            bound += 2 + 6 * v.length;
            if (isAllKept && (v.length === 0 || v.charCodeAt(0) <= 32) && !isKept(v)) isAllKept = false;
          } else if (typeof v !== "object" || v === null) {
            bound += 24;
            if (v === null || v === undefined) isAllKept = false;
          } else bound = nestedBound(v, bound);
          if (known.has(inner)) continue;
          isAllKept = false;
          if (unknown.length < MAX_UNKNOWN_NAMED) unknown.push({ path: `${key}[${i}].${inner.slice(0, 100)}`, message: `${group.itemLabel} ${i + 1}: ${lowerFirst(unknownFieldMessage(inner))}`, order: [group.order, i, group.fields.size + unknown.length], rank: 1 });
          else extra++;
        }
      }
    } else {
      if (typeof value === "string") {
        bound += 2 + 6 * value.length;
        if (isAllKept && (value.length === 0 || value.charCodeAt(0) <= 32) && !isKept(value)) isAllKept = false;
      } else if (typeof value !== "object" || value === null) {
        bound += 24;
        if (value === null || value === undefined) isAllKept = false;
      } else bound = nestedBound(value, bound);
      if (known === undefined) {
        isAllKept = false;
        if (unknown.length < MAX_UNKNOWN_NAMED) unknown.push({ path: key.slice(0, 100), message: unknownFieldMessage(key), order: [form.size + unknown.length], rank: 1 });
        else extra++;
      }
    }
    if (bound > MAX_SUBMISSION_BYTES) break;
  }
  if (extra > 0) unknown.push({ path: "", message: `There are ${plural(extra, "more field", "more fields")} this form does not have`, order: [Number.MAX_SAFE_INTEGER], rank: 1 });
  return { bound, isAllKept };
}

const NOT_AN_OBJECT = "A submission must be a set of answers: a JSON object of field names and values";
const TOO_LARGE = `This submission is too large: at most ${MAX_SUBMISSION_BYTES / 1024 / 1024} MB. Shorten the longest answers, or attach large material as a file`;
const refuse = (message: string): SubmissionResult => ({ ok: false, errors: [{ path: "", message }] });

/**
 * Validates a submission (or a draft) of a form: refuses what is not a JSON object, above 5 MB,
 * or holding fields the form does not have; drops the answers of hidden parts; checks the rest
 * against the schema. Returns the answers to store (`raw` itself when nothing was dropped; it is
 * never changed), or one plain-English error per field in layout order. Throws
 * InvalidFormDefinitionError if the definition's schema cannot be compiled.
 */
export function validateSubmission(definition: FormDefinition, raw: unknown, options: ValidateSubmissionOptions): SubmissionResult {
  if (!isPlainObject(raw)) return refuse(NOT_AN_OBJECT);
  const form = formValidatorFor(definition, options.versionId);
  const unknown: Located[] = [];
  const walk = inspect(form, raw, unknown);
  if (walk.bound > MAX_SUBMISSION_BYTES) {
    const fits = fitsExactly(raw, MAX_SUBMISSION_BYTES);
    if (fits === null) return refuse(NOT_AN_OBJECT);
    if (!fits) return refuse(TOO_LARGE);
    // Under the limit after all, but the walk stopped early: it cannot vouch for the rest.
    walk.isAllKept = false;
  }
  const data = visibleAnswersByPlan(form.plan, raw, undefined, walk.isAllKept);
  let validate = form.validate;
  let isValid = validate(data);
  if (!isValid && form.isCountingUnits && validate.errors?.some((e) => e.keyword === "maxLength" && !isTooLongInCharacters(data, e))) {
    validate = form.validateExact();
    isValid = validate(data);
  }
  if (isValid && unknown.length === 0) return { ok: true, data };

  const located = isValid ? unknown : [...locate(form, validate.errors ?? [], raw, options.isDraft), ...unknown];
  // One per field: the most basic problem, the first reported among equals.
  // The whole form's own errors (path "") are not a field's: each is kept.
  const byPath = new Map<string, Located>();
  located.forEach((e, i) => {
    const key = e.path === "" ? `#${i}` : e.path;
    const kept = byPath.get(key);
    if (!kept || e.rank < kept.rank) byPath.set(key, e);
  });
  const errors = [...byPath.values()].sort((a, b) => compareOrder(a.order, b.order)).map(({ path, message }) => ({ path, message }));
  if (errors.length === 0) return { ok: true, data };
  if (errors.length > MAX_ERRORS) {
    const left = errors.length - MAX_ERRORS;
    return { ok: false, errors: [...errors.slice(0, MAX_ERRORS), { path: "", message: `${plural(left, "more answer needs", "more answers need")} attention` }] };
  }
  return { ok: false, errors };
}
