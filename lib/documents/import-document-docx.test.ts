/**
 * Reading a .docx back into a document: Accord's own export round-trips to the same structure and
 * text, without the marking, title or export stamp; a file built elsewhere (with the `docx`
 * package, as Word or SharePoint would write it) loses unsafe links and images with a warning;
 * anything that is not a Word document, or is a zip bomb, is refused before mammoth reads it.
 */
import { crc32, deflateRawSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { generateJSON } from "@tiptap/html";
import type { JSONContent } from "@tiptap/core";
import { DeletedTextRun, Document, ExternalHyperlink, HeadingLevel, ImageRun, InsertedTextRun, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from "docx";
import { documentExtensions } from "../editor/extensions";
import { cleanDocumentJson, MAX_DOCUMENT_DEPTH } from "../editor/clean-document-json";
import { documentJsonFromState } from "../collab/yjs-content";
import { ArchiveLimitError, InvalidInputError } from "../errors";
import { documentDocx } from "./export-document-docx";
import { documentContentFixture, TEST_STAMP } from "./export-test-support";
import { documentJsonFromDocx, documentStateFromDocx } from "./import-document-docx";

const MARKING = "OFFICIAL-SENSITIVE PERSONAL DATA";
const TITLE = "Investigation log";

const json = (html: string) => cleanDocumentJson(generateJSON(html, documentExtensions()));

/** Each case is exported with documentDocx and imported back; all of these come back exactly (marks included). */
const ROUND_TRIP: Record<string, string> = {
  headings: "<h2>Timeline</h2><h3>Morning</h3><h4>09:00</h4><p>First entry.</p>",
  marks:
    "<p>Plain <strong>bold</strong> <em>italic</em> <u>underlined</u> <s>struck</s> <code>code</code> <strong><em>both</em></strong> " +
    '<a href="https://www.example.org/a?b=1&amp;c=2">safe link</a> <a href="mailto:oic@example.police.uk">mail</a> <a href="tel:+441234567890">phone</a></p>',
  "hard break": "<p>line one<br>line two</p>",
  "bullet list, nested": "<ul><li><p>one</p><ul><li><p>one.a</p><ul><li><p>one.a.i</p></li></ul></li></ul></li><li><p>two</p></li></ul>",
  "ordered list, nested in bullets": "<ol><li><p>first</p></li><li><p>second</p><ul><li><p>detail</p></li></ul></li></ol><ul><li><p>bullet</p><ol><li><p>step</p></li></ol></li></ul>",
  "ordered list starting at 4, then another list": '<ol start="4"><li><p>fourth</p><ul><li><p>under four</p></li></ul></li><li><p>fifth</p></li></ol><ol><li><p>again one</p></li></ol><ul><li><p>a</p></li></ul><ul><li><p>b</p></li></ul>',
  "list item with two paragraphs": "<ul><li><p>item</p><p>more about the item</p></li><li><p>next</p></li></ul>",
  "task list, nested": '<ul data-type="taskList"><li data-type="taskItem" data-checked="true"><p>done</p></li><li data-type="taskItem" data-checked="false"><p>open</p><ul data-type="taskList"><li data-type="taskItem" data-checked="true"><p>sub</p></li></ul></li></ul>',
  "bullets then tasks": '<ul><li><p>bullet</p></li></ul><ul data-type="taskList"><li data-type="taskItem" data-checked="false"><p>task</p></li></ul>',
  blockquote: "<p>Witness said:</p><blockquote><p>I saw the van.</p><p>It was blue.</p></blockquote><p>After.</p>",
  "nested blockquote": "<p>Before.</p><blockquote><p>outer</p><blockquote><p>inner</p></blockquote></blockquote>",
  "list in a table cell": "<table><tr><td><ul><li><p>in a cell</p></li></ul></td><td><p>beside</p></td></tr></table>",
  table:
    "<table><tr><th><p>Agency</p></th><th colspan=\"2\"><p>Contact</p></th></tr><tr><td rowspan=\"2\"><p>Council</p></td><td><p><strong>a</strong></p></td><td><p>b</p></td></tr><tr><td><p>c</p></td><td><p>d</p></td></tr></table><p>end</p>",
};

async function roundTrip(content: JSONContent, overrides: Parameters<typeof documentContentFixture>[1] = {}) {
  const bytes = await documentDocx(documentContentFixture(content, { title: TITLE, marking: MARKING, ...overrides }), TEST_STAMP);
  return documentJsonFromDocx(bytes, { title: overrides.title ?? TITLE });
}

/** All the text of a JSON document, joined. */
function textOf(node: JSONContent): string {
  return (node.text ?? "") + (node.content ?? []).map(textOf).join(" ");
}

/** A .docx made with the `docx` package, as another program would write it. */
async function foreignDocx(children: (Paragraph | Table)[]): Promise<Uint8Array> {
  return new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children }] })));
}

