/**
 * Text extraction for search is best effort and bounded: PDF, Word and text files give their
 * text; a quarantined file is never parsed; other types, oversize files and unreadable content
 * give no text and a reason, never an error.
 */
import { Document, Packer, Paragraph } from "docx";
import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { extractFileText, MAX_EXTRACT_BYTES } from "./extract-file-text";
import { documentPlainText } from "./index-document-text";

const clean = (extension: string) => ({ extension, status: "clean" as const });

describe("extractFileText", () => {
  it("reads PDF, Word and text files", async () => {
    const pdf = await PDFDocument.create();
    pdf.addPage([300, 200]).drawText("Warrant for the harbour", { x: 20, y: 100, size: 12 });
    expect(await extractFileText(clean("pdf"), await pdf.save())).toEqual({ body: expect.stringContaining("Warrant for the harbour"), extraction: "pdf" });
    const docx = new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph("Interview plan")] }] })));
    expect(await extractFileText(clean("docx"), docx)).toEqual({ body: expect.stringContaining("Interview plan"), extraction: "docx" });
    expect(await extractFileText(clean("csv"), new TextEncoder().encode("name,place\nAnn,Bodmin"))).toEqual({ body: "name,place\nAnn,Bodmin", extraction: "text" });
  });

  it("never parses a quarantined file, and skips what it cannot or should not read", async () => {
    const text = new TextEncoder().encode("secret words");
    expect(await extractFileText({ extension: "txt", status: "quarantined" }, text)).toEqual({ body: "", extraction: "quarantined" });
    expect(await extractFileText(clean("png"), text)).toEqual({ body: "", extraction: "unsupported" });
    expect(await extractFileText(clean("txt"), new Uint8Array(MAX_EXTRACT_BYTES + 1))).toEqual({ body: "", extraction: "too_large" });
    expect(await extractFileText(clean("pdf"), new TextEncoder().encode("%PDF-1.7 not really a pdf"))).toEqual({ body: "", extraction: "failed" });
  });

  it("keeps no snippet marks or control characters from the file", async () => {
    const { body } = await extractFileText(clean("txt"), new TextEncoder().encode("a\uE000b\uE001c\u0000d"));
    expect(body).toBe("abc d");
  });
});

describe("documentPlainText", () => {
  it("gives the text nodes, mentions by name and image descriptions, blocks on their own lines", () => {
    const json = {
      type: "doc",
      content: [
        { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "Decisions" }] },
        { type: "paragraph", content: [{ type: "text", text: "Ask " }, { type: "mention", attrs: { id: "u1", label: "Tom Hughes" } }, { type: "text", text: " for ANPR", marks: [{ type: "link", attrs: { href: "https://x.example" } }] }] },
        { type: "image", attrs: { src: "/api/v1/files/1/content", alt: "Map of the A35" } },
      ],
    };
    expect(documentPlainText(json)).toBe("Decisions\nAsk @Tom Hughes for ANPR\nMap of the A35");
  });
});
