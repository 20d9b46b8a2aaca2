/**
 * The XSS corpus through every input path and every output (security.md, "How it is tested"):
 * HTML pasted into the editor (parsed through the schema as the editor parses a paste), editor
 * JSON posted directly, and raw Yjs updates from a hostile client; each rendered as the print
 * view's HTML, as a .docx and as a PDF. Nothing executable may survive anywhere, and the
 * paragraphs around each payload (and a document of safe content) must, so that no check passes
 * because the output is empty.
 */
import { describe, expect, it } from "vitest";
import { generateJSON } from "@tiptap/html";
import type { JSONContent } from "@tiptap/core";
import { documentExtensions } from "./extensions";
import { isSafeLinkUrl } from "./safe-urls";
import { HTML_CASES, JSON_CASES, SAFE_HTML, SAFE_IMAGE_SRC, SAFE_LINKS, YJS_CASES, executableInHtml, executableInText, unsafeInJson, yjsUpdate, yParagraph } from "./xss-corpus";
import { cleanDocumentJson } from "./clean-document-json";
import { documentJsonFromState, stateFromDocumentJson } from "../collab/yjs-content";
import { renderDocumentHtml, sanitizeDocumentHtml, schemaHtml } from "../documents/render-document-html";
import { documentDocx } from "../documents/export-document-docx";
import { documentPdf } from "../documents/export-document-pdf";
import { documentHtmlFile } from "../documents/export-document-html";
import { documentContentFixture, htmlElements, pdfFacts, TEST_STAMP, wordText, xmlAttributes, zipEntries } from "../documents/export-test-support";

const EXECUTABLE_SCHEME = /(?:java|vb|live)script\s*:|\bdata:[\w/+.-]*[,;]/i;

/** Renders `json` to every output and returns what each contains, for the checks below. */
async function renderEverywhere(json: unknown) {
  const html = renderDocumentHtml(json);
  const doc = documentContentFixture(json);
  const parts = zipEntries(await documentDocx(doc, TEST_STAMP));
  const pdf = await pdfFacts((await documentPdf(doc, TEST_STAMP)).body);
  return { html, fileHtml: renderDocumentHtml(json, { images: "describe" }), file: documentHtmlFile(doc, TEST_STAMP), parts, pdf };
}

type Rendered = Awaited<ReturnType<typeof renderEverywhere>>;

/** Asserts nothing executable survived in any output, and the text around the payload did. */
function expectInert({ html, fileHtml, file, parts, pdf }: Rendered, survivors: string[] = ["before", "after"]) {
  expect(executableInHtml(html, htmlElements)).toEqual([]);
  // The HTML file is the rendered fragment (images as their description) inside Accord's own template (whose classes are its own).
  expect(file).toContain(fileHtml);
  expect(executableInHtml(file.slice(file.indexOf("<body>")), htmlElements).filter((f) => !f.startsWith("class "))).toEqual([]);
  for (const [name, xml] of parts) {
    expect(executableInText(xml), name).toEqual([]);
    expect(xmlAttributes(xml).filter((a) => /^(?:\w+:)?on/i.test(a.name)), name).toEqual([]);
  }
  const rels = parts.get("word/_rels/document.xml.rels")!;
  for (const { name, value } of xmlAttributes(rels)) if (name === "Target" && /^[a-z][a-z0-9+.-]*:/i.test(value)) expect(isSafeLinkUrl(value), value).toBe(true);
  for (const uri of pdf.pages.flatMap((p) => p.linkUris)) expect(isSafeLinkUrl(uri), uri).toBe(true);
  expect(pdf.actionTypes.filter((type) => type !== "URI")).toEqual([]);
  expect(pdf.hasScriptOrLaunch).toBe(false);
  const pdfText = pdf.pages.flatMap((p) => p.texts).join("\n");
  expect(pdfText).not.toMatch(EXECUTABLE_SCHEME);
  // The content around the payload came through: the pipeline did not just drop everything.
  const docxText = wordText(parts.get("word/document.xml")!);
  for (const word of survivors) {
    expect(html).toContain(`<p>${word}</p>`);
    expect(docxText).toContain(word);
    expect(pdfText).toContain(word);
  }
}

const around = (content: JSONContent[]): JSONContent => ({
  type: "doc",
  content: [{ type: "paragraph", content: [{ type: "text", text: "before" }] }, ...content, { type: "paragraph", content: [{ type: "text", text: "after" }] }],
});

