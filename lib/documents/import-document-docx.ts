/**
 * A Word file (.docx) edited outside Accord, read back into a document's editor JSON: what the
 * SharePoint sync offers as a version to review when someone edits the mirrored file (made by
 * documentDocx in ./export-document-docx). The threat: the file comes from outside, so it may be
 * no Word document at all, a zip bomb, or a document carrying `javascript:` hyperlinks, remote or
 * embedded images, an embedded mammoth style map, or nesting deep enough to exhaust the stack.
 *
 * The path, each step narrower than the last:
 * 1. the bytes must be a ZIP within inspectZip's limits whose main part is a WordprocessingML
 *    document (not a macro-enabled one or a template);
 * 2. mammoth turns the body into HTML (headers and footers, where the marking lives, are never
 *    read); before it writes, its document model is rewritten: images are removed unread,
 *    hyperlinks other than https/mailto/tel are unwrapped to their text, and Accord's own export
 *    conventions (the title and export stamp, indented quotes, task boxes, Courier for code,
 *    header rows) are mapped back;
 * 3. the HTML goes through the same allow-list as every rendering (sanitizeDocumentHtml) and is
 *    parsed with the editor's own extensions (@tiptap/html), so only schema content survives;
 * 4. the JSON goes through cleanDocumentJson, which also caps nesting at MAX_DOCUMENT_DEPTH.
 */
import mammoth from "mammoth";
import { generateJSON } from "@tiptap/html";
import type { JSONContent } from "@tiptap/core";
import { documentExtensions } from "../editor/extensions";
import { cleanDocumentJson, MAX_DOCUMENT_DEPTH } from "../editor/clean-document-json";
import { isSafeLinkUrl } from "../editor/safe-urls";
import { stateFromDocumentJson } from "../collab/yjs-content";
import { inspectZip } from "../files/inspect-zip";
import { ArchiveLimitError, InvalidInputError } from "../errors";
import { sanitizeDocumentHtml } from "./render-document-html";

/** What the import of a .docx gives: the document's content and what could not come with it. */
export type DocxImport = { content: JSONContent; warnings: string[] };

export type DocxImportOptions = {
  /** The document's title in Accord: a first paragraph with this text is the export's title line, not content. */
  title?: string;
};

const NOT_A_DOCX = "That file is not a Word document (.docx)";
const MAIN_DOCUMENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";

/** The indent step the exporter uses for lists, task lists and quotes (twentieths of a point). */
const INDENT_STEP = 360;
/** The deepest list, task or quote level mapped back (the exporter goes to level 8). */
const MAX_LEVEL = 8;
const MAX_QUOTE_DEPTH = 3;
/** Fonts a run of code is set in (the exporter uses Courier New). */
const CODE_FONT = /courier|consolas|menlo|monaco|mono|lucida console/i;
const TASK_BOX = /^\s*([☐☑☒])\s?/;
/** The text of the marker run that carries a list's start through mammoth (a zero-width space). */
const START_MARK = "\u200b";

/**
 * mammoth's document model, as far as it is read here (mammoth ships no types for it). Only
 * what this file touches is declared; everything else passes through untouched.
 */
type DocxElement = {
  type: string;
  children?: DocxElement[];
  styleId?: string | null;
  styleName?: string | null;
  numbering?: { level: string; isOrdered: boolean } | null;
  indent?: { start: string | null };
  font?: string | null;
  value?: string;
  href?: string;
  anchor?: string;
  checked?: boolean;
  isHeader?: boolean;
  /** Set here: the numbering instance (`w:numId`) of a list paragraph, when the part reads plainly. */
  numId?: string;
};
type DocxModel = DocxElement & { comments?: unknown[] };

const listPath = (levels: number) => "ul|ol > li > ".repeat(levels);

/**
 * How paragraphs and runs become HTML, ahead of mammoth's defaults. Heading 1 is the document's
 * title on Accord's page (the schema has levels 2 to 4 only), so Word's Heading 1 becomes a level
 * 2 heading, and 5 and 6 become level 4. The "Accord …" styles are set by rewriteBlocks below;
 * `listStarts` are the first numbers of the file's numbered lists (an `<ol start>` each).
 */
