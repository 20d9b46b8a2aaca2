/**
 * Yjs state ⇄ editor JSON, and sanitizeYDoc: the storage-side half of the rich-text rules. A
 * client can send any Yjs update, so these tests write states with the yjs API directly, the way
 * a hostile client would, and check what the sanitizer leaves: for the JSON renderers, and for
 * every editor that loads the state (y-prosemirror must be able to build the document).
 */
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { generateJSON } from "@tiptap/html";
import { yXmlFragmentToProseMirrorRootNode, yXmlFragmentToProsemirrorJSON } from "y-prosemirror";
import { documentExtensions } from "../editor/extensions";
import { cleanDocumentJson, MAX_DOCUMENT_DEPTH } from "../editor/clean-document-json";
import { SAFE_HTML, SAFE_IMAGE_SRC, YJS_CASES, unsafeInJson, yjsUpdate, yParagraph } from "../editor/xss-corpus";
import { CONTENT_FIELD, documentJsonFromState, documentSchema, sanitizeYDoc, stateFromDocumentJson, yDocFromState } from "./yjs-content";

const EMPTY = { type: "doc", content: [{ type: "paragraph" }] };

/** A Y.Doc whose fragment `build` wrote. */
function docOf(build: (fragment: Y.XmlFragment) => void): Y.Doc {
  return yDocFromState(yjsUpdate(build));
}

/** The JSON y-prosemirror reads from the doc, without the JSON cleaner behind it: the sanitizer alone. */
const rawJson = (doc: Y.Doc) => yXmlFragmentToProsemirrorJSON(doc.getXmlFragment(CONTENT_FIELD));

const zeros = { removedElements: 0, removedLinks: 0, removedImageSources: 0, removedAttributes: 0 };

describe("documentJsonFromState and stateFromDocumentJson", () => {
  it("reads a missing or empty state as an empty document", () => {
    expect(documentJsonFromState(null)).toEqual(EMPTY);
    expect(documentJsonFromState(undefined)).toEqual(EMPTY);
    expect(documentJsonFromState(new Uint8Array())).toEqual(EMPTY);
    expect(documentJsonFromState(Y.encodeStateAsUpdate(new Y.Doc()))).toEqual(EMPTY);
  });

  it("round-trips a document with every kind of content the schema has", () => {
    const json = generateJSON(
      `${SAFE_HTML}<ul><li><p>one</p><ul><li><p>nested</p></li></ul></li></ul><ol start="3"><li><p>three</p></li></ol>
       <ul data-type="taskList"><li data-type="taskItem" data-checked="true"><p>done</p></li></ul><blockquote><p><strong>b</strong> <em>i</em> <u>u</u> <s>s</s> <code>c</code></p></blockquote>
       <hr><p>x<br>y <span data-type="mention" data-id="u1" data-label="Priya">@Priya</span></p>`,
      documentExtensions(),
    );
    const back = documentJsonFromState(stateFromDocumentJson(json));
    expect(back).toEqual(cleanDocumentJson(json));
    // The round trip kept the content, not just the shape.
    const text = JSON.stringify(back);
    for (const expected of ["Strategy heading", "mailto:mash@cornwall.example", SAFE_IMAGE_SRC, '"checked":true', '"start":3', '"label":"Priya"', '"type":"underline"', '"type":"hardBreak"']) {
      expect(text).toContain(expected);
    }
  });

  it("accepts JSON with types outside the schema by dropping them (it used to throw)", () => {
    const json = {
      type: "doc",
      content: [
        { type: "script", content: [{ type: "text", text: "alert(1)" }] },
        { type: "paragraph", content: [{ type: "text", text: "kept", marks: [{ type: "link", attrs: { href: "javascript:alert(1)" } }, { type: "blink" }] }] },
      ],
    };
    expect(documentJsonFromState(stateFromDocumentJson(json))).toEqual({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "kept" }] }] });
  });
});