describe("XSS corpus: HTML pasted into the editor", () => {
  it.each(HTML_CASES)("$name", async ({ html }) => {
    const pasted = `<p>before</p>${html}<p>after</p>`;
    // The editor parses a paste with the schema's parse rules; the server sees the result as JSON.
    const json = generateJSON(pasted, documentExtensions());
    expect(unsafeInJson(json)).toEqual([]);
    expectInert(await renderEverywhere(json));
    // Stored through Yjs (what the editor sends) and read back, it is no less inert.
    expect(executableInHtml(renderDocumentHtml(documentJsonFromState(stateFromDocumentJson(json))), htmlElements)).toEqual([]);
    // And the last layer alone holds even against the raw paste, without the schema before it.
    expect(executableInHtml(sanitizeDocumentHtml(pasted), htmlElements)).toEqual([]);
  });
});

describe("XSS corpus: editor JSON submitted directly", () => {
  it.each(JSON_CASES)("$name", async ({ json }) => {
    const hostile = around(json.content ?? []);
    expectInert(await renderEverywhere(hostile));
    // Each layer holds on its own: the cleaned JSON is within the schema, and the HTML written
    // from it is inert before the sanitizer has seen it.
    expect(unsafeInJson(cleanDocumentJson(hostile))).toEqual([]);
    expect(executableInHtml(schemaHtml(hostile), htmlElements)).toEqual([]);
    // Stored as a Yjs state and read back (restore, import), the same holds.
    expectInert(await renderEverywhere(documentJsonFromState(stateFromDocumentJson(hostile))));
  });
});

describe("XSS corpus: raw Yjs updates from a hostile client", () => {
  it.each(YJS_CASES)("$name", async ({ build }) => {
    const update = yjsUpdate((fragment) => {
      yParagraph(fragment, "before");
      build(fragment);
      yParagraph(fragment, "after");
    });
    const json = documentJsonFromState(update);
    expect(unsafeInJson(json)).toEqual([]);
    expect(executableInHtml(schemaHtml(json), htmlElements)).toEqual([]);
    expectInert(await renderEverywhere(json));
  });
});

describe("safe content comes through every path", () => {
  const expectSafeContent = ({ html, file, parts, pdf }: Rendered) => {
    const links = htmlElements(html).filter((e) => e.tag === "a");
    expect(links.map((a) => a.attribs)).toEqual(SAFE_LINKS.map((href) => ({ href, rel: "noopener noreferrer nofollow" })));
    expect(html).toContain("<h2>Strategy heading</h2>");
    expect(html).toMatch(/<table><tbody><tr><th[^>]*><p>Agency<\/p><\/th>/);
    expect(html).toContain("<td colspan=\"1\" rowspan=\"1\"><p>Duty desk</p></td>");
    expect(html).toContain(`<img src="${SAFE_IMAGE_SRC}" alt="Scene photograph" />`);
    // The HTML file fetches nothing: the image is its description there, as in the .docx and PDF.
    expect(file).not.toContain("<img");
    expect(file).toContain("<p><em>[Image: Scene photograph]</em></p>");

    const targets = xmlAttributes(parts.get("word/_rels/document.xml.rels")!)
      .filter((a) => a.name === "Target" && a.value.includes(":"))
      .map((a) => a.value);
    expect(targets).toEqual([...SAFE_LINKS]);
    const body = parts.get("word/document.xml")!;
    expect(body).toContain('<w:pStyle w:val="Heading2"/>');
    expect(body).toContain("<w:tbl>");
    expect(wordText(body)).toContain("Duty desk");
    expect(wordText(body)).toContain("[Image: Scene photograph]");

    expect(pdf.pages.flatMap((p) => p.linkUris)).toEqual([...SAFE_LINKS]);
    expect(pdf.pages.flatMap((p) => p.texts).join(" ")).toContain("Strategy heading");
    expect(pdf.actionTypes.every((type) => type === "URI")).toBe(true);
  };

  it("pasted", async () => {
    expectSafeContent(await renderEverywhere(generateJSON(SAFE_HTML, documentExtensions())));
  });

  it("as JSON, and through a Yjs state", async () => {
    const json = generateJSON(SAFE_HTML, documentExtensions());
    expectSafeContent(await renderEverywhere(JSON.parse(JSON.stringify(json))));
    expectSafeContent(await renderEverywhere(documentJsonFromState(stateFromDocumentJson(json))));
  });

  it("through the sanitizer alone", () => {
    const html = sanitizeDocumentHtml(SAFE_HTML);
    expect(htmlElements(html).filter((e) => e.tag === "a").map((a) => a.attribs.href)).toEqual([...SAFE_LINKS]);
    expect(html).toContain("<h2>Strategy heading</h2>");
    expect(html).toContain("<table>");
  });
});
