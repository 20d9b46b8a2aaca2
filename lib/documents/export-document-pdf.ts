/**
 * A document as a PDF: its title, its content laid out on A4 (wrapped text, headings, lists, task
 * items, quotes, tables), its marking at the top and the bottom of every page and "Page x of y"
 * (domain.md §2). The threats: a page that leaves Accord without its marking, and a PDF that
 * opens a `javascript:` (or any non-https/mailto/tel) link, or carries any action at all beyond
 * a plain URI link. The layout is done here, page by page, so the pages drawn are exactly the
 * pages laid out, each with its marking; the content is cleaned to the schema first, and every
 * link annotation's URI is checked again as it is written.
 *
 * The standard Helvetica and Courier fonts are used (nothing to embed or ship); they cover the
 * Windows-1252 repertoire, so any other character is written as "?".
 */
import { PDFDocument, PDFHexString, PDFName, StandardFonts, rgb, type PDFFont, type PDFPage } from "pdf-lib";
import type { JSONContent } from "@tiptap/core";
import type { PolicyCtx } from "../context";
import { cleanDocumentJson } from "../editor/clean-document-json";
import { isSafeLinkUrl } from "../editor/safe-urls";
import type { GetDocumentInput } from "./get-document";
import { getDocumentContent, type DocumentContent } from "./get-document-content";
import { imagePlaceholder, inlineRuns, mentionText, PLAIN, type InlineRun, type RunStyle } from "./document-runs";
import { EXPORT_CONTENT_TYPES, exportFilename, exportStamp, formatExportDate, recordDocumentExport, justifyExport, type ExportedFile, type ExportStamp } from "./export-file";

// A4 in points, 2 cm side margins; the marking sits in bands above and below the content.
const PAGE_WIDTH = 595.28;
const PAGE_HEIGHT = 841.89;
const MARGIN_X = 56.7;
const CONTENT_TOP = PAGE_HEIGHT - 70;
const CONTENT_BOTTOM = 72;
const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X;
const MARKING_SIZE = 10;
const MARKING_TOP_BASELINE = PAGE_HEIGHT - 36;
const MARKING_BOTTOM_BASELINE = 40;
const PAGE_NUMBER_BASELINE = 24;

const BODY_SIZE = 11;
const LINE_FACTOR = 1.4;
const HEADING_SIZES: Record<number, number> = { 2: 16, 3: 13.5, 4: 12 };
const LIST_INDENT = 18;
const QUOTE_INDENT = 14;
const CELL_PADDING = 4;
const TABLE_TEXT_SIZE = 10;

type FontKey = "regular" | "bold" | "italic" | "boldItalic" | "mono";
type Fonts = Record<FontKey, PDFFont>;

/** One piece of text drawn in one font on a line, `dx` from the line's start. */
type Segment = { text: string; font: FontKey; size: number; dx: number; width: number; underline: boolean; strike: boolean; href?: string; grey?: boolean };

/** A laid-out line of text: its segments, its height, where it starts and what it belongs to. */
type Line = { kind: "line"; segments: Segment[]; size: number; height: number; indent: number; spaceBefore: number; quoteDepth: number; marker?: Segment };

type Cell = { blocks: JSONContent[]; columnStart: number; columnSpan: number; isHeader: boolean };
type TableFlow = { kind: "table"; rows: Cell[][]; columns: number; indent: number; quoteDepth: number };
type RuleFlow = { kind: "rule"; indent: number };
type Flow = Line | TableFlow | RuleFlow;

/** What is drawn on a page, kept so that tests can check exactly what each page carries. */
export type DrawOp =
  | { kind: "text"; x: number; y: number; text: string; font: FontKey; size: number; grey?: boolean; role?: "marking-top" | "marking-bottom" | "page-number" | "title" }
  | { kind: "line"; x1: number; y1: number; x2: number; y2: number; thickness: number; grey: number }
  | { kind: "rect"; x: number; y: number; width: number; height: number; fillGrey: number }
  | { kind: "link"; x: number; y: number; width: number; height: number; href: string };

