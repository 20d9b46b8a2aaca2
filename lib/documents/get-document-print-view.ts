/**
 * What the print view of a document shows: its metadata and its content as sanitized HTML
 * (renderDocumentHtml). Opening it is recorded as an export in the format "print": the page
 * exists to put the content on paper, which is a disclosure (DPA 2018 s.62) like a download.
 */
import type { PolicyCtx } from "../context";
import { getDocumentContent } from "./get-document-content";
import type { DocumentView, GetDocumentInput } from "./get-document";
import { renderDocumentHtml } from "./render-document-html";
import { exportStamp, recordDocumentExport, justifyExport, type ExportStamp } from "./export-file";

export type DocumentPrintView = { document: DocumentView; html: string; stamp: ExportStamp };

/** The print view of a document the actor may read, audited; NotFoundError otherwise. */
export async function getDocumentPrintView(ctx: PolicyCtx, input: GetDocumentInput): Promise<DocumentPrintView> {
  const justification = await justifyExport(ctx, input);
  const { content, ...document } = await getDocumentContent(ctx, { documentId: input.documentId, justification });
  const html = renderDocumentHtml(content);
  await recordDocumentExport(ctx, document, "print", undefined, justification);
  return { document, html, stamp: exportStamp(ctx) };
}