/** A ZIP archive of stored (or deflated) entries, with sizes in its headers as given. */
function zip(entries: { name: string; data: Buffer; deflate?: boolean; declaredSize?: number }[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name);
    const data = entry.deflate ? deflateRawSync(entry.data) : entry.data;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(entry.deflate ? 8 : 0, 8);
    local.writeUInt32LE(crc32(entry.data), 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(entry.declaredSize ?? entry.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(entry.deflate ? 8 : 0, 10);
    central.writeUInt32LE(crc32(entry.data), 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(entry.declaredSize ?? entry.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += 30 + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

describe("documentJsonFromDocx", () => {
  it.each(Object.entries(ROUND_TRIP))("round-trips Accord's own export: %s", async (_name, html) => {
    const content = json(html);
    const imported = await roundTrip(content);
    expect(imported.content).toEqual(content);
    expect(imported.warnings).toEqual([]);
  });

  it("round-trips the whole corpus as one document", async () => {
    const content = json(Object.values(ROUND_TRIP).join("<p>—</p>"));
    expect((await roundTrip(content)).content).toEqual(content);
  });

  it("documents what Word cannot carry back: rules, mentions, images, quotes right after a list", async () => {
    const content = json(
      '<hr><p>Seen by <span data-type="mention" data-id="u1" data-label="DS Priya Shah">@DS Priya Shah</span></p>' +
        '<img src="/api/v1/files/6f1c2a4e-0000-4000-8000-0000000000aa/content" alt="Scene photo"><ul><li><p>item</p></li></ul><blockquote><p>quote after a list</p></blockquote>',
    );
    const { content: imported } = await roundTrip(content);
    expect(imported).toEqual(
      json(
        // The rule is an empty paragraph with a border, which the conversion drops; a mention and
        // an image are the text the export wrote; the quote joins the last list item (both are
        // the same indented paragraph in a .docx).
        '<p>Seen by @DS Priya Shah</p><p><em>[Image: Scene photo]</em></p><ul><li><p>item</p><p>quote after a list</p></li></ul>',
      ),
    );
  });

  it("never imports the marking, the title or the export stamp, and keeps what follows them", async () => {
    const content = json("<p>Operation Kestrel · the first line of content</p><p>Second.</p>");
    const { content: imported } = await roundTrip(content, { marking: "OFFICIAL-SENSITIVE [LAW ENFORCEMENT]" });
    expect(imported).toEqual(content);
    const text = textOf(imported);
    expect(text).not.toContain("OFFICIAL-SENSITIVE");
    expect(text).not.toContain(TITLE);
    expect(text).not.toContain("exported by");
    expect(text).not.toMatch(/Page \d* of/);
  });

  it("drops a first paragraph styled as Title even when the title was changed in Word, and says so", async () => {
    const bytes = await documentDocx(documentContentFixture(json("<p>Body.</p>"), { title: "Renamed in Word" }), TEST_STAMP);
    const { content, warnings } = await documentJsonFromDocx(bytes, { title: TITLE });
    expect(content).toEqual(json("<p>Body.</p>"));
    expect(warnings).toEqual(['The title was changed in Word to "Renamed in Word"; the document keeps its title in Accord.']);
  });

  it("drops a first paragraph equal to the title, styled or not; keeps a document with no title line whole", async () => {
    const unstyled = await foreignDocx([new Paragraph(TITLE), new Paragraph("Kestrel · DCP · exported by someone, 1 Dec 2026"), new Paragraph("Body.")]);
    expect((await documentJsonFromDocx(unstyled, { title: TITLE })).content).toEqual(json("<p>Body.</p>"));
    const plain = await foreignDocx([new Paragraph("Notes from the meeting"), new Paragraph("Body.")]);
    expect((await documentJsonFromDocx(plain, { title: TITLE })).content).toEqual(json("<p>Notes from the meeting</p><p>Body.</p>"));
    expect((await documentJsonFromDocx(plain)).content).toEqual(json("<p>Notes from the meeting</p><p>Body.</p>"));
  });

  it("maps Word's heading levels onto the schema's (Heading 1 is level 2 as the page title is level 1)", async () => {
    const bytes = await foreignDocx([
      new Paragraph({ heading: HeadingLevel.HEADING_1, text: "One" }),
      new Paragraph({ heading: HeadingLevel.HEADING_2, text: "Two" }),
      new Paragraph({ heading: HeadingLevel.HEADING_5, text: "Five" }),
    ]);
    expect((await documentJsonFromDocx(bytes)).content).toEqual(json("<h2>One</h2><h2>Two</h2><h4>Five</h4>"));
  });

  it("drops javascript: and other unsafe hyperlinks, keeping their text, with a warning", async () => {
    const link = (href: string, text: string) => new ExternalHyperlink({ link: href, children: [new TextRun({ text, style: "Hyperlink" })] });
    const bytes = await foreignDocx([
      new Paragraph({
        children: [link("javascript:alert(document.cookie)", "click me"), new TextRun(" "), link("data:text/html,<script>alert(1)</script>", "data"), new TextRun(" "), link("https://example.org/", "fine")],
      }),
    ]);
    const { content, warnings } = await documentJsonFromDocx(bytes);
    expect(content).toEqual(json('<p>click me data <a href="https://example.org/">fine</a></p>'));
    expect(JSON.stringify(content)).not.toMatch(/javascript|data:|script/);
    expect(warnings).toEqual(["2 links that did not go to an https, mailto or tel address were removed; the text was kept."]);
  });

  it("drops embedded images, unread, with a warning", async () => {
    // A 1×1 PNG.
    const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");
    const bytes = await foreignDocx([new Paragraph({ children: [new TextRun("Before "), new ImageRun({ type: "png", data: png, transformation: { width: 10, height: 10 } }), new TextRun(" after")] })]);
    const { content, warnings } = await documentJsonFromDocx(bytes);
    expect(content).toEqual(json("<p>Before  after</p>"));
    expect(JSON.stringify(content)).not.toMatch(/image|data:/);
    expect(warnings).toEqual(["An image in the Word file was not imported: a document only shows images uploaded to Accord. Add them again in Accord if they are needed."]);
  });

  it("imports tracked changes as accepted, and says so", async () => {
    const change = { author: "Someone", date: "2026-12-01T10:00:00Z" };
    const bytes = await foreignDocx([new Paragraph({ children: [new TextRun("Kept "), new InsertedTextRun({ ...change, id: 1, text: "inserted" }), new DeletedTextRun({ ...change, id: 2, text: " deleted" })] })]);
    const { content, warnings } = await documentJsonFromDocx(bytes);
    expect(content).toEqual(json("<p>Kept inserted</p>"));
    expect(warnings).toEqual(["The Word file has tracked changes: they were imported as if accepted."]);
  });

  it("drops nesting deeper than the schema's limit, with a warning", async () => {
    let inner: Paragraph | Table = new Paragraph("the bottom");
    for (let i = 0; i < 40; i++) inner = new Table({ rows: [new TableRow({ children: [new TableCell({ children: [inner, new Paragraph("")] })] })] });
    const { content, warnings } = await documentJsonFromDocx(await foreignDocx([new Paragraph("Top."), inner]));
    const depth = (node: JSONContent): number => 1 + Math.max(0, ...(node.content ?? []).map(depth));
    expect(depth(content)).toBeLessThanOrEqual(MAX_DOCUMENT_DEPTH + 1);
    expect(textOf(content)).toContain("Top.");
    expect(textOf(content)).not.toContain("the bottom");
    expect(warnings).toEqual([`Content nested more than ${MAX_DOCUMENT_DEPTH} levels deep was not imported.`]);
  });

  it("refuses what is not a Word document", async () => {
    const pdf = new TextEncoder().encode("%PDF-1.7\n1 0 obj << >> endobj\n");
    const notDocx = zip([
      { name: "[Content_Types].xml", data: Buffer.from('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>') },
      { name: "hello.txt", data: Buffer.from("hello") },
    ]);
    const truncated = (await foreignDocx([new Paragraph("Body.")])).slice(0, 200);
    for (const bytes of [new Uint8Array(), new TextEncoder().encode("Just some text"), pdf, notDocx, truncated]) {
      const refused = documentJsonFromDocx(bytes);
      await expect(refused).rejects.toBeInstanceOf(InvalidInputError);
      await expect(refused).rejects.toThrow("That file is not a Word document (.docx)");
    }
  });

  it("refuses a zip bomb before mammoth unpacks it", async () => {
    const bomb = zip([
      { name: "[Content_Types].xml", data: Buffer.from("<Types/>") },
      { name: "word/document.xml", data: Buffer.alloc(1024), deflate: true, declaredSize: 300 * 1024 * 1024 },
    ]);
    const refused = documentJsonFromDocx(bomb);
    await expect(refused).rejects.toBeInstanceOf(ArchiveLimitError);
    await expect(refused).rejects.toThrow(/zip bomb/);
  });
});

describe("documentStateFromDocx", () => {
  it("gives a Yjs state that decodes to the same JSON", async () => {
    const content = json(Object.values(ROUND_TRIP).join(""));
    const bytes = await documentDocx(documentContentFixture(content, { title: TITLE }), TEST_STAMP);
    const [{ content: imported }, { state, warnings }] = await Promise.all([documentJsonFromDocx(bytes, { title: TITLE }), documentStateFromDocx(bytes, { title: TITLE })]);
    expect(state).toBeInstanceOf(Uint8Array);
    expect(warnings).toEqual([]);
    expect(documentJsonFromState(state)).toEqual(imported);
    expect(imported).toEqual(content);
  });
});