/** One laid-out page. */
export type LaidOutPage = { ops: DrawOp[] };

// --- text ------------------------------------------------------------------------------------

const REPLACEMENTS: Record<string, string> = { "☐": "[ ]", "☑": "[x]", "→": "->", "←": "<-", "\t": " ", "\n": " ", "\r": " ", " ": " " };

/** `text` in what the standard fonts can encode; anything else becomes "?" rather than an error. */
function encodable(text: string, charset: Set<number>): string {
  let out = "";
  for (const char of text.normalize("NFC")) {
    if (charset.has(char.codePointAt(0)!)) out += char;
    else out += REPLACEMENTS[char] ?? "?";
  }
  return out;
}

function fontFor(style: Pick<RunStyle, "bold" | "italic" | "code">): FontKey {
  if (style.code) return "mono";
  if (style.bold && style.italic) return "boldItalic";
  if (style.bold) return "bold";
  return style.italic ? "italic" : "regular";
}

/** Lays out runs into lines of at most `width` points. */
class TextLayout {
  constructor(
    private readonly fonts: Fonts,
    private readonly charset: Set<number>,
  ) {}

  text(text: string): string {
    return encodable(text, this.charset);
  }

  width(text: string, font: FontKey, size: number): number {
    return this.fonts[font].widthOfTextAtSize(text, size);
  }

  /** Wraps runs (all at `size`, bold when `bold`) to `width`; always at least one line. */
  wrap(runs: InlineRun[], width: number, size: number, bold = false): Segment[][] {
    const lines: Segment[][] = [[]];
    let x = 0;
    const newLine = () => {
      lines.push([]);
      x = 0;
    };
    const place = (text: string, run: Extract<InlineRun, { kind: "text" }>, font: FontKey) => {
      const line = lines.at(-1)!;
      const w = this.width(text, font, size);
      const last = line.at(-1);
      // Consecutive pieces of one run share a segment: fewer drawing operations, same result.
      if (last && last.font === font && last.href === run.href && last.underline === run.style.underline && last.strike === run.style.strike && Math.abs(last.dx + last.width - x) < 0.001) {
        last.text += text;
        last.width += w;
      } else {
        line.push({ text, font, size, dx: x, width: w, underline: run.style.underline, strike: run.style.strike, ...(run.href ? { href: run.href } : {}) });
      }
      x += w;
    };
    for (const run of runs) {
      if (run.kind === "break") {
        newLine();
        continue;
      }
      const font = fontFor({ ...run.style, bold: run.style.bold || bold });
      for (const token of this.text(run.text).split(/(\s+)/)) {
        if (!token) continue;
        const isSpace = /^\s+$/.test(token);
        const text = isSpace ? " " : token;
        const w = this.width(text, font, size);
        if (x + w <= width) {
          if (!(isSpace && x === 0)) place(text, run, font);
          continue;
        }
        if (isSpace) {
          newLine();
          continue;
        }
        if (x > 0 && w <= width) {
          newLine();
          place(text, run, font);
          continue;
        }
        // A word longer than the line: break it where it must.
        for (const char of text) {
          const cw = this.width(char, font, size);
          if (x + cw > width && x > 0) newLine();
          place(char, run, font);
        }
      }
    }
    // Trailing spaces take room they do not need.
    for (const line of lines) {
      const last = line.at(-1);
      if (last && last.text.endsWith(" ")) {
        last.text = last.text.trimEnd();
        last.width = this.width(last.text, last.font, last.size);
      }
    }
    return lines;
  }
}

// --- blocks to flow --------------------------------------------------------------------------

type Place = { indent: number; quoteDepth: number; listLevel: number; width: number; size: number; bold: boolean };

function spanOf(value: unknown): number {
  return Number.isInteger(value) && (value as number) > 0 ? Math.min(value as number, 63) : 1;
}