describe("sanitizeYDoc", () => {
  it("leaves a clean document untouched: no change, no update to broadcast", () => {
    // Column widths (a list of numbers) are what a pasted table carries: legitimate, and kept.
    const doc = yDocFromState(stateFromDocumentJson(generateJSON(SAFE_HTML, documentExtensions())));
    const cell = new Y.XmlElement("tableCell");
    doc.getXmlFragment(CONTENT_FIELD).push([cell]);
    cell.setAttribute("colwidth", [120, 80] as unknown as string);
    let updates = 0;
    doc.on("update", () => updates++);
    expect(sanitizeYDoc(doc)).toEqual(zeros);
    expect(updates).toBe(0);
  });

  it("removes elements outside the schema, hooks, embeds, and elements named after text and doc", () => {
    const doc = docOf((f) => {
      // An XmlHook is not a node the types allow in a fragment, but a client can encode one.
      f.push([new Y.XmlElement("script"), new Y.XmlElement("iframe"), new Y.XmlElement("text"), new Y.XmlElement("doc"), new Y.XmlHook("x") as unknown as Y.XmlElement]);
      const t = yParagraph(f, "kept");
      t.insertEmbed(2, { script: "alert(1)" });
    });
    expect(sanitizeYDoc(doc)).toEqual({ ...zeros, removedElements: 6 });
    expect(rawJson(doc)).toEqual({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "kept" }] }] });
  });

  it("unlinks unsafe links and drops unknown and hashed mark names, keeping the text and the safe marks", () => {
    const doc = docOf((f) => {
      const t = yParagraph(f, "a", { link: { href: "javascript:alert(1)" }, bold: {} });
      t.insert(1, "b", { link: "javascript:alert(1)" });
      t.insert(2, "c", { "link--AAAAAAAA": { href: "javascript:alert(1)" }, blink: {} });
      t.insert(3, "d", { link: { href: "https://ok.example/" } });
    });
    expect(sanitizeYDoc(doc)).toEqual({ ...zeros, removedLinks: 2, removedAttributes: 2 });
    const [paragraph] = rawJson(doc).content;
    expect(paragraph.content).toEqual([
      { type: "text", text: "a", marks: [{ type: "bold", attrs: {} }] },
      { type: "text", text: "bc" },
      { type: "text", text: "d", marks: [{ type: "link", attrs: { href: "https://ok.example/" } }] },
    ]);
  });

  it("keeps a safe link but only the attributes links declare", () => {
    const doc = docOf((f) => void yParagraph(f, "click", { link: { href: "https://ok.example/", onclick: "alert(1)", class: "evil" } }));
    expect(sanitizeYDoc(doc)).toEqual({ ...zeros, removedAttributes: 1 });
    expect(rawJson(doc).content[0].content[0].marks).toEqual([{ type: "link", attrs: { href: "https://ok.example/", class: "evil" } }]);
    // `class` is declared by the Link extension, so the Yjs side keeps it; the JSON cleaner does not.
    expect(documentJsonFromState(Y.encodeStateAsUpdate(doc)).content![0]!.content![0]!.marks).toEqual([{ type: "link", attrs: { href: "https://ok.example/" } }]);
  });

  it("removes undeclared and non-scalar element attributes, and image sources outside Accord", () => {
    const doc = docOf((f) => {
      const p = new Y.XmlElement("paragraph");
      const external = new Y.XmlElement("image");
      const own = new Y.XmlElement("image");
      const odd = new Y.XmlElement("heading");
      f.push([p, external, own, odd]);
      p.setAttribute("onclick", "alert(1)");
      external.setAttribute("src", "https://evil.example/pixel.png");
      own.setAttribute("src", SAFE_IMAGE_SRC);
      odd.setAttribute("level", { toString: "2" } as unknown as string);
    });
    expect(sanitizeYDoc(doc)).toEqual({ ...zeros, removedImageSources: 1, removedAttributes: 2 });
    const [p, external, own, heading] = rawJson(doc).content;
    expect(p.attrs).toBeUndefined();
    expect(external.attrs).toBeUndefined();
    expect(own.attrs).toEqual({ src: SAFE_IMAGE_SRC });
    expect(heading.attrs).toBeUndefined();
  });

  it(`removes nesting deeper than ${MAX_DOCUMENT_DEPTH} levels, without exhausting the stack`, () => {
    const doc = docOf((f) => {
      let parent: Y.XmlFragment | Y.XmlElement = f;
      for (let i = 0; i < 2_000; i++) {
        const quote: Y.XmlElement = new Y.XmlElement("blockquote");
        parent.push([quote]);
        parent = quote;
      }
    });
    expect(sanitizeYDoc(doc).removedElements).toBe(1);
    let depth = 0;
    for (let node = rawJson(doc).content[0]; node; node = node.content?.[0]) depth++;
    expect(depth).toBe(MAX_DOCUMENT_DEPTH);
  });

  it("is idempotent, and its fix is an update that cleans every other replica too", () => {
    const hostile = yjsUpdate((f) => {
      yParagraph(f, "click", { link: { href: "javascript:alert(1)" } });
      f.push([new Y.XmlElement("script")]);
    });
    const server = yDocFromState(hostile);
    const client = yDocFromState(hostile);
    const fixes: Uint8Array[] = [];
    server.on("update", (update: Uint8Array) => fixes.push(update));
    expect(sanitizeYDoc(server)).toEqual({ ...zeros, removedElements: 1, removedLinks: 1 });
    expect(sanitizeYDoc(server)).toEqual(zeros);
    expect(fixes).toHaveLength(1);
    Y.applyUpdate(client, fixes[0]!);
    expect(rawJson(client)).toEqual(rawJson(server));
    expect(unsafeInJson(rawJson(client))).toEqual([]);
  });

  // Every payload of the corpus: after the sanitizer alone the JSON is within the schema, and an
  // editor can build the document from the state (an element it cannot build breaks everyone's).
  it.each(YJS_CASES)("leaves nothing of the corpus payload: $name", ({ build }) => {
    const doc = docOf(build);
    sanitizeYDoc(doc);
    expect(unsafeInJson(rawJson(doc))).toEqual([]);
    expect(() => yXmlFragmentToProseMirrorRootNode(doc.getXmlFragment(CONTENT_FIELD), documentSchema())).not.toThrow();
  });
});
