/**
 * Reading back what the exports write, for tests: the parts of a .docx (a zip), the text drawn
 * on each PDF page and every action a PDF carries, and the elements and attributes of an HTML
 * fragment. For tests only: nothing in the application imports this file.
 */
import { inflateRawSync } from "node:zlib";
import sanitizeHtml from "sanitize-html";
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRawStream, PDFStream, PDFString, type PDFObject } from "pdf-lib";
import type { DocumentContent } from "./get-document-content";
import type { ExportStamp } from "./export-file";

/** The files in a zip archive, by name, as UTF-8 text (enough for the XML parts of a .docx). */
export function zipEntries(bytes: Uint8Array): Map<string, string> {
  const buf = Buffer.from(bytes);
  let end = buf.length - 22;
  while (end >= 0 && buf.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new Error("not a zip archive");
  const count = buf.readUInt16LE(end + 10);
  let offset = buf.readUInt32LE(end + 16);
  const entries = new Map<string, string>();
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(offset) !== 0x02014b50) throw new Error("bad zip central directory");
    const method = buf.readUInt16LE(offset + 10);
    const compressedSize = buf.readUInt32LE(offset + 20);
    const nameLength = buf.readUInt16LE(offset + 28);
    const extraLength = buf.readUInt16LE(offset + 30);
    const commentLength = buf.readUInt16LE(offset + 32);
    const local = buf.readUInt32LE(offset + 42);
    const name = buf.toString("utf8", offset + 46, offset + 46 + nameLength);
    const dataStart = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(dataStart, dataStart + compressedSize);
    entries.set(name, (method === 0 ? data : inflateRawSync(data)).toString("utf8"));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The text of every `<w:t>` in a WordprocessingML part, joined. */
export function wordText(xml: string): string {
  return [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => decodeXml(m[1]!)).join("");
}

function decodeXml(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");
}

/** Every attribute (name and decoded value) of every element in an XML part. */
export function xmlAttributes(xml: string): { element: string; name: string; value: string }[] {
  const found: { element: string; name: string; value: string }[] = [];
  for (const tag of xml.matchAll(/<([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*\/?>/g)) {
    for (const attr of tag[2]!.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) found.push({ element: tag[1]!, name: attr[1]!, value: decodeXml(attr[2] ?? attr[3] ?? "") });
  }
  return found;
}

function streamBytes(stream: PDFObject | undefined): Uint8Array[] {
  if (stream instanceof PDFRawStream) return [decodePDFRawStream(stream).decode()];
  if (stream instanceof PDFStream) return [stream.getContents()];
  return [];
}

/** What a PDF page carries: the strings drawn on it (in order) and its link annotations' URIs. */
export type PdfPageFacts = { texts: string[]; linkUris: string[] };

/** Reads a PDF back: per page, the text shown with Tj (the standard fonts' WinAnsi bytes) and the URIs of its links. */
export async function pdfFacts(bytes: Uint8Array): Promise<{ pages: PdfPageFacts[]; actionTypes: string[]; hasScriptOrLaunch: boolean }> {
  const pdf = await PDFDocument.load(bytes);
  const pages = pdf.getPages().map((page): PdfPageFacts => {
    const contents = page.node.Contents();
    const streams = contents instanceof PDFArray ? contents.asArray().map((ref) => pdf.context.lookup(ref)) : [contents];
    const source = streams.flatMap((s) => streamBytes(s)).map((b) => Buffer.from(b).toString("latin1")).join("\n");
    const texts = [...source.matchAll(/<([0-9A-Fa-f]*)>\s*Tj/g)].map((m) => Buffer.from(m[1]!, "hex").toString("latin1"));
    const linkUris: string[] = [];
    const annots = page.node.Annots();
    for (const ref of annots?.asArray() ?? []) {
      const annot = pdf.context.lookup(ref, PDFDict);
      const action = annot.lookupMaybe(PDFName.of("A"), PDFDict);
      const uri = action?.lookup(PDFName.of("URI"));
      if (uri instanceof PDFHexString || uri instanceof PDFString) linkUris.push(Buffer.from(uri.asBytes()).toString("latin1"));
    }
    return { texts, linkUris };
  });
  // Every action anywhere in the file, and any key that runs script or launches a program.
  const actionTypes: string[] = [];
  let hasScriptOrLaunch = false;
  for (const [, object] of pdf.context.enumerateIndirectObjects()) {
    const dicts: PDFDict[] = object instanceof PDFDict ? [object] : object instanceof PDFRawStream ? [object.dict] : [];
    const visit = (dict: PDFDict) => {
      for (const [key, value] of dict.entries()) {
        const name = key.decodeText();
        if (["JS", "JavaScript", "Launch", "OpenAction", "AA", "SubmitForm", "ImportData", "GoToR", "RichMedia"].includes(name)) hasScriptOrLaunch = true;
        if (name === "S" && value instanceof PDFName) actionTypes.push(value.decodeText());
        if (value instanceof PDFDict) visit(value);
      }
    };
    dicts.forEach(visit);
  }
  return { pages, actionTypes, hasScriptOrLaunch };
}

/** Every element of an HTML fragment with its attributes, as a browser-grade parser (htmlparser2, via sanitize-html) sees them. */
export function htmlElements(html: string): { tag: string; attribs: Record<string, string> }[] {
  const elements: { tag: string; attribs: Record<string, string> }[] = [];
  sanitizeHtml(html, {
    allowedTags: false,
    allowedAttributes: false,
    allowVulnerableTags: true,
    transformTags: {
      "*": (tagName, attribs) => {
        elements.push({ tag: tagName.toLowerCase(), attribs: { ...attribs } });
        return { tagName, attribs };
      },
    },
  });
  return elements;
}

/** A DocumentContent for rendering tests, with `content` and the marking of the seeded investigation log. */
export function documentContentFixture(content: unknown, overrides: Partial<DocumentContent> = {}): DocumentContent {
  return {
    id: "6f1c2a4e-0000-4000-8000-000000000001",
    title: "Investigation log",
    marking: "OFFICIAL-SENSITIVE PERSONAL DATA",
    markingRank: 2,
    descriptors: ["PERSONAL DATA"],
    handling: "",
    space: { id: "6f1c2a4e-0000-4000-8000-000000000002", name: "Operation Kestrel" },
    owningAgency: { id: "6f1c2a4e-0000-4000-8000-000000000003", code: "DCP", name: "Devon & Cornwall Police" },
    createdAt: "2026-11-01T09:00:00.000Z",
    updatedAt: "2026-11-02T09:00:00.000Z",
    permissions: { canUpdate: true, canComment: true, canRemark: true, canShare: true, canDelete: true },
    content: content as DocumentContent["content"],
    revision: 1,
    ...overrides,
  };
}

/** The stamp the rendering tests export under. */
export const TEST_STAMP: ExportStamp = { exportedBy: "DS Priya Shah", agencyName: "Devon & Cornwall Police", exportedAt: new Date("2026-12-01T10:00:00Z") };
