/**
 * A form submission as a printable PDF (issue 7): the MG11 with "Page x of y", the s.9
 * declaration (its "[x]" replaced by the page count) and a signature line on every page, and the
 * marking at the top and the bottom of every page (domain.md §2).
 *
 * The threats: a page that leaves Accord without its marking, and a "disclosable copy" that
 * carries what must never reach the defence (the MG11's reverse). So the marking is required and
 * drawn on every page after layout, page by page; a disclosable copy includes only sections
 * marked disclosable (a section not marked `isDisclosable: true` is left out: fail closed), and
 * hidden sections and fields (conditions.ts) are left out of every copy, as the server keeps them.
 *
 * Laid out as lib/documents/export-document-pdf.ts does: the standard Helvetica fonts (nothing
 * to embed), text drawn as text (so it can be searched and extracted), and any character the
 * fonts cannot encode (they cover Windows-1252: emoji, Arabic, Hebrew, CJK…) written as "?"
 * rather than failing the rendering.
 */
import { PDFDocument, PDFHexString, PDFName, StandardFonts, rgb, type PDFFont } from "pdf-lib";
import { isAnswerGiven, isPlainObject, isShown, visibleAnswers, type FormAnswers } from "./conditions";
import type { FieldLayout, FormDefinition, GroupLayout, SectionLayout } from "./form-definition";

// A4 in points, 2 cm side margins; the marking sits in bands above and below the content, the
// declaration and signature line just above the bottom band.
const PAGE_WIDTH = 595.28;
const PAGE_HEIGHT = 841.89;
const MARGIN_X = 56.7;
const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X;
const CONTENT_TOP = PAGE_HEIGHT - 70;
const FOOTER_TOP = 72;
const MARKING_SIZE = 10;
const MARKING_TOP_BASELINE = PAGE_HEIGHT - 36;
const MARKING_BOTTOM_BASELINE = 40;
const PAGE_NUMBER_BASELINE = 24;
const DECLARATION_SIZE = 8;
const DECLARATION_LINE = DECLARATION_SIZE * 1.35;
const SIGNATURE_SIZE = 9;
const LINE_FACTOR = 1.35;
const GROUP_INDENT = 14;

/** What the first page says of a disclosable copy. */
export const DISCLOSABLE_COPY_NOTICE = "Disclosable copy: the reverse (not disclosable) is omitted";
/** The heading over a section that is not disclosable, in a full copy. */
export const NOT_DISCLOSABLE_HEADING = "NOT DISCLOSABLE";
/** The signature line printed under the declaration on every page. */
export const SIGNATURE_LINE = "Signature: ________________________________      Date: ________________";
/** What an unanswered field shows. */
export const UNANSWERED = "—";

type FontKey = "regular" | "bold";
type Fonts = Record<FontKey, PDFFont>;

/** Why a piece of text is on the page, so that tests can find each kind. */
export type TextRole =
  | "marking-top"
  | "marking-bottom"
  | "page-number"
  | "declaration"
  | "signature"
  | "title"
  | "reference"
  | "notice"
  | "page-title"
  | "section-title"
  | "not-disclosable"
  | "label"
  | "item-label"
  | "answer";

/** What is drawn on a page, kept so that tests can check exactly what each page carries. */
export type SubmissionDrawOp =
  | { kind: "text"; x: number; y: number; text: string; font: FontKey; size: number; role: TextRole; isGrey?: boolean }
  | { kind: "line"; x1: number; y1: number; x2: number; y2: number; thickness: number; grey: number };

/** One laid-out page. */
export type SubmissionPage = { ops: SubmissionDrawOp[] };

export type RenderSubmissionPdfInput = {
  definition: Pick<FormDefinition, "schema" | "layout">;
  answers: FormAnswers;
  /** The submission's marking as rendered (e.g. "OFFICIAL-SENSITIVE PERSONAL DATA"). */
  marking: string;
  title: string;
  reference?: string;
  /** True for the copy served on the defence: non-disclosable sections are left out entirely. */
  isDisclosableOnly: boolean;
};

