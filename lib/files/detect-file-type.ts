/**
 * Decides what an uploaded file is from its content, and accepts it only when that is what its
 * name says and one of the kinds Accord takes (ASVS v5.0.0-5.2.2). The threat: a file that is
 * not what it claims (an executable or HTML page named `.pdf`, a macro-laden workbook named
 * `.xlsx`, a zip bomb named `.docx`) reaching a colleague's computer from a trusted workspace.
 * The media type Accord later serves the file with is the one decided here, never the client's.
 */
import { fileTypeFromBuffer } from "file-type";
import { FileContentMismatchError, FileTypeNotAllowedError } from "../errors";
import { readCfbRoot } from "./inspect-cfb";
import { inspectZip, type ZipLimits } from "./inspect-zip";

type Kind =
  | { check: "magic"; fileTypeExts: readonly string[] }
  | { check: "ooxml"; fileTypeExt: string; mainContentType: string }
  | { check: "cfb"; rootStream: readonly string[] }
  | { check: "text" };

/** `label` is what people call it, with its article, for messages ("an Excel workbook"). */
type AllowedType = { mediaType: string; label: string; kind: Kind };

const OOXML = "application/vnd.openxmlformats-officedocument";

/** The extensions Accord accepts, what each must contain, and the media type it is served as. */
export const ALLOWED_TYPES = {
  pdf: { mediaType: "application/pdf", label: "a PDF document", kind: { check: "magic", fileTypeExts: ["pdf"] } },
  docx: {
    mediaType: `${OOXML}.wordprocessingml.document`,
    label: "a Word document",
    kind: { check: "ooxml", fileTypeExt: "docx", mainContentType: `${OOXML}.wordprocessingml.document.main+xml` },
  },
  xlsx: {
    mediaType: `${OOXML}.spreadsheetml.sheet`,
    label: "an Excel workbook",
    kind: { check: "ooxml", fileTypeExt: "xlsx", mainContentType: `${OOXML}.spreadsheetml.sheet.main+xml` },
  },
  pptx: {
    mediaType: `${OOXML}.presentationml.presentation`,
    label: "a PowerPoint presentation",
    kind: { check: "ooxml", fileTypeExt: "pptx", mainContentType: `${OOXML}.presentationml.presentation.main+xml` },
  },
  doc: { mediaType: "application/msword", label: "a Word 97-2003 document", kind: { check: "cfb", rootStream: ["WordDocument"] } },
  xls: { mediaType: "application/vnd.ms-excel", label: "an Excel 97-2003 workbook", kind: { check: "cfb", rootStream: ["Workbook", "Book"] } },
  ppt: { mediaType: "application/vnd.ms-powerpoint", label: "a PowerPoint 97-2003 presentation", kind: { check: "cfb", rootStream: ["PowerPoint Document"] } },
  // An animated PNG is still a PNG to every program that opens one.
  png: { mediaType: "image/png", label: "a PNG image", kind: { check: "magic", fileTypeExts: ["png", "apng"] } },
  jpg: { mediaType: "image/jpeg", label: "a JPEG image", kind: { check: "magic", fileTypeExts: ["jpg"] } },
  jpeg: { mediaType: "image/jpeg", label: "a JPEG image", kind: { check: "magic", fileTypeExts: ["jpg"] } },
  gif: { mediaType: "image/gif", label: "a GIF image", kind: { check: "magic", fileTypeExts: ["gif"] } },
  webp: { mediaType: "image/webp", label: "a WebP image", kind: { check: "magic", fileTypeExts: ["webp"] } },
  txt: { mediaType: "text/plain; charset=utf-8", label: "a text file", kind: { check: "text" } },
  csv: { mediaType: "text/csv; charset=utf-8", label: "a CSV file", kind: { check: "text" } },
} as const satisfies Record<string, AllowedType>;

export type AllowedExtension = keyof typeof ALLOWED_TYPES;

/** The accepted extensions, for `accept` attributes and messages. */
export const ALLOWED_EXTENSIONS = Object.keys(ALLOWED_TYPES) as AllowedExtension[];

/** What the content was found to be. */
export type DetectedType = { extension: AllowedExtension; mediaType: string };

/** The extension of a file name, lower-cased, or "" when it has none. */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf(".");
  return dot <= 0 || dot === name.length - 1 ? "" : name.slice(dot + 1).toLowerCase();
}

function isAllowedExtension(ext: string): ext is AllowedExtension {
  return Object.hasOwn(ALLOWED_TYPES, ext);
}