function textLines(layout: TextLayout, runs: InlineRun[], place: Place, spaceBefore: number, options: { size?: number; bold?: boolean; marker?: string } = {}): Line[] {
  const size = options.size ?? place.size;
  const bold = options.bold ?? place.bold;
  const segments = layout.wrap(runs, Math.max(place.width - place.indent, 40), size, bold);
  return segments.map((line, index) => ({
    kind: "line" as const,
    segments: line,
    size,
    height: size * LINE_FACTOR,
    indent: place.indent,
    spaceBefore: index === 0 ? spaceBefore : 0,
    quoteDepth: place.quoteDepth,
    ...(index === 0 && options.marker
      ? { marker: { text: layout.text(options.marker), font: "regular" as const, size, dx: -LIST_INDENT + 2, width: layout.width(layout.text(options.marker), "regular", size), underline: false, strike: false } }
      : {}),
  }));
}

function listFlow(layout: TextLayout, node: JSONContent, place: Place): Flow[] {
  const inner: Place = { ...place, indent: place.indent + LIST_INDENT, listLevel: place.listLevel + 1 };
  const start = Number.isInteger(node.attrs?.start) ? (node.attrs!.start as number) : 1;
  return (node.content ?? []).flatMap((item, index) => {
    const marker = node.type === "orderedList" ? `${start + index}.` : node.type === "taskList" ? (item.attrs?.checked === true ? "[x]" : "[ ]") : place.listLevel === 0 ? "•" : "-";
    const [first, ...rest] = item.content ?? [];
    const lead = first?.type === "paragraph" ? textLines(layout, inlineRuns(first), inner, 3, { marker: node.type === "taskList" ? `${marker} ` : marker }) : [];
    const blocks = first?.type === "paragraph" ? rest : item.content ?? [];
    // A task's box is wider than a bullet: its text starts after it.
    if (node.type === "taskList") for (const line of lead) line.indent += 8;
    return [...lead, ...blocks.flatMap((block) => blockFlow(layout, block, inner))];
  });
}

function tableFlow(node: JSONContent, place: Place): TableFlow {
  const rows: Cell[][] = [];
  // Columns still covered by a cell spanning rows from above, per column.
  const coveredFor: number[] = [];
  for (const row of node.content ?? []) {
    const cells: Cell[] = [];
    let column = 0;
    for (const cell of row.content ?? []) {
      while ((coveredFor[column] ?? 0) > 0) column++;
      const columnSpan = spanOf(cell.attrs?.colspan);
      cells.push({ blocks: cell.content ?? [], columnStart: column, columnSpan, isHeader: cell.type === "tableHeader" });
      for (let c = column; c < column + columnSpan; c++) coveredFor[c] = spanOf(cell.attrs?.rowspan);
      column += columnSpan;
    }
    for (let c = 0; c < coveredFor.length; c++) coveredFor[c] = Math.max(0, (coveredFor[c] ?? 0) - 1);
    rows.push(cells);
  }
  const columns = Math.max(1, ...rows.map((cells) => cells.reduce((n, cell) => Math.max(n, cell.columnStart + cell.columnSpan), 0)));
  return { kind: "table", rows, columns, indent: place.indent, quoteDepth: place.quoteDepth };
}