// --- text ------------------------------------------------------------------------------------

class Text {
  private readonly charset: Set<number>;

  constructor(readonly fonts: Fonts) {
    this.charset = new Set(fonts.regular.getCharacterSet());
  }

  /** `text` in what the standard fonts can encode: whitespace as a space, anything else unknown as "?". */
  encodable(text: string): string {
    let out = "";
    for (const char of text.normalize("NFC")) {
      const code = char.codePointAt(0)!;
      if (this.charset.has(code)) out += char;
      else if (/\s/.test(char)) out += " ";
      else out += "?";
    }
    return out;
  }

  width(text: string, font: FontKey, size: number): number {
    return this.fonts[font].widthOfTextAtSize(text, size);
  }

  /** `text` wrapped to `width` points; line breaks in it are kept; always at least one line. */
  wrap(text: string, font: FontKey, size: number, width: number): string[] {
    const lines: string[] = [];
    for (const paragraph of text.split(/\r\n|\r|\n/)) {
      let line = "";
      let lineWidth = 0;
      const push = () => {
        lines.push(line.trimEnd());
        line = "";
        lineWidth = 0;
      };
      for (const token of this.encodable(paragraph).split(/( +)/)) {
        if (!token) continue;
        const isSpace = token.startsWith(" ");
        const piece = isSpace ? " " : token;
        const w = this.width(piece, font, size);
        if (lineWidth + w <= width) {
          if (!(isSpace && line === "")) {
            line += piece;
            lineWidth += w;
          }
        } else if (isSpace) push();
        else if (line !== "" && w <= width) {
          push();
          line = piece;
          lineWidth = w;
        } else {
          // A word longer than the line: break it where it must.
          for (const char of piece) {
            const cw = this.width(char, font, size);
            if (lineWidth + cw > width && line !== "") push();
            line += char;
            lineWidth += cw;
          }
        }
      }
      push();
    }
    return lines;
  }
}

// --- answers as text -------------------------------------------------------------------------

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** "2026-05-01" as "1 May 2026"; anything that is not a real calendar date as it was written. */
export function formatFormDate(value: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return value;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return value;
  return `${day} ${MONTHS[month - 1]} ${year}`;
}

/** A date and time as "1 May 2026, 10:30": in UK time when it carries an offset, as written when it does not. */
export function formatFormDateTime(value: string): string {
  const local = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?$/.exec(value);
  if (local) return `${formatFormDate(local[1]!)}, ${local[2]}`;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return value;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  return `${formatFormDate(`${parts.year}-${parts.month}-${parts.day}`)}, ${parts.hour}:${parts.minute}`;
}

type SchemaNode = { type?: unknown; format?: unknown; properties?: Record<string, SchemaNode>; items?: SchemaNode };

/** The schema of a top-level field, or of a field of a repeating group's items (answers-as-text.ts reads its format too). */
export function schemaNode(schema: Record<string, unknown>, field: string, group?: string): SchemaNode | undefined {
  const properties = (schema as SchemaNode).properties;
  if (!properties) return undefined;
  if (group === undefined) return Object.hasOwn(properties, field) ? properties[field] : undefined;
  const items = Object.hasOwn(properties, group) ? properties[group]?.items : undefined;
  return items?.properties && Object.hasOwn(items.properties, field) ? items.properties[field] : undefined;
}

/** An answer as printed: Yes/No, dates as "1 May 2026", lists joined, unanswered as "—". */
export function formatAnswer(value: unknown, field: Pick<FieldLayout, "widget">, node?: { format?: unknown }): string {
  if (!isAnswerGiven(value)) return UNANSWERED;
  if (typeof value === "boolean") return value ? "Yes" : "No";
  if (typeof value === "number") return String(value);
  if (typeof value === "string") {
    if (field.widget === "date" || node?.format === "date") return formatFormDate(value);
    if (field.widget === "datetime" || node?.format === "date-time") return formatFormDateTime(value);
    return value;
  }
  if (Array.isArray(value)) return value.map((v) => formatAnswer(v, { widget: undefined })).join(", ");
  return JSON.stringify(value);
}

