/**
 * A document as a self-contained HTML file: the sanitized HTML of its content between its
 * marking, at the top and the bottom of the page and of every printed page (domain.md §2). The
 * threat is a saved file that runs script when opened: the content is renderDocumentHtml's
 * (schema, string serializer, sanitize-html), every other text is escaped here, and the file
 * carries a Content-Security-Policy that allows no script at all. Nor does it fetch anything:
 * images are given as their description (as in the .docx and PDF), since away from Accord their
 * path would reach whatever server the file is opened from, and its CSP allows no image.
 */
import type { PolicyCtx } from "../context";
import type { GetDocumentInput } from "./get-document";
import { getDocumentContent, type DocumentContent } from "./get-document-content";
import { renderDocumentHtml } from "./render-document-html";
import { EXPORT_CONTENT_TYPES, exportFilename, exportStamp, formatExportDate, recordDocumentExport, justifyExport, type ExportedFile, type ExportStamp } from "./export-file";

const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

// The file's own styles, inline because the file stands alone; thead/tfoot repeat on every
// printed page, which is what carries the marking to each one.
const STYLES = `
body { font: 11pt/1.5 Arial, Helvetica, sans-serif; color: #111; margin: 0; }
table.frame { width: 100%; border-collapse: collapse; }
.marking { text-align: center; font-weight: 700; letter-spacing: 0.08em; padding: 0.3rem; border: 2px solid #111; }
.content { padding: 1rem 0; max-width: 48rem; margin: 0 auto; }
.content table { border-collapse: collapse; margin: 0.5rem 0; }
.content th, .content td { border: 1px solid #666; padding: 0.25rem 0.5rem; vertical-align: top; }
.content th { background: #eee; }
.content blockquote { border-left: 3px solid #999; margin-left: 0; padding-left: 1rem; }
.content ul[data-type="taskList"] { list-style: none; padding-left: 0.5rem; }
.content li[data-type="taskItem"] { display: flex; gap: 0.5rem; align-items: baseline; }
.content li > p, .content li > div > p { margin: 0.2rem 0; }
.meta { color: #555; font-size: 9pt; }
@page { margin: 12mm; }
`;

/** The standalone HTML file of `doc`, stamped with who exported it. */
export function documentHtmlFile(doc: DocumentContent, stamp: ExportStamp): string {
  const marking = escape(doc.marking);
  const meta = `${doc.space.name} · ${doc.owningAgency.name} · exported by ${stamp.exportedBy} (${stamp.agencyName}), ${formatExportDate(stamp.exportedAt)}`;
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; base-uri 'none'; form-action 'none'">
<meta name="referrer" content="no-referrer">
<title>${marking} – ${escape(doc.title)}</title>
<style>${STYLES}</style>
</head>
<body>
<table class="frame" role="presentation">
<thead><tr><td><div class="marking" role="note" aria-label="Document marking (top)">${marking}</div></td></tr></thead>
<tfoot><tr><td><div class="marking" role="note" aria-label="Document marking (bottom)">${marking}</div></td></tr></tfoot>
<tbody><tr><td><div class="content">
<h1>${escape(doc.title)}</h1>
<p class="meta">${escape(meta)}</p>
${renderDocumentHtml(doc.content, { images: "describe" })}
</div></td></tr></tbody>
</table>
</body>
</html>
`;
}

/** Exports a document the actor may read as an HTML file, and audits the disclosure; NotFoundError otherwise. */
export async function exportDocumentHtml(ctx: PolicyCtx, input: GetDocumentInput): Promise<ExportedFile> {
  const justification = await justifyExport(ctx, input);
  const doc = await getDocumentContent(ctx, { documentId: input.documentId, justification });
  const body = new TextEncoder().encode(documentHtmlFile(doc, exportStamp(ctx)));
  await recordDocumentExport(ctx, doc, "html", body.byteLength, justification);
  return { filename: exportFilename(doc.title, "html"), contentType: EXPORT_CONTENT_TYPES.html, body };
}