function blockFlow(layout: TextLayout, node: JSONContent, place: Place): Flow[] {
  switch (node.type) {
    case "paragraph":
      return textLines(layout, inlineRuns(node), place, 6);
    case "heading": {
      const size = HEADING_SIZES[Number(node.attrs?.level)] ?? HEADING_SIZES[2]!;
      return textLines(layout, inlineRuns(node), place, size * 0.8, { size, bold: true });
    }
    case "bulletList":
    case "orderedList":
    case "taskList":
      return listFlow(layout, node, place);
    case "blockquote":
      return (node.content ?? []).flatMap((block) => blockFlow(layout, block, { ...place, indent: place.indent + QUOTE_INDENT, quoteDepth: place.quoteDepth + 1 }));
    case "horizontalRule":
      return [{ kind: "rule", indent: place.indent }];
    case "image":
      return textLines(layout, [{ kind: "text", text: imagePlaceholder(node), style: { ...PLAIN, italic: true } }], place, 6);
    case "table":
      // Inside a cell a table is written row by row as text: still legible, never lost.
      if (place.width < CONTENT_WIDTH) {
        return (node.content ?? []).flatMap((row) =>
          textLines(layout, [{ kind: "text", text: (row.content ?? []).map((cell) => (cell.content ?? []).map(cellText).join(" ")).join(" | "), style: PLAIN }], place, 2),
        );
      }
      return [tableFlow(node, place)];
    default:
      return [];
  }
}

function cellText(node: JSONContent): string {
  if (node.type === "text") return node.text ?? "";
  if (node.type === "mention") return mentionText(node);
  return (node.content ?? []).map(cellText).join(node.type === "paragraph" ? "" : " ");
}

// --- flow to pages ---------------------------------------------------------------------------

/** Places flow on pages, starting a new page whenever the next line does not fit. */
class Pager {
  readonly pages: LaidOutPage[] = [];
  private y = CONTENT_TOP;
  // Where this page's own content starts: below any table header rows repeated on it.
  private pageTop = CONTENT_TOP;

  constructor(private readonly layout: TextLayout) {
    this.newPage();
  }

  private get ops(): DrawOp[] {
    return this.pages.at(-1)!.ops;
  }

  private get isPageFresh(): boolean {
    return this.y === this.pageTop;
  }

  newPage(): void {
    this.pages.push({ ops: [] });
    this.y = CONTENT_TOP;
    this.pageTop = CONTENT_TOP;
  }

  private drawSegments(segments: Segment[], x: number, baseline: number, role?: "title"): void {
    for (const s of segments) {
      if (!s.text) continue;
      this.ops.push({ kind: "text", x: x + s.dx, y: baseline, text: s.text, font: s.font, size: s.size, ...(s.grey ? { grey: true } : {}), ...(role ? { role } : {}) });
      if (s.underline || s.href) this.ops.push({ kind: "line", x1: x + s.dx, y1: baseline - 1.5, x2: x + s.dx + s.width, y2: baseline - 1.5, thickness: 0.6, grey: s.href ? 0.25 : 0 });
      if (s.strike) this.ops.push({ kind: "line", x1: x + s.dx, y1: baseline + s.size * 0.3, x2: x + s.dx + s.width, y2: baseline + s.size * 0.3, thickness: 0.6, grey: 0 });
      // Only a safe href becomes a link annotation (checked again at writing).
      if (s.href && isSafeLinkUrl(s.href)) this.ops.push({ kind: "link", x: x + s.dx, y: baseline - 3, width: s.width, height: s.size + 4, href: s.href });
    }
  }

  line(line: Line, left = MARGIN_X, role?: "title"): void {
    const spaceBefore = this.isPageFresh ? 0 : line.spaceBefore;
    if (this.y - spaceBefore - line.height < CONTENT_BOTTOM && !this.isPageFresh) this.newPage();
    const top = this.y - (this.isPageFresh ? 0 : spaceBefore);
    const baseline = top - line.size * 1.05;
    for (let q = 0; q < line.quoteDepth; q++) {
      const x = left + q * QUOTE_INDENT + 3;
      this.ops.push({ kind: "line", x1: x, y1: top, x2: x, y2: top - line.height, thickness: 1.5, grey: 0.7 });
    }
    const x = left + line.indent;
    if (line.marker) this.drawSegments([line.marker], x, baseline);
    this.drawSegments(line.segments, x, baseline, role);
    this.y = top - line.height;
  }