function styleMap(listStarts: Iterable<number>): string[] {
  return [
  // mammoth only continues a list (or nests one in an item) whose attributes are the same, so a
  // list's start rides on a marker run in its first item and moves to the list afterwards
  // (listStartsMoved).
  "p[style-name='Accord List ol'] => ol:fresh > li:fresh",
  ...[...listStarts].map((start) => `r[style-name='Accord Start ${start}'] => span[data-accord-start='${start}']`),
  "p[style-name='Accord List ul'] => ul:fresh > li:fresh",
  "u => u",
  ...["Heading 1", "heading 1", "Title"].map((name) => `p[style-name='${name}'] => h2:fresh`),
  ...["Heading 5", "heading 5", "Heading 6", "heading 6"].map((name) => `p[style-name='${name}'] => h4:fresh`),
  "p.Heading1 => h2:fresh",
  "p.Heading5 => h4:fresh",
  "p.Heading6 => h4:fresh",
  "p[style-name='Subtitle'] => p:fresh",
  ...["Quote", "Intense Quote"].map((name) => `p[style-name='${name}'] => blockquote > p:fresh`),
  ...Array.from({ length: MAX_QUOTE_DEPTH }, (_, d) => `p[style-name='Accord Quote ${d + 1}'] => ${"blockquote > ".repeat(d + 1)}p:fresh`),
  ...Array.from({ length: MAX_LEVEL + 1 }, (_, level) => `p[style-name='Accord Task ${level}'] => ${listPath(level)}ul > li:fresh`),
  ...Array.from({ length: MAX_LEVEL + 1 }, (_, level) => `p[style-name='Accord Continuation ${level}'] => ${listPath(level + 1)}p:fresh`),
  // mammoth's own list mapping stops at 5 levels; the exporter writes up to 9.
  ...Array.from({ length: MAX_LEVEL - 4 }, (_, i) => i + 6).flatMap((n) => [`p:unordered-list(${n}) => ${listPath(n - 1)}ul > li:fresh`, `p:ordered-list(${n}) => ${listPath(n - 1)}ol > li:fresh`]),
  "r[style-name='Accord Code'] => code",
  "r[style-name='HTML Code'] => code",
  ];
}

/** What the rewrite of mammoth's model found, for the warnings. */
type Findings = { images: number; links: number; titleInFile?: string };

function textOf(element: DocxElement): string {
  if (element.type === "text") return element.value ?? "";
  if (element.type === "tab") return "\t";
  return (element.children ?? []).map(textOf).join("");
}

const isEmptyParagraph = (element: DocxElement) => element.type === "paragraph" && textOf(element).trim() === "";
const indentOf = (element: DocxElement) => Number(element.indent?.start ?? 0) || 0;
const isTitleStyle = (element: DocxElement) => element.styleName === "Title" || element.styleId === "Title";

/** Removes images (unread), turns checkboxes into the exporter's task boxes, unwraps unsafe links and marks code runs. */
function rewriteInline(element: DocxElement, found: Findings): DocxElement[] {
  if (element.type === "image") {
    found.images++;
    return [];
  }
  if (element.type === "checkbox") return [{ type: "text", value: element.checked ? "☑ " : "☐ " }];
  if (element.children) element.children = element.children.flatMap((child) => rewriteInline(child, found));
  if (element.type === "hyperlink" && !isSafeLinkUrl(element.href)) {
    // A link within the file (to a bookmark, a footnote) has nowhere to go in Accord: no warning.
    if (element.href !== undefined || element.anchor === undefined) found.links++;
    return element.children ?? [];
  }
  if (element.type === "run" && (element.font && CODE_FONT.test(element.font)) && (!element.styleName || element.styleName === "Hyperlink")) {
    element.styleName = "Accord Code";
  }
  return [element];
}

/**
 * Maps the exporter's layout back to structure, in one container (the body or a table cell).
 * The exporter writes a task item as an unnumbered paragraph starting with ☐/☑, indented one
 * step per level; a later paragraph of a list or task item indented two steps past its level;
 * and a quote as paragraphs indented two steps per depth. A .docx says no more than that, so an
 * indented paragraph right after a list is read as part of the last item, never as a quote.
 */
