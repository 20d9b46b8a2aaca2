/**
 * The searchable text of an uploaded file (issue 10): PDF through unpdf, Word (.docx) through
 * mammoth, text and CSV as UTF-8. Best effort and bounded, because it runs on bytes anyone with
 * upload rights chose: only files the type check and the scanner already passed (never a
 * quarantined one), at most MAX_EXTRACT_BYTES of input and MAX_INDEXED_CHARS of text, within
 * EXTRACT_TIMEOUT_MS; any failure gives no text and a reason, never a refused upload. Other types
 * (images, spreadsheets, presentations, legacy Office) are found by their name only.
 */
import { cleanIndexText, MAX_INDEXED_CHARS } from "./index-text";

/** Files larger than this are found by name only: parsing them would hold up the upload. */
export const MAX_EXTRACT_BYTES = 10 * 1024 * 1024;
/** The longest an extraction may take before the file is indexed by name only. */
export const EXTRACT_TIMEOUT_MS = 10_000;

export type FileTextExtraction = { body: string; extraction: "text" | "pdf" | "docx" | "unsupported" | "too_large" | "failed" | "quarantined" };

/** The text of a file's bytes (its extension already checked against its content), or why there is none. */
export async function extractFileText(file: { extension: string; status: "clean" | "quarantined" }, bytes: Uint8Array): Promise<FileTextExtraction> {
  if (file.status !== "clean") return { body: "", extraction: "quarantined" };
  const kind = file.extension === "pdf" ? "pdf" : file.extension === "docx" ? "docx" : file.extension === "txt" || file.extension === "csv" ? "text" : null;
  if (!kind) return { body: "", extraction: "unsupported" };
  if (bytes.byteLength > MAX_EXTRACT_BYTES) return { body: "", extraction: "too_large" };
  try {
    const text = await withTimeout(extract(kind, bytes), EXTRACT_TIMEOUT_MS);
    return { body: cleanIndexText(text).slice(0, MAX_INDEXED_CHARS), extraction: kind };
  } catch (err) {
    console.error(`search: could not extract the text of a .${file.extension} file`, err instanceof Error ? err.message : err);
    return { body: "", extraction: "failed" };
  }
}

async function extract(kind: "pdf" | "docx" | "text", bytes: Uint8Array): Promise<string> {
  if (kind === "text") return new TextDecoder("utf-8", { fatal: false }).decode(bytes.subarray(0, MAX_INDEXED_CHARS * 4));
  if (kind === "pdf") {
    const { extractText, getDocumentProxy } = await import("unpdf");
    // A copy: pdf.js transfers (detaches) the buffer it is given, and the caller still needs the bytes.
    const pdf = await getDocumentProxy(new Uint8Array(bytes));
    try {
      const { text } = await extractText(pdf, { mergePages: true });
      return text;
    } finally {
      await pdf.cleanup();
    }
  }
  const { default: mammoth } = await import("mammoth");
  const { value } = await mammoth.extractRawText({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
  return value;
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`extraction took longer than ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