  rule(rule: RuleFlow): void {
    if (this.y - 14 < CONTENT_BOTTOM) this.newPage();
    const y = this.y - 7;
    this.ops.push({ kind: "line", x1: MARGIN_X + rule.indent, y1: y, x2: MARGIN_X + CONTENT_WIDTH, y2: y, thickness: 0.75, grey: 0.6 });
    this.y -= 14;
  }

  /** A table, row by row; a row too tall for what is left of the page continues on the next. */
  table(table: TableFlow): void {
    const left = MARGIN_X + table.indent;
    const columnWidth = (CONTENT_WIDTH - table.indent) / table.columns;
    const rowLines = table.rows.map((cells) =>
      cells.map((cell) => {
        const width = columnWidth * cell.columnSpan - 2 * CELL_PADDING;
        const place: Place = { indent: 0, quoteDepth: 0, listLevel: 0, width, size: TABLE_TEXT_SIZE, bold: cell.isHeader };
        const lines = cell.blocks.flatMap((block) => blockFlow(this.layout, block, place)).filter((f): f is Line => f.kind === "line");
        return { cell, lines };
      }),
    );
    const headerCount = table.rows.findIndex((cells) => !(cells.length > 0 && cells.every((c) => c.isHeader)));
    const headerRows = headerCount === -1 ? [] : rowLines.slice(0, headerCount);
    this.y -= 6;
    const continueOnNewPage = (isRepeat: boolean) => {
      this.newPage();
      if (isRepeat) return;
      for (const header of headerRows) drawRow(header, true);
      this.pageTop = this.y;
    };
    const drawRow = (cells: (typeof rowLines)[number], isRepeat: boolean): void => {
      const next = cells.map(() => 0);
      let isFirstChunk = true;
      while (isFirstChunk || cells.some((c, i) => next[i]! < c.lines.length)) {
        const available = this.y - CONTENT_BOTTOM - 2 * CELL_PADDING;
        // How many lines of each cell fit in what is left of this page.
        const takes = cells.map((c, i) => {
          let used = 0;
          let count = 0;
          while (next[i]! + count < c.lines.length && used + c.lines[next[i]! + count]!.height <= available) used += c.lines[next[i]! + count++]!.height;
          return { count, used };
        });
        const hasRoomForAll = cells.every((c, i) => takes[i]!.count === c.lines.length - next[i]!);
        if (!hasRoomForAll && !this.isPageFresh && takes.every((t) => t.count === 0)) {
          continueOnNewPage(isRepeat);
          continue;
        }
        // On a fresh page at least one line of each cell goes, whatever its height.
        for (const [i, t] of takes.entries()) {
          if (t.count === 0 && next[i]! < cells[i]!.lines.length && this.isPageFresh) {
            t.count = 1;
            t.used = cells[i]!.lines[next[i]!]!.height;
          }
        }
        const height = Math.max(...takes.map((t) => t.used), TABLE_TEXT_SIZE * LINE_FACTOR) + 2 * CELL_PADDING;
        const top = this.y;
        for (const [i, { cell, lines }] of cells.entries()) {
          const x = left + cell.columnStart * columnWidth;
          const w = columnWidth * cell.columnSpan;
          if (cell.isHeader) this.ops.push({ kind: "rect", x, y: top - height, width: w, height, fillGrey: 0.92 });
          let lineTop = top - CELL_PADDING;
          for (const line of lines.slice(next[i], next[i]! + takes[i]!.count)) {
            this.drawSegments(line.segments, x + CELL_PADDING + line.indent, lineTop - line.size * 1.05);
            if (line.marker) this.drawSegments([line.marker], x + CELL_PADDING + line.indent, lineTop - line.size * 1.05);
            lineTop -= line.height;
          }
          next[i]! += takes[i]!.count;
        }
        // The grid: every column's box on this row, so a row spanning pages is closed on each.
        for (let c = 0; c <= table.columns; c++) {
          const x = left + c * columnWidth;
          const isCovered = cells.some(({ cell }) => c > cell.columnStart && c < cell.columnStart + cell.columnSpan);
          if (!isCovered) this.ops.push({ kind: "line", x1: x, y1: top, x2: x, y2: top - height, thickness: 0.5, grey: 0.4 });
        }
        this.ops.push({ kind: "line", x1: left, y1: top, x2: left + CONTENT_WIDTH - table.indent, y2: top, thickness: 0.5, grey: 0.4 });
        this.ops.push({ kind: "line", x1: left, y1: top - height, x2: left + CONTENT_WIDTH - table.indent, y2: top - height, thickness: 0.5, grey: 0.4 });
        this.y = top - height;
        isFirstChunk = false;
        if (cells.some((c, i) => next[i]! < c.lines.length)) continueOnNewPage(isRepeat);
      }
    };
    for (const [index, cells] of rowLines.entries()) drawRow(cells, index < headerRows.length);
    this.y -= 6;
  }

