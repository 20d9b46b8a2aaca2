/**
 * Converting a document's Yjs state (what the collaboration server stores) to and from the
 * editor's JSON, and cleaning it. The content lives in the XML fragment "default", the name the
 * tiptap Collaboration extension uses.
 *
 * `sanitizeYDoc` is the storage-side half of the rich-text rules (security.md): a client can send
 * any Yjs update it likes, not only what the editor would produce, so before a state is stored or
 * rendered every element outside the editor schema is removed, every link outside https/mailto/tel
 * loses its link, and every image outside Accord's file route loses its source.
 */
import * as Y from "yjs";
import { getSchema, type JSONContent } from "@tiptap/core";
import { prosemirrorJSONToYDoc, yXmlFragmentToProsemirrorJSON } from "y-prosemirror";
import { documentExtensions } from "../editor/extensions";
import { isSafeImageSrc, isSafeLinkUrl } from "../editor/safe-urls";

export const CONTENT_FIELD = "default";

let cachedSchema: ReturnType<typeof getSchema> | undefined;
/** The ProseMirror schema of documents (built once). */
export function documentSchema(): ReturnType<typeof getSchema> {
  cachedSchema ??= getSchema(documentExtensions());
  return cachedSchema;
}

/** A Y.Doc holding `state` (an encoded update; empty means a new, empty document). */
export function yDocFromState(state: Uint8Array | null | undefined): Y.Doc {
  const doc = new Y.Doc();
  if (state && state.byteLength > 0) Y.applyUpdate(doc, state);
  return doc;
}

/** The editor JSON of a Yjs state, after removing anything outside the schema. */
export function documentJsonFromState(state: Uint8Array | null | undefined): JSONContent {
  const doc = yDocFromState(state);
  sanitizeYDoc(doc);
  const json = yXmlFragmentToProsemirrorJSON(doc.getXmlFragment(CONTENT_FIELD)) as JSONContent;
  doc.destroy();
  return json.content?.length ? json : { type: "doc", content: [{ type: "paragraph" }] };
}

/** The Yjs state of editor JSON (for seeding and restoring); the JSON must fit the schema. */
export function stateFromDocumentJson(json: JSONContent): Uint8Array {
  const doc = prosemirrorJSONToYDoc(documentSchema(), json, CONTENT_FIELD);
  sanitizeYDoc(doc);
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return state;
}

/** What sanitizeYDoc changed, for the audit trail and tests. */
export type SanitizeReport = { removedElements: number; removedLinks: number; removedImageSources: number; removedAttributes: number };

/**
 * Removes from `doc`, in one transaction, everything the editor schema does not allow. Returns
 * what it removed (all zeros for a clean document, which is left untouched).
 */
export function sanitizeYDoc(doc: Y.Doc): SanitizeReport {
  const schema = documentSchema();
  const report: SanitizeReport = { removedElements: 0, removedLinks: 0, removedImageSources: 0, removedAttributes: 0 };
  const fixes: (() => void)[] = [];

  const visit = (parent: Y.XmlFragment | Y.XmlElement) => {
    parent.toArray().forEach((child, index) => {
      if (child instanceof Y.XmlElement) {
        const nodeType = schema.nodes[child.nodeName];
        if (!nodeType) {
          report.removedElements++;
          fixes.push(() => parent.delete(parent.toArray().indexOf(child), 1));
          return;
        }
        // Only attributes the node type declares; an image keeps only one of Accord's sources.
        for (const name of Object.keys(child.getAttributes())) {
          if (!(name in (nodeType.spec.attrs ?? {}))) {
            report.removedAttributes++;
            fixes.push(() => child.removeAttribute(name));
          }
        }
        if (child.nodeName === "image" && child.getAttribute("src") != null && !isSafeImageSrc(child.getAttribute("src"))) {
          report.removedImageSources++;
          fixes.push(() => child.removeAttribute("src"));
        }
        visit(child);
      } else if (child instanceof Y.XmlText) {
        let offset = 0;
        for (const op of child.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
          const length = typeof op.insert === "string" ? op.insert.length : 1;
          const attributes = op.attributes ?? {};
          const unknownMarks = Object.keys(attributes).filter((mark) => !schema.marks[mark]);
          const link = attributes.link as { href?: unknown } | undefined;
          const at = offset;
          if (link && !isSafeLinkUrl(link.href)) {
            report.removedLinks++;
            fixes.push(() => child.format(at, length, { link: null }));
          }
          if (unknownMarks.length) {
            report.removedAttributes += unknownMarks.length;
            fixes.push(() => child.format(at, length, Object.fromEntries(unknownMarks.map((m) => [m, null]))));
          }
          offset += length;
        }
      } else if (index >= 0) {
        // Y.XmlHook or anything else the editor never writes.
        report.removedElements++;
        fixes.push(() => parent.delete(parent.toArray().indexOf(child as never), 1));
      }
    });
  };
  visit(doc.getXmlFragment(CONTENT_FIELD));
  if (fixes.length) doc.transact(() => fixes.reverse().forEach((fix) => fix()), "accord-sanitize");
  return report;
}