function rewriteBlocks(children: DocxElement[], lists: ListNumbering): void {
  let listLevel: number | null = null;
  let listNumId: string | undefined;
  for (const element of children) {
    if (element.type === "table") {
      listLevel = null;
      for (const row of element.children ?? []) for (const cell of row.children ?? []) rewriteBlocks(cell.children ?? [], lists);
      continue;
    }
    if (element.type !== "paragraph" || isEmptyParagraph(element)) continue;
    if (element.numbering) {
      const level = Number(element.numbering.level) || 0;
      // Each list the exporter writes is its own numbering instance: a new instance at the top
      // level is a new list (mammoth alone would run two adjacent lists together), starting
      // where its numbering says.
      if (level === 0 && element.numId !== undefined && (listLevel === null || element.numId !== listNumId)) {
        const start = lists.starts.get(element.numId) ?? 1;
        element.styleName = element.numbering.isOrdered ? "Accord List ol" : "Accord List ul";
        if (element.numbering.isOrdered && start !== 1 && lists.styled.has(start)) element.children?.unshift({ type: "run", styleName: `Accord Start ${start}`, children: [{ type: "text", value: START_MARK }] });
      }
      if (level === 0) listNumId = element.numId;
      listLevel = level;
      continue;
    }
    const plain = !element.styleName || !/heading|title/i.test(element.styleName);
    const steps = Math.round(indentOf(element) / INDENT_STEP);
    if (plain && TASK_BOX.test(textOf(element))) {
      listLevel = Math.min(MAX_LEVEL, Math.max(0, steps - 1));
      listNumId = undefined;
      element.styleName = `Accord Task ${listLevel}`;
      continue;
    }
    if (plain && listLevel !== null && steps >= 2) {
      element.styleName = `Accord Continuation ${Math.min(listLevel, steps - 2, MAX_LEVEL)}`;
      continue;
    }
    listLevel = null;
    if (plain && steps >= 2 && (!element.styleName || element.styleName === "Normal")) element.styleName = `Accord Quote ${Math.min(MAX_QUOTE_DEPTH, Math.floor(steps / 2))}`;
  }
}

/** The first number of each numbering instance's top level, and which of those the style map writes. */
type ListNumbering = { starts: Map<string, number>; styled: Set<number> };

/** Most distinct list starts given their own style (a real document has a handful). */
const MAX_LIST_STARTS = 50;

const attribute = (tag: string, name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1];

/** Reads numbering.xml: each `<w:num>`'s level-0 start (its override, else its abstract numbering's). */
function listNumbering(numberingXml: string | undefined): ListNumbering {
  const starts = new Map<string, number>();
  if (numberingXml) {
    const abstractStarts = new Map<string, number>();
    for (const [, open, body] of numberingXml.matchAll(/(<w:abstractNum\b[^>]*>)((?:(?!<\/w:abstractNum>).)*)/gs)) {
      const level0 = /<w:lvl\b[^>]*w:ilvl="0"[^>]*>((?:(?!<\/w:lvl>).)*)/s.exec(body!)?.[1];
      const start = level0 && attribute(/<w:start\b[^>]*>/.exec(level0)?.[0] ?? "", "w:val");
      const id = attribute(open!, "w:abstractNumId");
      if (id !== undefined && start) abstractStarts.set(id, Number(start));
    }
    for (const [, open, body] of numberingXml.matchAll(/(<w:num\b[^>]*>)((?:(?!<\/w:num>).)*)/gs)) {
      const id = attribute(open!, "w:numId");
      const abstractId = attribute(/<w:abstractNumId\b[^>]*>/.exec(body!)?.[0] ?? "", "w:val");
      const override = /<w:lvlOverride\b[^>]*w:ilvl="0"[^>]*>((?:(?!<\/w:lvlOverride>).)*)/s.exec(body!)?.[1];
      const overrideStart = override && attribute(/<w:startOverride\b[^>]*>/.exec(override)?.[0] ?? "", "w:val");
      const start = Number(overrideStart || (abstractId !== undefined ? abstractStarts.get(abstractId) : undefined) || 1);
      if (id !== undefined) starts.set(id, Number.isInteger(start) && start >= 1 && start <= 100_000 ? start : 1);
    }
  }
  return { starts, styled: new Set([1, ...[...new Set(starts.values())].slice(0, MAX_LIST_STARTS)]) };
}

