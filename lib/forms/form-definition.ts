/**
 * A form definition as data (issue 7): a JSON Schema (2020-12) for what a submission holds, plus
 * a layout saying how it is asked for: pages of sections of fields, help text, which sections are
 * not disclosable (the MG11's reverse), conditions that show a section or a field only when an
 * answer says so, and repeating groups (exhibits, further witnesses).
 *
 * The schema is the truth the server validates against (lib/forms/validate-submission.ts, ajv);
 * the layout only presents it. The two are checked against each other here, so that a form can
 * never ask for a field the schema does not know, nor leave a schema field nowhere on any page.
 * A condition in the layout (`showWhen`) hides the section while its answer says so; what the
 * hidden section must hold when shown is written in the schema as an `if`/`then` (for example:
 * a witness under 18 must have the special-measures section filled in), and answers of a hidden
 * section are dropped before validation, so they are neither required nor kept.
 *
 * The shape is deliberately small: a top-level object whose properties are the fields; a
 * repeating group is an array property whose items are an object of fields. Field names are
 * identifiers, so a field's path is `name` or `group[].name` and nothing needs escaping.
 */
import { z } from "zod";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { knownFields } from "../responses/response-template";

/** A field's name: an identifier (it is a JSON property name and a form control's name). */
export const FIELD_NAME = /^[a-zA-Z][a-zA-Z0-9_]{0,63}$/;

const text = (max: number, what: string) => z.string({ message: `${what} must be text` }).trim().min(1, `${what} is required`).max(max, `${what} is longer than ${max} characters`);
const optionalText = (max: number, what: string) => z.string({ message: `${what} must be text` }).trim().max(max, `${what} is longer than ${max} characters`).optional();
const fieldName = (what: string) => z.string({ message: `${what} must be a field name` }).regex(FIELD_NAME, `${what} must be a field name: a letter, then letters, digits or _ (at most 64)`);

/**
 * When a section or field is shown: an answer equal to a value, one of several values, or
 * (for a yes/no field) answered at all; `all`/`any` combine them. The field named must be a
 * top-level field (a condition inside a repeating group may also name a field of the same item).
 */
export type FormCondition =
  | { field: string; equals: string | number | boolean }
  | { field: string; in: (string | number | boolean)[] }
  | { field: string; isAnswered: boolean }
  | { all: FormCondition[] }
  | { any: FormCondition[] };

const scalar = z.union([z.string().max(200), z.number(), z.boolean()], { message: "A condition compares with text, a number or true/false" });
export const ZCondition: z.ZodType<FormCondition> = z.lazy(() =>
  z.union(
    [
      knownFields("A condition", { field: fieldName("A condition's field"), equals: scalar }),
      knownFields("A condition", { field: fieldName("A condition's field"), in: z.array(scalar).min(1, "A condition's list of values cannot be empty").max(50) }),
      knownFields("A condition", { field: fieldName("A condition's field"), isAnswered: z.boolean() }),
      knownFields("A condition", { all: z.array(ZCondition).min(1).max(10) }),
      knownFields("A condition", { any: z.array(ZCondition).min(1).max(10) }),
    ],
    { message: "A condition is { field, equals }, { field, in }, { field, isAnswered }, { all } or { any }" },
  ),
);

/** How a field is asked for (the schema says what it may hold; this says which control shows it). */
export const WIDGETS = ["text", "textarea", "number", "date", "time", "datetime", "email", "tel", "select", "radio", "checkbox", "checkboxes", "yesno"] as const;
export type Widget = (typeof WIDGETS)[number];

export const ZFieldLayout = knownFields("A field", {
  field: fieldName("A field"),
  label: text(200, "A field's label"),
  help: optionalText(1000, "A field's help text"),
  widget: z.enum(WIDGETS, { message: `A field's widget is one of ${WIDGETS.join(", ")}` }).optional(),
  showWhen: ZCondition.optional(),
});
export type FieldLayout = z.infer<typeof ZFieldLayout>;

/** A repeating group: an array field of the schema whose items are objects of these fields. */
export const ZGroupLayout = knownFields("A repeating group", {
  group: fieldName("A repeating group"),
  label: text(200, "A repeating group's label"),
  /** What one item is called ("Exhibit", "Witness"), for "Add exhibit" and "Exhibit 2". */
  itemLabel: text(60, "A repeating group's item label"),
  help: optionalText(1000, "A repeating group's help text"),
  fields: z.array(ZFieldLayout).min(1, "A repeating group needs at least one field").max(40, "A repeating group has at most 40 fields"),
  showWhen: ZCondition.optional(),
});
export type GroupLayout = z.infer<typeof ZGroupLayout>;

