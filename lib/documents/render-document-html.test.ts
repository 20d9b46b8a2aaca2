/**
 * Server-side HTML of a document: what each node of the schema becomes, and that the allow-list
 * keeps exactly that (the XSS corpus, lib/editor/xss-corpus.test.ts, covers what it removes).
 */
import { describe, expect, it } from "vitest";
import { generateHTML, generateJSON } from "@tiptap/html";
import { documentExtensions } from "../editor/extensions";
import { renderDocumentHtml, sanitizeDocumentHtml, schemaHtml } from "./render-document-html";

const SRC = "/api/v1/files/0b7c5a1e-3f2d-4c6b-9a8e-1d2c3b4a5f60/content";

const render = (html: string) => renderDocumentHtml(generateJSON(html, documentExtensions()));

describe("renderDocumentHtml", () => {
  it.each([
    ["headings", "<h2>A</h2><h3>B</h3><h4>C</h4>", "<h2>A</h2><h3>B</h3><h4>C</h4>"],
    ["h1 (the title's level) becomes a paragraph", "<h1>A</h1>", "<p>A</p>"],
    ["marks", "<p><strong>b</strong><em>i</em><u>u</u><s>s</s><code>c</code></p>", "<p><strong>b</strong><em>i</em><u>u</u><s>s</s><code>c</code></p>"],
    ["links, with rel", '<p><a href="mailto:a@b.example" target="_blank">m</a></p>', '<p><a href="mailto:a@b.example" rel="noopener noreferrer nofollow">m</a></p>'],
    ["lists", '<ul><li><p>a</p></li></ul><ol start="3"><li><p>b</p></li></ol>', '<ul><li><p>a</p></li></ul><ol start="3"><li><p>b</p></li></ol>'],
    [
      "task items, whose boxes cannot be ticked",
      '<ul data-type="taskList"><li data-type="taskItem" data-checked="true"><p>t</p></li></ul>',
      '<ul data-type="taskList"><li data-checked="true" data-type="taskItem"><label><input type="checkbox" disabled="disabled" checked="checked" /><span></span></label><div><p>t</p></div></li></ul>',
    ],
    [
      "tables, without tiptap's inline widths",
      '<table><tr><th colspan="2"><p>h</p></th></tr><tr><td><p>a</p></td><td style="text-align:right"><p>b</p></td></tr></table>',
      '<table><tbody><tr><th colspan="2" rowspan="1"><p>h</p></th></tr><tr><td colspan="1" rowspan="1"><p>a</p></td><td colspan="1" rowspan="1"><p>b</p></td></tr></tbody></table>',
    ],
    ["quotes, rules and breaks", "<blockquote><p>q</p></blockquote><hr><p>a<br>b</p>", "<blockquote><p>q</p></blockquote><hr /><p>a<br />b</p>"],
    ["Accord images", `<img src="${SRC}" alt="scene" title="t">`, `<img src="${SRC}" alt="scene" title="t" />`],
    ["other images are dropped", '<p>x</p><img src="https://evil.example/p.png" alt="scene">', "<p>x</p>"],
    ["mentions", '<p><span data-type="mention" data-id="u1" data-label="Priya">@Priya</span></p>', '<p><span class="mention" data-user-id="u1">@Priya</span></p>'],
    ["text is escaped", "<p>&lt;b&gt; &amp; \"quotes\"</p>", "<p>&lt;b&gt; &amp; \"quotes\"</p>"],
  ])("%s", (_name, input, expected) => {
    expect(render(input)).toBe(expected);
  });

  it("renders what the editor's own serializer renders, minus inline styles", () => {
    const json = generateJSON('<h2>T</h2><p>a <strong>b</strong> <a href="https://x.example/?a=1&b=2">l</a></p><ul><li><p>one</p></li></ul>', documentExtensions());
    expect(schemaHtml(json)).toBe(generateHTML(json, documentExtensions()));
  });

  it("renders an empty document as an empty paragraph, and anything that is not a document likewise", () => {
    for (const json of [null, undefined, "doc", 42, [], { type: "paragraph" }, { type: "doc" }, { type: "doc", content: "x" }]) expect(renderDocumentHtml(json)).toBe("<p></p>");
  });
});

describe("renderDocumentHtml with images described (the HTML export)", () => {
  it("writes each image as its description, in text, and no <img> at all", () => {
    const json = generateJSON(`<p>before</p><img src="${SRC}" alt="Vehicle &lt;at&gt; harbour"><img src="${SRC}"><p>after</p>`, documentExtensions());
    expect(renderDocumentHtml(json, { images: "describe" })).toBe("<p>before</p><p><em>[Image: Vehicle &lt;at&gt; harbour]</em></p><p><em>[Image]</em></p><p>after</p>");
    expect(renderDocumentHtml(json)).toBe(`<p>before</p><img src="${SRC}" alt="Vehicle &lt;at&gt; harbour" /><img src="${SRC}" /><p>after</p>`);
  });
});

describe("sanitizeDocumentHtml", () => {
  it("keeps the schema's output as it is", () => {
    const html = render(`<h2>A</h2><p><a href="https://x.example/">l</a></p><img src="${SRC}" alt="s">`);
    expect(sanitizeDocumentHtml(html)).toBe(html);
  });

  it("turns an unsafe link into plain text and a non-checkbox input into nothing", () => {
    expect(sanitizeDocumentHtml('<p><a href="http://x.example/">l</a><input type="text" value="v"></p>')).toBe("<p><span>l</span></p>");
  });
});