  flow(items: Flow[]): void {
    for (const item of items) {
      if (item.kind === "line") this.line(item);
      else if (item.kind === "rule") this.rule(item);
      else this.table(item);
    }
  }
}

// --- the document ----------------------------------------------------------------------------

async function embedFonts(pdf: PDFDocument): Promise<Fonts> {
  const [regular, bold, italic, boldItalic, mono] = await Promise.all([
    pdf.embedFont(StandardFonts.Helvetica),
    pdf.embedFont(StandardFonts.HelveticaBold),
    pdf.embedFont(StandardFonts.HelveticaOblique),
    pdf.embedFont(StandardFonts.HelveticaBoldOblique),
    pdf.embedFont(StandardFonts.Courier),
  ]);
  return { regular: regular!, bold: bold!, italic: italic!, boldItalic: boldItalic!, mono: mono! };
}

/** Lays `doc` out on pages: title and stamp first, then the content; the marking is added per page after. */
function layOut(doc: DocumentContent, stamp: ExportStamp, layout: TextLayout): LaidOutPage[] {
  const pager = new Pager(layout);
  const page: Place = { indent: 0, quoteDepth: 0, listLevel: 0, width: CONTENT_WIDTH, size: BODY_SIZE, bold: false };
  for (const line of textLines(layout, [{ kind: "text", text: doc.title, style: PLAIN }], page, 0, { size: 20, bold: true })) pager.line(line, MARGIN_X, "title");
  const meta = `${doc.space.name} · ${doc.owningAgency.name} · exported by ${stamp.exportedBy} (${stamp.agencyName}), ${formatExportDate(stamp.exportedAt)}`;
  for (const line of textLines(layout, [{ kind: "text", text: meta, style: PLAIN }], page, 4, { size: 9 })) {
    for (const s of line.segments) s.grey = true;
    pager.line(line);
  }
  pager.flow((cleanDocumentJson(doc.content).content ?? []).flatMap((block) => blockFlow(layout, block, page)));
  return pager.pages;
}

/** Adds the marking at the top and the bottom of every page, and "Page x of y". */
function addMarkings(pages: LaidOutPage[], marking: string, layout: TextLayout): void {
  const text = layout.text(marking);
  // A marking too long for the line is made smaller, never cut.
  const size = Math.min(MARKING_SIZE, (CONTENT_WIDTH / layout.width(text, "bold", MARKING_SIZE)) * MARKING_SIZE);
  const x = (PAGE_WIDTH - layout.width(text, "bold", size)) / 2;
  pages.forEach((page, index) => {
    const number = `Page ${index + 1} of ${pages.length}`;
    page.ops.unshift(
      { kind: "text", x, y: MARKING_TOP_BASELINE, text, font: "bold", size, role: "marking-top" },
      { kind: "line", x1: MARGIN_X, y1: MARKING_TOP_BASELINE - 8, x2: PAGE_WIDTH - MARGIN_X, y2: MARKING_TOP_BASELINE - 8, thickness: 0.5, grey: 0.6 },
    );
    page.ops.push(
      { kind: "line", x1: MARGIN_X, y1: MARKING_BOTTOM_BASELINE + 16, x2: PAGE_WIDTH - MARGIN_X, y2: MARKING_BOTTOM_BASELINE + 16, thickness: 0.5, grey: 0.6 },
      { kind: "text", x, y: MARKING_BOTTOM_BASELINE, text, font: "bold", size, role: "marking-bottom" },
      { kind: "text", x: (PAGE_WIDTH - layout.width(number, "regular", 8)) / 2, y: PAGE_NUMBER_BASELINE, text: number, font: "regular", size: 8, role: "page-number" },
    );
  });
}

