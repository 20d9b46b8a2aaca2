/**
 * The .docx export, read back from the zip it is: the full marking, bold and centred, in the
 * header and the footer (which Word repeats on every page), a "Page x of y" field, and the
 * content as Word structures (headings, lists, task boxes, tables, safe hyperlinks only).
 */
import { describe, expect, it } from "vitest";
import { generateJSON } from "@tiptap/html";
import { documentExtensions } from "../editor/extensions";
import { documentDocx } from "./export-document-docx";
import { documentContentFixture, TEST_STAMP, wordText, xmlAttributes, zipEntries } from "./export-test-support";

const CONTENT = generateJSON(
  `<h2>Timeline</h2><h3>Morning</h3>
   <p>Plain <strong>bold</strong> <em>italic</em> <u>underlined</u> <s>struck</s> <code>code</code>
      <a href="https://www.example.org/a?b=1&c=2">safe link</a> <a href="javascript:alert(1)">unsafe link</a>
      <span data-type="mention" data-id="u1" data-label="DS Priya Shah">@DS Priya Shah</span></p>
   <ul><li><p>bullet one</p><ul><li><p>bullet nested</p></li></ul></li></ul>
   <ol start="4"><li><p>fourth</p></li><li><p>fifth</p></li></ol>
   <ul data-type="taskList"><li data-type="taskItem" data-checked="true"><p>task done</p></li><li data-type="taskItem" data-checked="false"><p>task open</p></li></ul>
   <table><tr><th><p>Agency</p></th><th colspan="2"><p>Contact</p></th></tr><tr><td rowspan="2"><p>Council</p></td><td><p>a</p></td><td><p>b</p></td></tr><tr><td><p>c</p></td><td><p>d</p></td></tr></table>`,
  documentExtensions(),
);

async function partsOf(marking = "OFFICIAL-SENSITIVE PERSONAL DATA") {
  return zipEntries(await documentDocx(documentContentFixture(CONTENT, { marking }), TEST_STAMP));
}

/** The paragraphs (<w:p>…</w:p>) of a part. */
const paragraphsOf = (xml: string) => xml.match(/<w:p>.*?<\/w:p>|<w:p [^>]*>.*?<\/w:p>/g) ?? [];