/** The file's kind from its content, matched to its name; throws a FileRejectedError otherwise. */
export async function detectFileType(name: string, bytes: Uint8Array, zipLimits?: ZipLimits): Promise<DetectedType> {
  const ext = extensionOf(name);
  if (!isAllowedExtension(ext)) {
    throw new FileTypeNotAllowedError(
      `${ext ? `.${ext} files are` : "Files without an extension are"} not accepted. Accord takes PDF, Word, Excel and PowerPoint documents, PNG, JPEG, GIF and WebP images, and text and CSV files.`,
    );
  }
  const allowed: AllowedType = ALLOWED_TYPES[ext];
  const detected = await fileTypeFromBuffer(bytes);
  const mismatch = (why?: string) =>
    new FileContentMismatchError(`"${name}" does not contain ${allowed.label}${why ? ` (${why})` : ""}, so it was not uploaded.`);
  const kind = allowed.kind;

  switch (kind.check) {
    case "magic":
      if (!detected || !kind.fileTypeExts.includes(detected.ext)) throw mismatch(describe(detected?.ext, bytes));
      if (ext === "pdf" && !hasPdfEnd(bytes)) throw mismatch("it is incomplete: it has no end-of-file marker");
      break;
    case "ooxml":
      if (detected?.ext !== kind.fileTypeExt) throw mismatch(describe(detected?.ext, bytes));
      await checkOfficeOpenXml(bytes, kind.mainContentType, mismatch, zipLimits);
      break;
    case "cfb":
      if (detected?.ext !== "cfb") throw mismatch(describe(detected?.ext, bytes));
      checkLegacyOffice(bytes, kind.rootStream, mismatch);
      break;
    case "text":
      if (detected) throw mismatch(describe(detected.ext, bytes));
      checkText(bytes, mismatch);
      break;
  }
  return { extension: ext, mediaType: allowed.mediaType };
}

/** A few words on what the content seems to be instead, for the message. */
function describe(detectedExt: string | undefined, bytes: Uint8Array): string | undefined {
  if (detectedExt) return `its content is ${detectedExt.toUpperCase()}`;
  return isUtf8Text(bytes) ? "it looks like plain text" : undefined;
}

/** A PDF ends with %%EOF, possibly followed by a little trailing junk (readers look in the last KiB). */
function hasPdfEnd(bytes: Uint8Array): boolean {
  const tail = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).subarray(Math.max(0, bytes.byteLength - 1024));
  return tail.includes("%%EOF");
}

/**
 * An Office Open XML package: a ZIP within the archive limits whose [Content_Types].xml declares
 * exactly one main part, of the expected kind. A macro-enabled document (docm, xlsm, pptm) or a
 * template declares another main type; a vbaProject.bin part means macros whatever it declares.
 */
async function checkOfficeOpenXml(
  bytes: Uint8Array,
  mainContentType: string,
  mismatch: (why?: string) => Error,
  zipLimits: ZipLimits | undefined,
): Promise<void> {
  const zip = await inspectZip(bytes, (n) => n === "[Content_Types].xml", zipLimits);
  const contentTypes = zip.kept.get("[Content_Types].xml");
  if (!contentTypes) throw mismatch("it has no [Content_Types].xml part");
  if (zip.names.some((n) => n.toLowerCase().endsWith("vbaproject.bin"))) throw mismatch("it contains macros");
  const xml = contentTypes.toString("utf8");
  const mains = [...xml.matchAll(/ContentType\s*=\s*(?:"([^"]*)"|'([^']*)')/g)]
    .map((m) => (m[1] ?? m[2] ?? "").trim().toLowerCase())
    .filter((type) => type.endsWith(".main+xml"));
  if (mains.length !== 1 || mains[0] !== mainContentType.toLowerCase()) {
    throw mismatch(mains.length === 1 ? `its main part is ${mains[0]}` : "it does not declare one main part");
  }
}

/** A legacy Office file: a compound file with exactly one application's main stream at its root, and no macros. */
function checkLegacyOffice(bytes: Uint8Array, rootStream: readonly string[], mismatch: (why?: string) => Error): void {
  const root = readCfbRoot(bytes);
  const mains = ["WordDocument", "Workbook", "Book", "PowerPoint Document"].filter((s) => root.streams.has(s));
  if (mains.length === 0 || !mains.every((s) => rootStream.includes(s))) throw mismatch(mains.length ? `it holds ${mains.join(" and ")}` : undefined);
  // Word keeps VBA in a "Macros" storage and Excel in "_VBA_PROJECT_CUR".
  if (root.storages.has("Macros") || root.storages.has("_VBA_PROJECT_CUR")) throw mismatch("it contains macros");
}

/** True for valid UTF-8 (an optional byte-order mark included). */
function isUtf8Text(bytes: Uint8Array): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * Text is valid UTF-8 with no NUL and no control characters other than tab, line feed, form feed
 * and carriage return: binary content named .txt or .csv fails one of these in its first bytes.
 */
function checkText(bytes: Uint8Array, mismatch: (why?: string) => Error): void {
  if (!isUtf8Text(bytes)) throw mismatch("it is not UTF-8 text");
  for (const b of bytes) {
    if (b === 0) throw mismatch("it contains NUL bytes");
    if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d) || b === 0x7f) throw mismatch("it contains control characters");
  }
}
