/**
 * The PDF export, checked twice over: on the pages as laid out (what each page was given to
 * draw, with positions) and on the file itself read back with pdf-lib (what each page's content
 * stream really shows). Every page carries the marking at its top and its bottom and "Page x of
 * y"; text stays within the margins; nothing is lost across page breaks; links are safe URIs.
 */
import { describe, expect, it } from "vitest";
import { generateJSON } from "@tiptap/html";
import { PDFDocument, StandardFonts } from "pdf-lib";
import type { JSONContent } from "@tiptap/core";
import { documentExtensions } from "../editor/extensions";
import { documentPdf, type DrawOp } from "./export-document-pdf";
import { documentContentFixture, pdfFacts, TEST_STAMP } from "./export-test-support";

const MARKING = "OFFICIAL-SENSITIVE PERSONAL DATA";

const paragraphs = (count: number, words = 60): JSONContent[] =>
  Array.from({ length: count }, (_, i) => ({ type: "paragraph", content: [{ type: "text", text: `Paragraph ${i + 1}: ${"statement ".repeat(words).trim()}` }] }));

const longDocument: JSONContent = {
  type: "doc",
  content: [
    { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "Timeline" }] },
    ...paragraphs(40),
    {
      type: "table",
      content: Array.from({ length: 30 }, (_, r) => ({
        type: "tableRow",
        content: [0, 1].map((c) => ({ type: r === 0 ? "tableHeader" : "tableCell", content: [{ type: "paragraph", content: [{ type: "text", text: r === 0 ? `Heading ${c}` : `row ${r} cell ${c}` }] }] })),
      })),
    },
  ],
};

type TextOp = Extract<DrawOp, { kind: "text" }>;
const textsOf = (ops: DrawOp[]) => ops.filter((op): op is TextOp => op.kind === "text");