// --- layout ----------------------------------------------------------------------------------

/** Places lines on pages, starting a new page whenever the next one does not fit above the footer. */
class Pager {
  readonly pages: SubmissionPage[] = [];
  private y = CONTENT_TOP;

  constructor(
    private readonly text: Text,
    private readonly bottom: number,
  ) {
    this.newPage();
  }

  get isPageFresh(): boolean {
    return this.y === CONTENT_TOP;
  }

  newPage(): void {
    this.pages.push({ ops: [] });
    this.y = CONTENT_TOP;
  }

  /** Starts a new page unless `height` more fits on this one (keeps a heading with what follows). */
  keep(height: number): void {
    if (!this.isPageFresh && this.y - height < this.bottom) this.newPage();
  }

  /** Writes `text` wrapped, from `indent`, with `spaceBefore` (dropped at the top of a page). */
  write(text: string, options: { font?: FontKey; size?: number; indent?: number; spaceBefore?: number; role: TextRole; isGrey?: boolean }): void {
    const font = options.font ?? "regular";
    const size = options.size ?? 11;
    const indent = options.indent ?? 0;
    const height = size * LINE_FACTOR;
    this.text.wrap(text, font, size, CONTENT_WIDTH - indent).forEach((line, index) => {
      const spaceBefore = index === 0 && !this.isPageFresh ? (options.spaceBefore ?? 0) : 0;
      if (!this.isPageFresh && this.y - spaceBefore - height < this.bottom) this.newPage();
      const top = this.y - (this.isPageFresh ? 0 : spaceBefore);
      if (line) this.pages.at(-1)!.ops.push({ kind: "text", x: MARGIN_X + indent, y: top - size * 1.05, text: line, font, size, role: options.role, ...(options.isGrey ? { isGrey: true } : {}) });
      this.y = top - height;
    });
  }
}

/** The sections this copy prints, in order, per form page (pages with none are left out). */
function printedPages(input: RenderSubmissionPdfInput, visible: FormAnswers): { title: string; sections: SectionLayout[] }[] {
  return input.definition.layout.pages
    .map((page) => ({
      title: page.title,
      // A disclosable copy includes only what is marked disclosable: a section not so marked is left out.
      sections: page.sections.filter((s) => isShown(s.showWhen, visible) && (!input.isDisclosableOnly || s.isDisclosable === true)),
    }))
    .filter((page) => page.sections.length > 0);
}

function writeField(pager: Pager, field: FieldLayout, value: unknown, node: SchemaNode | undefined, indent: number): void {
  pager.keep(10 * LINE_FACTOR + 4 + 11 * LINE_FACTOR);
  pager.write(field.label, { font: "bold", size: 10, indent, spaceBefore: 7, role: "label" });
  pager.write(formatAnswer(value, field, node), { size: 11, indent, spaceBefore: 1, role: "answer" });
}

function writeGroup(pager: Pager, group: GroupLayout, visible: FormAnswers, schema: Record<string, unknown>): void {
  pager.keep(2 * 11 * LINE_FACTOR + 8);
  pager.write(group.label, { font: "bold", size: 10.5, spaceBefore: 9, role: "label" });
  const items = Object.hasOwn(visible, group.group) ? visible[group.group] : undefined;
  const list = Array.isArray(items) ? items : [];
  if (list.length === 0) pager.write(UNANSWERED, { size: 11, spaceBefore: 1, role: "answer" });
  list.forEach((item, index) => {
    pager.keep(2 * 11 * LINE_FACTOR + 8);
    pager.write(`${group.itemLabel} ${index + 1}`, { font: "bold", size: 10.5, indent: GROUP_INDENT / 2, spaceBefore: 7, role: "item-label" });
    if (!isPlainObject(item)) {
      pager.write(formatAnswer(item, { widget: undefined }), { size: 11, indent: GROUP_INDENT, spaceBefore: 1, role: "answer" });
      return;
    }
    for (const field of group.fields) {
      if (!isShown(field.showWhen, visible, item)) continue;
      writeField(pager, field, Object.hasOwn(item, field.field) ? item[field.field] : undefined, schemaNode(schema, field.field, group.group), GROUP_INDENT);
    }
  });
}

