/**
 * Converting a document's Yjs state (what the collaboration server stores) to and from the
 * editor's JSON, and cleaning it. The content lives in the XML fragment "default", the name the
 * tiptap Collaboration extension uses.
 *
 * `sanitizeYDoc` is the storage-side half of the rich-text rules (security.md): a client can send
 * any Yjs update it likes, not only what the editor would produce, so before a state is stored or
 * rendered every element outside the editor schema is removed, every link outside https/mailto/tel
 * loses its link, and every image outside Accord's file route loses its source. It also removes
 * what the editor never writes but a hostile client can: embeds inside text, elements named
 * after the schema's non-element types ("doc", "text"), marks under y-prosemirror's hashed names
 * (`link--xxxxxxxx`, which y-prosemirror would read back as a link), mark attributes the schema
 * does not declare, and nesting deep enough to exhaust the stack.
 */
import * as Y from "yjs";
import type { JSONContent } from "@tiptap/core";
import { prosemirrorJSONToYDoc, yXmlFragmentToProsemirrorJSON } from "y-prosemirror";
import { documentSchema } from "../editor/document-schema";
import { cleanDocumentJson, isPlainAttributeValue, MAX_DOCUMENT_DEPTH } from "../editor/clean-document-json";
import { isSafeImageSrc, isSafeLinkUrl } from "../editor/safe-urls";

export { documentSchema } from "../editor/document-schema";

export const CONTENT_FIELD = "default";

/** A Y.Doc holding `state` (an encoded update; empty means a new, empty document). */
export function yDocFromState(state: Uint8Array | null | undefined): Y.Doc {
  const doc = new Y.Doc();
  if (state && state.byteLength > 0) Y.applyUpdate(doc, state);
  return doc;
}

/** The editor JSON of a Yjs state, after removing anything outside the schema. */
export function documentJsonFromState(state: Uint8Array | null | undefined): JSONContent {
  const doc = yDocFromState(state);
  try {
    sanitizeYDoc(doc);
    // y-prosemirror converts without the schema; cleaning the JSON too keeps the two halves of
    // the rules (Yjs and JSON) from having to agree on every detail.
    return cleanDocumentJson(yXmlFragmentToProsemirrorJSON(doc.getXmlFragment(CONTENT_FIELD)));
  } finally {
    doc.destroy();
  }
}

/** The Yjs state of editor JSON (for seeding and restoring); anything outside the schema is dropped first. */
export function stateFromDocumentJson(json: JSONContent): Uint8Array {
  const doc = prosemirrorJSONToYDoc(documentSchema(), cleanDocumentJson(json), CONTENT_FIELD);
  try {
    sanitizeYDoc(doc);
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}

/** What sanitizeYDoc changed, for the audit trail and tests. */
export type SanitizeReport = { removedElements: number; removedLinks: number; removedImageSources: number; removedAttributes: number };

// Node types that exist in the schema but are never Yjs elements: the root is the fragment and
// text is Y.XmlText. An element with either name makes y-prosemirror throw in every editor.
const NOT_ELEMENTS = new Set(["doc", "text"]);

type DeltaOp = { insert: unknown; attributes?: Record<string, unknown> };

/**
 * Removes from `doc`, in one transaction, everything the editor schema does not allow. Returns
 * what it removed (all zeros for a clean document, which is left untouched).
 */
export function sanitizeYDoc(doc: Y.Doc): SanitizeReport {
  const schema = documentSchema();
  const report: SanitizeReport = { removedElements: 0, removedLinks: 0, removedImageSources: 0, removedAttributes: 0 };
  // Fixes are collected during the walk and applied afterwards in reverse, so that deleting a
  // child or a stretch of text never shifts the position of a fix still to come.
  const fixes: (() => void)[] = [];
  const removeChild = (parent: Y.XmlFragment | Y.XmlElement, child: Y.XmlElement | Y.XmlText | Y.XmlHook) => {
    report.removedElements++;
    fixes.push(() => {
      const at = parent.toArray().indexOf(child);
      if (at >= 0) parent.delete(at, 1);
    });
  };

  const visitText = (text: Y.XmlText) => {
    let offset = 0;
    for (const op of text.toDelta() as DeltaOp[]) {
      const at = offset;
      const length = typeof op.insert === "string" ? op.insert.length : 1;
      offset += length;
      if (typeof op.insert !== "string") {
        // An embed (an object or a Yjs type inside the text): the editor never writes one, and
        // y-prosemirror would hand it to ProseMirror as the text itself.
        report.removedElements++;
        fixes.push(() => text.delete(at, length));
        continue;
      }
      const changes: Record<string, unknown> = {};
      for (const [name, value] of Object.entries(op.attributes ?? {})) {
        const markType = Object.hasOwn(schema.marks, name) ? schema.marks[name] : undefined;
        if (!markType) {
          // Unknown, or a hashed name (`link--…`) that y-prosemirror reads back as a known mark
          // but that this schema never writes (none of its marks may overlap itself).
          report.removedAttributes++;
          changes[name] = null;
          continue;
        }
        if (name === "link" && !isSafeLinkUrl((value as { href?: unknown } | null)?.href)) {
          report.removedLinks++;
          changes[name] = null;
          continue;
        }
        const declared = Object.keys(markType.spec.attrs ?? {});
        const attrs = typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
        const isClean = attrs !== null && Object.entries(attrs).every(([key, v]) => declared.includes(key) && isPlainAttributeValue(v));
        if (!isClean) {
          report.removedAttributes++;
          changes[name] = Object.fromEntries(declared.filter((key) => attrs && Object.hasOwn(attrs, key) && isPlainAttributeValue(attrs[key])).map((key) => [key, attrs![key]]));
        }
      }
      if (Object.keys(changes).length) fixes.push(() => text.format(at, length, changes));
    }
  };

  const visit = (parent: Y.XmlFragment | Y.XmlElement, depth: number) => {
    for (const child of parent.toArray()) {
      if (child instanceof Y.XmlText) {
        visitText(child);
        continue;
      }
      if (!(child instanceof Y.XmlElement)) {
        // Y.XmlHook or anything else the editor never writes.
        removeChild(parent, child);
        continue;
      }
      const nodeType = Object.hasOwn(schema.nodes, child.nodeName) ? schema.nodes[child.nodeName] : undefined;
      if (!nodeType || NOT_ELEMENTS.has(child.nodeName) || depth > MAX_DOCUMENT_DEPTH) {
        removeChild(parent, child);
        continue;
      }
      // Only attributes the node type declares, each a plain value; an image keeps only one of Accord's sources.
      const declared = nodeType.spec.attrs ?? {};
      for (const [name, value] of Object.entries(child.getAttributes() as Record<string, unknown>)) {
        if (!Object.hasOwn(declared, name) || !isPlainAttributeValue(value)) {
          report.removedAttributes++;
          fixes.push(() => child.removeAttribute(name));
        } else if (child.nodeName === "image" && name === "src" && value != null && !isSafeImageSrc(value)) {
          report.removedImageSources++;
          fixes.push(() => child.removeAttribute("src"));
        }
      }
      visit(child, depth + 1);
    }
  };
  visit(doc.getXmlFragment(CONTENT_FIELD), 1);
  if (fixes.length) doc.transact(() => fixes.reverse().forEach((fix) => fix()), "accord-sanitize");
  return report;
}