describe("documentDocx", () => {
  it("puts the full marking, bold and centred, in the header and the footer that every page uses", async () => {
    const parts = await partsOf();
    const body = parts.get("word/document.xml")!;
    // The section's default header and footer: Word applies them to every page of the section.
    const headerRef = /<w:headerReference w:type="default" r:id="(\w+)"\/>/.exec(body)?.[1];
    const footerRef = /<w:footerReference w:type="default" r:id="(\w+)"\/>/.exec(body)?.[1];
    expect(headerRef && footerRef).toBeTruthy();
    expect(body).not.toMatch(/<w:titlePg\/>|w:type="first"|w:type="even"/);
    const rels = parts.get("word/_rels/document.xml.rels")!;
    const targetOf = (id: string) => new RegExp(`<Relationship Id="${id}"[^>]*Target="([^"]*)"`).exec(rels)?.[1];
    for (const [id, part] of [
      [headerRef!, "word/header1.xml"],
      [footerRef!, "word/footer1.xml"],
    ] as const) {
      expect(`word/${targetOf(id)}`).toBe(part);
      const [marking] = paragraphsOf(parts.get(part)!);
      expect(wordText(marking!)).toBe("OFFICIAL-SENSITIVE PERSONAL DATA");
      expect(marking).toContain('<w:jc w:val="center"/>');
      expect(marking).toContain("<w:b/>");
    }
  });

  it("puts a Page x of y field in the footer", async () => {
    const footer = (await partsOf()).get("word/footer1.xml")!;
    const [, pageLine] = paragraphsOf(footer);
    expect(pageLine).toContain('<w:jc w:val="center"/>');
    expect(wordText(pageLine!)).toBe("Page  of ");
    const fields = [...pageLine!.matchAll(/<w:instrText[^>]*>([^<]*)<\/w:instrText>/g)].map((m) => m[1]!.trim());
    expect(fields).toEqual(["PAGE", "NUMPAGES"]);
    expect(pageLine!.match(/w:fldCharType="begin"/g)).toHaveLength(2);
  });

  it("writes whatever marking the document has, escaped", async () => {
    const parts = await partsOf("OFFICIAL-SENSITIVE <DCP> USE ONLY & PERSONAL DATA");
    expect(wordText(parts.get("word/header1.xml")!)).toBe("OFFICIAL-SENSITIVE <DCP> USE ONLY & PERSONAL DATA");
    expect(parts.get("word/header1.xml")).toContain("&lt;DCP&gt; USE ONLY &amp; PERSONAL DATA");
    expect(parts.get("docProps/core.xml")).toContain("<dc:subject>OFFICIAL-SENSITIVE &lt;DCP&gt; USE ONLY &amp; PERSONAL DATA</dc:subject>");
  });

  it("writes the title, the export stamp, headings, runs, lists, task boxes and mentions", async () => {
    const body = (await partsOf()).get("word/document.xml")!;
    const paragraphs = paragraphsOf(body);
    const styled = (style: string) => paragraphs.filter((p) => p.includes(`<w:pStyle w:val="${style}"/>`)).map(wordText);
    expect(styled("Title")).toEqual(["Investigation log"]);
    expect(styled("Heading2")).toEqual(["Timeline"]);
    expect(styled("Heading3")).toEqual(["Morning"]);
    expect(wordText(paragraphs[1]!)).toBe("Operation Kestrel · Devon & Cornwall Police · exported by DS Priya Shah (Devon & Cornwall Police), 1 Dec 2026, 10:00");
    const run = (text: string) => body.match(new RegExp(`<w:r>(?:(?!</w:r>).)*<w:t xml:space="preserve">${text}</w:t></w:r>`))?.[0] ?? "";
    expect(run("bold")).toContain("<w:b/>");
    expect(run("italic")).toContain("<w:i/>");
    expect(run("underlined")).toContain('<w:u w:val="single"/>');
    expect(run("struck")).toContain("<w:strike/>");
    expect(run("code")).toContain('w:ascii="Courier New"');
    expect(wordText(body)).toContain("@DS Priya Shah");
    // Lists are numbered paragraphs; each ordered list is its own instance, starting where it says.
    const listed = paragraphs.filter((p) => p.includes("<w:numPr>")).map(wordText);
    expect(listed).toEqual(["bullet one", "bullet nested", "fourth", "fifth"]);
    expect(paragraphs.find((p) => wordText(p) === "bullet nested")).toContain('<w:ilvl w:val="1"/>');
    expect((await partsOf()).get("word/numbering.xml")).toMatch(/<w:start w:val="4"\/>/);
    expect(paragraphs.map(wordText)).toEqual(expect.arrayContaining(["☑ task done", "☐ task open"]));
  });

  it("writes tables with their spans, header cells bold and repeated on each page", async () => {
    const body = (await partsOf()).get("word/document.xml")!;
    const table = body.match(/<w:tbl>.*<\/w:tbl>/)![0];
    const rows = table.match(/<w:tr>.*?<\/w:tr>|<w:tr [^>]*>.*?<\/w:tr>/g)!;
    expect(rows).toHaveLength(3);
    expect(rows[0]).toContain("<w:tblHeader/>");
    expect(rows[1]).not.toContain("<w:tblHeader/>");
    expect(rows[0]).toContain('<w:gridSpan w:val="2"/>');
    expect(rows[1]).toContain('<w:vMerge w:val="restart"/>');
    expect(wordText(rows[0]!)).toBe("AgencyContact");
    expect(rows[0]).toContain("<w:b/>");
    expect(wordText(table)).toBe("AgencyContactCouncilabcd");
  });

  it("makes hyperlinks of safe links only; an unsafe link is left as text", async () => {
    const parts = await partsOf();
    const hyperlinks = xmlAttributes(parts.get("word/_rels/document.xml.rels")!).filter((a) => a.name === "Target" && a.value.includes(":"));
    expect(hyperlinks.map((a) => a.value)).toEqual(["https://www.example.org/a?b=1&c=2"]);
    const body = parts.get("word/document.xml")!;
    expect(body.match(/<w:hyperlink [^>]*>.*?<\/w:hyperlink>/g)!.map(wordText)).toEqual(["safe link"]);
    expect(wordText(body)).toContain("unsafe link");
  });
});
