/**
 * What every export of a document shares: the formats, the file it becomes, its name, and the
 * audit event. An export is a disclosure in the sense of DPA 2018 s.62 (the content leaves
 * Accord's control), so each one is recorded with its format, in the caller's context, after
 * the file was made and before it is handed over.
 */
import type { Ctx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { printableText } from "../editor/clean-document-json";
import { getDocument, type DocumentView, type GetDocumentInput } from "./get-document";
import { justificationFor } from "../audit/justification";
import type { PolicyCtx } from "../context";

/** The formats a document can be exported in. */
export const EXPORT_FORMATS = ["docx", "pdf", "html"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** True when `value` names an export format. */
export function isExportFormat(value: unknown): value is ExportFormat {
  return typeof value === "string" && (EXPORT_FORMATS as readonly string[]).includes(value);
}

/** The media type of each format. */
export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  pdf: "application/pdf",
  html: "text/html; charset=utf-8",
};

/** An exported document, ready to send as an attachment. */
export type ExportedFile = { filename: string; contentType: string; body: Uint8Array };

/** Who exported the document and when, printed on it (s.62: who received the disclosure). */
export type ExportStamp = { exportedBy: string; agencyName: string; exportedAt: Date };

/** The stamp for an export made in `ctx`. */
export function exportStamp(ctx: Ctx & { actor: NonNullable<Ctx["actor"]> }): ExportStamp {
  return { exportedBy: ctx.actor.name, agencyName: ctx.actor.agency.name, exportedAt: ctx.now };
}

/** "12 Mar 2027, 14:05" in UK time, as exports print dates. */
export function formatExportDate(date: Date): string {
  return date.toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/London" });
}

// Characters no file system or header should see in a name: controls, path separators and the
// ones Windows refuses. Letters of any script stay (the header's filename* carries them).
const UNSAFE_IN_FILENAME = /[\u0000-\u001f\u007f-\u009f<>:"/\\|?*]+/g;

/** A file name for a document titled `title`, with `extension`; "document" when the title gives nothing usable. */
export function exportFilename(title: string, extension: string): string {
  const base = printableText(title).normalize("NFC").replace(UNSAFE_IN_FILENAME, " ").replace(/\s+/g, " ").trim().replace(/^[.\s]+|[.\s]+$/g, "");
  return `${Array.from(base || "document").slice(0, 100).join("").trim()}.${extension}`;
}

/**
 * The justification for exporting a document, where the actor's agency asks for one; checked
 * before anything is built. The document must be readable first (404 otherwise, unaudited here:
 * the consultation that follows is audited).
 */
export async function justifyExport(ctx: PolicyCtx, input: GetDocumentInput): Promise<string | null> {
  const view = await getDocument(ctx, { documentId: input.documentId }, { isConsultation: false });
  return justificationFor(ctx, { subjectType: "document", subjectId: view.id, markingRank: view.markingRank, marking: view.marking, purpose: "disclosure", given: input.justification });
}

/** Records the export of `doc` in `format` (`print` for the print view), with its justification where one was given. */
export async function recordDocumentExport(ctx: Ctx, doc: DocumentView, format: ExportFormat | "print", bytes?: number, justification?: string | null): Promise<void> {
  await recordAudit(ctx, {
    justification: justification ?? undefined,
    action: "document.export",
    subjectType: "document",
    subjectId: doc.id,
    spaceId: doc.space.id,
    markingBefore: doc.marking,
    details: { format, ...(bytes === undefined ? {} : { bytes }), crossAgency: doc.owningAgency.id !== ctx.actor?.agency.id },
  });
}
