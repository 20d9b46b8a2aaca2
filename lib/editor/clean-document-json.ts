/**
 * Cleaning editor JSON that may not have come from the editor: a document submitted through the
 * API, restored from an old version, or produced from a Yjs state that a hostile client wrote.
 * The threat is stored cross-site scripting and its cousins in exports: a node type the schema
 * does not know (`script`, `iframe`, a raw `html` node), an attribute it does not declare
 * (`onclick`, `style`), a link to `javascript:`/`data:`/`vbscript:`, an image that loads from
 * outside Accord, or text with control characters that break the XML of a .docx.
 *
 * Everything outside the schema is dropped rather than repaired: a node of unknown type goes
 * with its content, a mark of unknown type or a link with an unsafe href loses the mark (its
 * text stays), an image with an unsafe source keeps no source, and an attribute the editor
 * never writes, or with a value it never writes, falls back to its default. Every renderer (HTML, .docx, PDF)
 * calls this first, so none of them relies on the content having been cleaned on its way in.
 */
import type { JSONContent } from "@tiptap/core";
import { documentSchema } from "./document-schema";
import { HEADING_LEVELS } from "./extensions";
import { isSafeImageSrc, isSafeLinkUrl } from "./safe-urls";

/** Nesting beyond this is dropped: real documents stay far below it; deeper input only exhausts the stack. */
export const MAX_DOCUMENT_DEPTH = 64;

/** Attribute strings longer than this are dropped (a mention label or alt text is short). */
const MAX_ATTRIBUTE_LENGTH = 2048;

/** An empty document: what anything unusable becomes. */
export function emptyDocumentJson(): JSONContent {
  return { type: "doc", content: [{ type: "paragraph" }] };
}

// C0/C1 controls other than tab, plus lone surrogates and non-characters: none is text a person
// typed, and XML 1.0 (every .docx part) refuses most of them outright.
const UNPRINTABLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** `text` without characters that no renderer can represent safely. */
export function printableText(text: string): string {
  return text.replace(UNPRINTABLE, "");
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A declared attribute's value if it is a plain scalar; objects and arrays never are. */
function scalar(value: unknown): string | number | boolean | null | undefined {
  if (value === null || typeof value === "boolean") return value;
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (typeof value === "string") return value.length <= MAX_ATTRIBUTE_LENGTH ? printableText(value) : undefined;
  return undefined;
}

type AttributeRule = (value: unknown) => boolean;

const positiveInteger = (max: number): AttributeRule => (value) => Number.isInteger(value) && (value as number) >= 1 && (value as number) <= max;
const isString: AttributeRule = (value) => typeof value === "string";
const CELL_ATTRIBUTES: Record<string, AttributeRule> = {
  colspan: positiveInteger(100),
  rowspan: positiveInteger(1000),
  align: (value) => ["left", "center", "right", "justify"].includes(value as string),
};

/**
 * Which of the schema's declared attributes content may set, and to what. The schema declares
 * more than the editor ever writes (a link's `class` and `target`, a cell's free-text `align`
 * that renders into a style); those are left to their defaults, so a hostile value never
 * reaches a renderer. Types and attributes not listed keep no attributes at all.
 */
const ALLOWED_ATTRIBUTES: Record<string, Record<string, AttributeRule>> = {
  heading: { level: (value) => (HEADING_LEVELS as readonly unknown[]).includes(value) },
  orderedList: { start: positiveInteger(100_000), type: (value) => ["1", "a", "A", "i", "I"].includes(value as string) },
  taskItem: { checked: (value) => typeof value === "boolean" },
  tableCell: CELL_ATTRIBUTES,
  tableHeader: CELL_ATTRIBUTES,
  image: { src: isSafeImageSrc, alt: isString, title: isString },
  mention: { id: isString, label: isString, mentionSuggestionChar: (value) => value === "@" },
  link: { href: isSafeLinkUrl, title: isString },
};

/** Only the attributes `declared` names and ALLOWED_ATTRIBUTES lets through; undefined when none is left. */
function cleanAttrs(type: string, declared: Record<string, unknown> | undefined, attrs: unknown): Record<string, unknown> | undefined {
  const rules = ALLOWED_ATTRIBUTES[type];
  if (!declared || !rules || !isPlainObject(attrs)) return undefined;
  const kept: Record<string, unknown> = {};
  for (const [name, isAllowed] of Object.entries(rules)) {
    if (!Object.hasOwn(declared, name) || !Object.hasOwn(attrs, name)) continue;
    const value = scalar(attrs[name]);
    if (value !== undefined && value !== null && isAllowed(value)) kept[name] = value;
  }
  return Object.keys(kept).length ? kept : undefined;
}

function cleanMarks(marks: unknown): JSONContent["marks"] {
  if (!Array.isArray(marks)) return undefined;
  const schema = documentSchema();
  const kept: NonNullable<JSONContent["marks"]> = [];
  for (const mark of marks) {
    if (!isPlainObject(mark) || typeof mark.type !== "string" || !Object.hasOwn(schema.marks, mark.type)) continue;
    if (kept.some((k) => k.type === mark.type)) continue;
    const attrs = cleanAttrs(mark.type, schema.marks[mark.type]!.spec.attrs, mark.attrs);
    // A link is only as good as its href: without a safe one, the text stays and the link goes.
    if (mark.type === "link" && !isSafeLinkUrl(attrs?.href)) continue;
    kept.push(attrs ? { type: mark.type, attrs } : { type: mark.type });
  }
  return kept.length ? kept : undefined;
}

function cleanNode(value: unknown, depth: number): JSONContent | null {
  if (depth > MAX_DOCUMENT_DEPTH || !isPlainObject(value) || typeof value.type !== "string") return null;
  const schema = documentSchema();
  // "doc" only at the root: a document nested in a document is nothing the editor makes.
  if (value.type === "doc" || !Object.hasOwn(schema.nodes, value.type)) return null;
  if (value.type === "text") {
    if (typeof value.text !== "string") return null;
    const text = printableText(value.text);
    if (!text) return null;
    const marks = cleanMarks(value.marks);
    return marks ? { type: "text", text, marks } : { type: "text", text };
  }
  const node: JSONContent = { type: value.type };
  const attrs = cleanAttrs(value.type, schema.nodes[value.type]!.spec.attrs, value.attrs);
  if (attrs) node.attrs = attrs;
  const content = cleanContent(value.content, depth + 1);
  if (content.length) node.content = content;
  return node;
}

function cleanContent(content: unknown, depth: number): JSONContent[] {
  if (!Array.isArray(content)) return [];
  return content.map((child) => cleanNode(child, depth)).filter((child): child is JSONContent => child !== null);
}

/** `json` reduced to what the document schema allows (an empty document when nothing is left). */
export function cleanDocumentJson(json: unknown): JSONContent {
  if (!isPlainObject(json) || json.type !== "doc") return emptyDocumentJson();
  const content = cleanContent(json.content, 1);
  return content.length ? { type: "doc", content } : emptyDocumentJson();
}

/** True for an attribute value the schema's attributes can hold: a short string, a finite number, a boolean or null. */
export function isScalarAttribute(value: unknown): boolean {
  return scalar(value) !== undefined && (typeof value !== "string" || printableText(value) === value);
}

/** True for any value an attribute of the schema holds: a scalar, or a short list of numbers (a table cell's column widths). */
export function isPlainAttributeValue(value: unknown): boolean {
  return isScalarAttribute(value) || (Array.isArray(value) && value.length <= 1000 && value.every((n) => typeof n === "number" && Number.isFinite(n)));
}