/** Gives each list paragraph of the model its numbering instance, matched in document order with the part's `<w:numPr>`s. */
function assignNumIds(model: DocxModel, documentXml: string | undefined): void {
  if (!documentXml) return;
  const numIds = [...documentXml.matchAll(/<w:numPr>((?:(?!<\/w:numPr>).)*)<\/w:numPr>/gs)]
    .map((m) => attribute(/<w:numId\b[^>]*>/.exec(m[1]!)?.[0] ?? "", "w:val"))
    .filter((id) => id !== undefined && id !== "0");
  const paragraphs: DocxElement[] = [];
  const visit = (element: DocxElement) => {
    if (element.type === "paragraph" && element.numbering) paragraphs.push(element);
    element.children?.forEach(visit);
  };
  visit(model);
  // Numbering that comes from a style, or content mammoth reads differently: no instances at all.
  if (numIds.length !== paragraphs.length) return;
  paragraphs.forEach((paragraph, i) => {
    paragraph.numId = numIds[i];
  });
}

/** Drops the title and export stamp the exporter writes above the content; returns the title's text if it was there. */
function dropExportHeading(children: DocxElement[], title: string | undefined): string | undefined {
  const first = children.findIndex((element) => !isEmptyParagraph(element));
  const heading = children[first];
  if (!heading || heading.type !== "paragraph") return undefined;
  const text = textOf(heading).trim();
  if (!isTitleStyle(heading) && !(title !== undefined && text === title.trim())) return undefined;
  let end = first + 1;
  while (children[end] && isEmptyParagraph(children[end]!)) end++;
  const stamp = children[end];
  // "<space> · <agency> · exported by <person> (<agency>), <date>"
  if (stamp?.type === "paragraph" && !stamp.numbering && /^[^·]+ · .+ · exported by /.test(textOf(stamp).trim())) end++;
  children.splice(first, end - first);
  return text;
}

function rowsInOrder(element: DocxElement, rows: DocxElement[] = []): DocxElement[] {
  if (element.type === "tableRow") rows.push(element);
  for (const child of element.children ?? []) rowsInOrder(child, rows);
  return rows;
}

/**
 * Whether each row of the document part (in document order) repeats as a header row. mammoth
 * takes any `<w:tblHeader>` for a header row, even the `w:val="off"` that the exporter (the
 * `docx` package) writes on every other row; null when the part does not read plainly.
 */
function headerRowFlags(documentXml: string | undefined): boolean[] | null {
  if (!documentXml) return null;
  const flags: boolean[] = [];
  for (const row of documentXml.matchAll(/<w:tr(?=[\s>/])[^>]*>(\s*<w:trPr>((?:(?!<\/w:trPr>).)*)<\/w:trPr>)?/gs)) {
    const header = /<w:tblHeader(?:\s+w:val="([^"]*)")?\s*\/>/.exec(row[2] ?? "");
    flags.push(header !== null && !["false", "0", "off"].includes(header[1] ?? "true"));
  }
  return flags;
}

function fixHeaderRows(model: DocxModel, documentXml: string | undefined): void {
  const rows = rowsInOrder(model);
  const flags = headerRowFlags(documentXml);
  // Rows that do not line up one to one (content mammoth reads differently) keep mammoth's reading.
  if (!flags || flags.length !== rows.length) return;
  rows.forEach((row, i) => {
    row.isHeader = flags[i]!;
  });
}

/** The main document part's name, from the package's content types; null when there is none. */
function mainDocumentPart(contentTypes: string | undefined): string | null {
  for (const tag of contentTypes?.match(/<Override\b[^>]*>/g) ?? []) {
    const partName = /\bPartName="([^"]+)"/.exec(tag)?.[1];
    if (partName && /\bContentType="([^"]+)"/.exec(tag)?.[1] === MAIN_DOCUMENT_TYPE) return partName.replace(/^\//, "");
  }
  return null;
}