/** Lays the submission out with `footerHeight` kept free above the bottom band of every page. */
function layOut(input: RenderSubmissionPdfInput, visible: FormAnswers, text: Text, footerHeight: number): SubmissionPage[] {
  const pager = new Pager(text, FOOTER_TOP + footerHeight + 6);
  pager.write(input.title, { font: "bold", size: 18, role: "title" });
  if (input.reference) pager.write(`Reference: ${input.reference}`, { size: 10, spaceBefore: 4, role: "reference" });
  if (input.isDisclosableOnly) pager.write(DISCLOSABLE_COPY_NOTICE, { font: "bold", size: 10, spaceBefore: 6, role: "notice" });
  const schema = input.definition.schema;
  printedPages(input, visible).forEach((page, index) => {
    // Each page of the form starts a page of the rendition (the MG11's reverse is its own sheet).
    if (index > 0 && !pager.isPageFresh) pager.newPage();
    pager.write(page.title, { font: "bold", size: 14, spaceBefore: 14, role: "page-title" });
    for (const section of page.sections) {
      pager.keep(4 * 12 * LINE_FACTOR + 20);
      if (section.isDisclosable !== true) pager.write(NOT_DISCLOSABLE_HEADING, { font: "bold", size: 10, spaceBefore: 12, role: "not-disclosable" });
      pager.write(section.title, { font: "bold", size: 12, spaceBefore: section.isDisclosable !== true ? 2 : 12, role: "section-title" });
      for (const item of section.items) {
        if (!isShown(item.showWhen, visible)) continue;
        if ("group" in item) writeGroup(pager, item, visible, schema);
        else writeField(pager, item, Object.hasOwn(visible, item.field) ? visible[item.field] : undefined, schemaNode(schema, item.field), 0);
      }
    }
  });
  return pager.pages;
}

/** The declaration's lines with "[x]" as the page count. */
function declarationLines(text: Text, declaration: string, pageCount: number): string[] {
  return text.wrap(declaration.replaceAll("[x]", String(pageCount)), "regular", DECLARATION_SIZE, CONTENT_WIDTH);
}

/** The room the declaration and signature line take at the foot of a page: nothing without a declaration. */
function footerHeight(lineCount: number): number {
  return lineCount === 0 ? 0 : 8 + lineCount * DECLARATION_LINE + 20;
}

/** Adds to every page the marking at top and bottom, "Page x of y", and the declaration with its signature line. */
function addFurniture(pages: SubmissionPage[], marking: string, declaration: string | undefined, text: Text): void {
  const markingText = text.encodable(marking);
  // A marking too long for the line is made smaller, never cut.
  const size = Math.min(MARKING_SIZE, (CONTENT_WIDTH / text.width(markingText, "bold", MARKING_SIZE)) * MARKING_SIZE);
  const x = (PAGE_WIDTH - text.width(markingText, "bold", size)) / 2;
  const lines = declaration ? declarationLines(text, declaration, pages.length) : [];
  const top = FOOTER_TOP + footerHeight(lines.length);
  pages.forEach((page, index) => {
    const number = `Page ${index + 1} of ${pages.length}`;
    page.ops.unshift(
      { kind: "text", x, y: MARKING_TOP_BASELINE, text: markingText, font: "bold", size, role: "marking-top" },
      { kind: "line", x1: MARGIN_X, y1: MARKING_TOP_BASELINE - 8, x2: PAGE_WIDTH - MARGIN_X, y2: MARKING_TOP_BASELINE - 8, thickness: 0.5, grey: 0.6 },
    );
    if (lines.length > 0) {
      page.ops.push({ kind: "line", x1: MARGIN_X, y1: top - 2, x2: PAGE_WIDTH - MARGIN_X, y2: top - 2, thickness: 0.5, grey: 0.6 });
      lines.forEach((line, i) => page.ops.push({ kind: "text", x: MARGIN_X, y: top - 8 - DECLARATION_SIZE - i * DECLARATION_LINE, text: line, font: "regular", size: DECLARATION_SIZE, role: "declaration" }));
      page.ops.push({ kind: "text", x: MARGIN_X, y: FOOTER_TOP + 6, text: SIGNATURE_LINE, font: "regular", size: SIGNATURE_SIZE, role: "signature" });
    }
    page.ops.push(
      { kind: "line", x1: MARGIN_X, y1: MARKING_BOTTOM_BASELINE + 16, x2: PAGE_WIDTH - MARGIN_X, y2: MARKING_BOTTOM_BASELINE + 16, thickness: 0.5, grey: 0.6 },
      { kind: "text", x, y: MARKING_BOTTOM_BASELINE, text: markingText, font: "bold", size, role: "marking-bottom" },
      { kind: "text", x: (PAGE_WIDTH - text.width(number, "regular", 8)) / 2, y: PAGE_NUMBER_BASELINE, text: number, font: "regular", size: 8, role: "page-number" },
    );
  });
}

