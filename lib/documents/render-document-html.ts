/**
 * A document's HTML, produced on the server from its stored JSON (security.md, "Rich text"): what
 * the print view shows and the HTML export contains. The threat is stored cross-site scripting:
 * content written by another person, possibly by a hostile client speaking Yjs directly, must
 * never run script in a reader's browser, in Accord or in a file saved from it.
 *
 * Three layers, each enough on its own for the schema's output:
 * 1. the JSON is reduced to the document schema (cleanDocumentJson), whatever its origin;
 * 2. HTML is written from the schema's own `toDOM` specs (the very renderHTML of the editor's
 *    extensions) by a small string serializer that escapes every text and attribute, instead of
 *    a DOM emulation (happy-dom) that would parse and re-serialize it;
 * 3. the result goes through sanitize-html with an allow-list of exactly the tags and attributes
 *    those specs produce: links only https/mailto/tel (and always `rel="noopener noreferrer
 *    nofollow"`), images only from Accord's file route, no `style`, no event handlers, no class
 *    but `mention`.
 */
import sanitizeHtml from "sanitize-html";
import type { JSONContent } from "@tiptap/core";
import type { DOMOutputSpec, Mark, Node as PmNode } from "@tiptap/pm/model";
import { documentSchema } from "../editor/document-schema";
import { cleanDocumentJson } from "../editor/clean-document-json";
import { isSafeImageSrc, isSafeLinkUrl, LINK_PROTOCOLS } from "../editor/safe-urls";
import { imagePlaceholder } from "./document-runs";

/** What every link in rendered content carries: no opener, no referrer, no endorsement. */
export const LINK_REL = "noopener noreferrer nofollow";

const VOID_ELEMENTS = new Set(["br", "hr", "img", "input", "col"]);
const TAG_NAME = /^[a-z][a-z0-9]*$/;
const ATTRIBUTE_NAME = /^[a-z][a-z0-9-]*$/;