describe("documentPdf", () => {
  it("lays a long document out over several pages, each with the marking at the top and the bottom and Page x of y", async () => {
    const { body, pages } = await documentPdf(documentContentFixture(longDocument), TEST_STAMP);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    const pdf = await PDFDocument.load(body);
    expect(pdf.getPageCount()).toBe(pages.length);
    pages.forEach((page, index) => {
      const texts = textsOf(page.ops);
      const top = texts.filter((t) => t.role === "marking-top");
      const bottom = texts.filter((t) => t.role === "marking-bottom");
      expect(top.map((t) => t.text)).toEqual([MARKING]);
      expect(bottom.map((t) => t.text)).toEqual([MARKING]);
      expect(texts.filter((t) => t.role === "page-number").map((t) => t.text)).toEqual([`Page ${index + 1} of ${pages.length}`]);
      // Above and below everything else on the page.
      const content = texts.filter((t) => !t.role || t.role === "title");
      expect(content.length).toBeGreaterThan(0);
      expect(Math.min(...top.map((t) => t.y))).toBeGreaterThan(Math.max(...content.map((t) => t.y + t.size)));
      expect(Math.max(...bottom.map((t) => t.y + t.size))).toBeLessThan(Math.min(...content.map((t) => t.y)));
      expect(top[0]!.font).toBe("bold");
    });
  });

  it("draws the marking twice and the page number on every page of the file itself", async () => {
    const { body } = await documentPdf(documentContentFixture(longDocument), TEST_STAMP);
    const facts = await pdfFacts(body);
    expect(facts.pages.length).toBeGreaterThanOrEqual(3);
    facts.pages.forEach((page, index) => {
      expect(page.texts.filter((t) => t === MARKING)).toHaveLength(2);
      expect(page.texts).toContain(`Page ${index + 1} of ${facts.pages.length}`);
    });
    expect(facts.pages[0]!.texts).toContain("Investigation log");
    const pdf = await PDFDocument.load(body);
    expect(pdf.getTitle()).toBe("Investigation log");
    expect(pdf.getSubject()).toBe(MARKING);
  });

  it("keeps text inside the margins and loses no word across lines and pages", async () => {
    const { pages } = await documentPdf(documentContentFixture(longDocument), TEST_STAMP);
    const probe = await PDFDocument.create();
    const fonts = { regular: await probe.embedFont(StandardFonts.Helvetica), bold: await probe.embedFont(StandardFonts.HelveticaBold) };
    const all = pages.flatMap((p) => textsOf(p.ops));
    for (const t of all) {
      const width = (t.font === "bold" ? fonts.bold : fonts.regular).widthOfTextAtSize(t.text, t.size);
      expect(t.x).toBeGreaterThanOrEqual(56);
      expect(t.x + width).toBeLessThanOrEqual(595.28 - 56);
    }
    const words = all.filter((t) => !t.role).map((t) => t.text).join(" ");
    expect(words.match(/statement/g)).toHaveLength(40 * 60);
    for (let r = 1; r < 30; r++) expect(words).toContain(`row ${r} cell 1`);
  });

  it("repeats a table's header row on each page the table continues on", async () => {
    const { pages } = await documentPdf(documentContentFixture(longDocument), TEST_STAMP);
    const withRows = pages.filter((p) => textsOf(p.ops).some((t) => /^row \d+ cell 0$/.test(t.text)));
    expect(withRows.length).toBeGreaterThanOrEqual(2);
    for (const page of withRows) expect(textsOf(page.ops).map((t) => t.text)).toContain("Heading 0");
  });

  it("splits a table row taller than a page across pages rather than cutting it", async () => {
    const tall: JSONContent = {
      type: "doc",
      content: [{ type: "table", content: [{ type: "tableRow", content: [{ type: "tableCell", content: paragraphs(12, 80) }, { type: "tableCell", content: [{ type: "paragraph", content: [{ type: "text", text: "short" }] }] }] }] }],
    };
    const { pages } = await documentPdf(documentContentFixture(tall), TEST_STAMP);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    const words = pages.flatMap((p) => textsOf(p.ops)).filter((t) => !t.role).map((t) => t.text).join(" ");
    expect(words.match(/statement/g)).toHaveLength(12 * 80);
    expect(words).toContain("short");
  });

  it("renders lists, task boxes, mentions and quotes legibly, and characters the font lacks as ?", async () => {
    const content = generateJSON(
      `<ul><li><p>bullet</p></li></ul><ol start="7"><li><p>seventh</p></li></ol>
       <ul data-type="taskList"><li data-type="taskItem" data-checked="true"><p>done</p></li><li data-type="taskItem" data-checked="false"><p>open</p></li></ul>
       <blockquote><p>quoted</p></blockquote><p><span data-type="mention" data-id="u" data-label="Tom">@Tom</span> 中 → café</p>`,
      documentExtensions(),
    );
    const { pages } = await documentPdf(documentContentFixture(content), TEST_STAMP);
    const texts = pages.flatMap((p) => textsOf(p.ops)).map((t) => t.text);
    for (const expected of ["•", "bullet", "7.", "seventh", "[x] ", "done", "[ ] ", "open", "quoted", "@Tom ? -> café"]) expect(texts).toContain(expected);
  });

  it("writes link annotations for safe links only, as plain URI actions", async () => {
    const content = generateJSON(
      `<p><a href="https://www.example.org/a?b=(1)&c=2">safe</a> <a href="mailto:desk@example.org">mail</a> <a href="javascript:alert(1)">unsafe</a></p>`,
      documentExtensions(),
    );
    const facts = await pdfFacts((await documentPdf(documentContentFixture(content), TEST_STAMP)).body);
    expect(facts.pages.flatMap((p) => p.linkUris)).toEqual(["https://www.example.org/a?b=(1)&c=2", "mailto:desk@example.org"]);
    expect(facts.actionTypes).toEqual(["URI", "URI"]);
    expect(facts.hasScriptOrLaunch).toBe(false);
    // Unsafe links are defence in depth too: even JSON that skipped every cleaner gets no annotation.
    const raw = { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "raw", marks: [{ type: "link", attrs: { href: "javascript:alert(1)" } }] }] }] };
    expect((await pdfFacts((await documentPdf(documentContentFixture(raw), TEST_STAMP)).body)).pages[0]!.linkUris).toEqual([]);
  });
});