export const ZSectionLayout = knownFields("A section", {
  id: fieldName("A section's id"),
  title: text(200, "A section's title"),
  help: optionalText(2000, "A section's help text"),
  /** False for what is never disclosed to the defence (the MG11's reverse): shown and kept, left out of disclosable renditions. */
  isDisclosable: z.boolean().default(true),
  showWhen: ZCondition.optional(),
  items: z.array(z.union([ZGroupLayout, ZFieldLayout], { message: "A section's item is a field { field, label } or a repeating group { group, label, itemLabel, fields }" })).min(1, "A section needs at least one field").max(80, "A section has at most 80 items"),
});
export type SectionLayout = z.infer<typeof ZSectionLayout>;

export const ZPageLayout = knownFields("A page", {
  id: fieldName("A page's id"),
  title: text(200, "A page's title"),
  sections: z.array(ZSectionLayout).min(1, "A page needs at least one section").max(30, "A page has at most 30 sections"),
});

export const ZFormLayout = knownFields("A layout", {
  pages: z.array(ZPageLayout).min(1, "A form needs at least one page").max(30, "A form has at most 30 pages"),
  /** Text printed on every page of the rendition (the MG11's s.9 declaration), if any. */
  declaration: optionalText(2000, "The declaration"),
});
export type FormLayout = z.infer<typeof ZFormLayout>;

/** The JSON Schema dialect every form's schema is written in. */
export const SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema";

export const ZFormDefinition = knownFields("A form", {
  key: z.string({ message: "A form's key must be text" }).regex(/^[a-z0-9-]{2,64}$/, "A form's key is 2 to 64 lowercase letters, digits and hyphens"),
  title: text(200, "A form's title"),
  summary: text(1000, "A form's summary"),
  /** The marking a submission starts with (never below the space's default, never above its ceiling). */
  defaultMarking: text(200, "A form's default marking"),
  schema: z.record(z.string(), z.unknown(), { message: "A form's schema must be a JSON Schema object" }),
  layout: ZFormLayout,
});
export type FormDefinition = z.infer<typeof ZFormDefinition>;

/** A form whose definition is not valid, with every problem found (each with where it is). */
export class InvalidFormDefinitionError extends Error {
  constructor(readonly problems: { path: string; message: string }[]) {
    super(`The form definition is not valid: ${problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join("; ")}`);
    this.name = "InvalidFormDefinitionError";
  }
}

// One validator for schemas themselves: strict, so that a misspelt keyword ("requried") is an
// error rather than silently ignored; but an `if`/`then` may require a field the top level
// defines (how a condition makes a section required), which strictRequired would refuse.
// The formats are those the validator knows (ajv-formats), so that a misspelt one ("dat") is
// refused here rather than when the form is first filled in.
const metaValidator = new Ajv2020({ strict: true, strictRequired: false, allErrors: true });
addFormats(metaValidator);

type SchemaNode = { type?: unknown; properties?: Record<string, SchemaNode>; items?: SchemaNode; required?: unknown };

/** Every field the layout places: its path (`name` or `group[].name`). */
export function layoutFieldPaths(layout: FormLayout): string[] {
  const paths: string[] = [];
  for (const page of layout.pages)
    for (const section of page.sections)
      for (const item of section.items) {
        if ("group" in item) {
          paths.push(item.group);
          for (const f of item.fields) paths.push(`${item.group}[].${f.field}`);
        } else paths.push(item.field);
      }
  return paths;
}

/**
 * Parses and checks a definition: the envelope and layout (zod), the schema against the 2020-12
 * meta-schema (strict), the schema's shape (a top-level object of fields; a repeating group an
 * array of objects), and the layout against the schema: every field placed exists, each once,
 * groups are arrays, every schema field is placed, and every condition names a known field.
 * Throws InvalidFormDefinitionError listing every problem.
 */