const escapeText = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const escapeAttribute = (value: string) => escapeText(value).replace(/"/g, "&quot;");

/**
 * A DOMOutputSpec written as HTML, with `hole` (already HTML) where the spec puts its content.
 * Only the array-and-string form is accepted: a spec that returns a DOM node would need a DOM,
 * and no extension of the schema does, so one appearing is a bug to fail loudly on.
 */
function specToHtml(spec: DOMOutputSpec, hole: string): string {
  if (typeof spec === "string") return escapeText(spec);
  if (!Array.isArray(spec)) throw new Error("render-document-html: a schema spec that is not an array");
  const [tag, ...rest] = spec as readonly unknown[];
  if (typeof tag !== "string" || !TAG_NAME.test(tag)) throw new Error(`render-document-html: unexpected tag ${String(tag)}`);
  let attributes = "";
  let children = rest;
  const first = rest[0];
  if (first !== null && typeof first === "object" && !Array.isArray(first)) {
    children = rest.slice(1);
    for (const [name, value] of Object.entries(first as Record<string, unknown>)) {
      // Attribute names come from the schema, never from content; anything odd is skipped, and
      // so are inline styles (tiptap's table widths): print CSS styles the content.
      if (value === null || value === undefined || name === "style" || !ATTRIBUTE_NAME.test(name)) continue;
      attributes += ` ${name}="${escapeAttribute(String(value))}"`;
    }
  }
  if (VOID_ELEMENTS.has(tag)) return `<${tag}${attributes}>`;
  const inner = children.map((child) => (child === 0 ? hole : specToHtml(child as DOMOutputSpec, hole))).join("");
  return `<${tag}${attributes}>${inner}</${tag}>`;
}

function markToHtml(mark: Mark, inner: string): string {
  const toDOM = mark.type.spec.toDOM;
  return toDOM ? specToHtml(toDOM(mark, true), inner) : inner;
}

/**
 * How images are written. "embed": as Accord's own <img>, for pages Accord serves, where the file
 * route answers with the viewer's session. "describe": as their description in text, as in the
 * .docx and PDF exports, for a file that leaves Accord: it must fetch nothing, and there the
 * image's path would point at whatever server the file is opened from.
 */
export type ImageRendering = "embed" | "describe";

/** How a rendering treats what it cannot take from Accord. */
export type RenderOptions = { images?: ImageRendering };

function nodeToHtml(node: PmNode, options: RenderOptions): string {
  if (node.isText) return node.marks.reduceRight((inner, mark) => markToHtml(mark, inner), escapeText(node.text ?? ""));
  if (node.type.name === "image" && options.images === "describe") return `<p><em>${escapeText(imagePlaceholder(node.toJSON() as JSONContent))}</em></p>`;
  let children = "";
  node.content.forEach((child) => {
    children += nodeToHtml(child, options);
  });
  const toDOM = node.type.spec.toDOM;
  return toDOM ? specToHtml(toDOM(node), children) : children;
}

const CELL_SPAN = /^[1-9][0-9]?$/;
const cellTransform: sanitizeHtml.Transformer = (tagName, attribs) => ({
  tagName,
  attribs: Object.fromEntries(["colspan", "rowspan"].filter((name) => CELL_SPAN.test(attribs[name] ?? "")).map((name) => [name, attribs[name]!])),
});

/** The allow-list: exactly what the schema's specs produce, and nothing executable. */
const SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ["p", "h2", "h3", "h4", "strong", "em", "u", "s", "code", "a", "br", "hr", "ul", "ol", "li", "blockquote", "table", "tbody", "tr", "th", "td", "img", "span", "label", "input", "div"],
  allowedAttributes: {
    a: ["href", "rel"],
    ol: ["start", { name: "type", values: ["1", "a", "A", "i", "I"] }],
    ul: [{ name: "data-type", values: ["taskList"] }],
    li: [
      { name: "data-type", values: ["taskItem"] },
      { name: "data-checked", values: ["true", "false"] },
    ],
    th: ["colspan", "rowspan"],
    td: ["colspan", "rowspan"],
    img: ["src", "alt", "title"],
    span: ["class", "data-user-id"],
    input: [{ name: "type", values: ["checkbox"] }, "checked", "disabled"],
  },
  allowedClasses: { span: ["mention"] },
  allowedSchemes: [...LINK_PROTOCOLS],
  // Images carry no scheme at all: only Accord's own /api/v1/files/<id>/content path.
  allowedSchemesByTag: { img: [] },
  allowedSchemesAppliedToAttributes: ["href", "src"],
  allowProtocolRelative: false,
  parseStyleAttributes: false,
  disallowedTagsMode: "discard",
  transformTags: {
    // The scheme list above is the sanitizer's check; isSafeLinkUrl is Accord's (no control
    // characters, absolute URLs only). A link failing it keeps its text and loses the link.
    a: (_tagName, attribs): sanitizeHtml.Tag =>
      isSafeLinkUrl(attribs.href) ? { tagName: "a", attribs: { href: attribs.href, rel: LINK_REL } } : { tagName: "span", attribs: {} },
    // A task checkbox shows its state; nobody ticks it in a rendering. (Any other input keeps its
    // type here, so that exclusiveFilter below drops it.)
    input: (_tagName, attribs) => ({ tagName: "input", attribs: { type: attribs.type ?? "", disabled: "disabled", ...(attribs.checked !== undefined ? { checked: "checked" } : {}) } }),
    th: cellTransform,
    td: cellTransform,
  },
  exclusiveFilter: (frame) => (frame.tag === "img" && !isSafeImageSrc(frame.attribs.src)) || (frame.tag === "input" && frame.attribs.type !== "checkbox"),
};

/** `html` through the document allow-list (the last layer; also usable on its own). */
export function sanitizeDocumentHtml(html: string): string {
  return sanitizeHtml(html, SANITIZE_OPTIONS);
}

/** Layers 1 and 2 alone: the cleaned JSON written from the schema's specs, before the sanitizer (exported so tests can hold each layer to account). */
export function schemaHtml(json: JSONContent | unknown, options: RenderOptions = {}): string {
  const doc = documentSchema().nodeFromJSON(cleanDocumentJson(json));
  let html = "";
  doc.content.forEach((child) => {
    html += nodeToHtml(child, options);
  });
  return html;
}

/** A document's editor JSON (from any source) as sanitized HTML; images embedded unless `options` says otherwise. */
export function renderDocumentHtml(json: JSONContent | unknown, options: RenderOptions = {}): string {
  return sanitizeDocumentHtml(schemaHtml(json, options));
}
