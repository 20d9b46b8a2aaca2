/** Cleaning editor JSON of any origin down to what the schema allows, with values the editor writes. */
import { describe, expect, it } from "vitest";
import { cleanDocumentJson, emptyDocumentJson, isScalarAttribute, MAX_DOCUMENT_DEPTH, printableText } from "./clean-document-json";

const p = (...content: unknown[]) => ({ type: "paragraph", content });
const t = (text: string, marks?: unknown[]) => (marks ? { type: "text", text, marks } : { type: "text", text });
const docOf = (...content: unknown[]) => ({ type: "doc", content });

describe("cleanDocumentJson", () => {
  it("keeps a clean document as it is", () => {
    const clean = docOf({ type: "heading", attrs: { level: 3 }, content: [t("H")] }, p(t("a", [{ type: "bold" }, { type: "link", attrs: { href: "https://x.example/", title: "X" } }])));
    expect(cleanDocumentJson(clean)).toEqual(clean);
  });

  it("makes anything that is not a document an empty one", () => {
    for (const json of [null, "x", [], { type: "paragraph" }, { type: "doc", content: [] }, { type: "doc", content: [{ type: "nope" }] }]) expect(cleanDocumentJson(json)).toEqual(emptyDocumentJson());
  });

  it("keeps only the attribute values the editor writes", () => {
    const json = docOf(
      { type: "heading", attrs: { level: 1 }, content: [t("h1")] },
      { type: "orderedList", attrs: { start: 0, type: "disc" }, content: [{ type: "listItem", content: [p(t("x"))] }] },
      { type: "orderedList", attrs: { start: 5, type: "i" }, content: [{ type: "listItem", content: [p(t("y"))] }] },
      { type: "taskList", content: [{ type: "taskItem", attrs: { checked: "true" }, content: [p(t("z"))] }] },
      { type: "table", content: [{ type: "tableRow", content: [{ type: "tableCell", attrs: { colspan: 2, rowspan: 1.5, align: "center", colwidth: [100] }, content: [p(t("c"))] }] }] },
      p({ type: "mention", attrs: { id: "u1", label: "Tom", mentionSuggestionChar: "#" } }),
    );
    const [h, ol, olKept, task, table, mention] = cleanDocumentJson(json).content!;
    expect(h!.attrs).toBeUndefined();
    expect(ol!.attrs).toBeUndefined();
    expect(olKept!.attrs).toEqual({ start: 5, type: "i" });
    expect(task!.content![0]!.attrs).toBeUndefined();
    expect(table!.content![0]!.content![0]!.attrs).toEqual({ colspan: 2, align: "center" });
    expect(mention!.content![0]!.attrs).toEqual({ id: "u1", label: "Tom" });
  });

  it("keeps one mark of each type, and a link's text when its href is unsafe", () => {
    const json = docOf(p(t("a", [{ type: "bold" }, { type: "bold" }, { type: "link", attrs: { href: "javascript:alert(1)" } }, { type: "italic", attrs: { x: 1 } }])));
    expect(cleanDocumentJson(json).content![0]!.content).toEqual([t("a", [{ type: "bold" }, { type: "italic" }])]);
  });

  it("drops text that is empty or only unprintable, and the unprintable characters of the rest", () => {
    const json = docOf(p(t(""), t("\u0000\u0007"), t("a\u0000b\tc\ud800")));
    expect(cleanDocumentJson(json).content![0]!.content).toEqual([t("ab\tc")]);
  });

  it(`drops what is nested deeper than ${MAX_DOCUMENT_DEPTH} levels`, () => {
    let node: unknown = p(t("deep"));
    for (let i = 0; i < 100; i++) node = { type: "blockquote", content: [node] };
    let depth = 0;
    for (let n = cleanDocumentJson(docOf(node)).content?.[0]; n; n = n.content?.[0]) depth++;
    expect(depth).toBe(MAX_DOCUMENT_DEPTH);
  });
});

describe("isScalarAttribute and printableText", () => {
  it("accepts only short plain values", () => {
    expect([null, true, 3, "x", "a".repeat(2049), Number.NaN, {}, [], "a\u0000"].map(isScalarAttribute)).toEqual([true, true, true, true, false, false, false, false, false]);
    expect(printableText("a\u0000\u001f\u007fb\n")).toBe("ab\n");
  });
});