/** The package's parts as far as they are read here, after inspectZip has checked the archive within its limits. */
async function checkedPackage(bytes: Uint8Array): Promise<{ documentXml: string | undefined; numberingXml: string | undefined }> {
  // A ZIP's first local header, unless the archive starts empty ("PK\x05\x06"), which no .docx does.
  if (bytes.byteLength < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b || bytes[2] !== 0x03 || bytes[3] !== 0x04) throw new InvalidInputError(NOT_A_DOCX);
  let kept: Map<string, Buffer>;
  try {
    ({ kept } = await inspectZip(bytes, (name) => name === "[Content_Types].xml" || /^word\/[^/]+\.xml$/.test(name)));
  } catch (err) {
    // A bomb, encryption or a damaged entry keeps its own message (ArchiveLimitError, 422); no ZIP at all is no .docx.
    if (err instanceof ArchiveLimitError && !err.message.includes("not a readable ZIP archive")) throw err;
    throw new InvalidInputError(NOT_A_DOCX);
  }
  const main = mainDocumentPart(kept.get("[Content_Types].xml")?.toString("utf8"));
  if (!main) throw new InvalidInputError(NOT_A_DOCX);
  return { documentXml: kept.get(main)?.toString("utf8"), numberingXml: kept.get("word/numbering.xml")?.toString("utf8") };
}

/**
 * `<ol><li><span data-accord-start="4">` and its mark (what the style map writes for a list
 * starting at 4) as `<ol start="4"><li>`. Only mammoth writes tags: the file's text reaches this HTML escaped.
 */
function listStartsMoved(html: string): string {
  return html.replace(new RegExp(`<ol><li><span data-accord-start="(\\d{1,6})">${START_MARK}</span>`, "g"), '<ol start="$1"><li>');
}

function maxDepth(node: JSONContent, depth = 1): number {
  if (depth > MAX_DOCUMENT_DEPTH) return depth;
  return Math.max(depth, ...(node.content ?? []).map((child) => maxDepth(child, depth + 1)));
}

/** The task box starting a list item's text, if it has one. */
function taskBoxOf(item: JSONContent): RegExpExecArray | null {
  const first = item.content?.[0]?.content?.[0];
  return item.content?.[0]?.type === "paragraph" && first?.type === "text" ? TASK_BOX.exec(first.text ?? "") : null;
}

/** A list item written as "☐ text" as a task item without its box. */
function taskItem(item: JSONContent, box: RegExpExecArray): JSONContent {
  const [paragraph, ...rest] = item.content!;
  const [first, ...inline] = paragraph!.content!;
  const text = first!.text!.slice(box[0].length);
  const content = text ? [{ ...first!, text }, ...inline] : inline;
  return { type: "taskItem", attrs: { checked: box[1] !== "☐" }, content: [{ ...paragraph!, content }, ...rest] };
}

/**
 * Restores what the HTML cannot say: bullet items that start with a task box are task items
 * (a bullet list split where tasks and bullets meet), and a header cell's text loses the bold
 * the exporter gives every header cell.
 */
function restoreStructure(node: JSONContent, inHeaderCell = false, depth = 1): JSONContent {
  if (depth > MAX_DOCUMENT_DEPTH) return node;
  if (node.type === "text") return inHeaderCell && node.marks ? { ...node, marks: node.marks.filter((mark) => mark.type !== "bold") } : node;
  const headerCell = inHeaderCell || node.type === "tableHeader";
  const content: JSONContent[] = [];
  for (const child of node.content ?? []) {
    const restored = restoreStructure(child, headerCell, depth + 1);
    if (restored.type !== "bulletList") {
      content.push(restored);
      continue;
    }
    // Consecutive items of one kind make one list: bullets and tasks side by side split in two.
    let group: JSONContent | undefined;
    for (const item of restored.content ?? []) {
      const box = taskBoxOf(item);
      const type = box ? "taskList" : "bulletList";
      if (group?.type !== type) content.push((group = { type, content: [] }));
      group.content!.push(box ? taskItem(item, box) : item);
    }
  }
  return node.content ? { ...node, content } : node;
}