/** The PDF of a submission and its pages as laid out (what each page carries). */
export async function submissionPdf(input: RenderSubmissionPdfInput): Promise<{ body: Uint8Array; pages: SubmissionPage[] }> {
  // No marking, no rendition: a page must never leave Accord unmarked.
  if (!/\S/.test(input.marking)) throw new Error("A submission cannot be rendered without its marking");
  const pdf = await PDFDocument.create();
  const [regular, bold] = await Promise.all([pdf.embedFont(StandardFonts.Helvetica), pdf.embedFont(StandardFonts.HelveticaBold)]);
  const text = new Text({ regular: regular!, bold: bold! });
  const visible = visibleAnswers(input.definition, input.answers);
  const declaration = input.definition.layout.declaration && /\S/.test(input.definition.layout.declaration) ? input.definition.layout.declaration : undefined;

  // The footer's height depends on the page count (the declaration wraps with N in place of
  // "[x]") and the page count on the footer's height: lay out until the footer laid out for
  // fits the declaration as printed (at most a few rounds: N grows by digits, not by lines).
  let guess = 1;
  let pages: SubmissionPage[] = [];
  for (let round = 0; round < 6; round++) {
    const reserved = declaration ? declarationLines(text, declaration, guess).length : 0;
    pages = layOut(input, visible, text, footerHeight(reserved));
    const needed = declaration ? declarationLines(text, declaration, pages.length).length : 0;
    if (needed <= reserved) break;
    guess = pages.length;
  }
  addFurniture(pages, input.marking, declaration, text);

  for (const page of pages) {
    const target = pdf.addPage([PAGE_WIDTH, PAGE_HEIGHT]);
    for (const op of page.ops) {
      if (op.kind === "text") target.drawText(op.text, { x: op.x, y: op.y, size: op.size, font: text.fonts[op.font], color: op.isGrey ? rgb(0.33, 0.33, 0.33) : rgb(0, 0, 0) });
      else target.drawLine({ start: { x: op.x1, y: op.y1 }, end: { x: op.x2, y: op.y2 }, thickness: op.thickness, color: rgb(op.grey, op.grey, op.grey) });
    }
  }
  pdf.setTitle(input.reference ? `${input.title} (${input.reference})` : input.title, { showInWindowTitleBar: true });
  pdf.setSubject(input.marking);
  pdf.setKeywords([input.marking]);
  pdf.setCreator("Accord");
  pdf.setProducer("Accord");
  pdf.catalog.set(PDFName.of("Lang"), PDFHexString.fromText("en-GB"));
  return { body: await pdf.save(), pages };
}

/** The printable rendition of a submission as PDF bytes (A4, marked on every page; see submissionPdf). */
export async function renderSubmissionPdf(input: RenderSubmissionPdfInput): Promise<Uint8Array> {
  return (await submissionPdf(input)).body;
}
