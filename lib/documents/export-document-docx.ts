/**
 * A document as a Word file (.docx), with its marking, in full and in bold, centred in the header
 * and the footer of every page, and "Page x of y" under it (domain.md §2: every export shows the
 * marking at top and bottom). The threats: a file that leaves Accord without its marking, and
 * one that carries a `javascript:` (or any non-https/mailto/tel) hyperlink into Word. Content is
 * cleaned to the schema first, and each hyperlink is checked again as it is written.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  ExternalHyperlink,
  Footer,
  Header,
  HeadingLevel,
  LevelFormat,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ILevelsOptions,
  type IParagraphOptions,
  type ParagraphChild,
} from "docx";
import type { JSONContent } from "@tiptap/core";
import type { PolicyCtx } from "../context";
import { cleanDocumentJson } from "../editor/clean-document-json";
import { isSafeLinkUrl } from "../editor/safe-urls";
import type { GetDocumentInput } from "./get-document";
import { getDocumentContent, type DocumentContent } from "./get-document-content";
import { imagePlaceholder, inlineRuns, taskBox } from "./document-runs";
import { EXPORT_CONTENT_TYPES, exportFilename, exportStamp, formatExportDate, recordDocumentExport, justifyExport, type ExportedFile, type ExportStamp } from "./export-file";

// A4 with 2 cm margins, in twentieths of a point (what Word measures pages in).
const PAGE = { width: 11906, height: 16838, margin: 1134 };
const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin;
const LIST_INDENT = 360;
const MAX_LIST_LEVEL = 8;

const HEADINGS: Record<number, (typeof HeadingLevel)[keyof typeof HeadingLevel]> = {
  2: HeadingLevel.HEADING_2,
  3: HeadingLevel.HEADING_3,
  4: HeadingLevel.HEADING_4,
};

const BULLETS = "accord-bullets";
const BULLET_CHARS = ["•", "◦", "▪"];

function listLevels(format: "bullet" | "decimal", start = 1): ILevelsOptions[] {
  return Array.from({ length: MAX_LIST_LEVEL + 1 }, (_, level) => ({
    level,
    format: format === "bullet" ? LevelFormat.BULLET : LevelFormat.DECIMAL,
    text: format === "bullet" ? BULLET_CHARS[level % BULLET_CHARS.length]! : `%${level + 1}.`,
    start: level === 0 ? start : 1,
    alignment: AlignmentType.START,
    style: { paragraph: { indent: { left: LIST_INDENT * (level + 2), hanging: LIST_INDENT } } },
  }));
}

/** Where a block sits: how deep in lists and quotes, and whether it is a header cell. */
type Place = { listLevel: number; indent: number; isHeaderCell: boolean };

/** Builds the body of one document; holds the list numbering it has used so far. */
class DocxBody {
  private nextInstance = 1;
  private readonly numberingReferences = new Set<string>();

  /** The numbering definitions the body used (one per ordered-list start value). */
  numbering(): { reference: string; levels: ILevelsOptions[] }[] {
    return [{ reference: BULLETS, levels: listLevels("bullet") }, ...[...this.numberingReferences].map((reference) => ({ reference, levels: listLevels("decimal", Number(reference.split("-").pop())) }))];
  }

  runs(node: JSONContent, place: Place, prefix?: string): ParagraphChild[] {
    const children: ParagraphChild[] = prefix ? [new TextRun({ text: prefix })] : [];
    for (const run of inlineRuns(node)) {
      if (run.kind === "break") {
        children.push(new TextRun({ break: 1 }));
        continue;
      }
      const { bold, italic, underline, strike, code } = run.style;
      // Only what is on: an explicit "bold off" would override a heading's own bold style.
      const options = {
        text: run.text,
        ...(bold || place.isHeaderCell ? { bold: true } : {}),
        ...(italic ? { italics: true } : {}),
        ...(strike ? { strike: true } : {}),
        ...(underline ? { underline: {} } : {}),
        ...(code ? { font: "Courier New" } : {}),
      };
      // Checked again here: only a safe href becomes a hyperlink relationship in the file.
      if (run.href && isSafeLinkUrl(run.href)) children.push(new ExternalHyperlink({ link: run.href, children: [new TextRun({ ...options, style: "Hyperlink" })] }));
      else children.push(new TextRun(options));
    }
    return children;
  }

  paragraph(children: ParagraphChild[], place: Place, extra: Partial<IParagraphOptions> = {}): Paragraph {
    return new Paragraph({ children, ...(place.indent ? { indent: { left: place.indent } } : {}), spacing: { after: 120 }, ...extra });
  }

  list(node: JSONContent, place: Place, reference: string | null): (Paragraph | Table)[] {
    const level = Math.min(place.listLevel, MAX_LIST_LEVEL);
    const instance = this.nextInstance++;
    const inner: Place = { ...place, listLevel: place.listLevel + 1, indent: LIST_INDENT * (level + 2) };
    return (node.content ?? []).flatMap((item) => {
      const [first, ...rest] = item.content ?? [];
      const box = item.type === "taskItem" ? `${taskBox(item.attrs?.checked)} ` : undefined;
      const lead: Paragraph[] = [];
      if (first?.type === "paragraph") {
        lead.push(
          reference
            ? this.paragraph(this.runs(first, place), place, { numbering: { reference, level, instance } })
            : this.paragraph(this.runs(first, place, box), { ...place, indent: LIST_INDENT * (level + 1) }),
        );
      }
      const blocks = first?.type === "paragraph" ? rest : item.content ?? [];
      return [...lead, ...blocks.flatMap((block) => this.block(block, inner))];
    });
  }