function warningsFor(found: Findings, messages: { type: string; message: string }[], commentCount: number, documentXml: string | undefined, title: string | undefined): string[] {
  const warnings: string[] = [];
  const plural = (n: number, one: string, many: string) => (n === 1 ? one : many.replace("#", String(n)));
  if (found.images) {
    warnings.push(
      plural(found.images, "An image in the Word file was not imported", "# images in the Word file were not imported") +
        ": a document only shows images uploaded to Accord. Add them again in Accord if they are needed.",
    );
  }
  if (found.links) {
    warnings.push(plural(found.links, "A link", "# links") + " that did not go to an https, mailto or tel address " + plural(found.links, "was", "were") + " removed; the text was kept.");
  }
  if (commentCount) warnings.push(plural(commentCount, "A comment in the Word file was", "# comments in the Word file were") + " not imported.");
  if (documentXml && /<w:(?:ins|del|moveFrom|moveTo)\b/.test(documentXml)) warnings.push("The Word file has tracked changes: they were imported as if accepted.");
  if (title !== undefined && found.titleInFile !== undefined && found.titleInFile !== title.trim()) {
    warnings.push(`The title was changed in Word to "${found.titleInFile.slice(0, 200)}"; the document keeps its title in Accord.`);
  }
  // Styles Accord has no equivalent for come in as plain paragraphs and text: one line says which.
  const styles = new Set<string>();
  for (const { message } of messages) {
    const style = /^Unrecognised (?:paragraph|run) style: '([^']*)'/.exec(message)?.[1];
    if (style && style !== "Title" && !style.startsWith("Accord ")) styles.add(style.slice(0, 80));
  }
  if (styles.size) warnings.push(`Word styles imported as plain text: ${[...styles].slice(0, 10).join(", ")}${styles.size > 10 ? ", …" : ""}.`);
  return warnings;
}

/** The editor JSON of a .docx edited outside Accord (cleaned to the document schema), with what was dropped. */
export async function documentJsonFromDocx(bytes: Uint8Array, options: DocxImportOptions = {}): Promise<DocxImport> {
  const { documentXml, numberingXml } = await checkedPackage(bytes);
  const lists = listNumbering(numberingXml);
  const found: Findings = { images: 0, links: 0 };
  let commentCount = 0;
  let result: { value: string; messages: { type: string; message: string }[] };
  try {
    result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      {
        styleMap: styleMap(lists.styled),
        // A style map inside the file would let the file choose its own HTML.
        includeEmbeddedStyleMap: false,
        externalFileAccess: false,
        // Images left in notes or comments: never read, and written with no source (which the sanitizer drops).
        convertImage: mammoth.images.imgElement(async () => {
          found.images++;
          return { src: "" };
        }),
        transformDocument: (document: DocxModel) => {
          commentCount = document.comments?.length ?? 0;
          assignNumIds(document, documentXml);
          document.children = (document.children ?? []).flatMap((child) => rewriteInline(child, found));
          found.titleInFile = dropExportHeading(document.children, options.title);
          fixHeaderRows(document, documentXml);
          rewriteBlocks(document.children, lists);
          return document;
        },
      },
    );
  } catch (err) {
    if (err instanceof InvalidInputError) throw err;
    throw new InvalidInputError(NOT_A_DOCX);
  }
  const parsed = generateJSON(sanitizeDocumentHtml(listStartsMoved(result.value)), documentExtensions());
  const warnings = warningsFor(found, result.messages, commentCount, documentXml, options.title);
  if (maxDepth(parsed) > MAX_DOCUMENT_DEPTH) warnings.push(`Content nested more than ${MAX_DOCUMENT_DEPTH} levels deep was not imported.`);
  return { content: cleanDocumentJson(restoreStructure(parsed)), warnings };
}

/** The same, as a Yjs state ready to store as a document version (the shape document_versions.state holds). */
export async function documentStateFromDocx(bytes: Uint8Array, options: DocxImportOptions = {}): Promise<{ state: Uint8Array; warnings: string[] }> {
  const { content, warnings } = await documentJsonFromDocx(bytes, options);
  return { state: stateFromDocumentJson(content), warnings };
}
