/**
 * Exporting a document in a format named at run time (the export route's `?format=`): one place
 * that maps each format to its exporter, so that the route cannot reach an exporter that skips
 * the read check or the audit.
 */
import type { PolicyCtx } from "../context";
import type { GetDocumentInput } from "./get-document";
import { InvalidInputError } from "../errors";
import { exportDocumentDocx } from "./export-document-docx";
import { exportDocumentHtml } from "./export-document-html";
import { exportDocumentPdf } from "./export-document-pdf";
import { EXPORT_FORMATS, isExportFormat, type ExportedFile, type ExportFormat } from "./export-file";

const EXPORTERS: Record<ExportFormat, (ctx: PolicyCtx, input: GetDocumentInput) => Promise<ExportedFile>> = {
  docx: exportDocumentDocx,
  pdf: exportDocumentPdf,
  html: exportDocumentHtml,
};

/** Exports a document the actor may read in `format`; InvalidInputError for an unknown format, NotFoundError for an invisible document. */
export async function exportDocument(ctx: PolicyCtx, input: { documentId: string; format: unknown; justification?: string | null }): Promise<ExportedFile> {
  // The format is checked before the document is looked at, so a bad format says nothing about it.
  if (!isExportFormat(input.format)) throw new InvalidInputError(`format must be one of ${EXPORT_FORMATS.join(", ")}`);
  return EXPORTERS[input.format](ctx, { documentId: input.documentId, justification: input.justification });
}