export function parseFormDefinition(raw: unknown): FormDefinition {
  const parsed = ZFormDefinition.safeParse(raw);
  if (!parsed.success) throw new InvalidFormDefinitionError(parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })));
  const form = parsed.data;
  const problems: { path: string; message: string }[] = [];
  const schema = form.schema as SchemaNode & { $schema?: unknown };
  const asSchema = form.schema as Record<string, unknown>;
  if (schema.$schema !== SCHEMA_DIALECT) problems.push({ path: "schema.$schema", message: `A form's schema must declare "${SCHEMA_DIALECT}"` });
  else if (!metaValidator.validateSchema(asSchema)) {
    for (const e of metaValidator.errors ?? []) problems.push({ path: `schema${e.instancePath.replace(/\//g, ".")}`, message: `is not valid JSON Schema: ${e.message ?? "invalid"}` });
  } else {
    try {
      metaValidator.compile(asSchema);
      // Compiled only to find what validateSchema cannot (an unresolvable $ref): not kept.
      metaValidator.removeSchema(asSchema);
    } catch (err) {
      problems.push({ path: "schema", message: `is not valid JSON Schema: ${(err as Error).message}` });
    }
  }
  if (schema.type !== "object" || typeof schema.properties !== "object" || schema.properties === null) {
    problems.push({ path: "schema", message: 'A form\'s schema must be { "type": "object", "properties": { … } }' });
    throw new InvalidFormDefinitionError(problems);
  }
  const fields = new Map<string, SchemaNode>();
  for (const [name, node] of Object.entries(schema.properties)) {
    if (!FIELD_NAME.test(name)) problems.push({ path: `schema.properties.${name}`, message: "A field's name must be a letter, then letters, digits or _" });
    fields.set(name, node);
    if (node.type === "array") {
      const items = node.items;
      if (!items || items.type !== "object" || typeof items.properties !== "object") {
        problems.push({ path: `schema.properties.${name}`, message: "A list field must be a repeating group: an array whose items are an object of fields" });
        continue;
      }
      for (const [inner, innerNode] of Object.entries(items.properties ?? {})) {
        if (!FIELD_NAME.test(inner)) problems.push({ path: `schema.properties.${name}.items.properties.${inner}`, message: "A field's name must be a letter, then letters, digits or _" });
        fields.set(`${name}[].${inner}`, innerNode);
      }
    }
  }

  const placed = new Set<string>();
  const checkCondition = (condition: FormCondition | undefined, where: string, group?: string) => {
    if (!condition) return;
    if ("all" in condition) return condition.all.forEach((c, i) => checkCondition(c, `${where}.all.${i}`, group));
    if ("any" in condition) return condition.any.forEach((c, i) => checkCondition(c, `${where}.any.${i}`, group));
    const known = fields.has(condition.field) || (group !== undefined && fields.has(`${group}[].${condition.field}`));
    if (!known) problems.push({ path: `${where}.field`, message: `A condition names "${condition.field}", which the schema does not have` });
  };
  const place = (path: string, where: string) => {
    if (placed.has(path)) problems.push({ path: where, message: `"${path}" is placed twice` });
    placed.add(path);
    if (!fields.has(path)) problems.push({ path: where, message: `"${path}" is not a field of the schema` });
  };
  const sectionIds = new Set<string>();
  form.layout.pages.forEach((page, p) =>
    page.sections.forEach((section, s) => {
      const where = `layout.pages.${p}.sections.${s}`;
      if (sectionIds.has(section.id)) problems.push({ path: `${where}.id`, message: `Two sections have the id "${section.id}"` });
      sectionIds.add(section.id);
      checkCondition(section.showWhen, `${where}.showWhen`);
      section.items.forEach((item, i) => {
        const at = `${where}.items.${i}`;
        if ("group" in item) {
          place(item.group, at);
          if (fields.get(item.group) && fields.get(item.group)!.type !== "array") problems.push({ path: at, message: `"${item.group}" is a repeating group in the layout but not a list in the schema` });
          checkCondition(item.showWhen, `${at}.showWhen`);
          item.fields.forEach((f, j) => {
            place(`${item.group}[].${f.field}`, `${at}.fields.${j}`);
            checkCondition(f.showWhen, `${at}.fields.${j}.showWhen`, item.group);
          });
        } else {
          place(item.field, at);
          if (fields.get(item.field)?.type === "array") problems.push({ path: at, message: `"${item.field}" is a list in the schema: place it as a repeating group` });
          checkCondition(item.showWhen, `${at}.showWhen`);
        }
      });
    }),
  );
  for (const path of fields.keys()) if (!placed.has(path)) problems.push({ path: "layout", message: `The schema's field "${path}" is on no page` });
  if (problems.length > 0) throw new InvalidFormDefinitionError(problems);
  return form;
}
