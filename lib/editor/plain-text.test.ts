/** The plain text of editor JSON, as the card dialog's conflict view shows a description. */
import { describe, expect, it } from "vitest";
import { cleanDocumentJson, emptyDocumentJson } from "./clean-document-json";
import { documentPlainText } from "./plain-text";

const t = (text: string, marks?: { type: string }[]) => (marks ? { type: "text", text, marks } : { type: "text", text });
const p = (...content: object[]) => (content.length ? { type: "paragraph", content } : { type: "paragraph" });
const item = (...content: object[]) => ({ type: "listItem", content });
const doc = (...content: object[]) => ({ type: "doc", content });

describe("documentPlainText", () => {
  it("puts each paragraph on its own line, keeping empty ones as blank lines, and drops formatting", () => {
    expect(documentPlainText(doc(p(t("Request "), t("footage", [{ type: "bold" }])), p(), p(t("Ask for camera 2."))))).toBe("Request footage\n\nAsk for camera 2.");
  });

  it("is empty for an empty document and for anything that is not one", () => {
    expect(documentPlainText(emptyDocumentJson())).toBe("");
    for (const value of [null, undefined, {}, { type: "doc" }, { type: "doc", content: "x" }]) expect(documentPlainText(value as never)).toBe("");
  });

  it("marks list items, numbering from the list's start, and indents what is nested in an item", () => {
    const json = doc(
      { type: "bulletList", content: [item(p(t("one")), { type: "bulletList", content: [item(p(t("nested")))] }), item(p(t("two")))] },
      { type: "orderedList", attrs: { start: 3 }, content: [item(p(t("third"))), item(p(t("fourth")))] },
      { type: "taskList", content: [{ type: "taskItem", attrs: { checked: true }, content: [p(t("done"))] }, { type: "taskItem", content: [p(t("to do"))] }] },
    );
    expect(documentPlainText(json)).toBe("• one\n  • nested\n• two\n3. third\n4. fourth\n[x] done\n[ ] to do");
  });

  it("turns hard breaks into new lines, mentions into @names, tables into rows of cells and images into their alt text", () => {
    const cell = (text: string) => ({ type: "tableCell", content: [p(t(text))] });
    const json = doc(
      p(t("a"), { type: "hardBreak" }, t("b "), { type: "mention", attrs: { id: "u1", label: "PC Tom Hughes" } }),
      { type: "table", content: [{ type: "tableRow", content: [cell("Agency"), cell("Contact")] }] },
      { type: "image", attrs: { alt: "Scene" } },
      { type: "image" },
    );
    expect(documentPlainText(json)).toBe("a\nb @PC Tom Hughes\nAgency | Contact\n[Scene]\n[image]");
  });

  it("reads the server's paragraphs of plain text back as the same text", () => {
    const text = "line one\nline two\n\nline four";
    const json = cleanDocumentJson(doc(...text.split("\n").map((line) => (line ? p(t(line)) : p()))));
    expect(documentPlainText(json)).toBe(text);
  });
});