  table(node: JSONContent, place: Place): Table {
    const rows = node.content ?? [];
    const columns = Math.max(1, ...rows.map((row) => (row.content ?? []).reduce((n, cell) => n + spanOf(cell.attrs?.colspan), 0)));
    const columnWidth = Math.floor((CONTENT_WIDTH - place.indent) / columns);
    return new Table({
      width: { size: CONTENT_WIDTH - place.indent, type: WidthType.DXA },
      columnWidths: Array.from({ length: columns }, () => columnWidth),
      ...(place.indent ? { indent: { size: place.indent, type: WidthType.DXA } } : {}),
      rows: rows.map((row, index) => {
        const cells = row.content ?? [];
        return new TableRow({
          // Rows of header cells at the top of the table repeat on every page the table spans.
          tableHeader: rows.slice(0, index + 1).every(isHeaderRow),
          children: cells.map((cell) => {
            const isHeaderCell = cell.type === "tableHeader";
            const children = (cell.content ?? []).flatMap((block) => this.block(block, { listLevel: 0, indent: 0, isHeaderCell }));
            return new TableCell({
              children: children.length && children.at(-1) instanceof Paragraph ? children : [...children, new Paragraph({})],
              columnSpan: spanOf(cell.attrs?.colspan),
              rowSpan: spanOf(cell.attrs?.rowspan),
              ...(isHeaderCell ? { shading: { type: ShadingType.CLEAR, fill: "E7E9EE", color: "auto" } } : {}),
            });
          }),
        });
      }),
    });
  }

  block(node: JSONContent, place: Place): (Paragraph | Table)[] {
    switch (node.type) {
      case "paragraph":
        return [this.paragraph(this.runs(node, place), place)];
      case "heading": {
        const heading = HEADINGS[Number(node.attrs?.level)] ?? HeadingLevel.HEADING_2;
        return [this.paragraph(this.runs(node, place), place, { heading, spacing: { before: 240, after: 120 } })];
      }
      case "bulletList":
        return this.list(node, place, BULLETS);
      case "orderedList": {
        const start = Number.isInteger(node.attrs?.start) && node.attrs!.start > 0 ? Math.min(node.attrs!.start as number, 32767) : 1;
        const reference = `accord-numbers-${start}`;
        this.numberingReferences.add(reference);
        return this.list(node, place, reference);
      }
      case "taskList":
        return this.list(node, place, null);
      case "blockquote":
        return (node.content ?? []).flatMap((block) => this.block(block, { ...place, indent: place.indent + LIST_INDENT * 2 }));
      case "horizontalRule":
        return [new Paragraph({ children: [], border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: "999999", space: 1 } }, spacing: { after: 120 } })];
      case "image":
        return [this.paragraph([new TextRun({ text: imagePlaceholder(node), italics: true })], place)];
      case "table":
        return [this.table(node, place), new Paragraph({})];
      default:
        // listItem, taskItem, rows and cells only appear inside their parents; anything else has
        // no place in a document.
        return [];
    }
  }
}

function isHeaderRow(row: JSONContent): boolean {
  const cells = row.content ?? [];
  return cells.length > 0 && cells.every((cell) => cell.type === "tableHeader");
}

function spanOf(value: unknown): number {
  return Number.isInteger(value) && (value as number) > 0 ? Math.min(value as number, 63) : 1;
}

function markingParagraph(marking: string): Paragraph {
  return new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: marking, bold: true })] });
}

/** The .docx bytes of `doc` (its metadata, marking and content), stamped with who exported it. */
export async function documentDocx(doc: DocumentContent, stamp: ExportStamp): Promise<Uint8Array> {
  const body = new DocxBody();
  const place: Place = { listLevel: 0, indent: 0, isHeaderCell: false };
  const content = (cleanDocumentJson(doc.content).content ?? []).flatMap((block) => body.block(block, place));
  const file = new Document({
    creator: "Accord",
    title: doc.title,
    subject: doc.marking,
    description: `${doc.marking}. Exported from Accord by ${stamp.exportedBy} (${stamp.agencyName}) on ${formatExportDate(stamp.exportedAt)}.`,
    styles: { default: { document: { run: { font: "Arial", size: 22 } } } },
    numbering: { config: body.numbering() },
    sections: [
      {
        properties: { page: { size: { width: PAGE.width, height: PAGE.height }, margin: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin } } },
        headers: { default: new Header({ children: [markingParagraph(doc.marking)] }) },
        footers: {
          default: new Footer({
            children: [
              markingParagraph(doc.marking),
              new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: ["Page ", PageNumber.CURRENT, " of ", PageNumber.TOTAL_PAGES], size: 18 })] }),
            ],
          }),
        },
        children: [
          new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun({ text: doc.title })] }),
          new Paragraph({
            spacing: { after: 240 },
            children: [
              new TextRun({
                text: `${doc.space.name} · ${doc.owningAgency.name} · exported by ${stamp.exportedBy} (${stamp.agencyName}), ${formatExportDate(stamp.exportedAt)}`,
                size: 18,
                color: "555555",
              }),
            ],
          }),
          ...content,
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(file));
}

/** Exports a document the actor may read as .docx, and audits the disclosure; NotFoundError otherwise. */
export async function exportDocumentDocx(ctx: PolicyCtx, input: GetDocumentInput): Promise<ExportedFile> {
  const justification = await justifyExport(ctx, input);
  const doc = await getDocumentContent(ctx, { documentId: input.documentId, justification });
  const body = await documentDocx(doc, exportStamp(ctx));
  await recordDocumentExport(ctx, doc, "docx", body.byteLength, justification);
  return { filename: exportFilename(doc.title, "docx"), contentType: EXPORT_CONTENT_TYPES.docx, body };
}