/** An ASCII URI for a link annotation (PDF URIs are 7-bit), written as a hex string so no character needs escaping. */
function uriHexString(href: string): PDFHexString {
  const ascii = new URL(href).href;
  return PDFHexString.of(Buffer.from(ascii, "latin1").toString("hex"));
}

function draw(pdf: PDFDocument, target: PDFPage, ops: DrawOp[], fonts: Fonts): void {
  for (const op of ops) {
    if (op.kind === "text") target.drawText(op.text, { x: op.x, y: op.y, size: op.size, font: fonts[op.font], color: op.grey ? rgb(0.33, 0.33, 0.33) : rgb(0, 0, 0) });
    else if (op.kind === "line") target.drawLine({ start: { x: op.x1, y: op.y1 }, end: { x: op.x2, y: op.y2 }, thickness: op.thickness, color: rgb(op.grey, op.grey, op.grey) });
    else if (op.kind === "rect") target.drawRectangle({ x: op.x, y: op.y, width: op.width, height: op.height, color: rgb(op.fillGrey, op.fillGrey, op.fillGrey) });
    else if (isSafeLinkUrl(op.href)) {
      const annotation = pdf.context.obj({
        Type: "Annot",
        Subtype: "Link",
        Rect: [op.x, op.y, op.x + op.width, op.y + op.height],
        Border: [0, 0, 0],
        A: { Type: "Action", S: "URI", URI: uriHexString(op.href) },
      });
      target.node.addAnnot(pdf.context.register(annotation));
    }
  }
}

/** The PDF bytes of `doc`, and the pages as laid out (what each page carries). */
export async function documentPdf(doc: DocumentContent, stamp: ExportStamp): Promise<{ body: Uint8Array; pages: LaidOutPage[] }> {
  const pdf = await PDFDocument.create();
  const fonts = await embedFonts(pdf);
  const layout = new TextLayout(fonts, new Set(fonts.regular.getCharacterSet()));
  const pages = layOut(doc, stamp, layout);
  addMarkings(pages, doc.marking, layout);
  for (const page of pages) draw(pdf, pdf.addPage([PAGE_WIDTH, PAGE_HEIGHT]), page.ops, fonts);
  pdf.setTitle(doc.title, { showInWindowTitleBar: true });
  pdf.setSubject(doc.marking);
  pdf.setKeywords([doc.marking]);
  pdf.setAuthor(doc.owningAgency.name);
  pdf.setCreator("Accord");
  pdf.setProducer("Accord");
  pdf.setCreationDate(stamp.exportedAt);
  pdf.setModificationDate(stamp.exportedAt);
  pdf.catalog.set(PDFName.of("Lang"), PDFHexString.fromText("en-GB"));
  return { body: await pdf.save(), pages };
}

/** Exports a document the actor may read as PDF, and audits the disclosure; NotFoundError otherwise. */
export async function exportDocumentPdf(ctx: PolicyCtx, input: GetDocumentInput): Promise<ExportedFile> {
  const justification = await justifyExport(ctx, input);
  const doc = await getDocumentContent(ctx, { documentId: input.documentId, justification });
  const { body } = await documentPdf(doc, exportStamp(ctx));
  await recordDocumentExport(ctx, doc, "pdf", body.byteLength, justification);
  return { filename: exportFilename(doc.title, "pdf"), contentType: EXPORT_CONTENT_TYPES.pdf, body };
}
