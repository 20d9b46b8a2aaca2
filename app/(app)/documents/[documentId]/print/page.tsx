import Link from "next/link";
import { requireActorContext } from "@/lib/auth/get-actor";
import { getDocumentPrintView } from "@/lib/documents/get-document-print-view";
import { formatExportDate } from "@/lib/documents/export-file";
import { orNotFound } from "../../../../ui/not-found-on-error";
import { AccessWatch } from "../../../../ui/access-watch";
import { PrintButton } from "./print-button";
import { JustificationRequiredError } from "@/lib/errors";

type Props = { params: Promise<{ documentId: string }> };

const EXPORT_LINKS = [
  { format: "docx", label: "Word" },
  { format: "pdf", label: "PDF" },
  { format: "html", label: "HTML" },
] as const;

// Generic on purpose: a title naming the document would leak it on the 404 page too.
export const metadata = { title: "Print" };

/**
 * A document ready to print: its content, rendered and sanitized on the server, between its
 * marking at the top and the bottom. The markings sit in the frame table's thead and tfoot,
 * which browsers repeat on every printed page (print CSS in globals.css, "Print and export").
 */
export default async function DocumentPrintPage({ params }: Props) {
  const { documentId } = await params;
  const ctx = await requireActorContext();
  let view: Awaited<ReturnType<typeof getDocumentPrintView>>;
  try {
    view = await orNotFound(() => getDocumentPrintView(ctx, { documentId }));
  } catch (err) {
    // Printing is an export; where the agency asks why, the reason goes with a download (a PDF to print).
    if (err instanceof JustificationRequiredError) {
      return (
        <section className="card" aria-labelledby="print-justify-heading" style={{ maxWidth: "40rem" }}>
          <h1 id="print-justify-heading">Printing needs a reason</h1>
          <p>
            Your agency asks you to record why you take a copy of content marked <strong>{err.marking}</strong>. Download it as a PDF from the{" "}
            <Link href={`/documents/${documentId}`}>document&rsquo;s page</Link>, giving your reason there, and print the PDF.
          </p>
        </section>
      );
    }
    throw err;
  }
  const { document: doc, html, stamp } = view;
  return (
    // Watches the space, as the document page does: access revoked while the page is open ends it.
    <AccessWatch url={`/api/v1/spaces/${doc.space.id}`} what="document">
      <div className="print-view">
        <div className="print-toolbar print-hide">
          <p className="meta" style={{ margin: 0 }}>
            <Link href="/spaces">Spaces</Link> / <Link href={`/spaces/${doc.space.id}`}>{doc.space.name}</Link> /{" "}
            <Link href={`/documents/${doc.id}`}>{doc.title}</Link> / Print
          </p>
          <span className="print-downloads">
            Download:{" "}
            {EXPORT_LINKS.map(({ format, label }, index) => (
              <span key={format}>
                {index > 0 && " · "}
                <a href={`/api/v1/documents/${doc.id}/export?format=${format}`} download>
                  {label}
                </a>
              </span>
            ))}
          </span>
          <PrintButton />
        </div>
        <table className="print-frame" role="presentation">
          <thead>
            <tr>
              <td>
                <div className="marking-banner print-marking" data-rank={doc.markingRank} role="note" aria-label="Document marking (top)">
                  {doc.marking}
                </div>
              </td>
            </tr>
          </thead>
          <tbody>
            <tr>
              <td>
                <article className="print-document" aria-labelledby="doc-title">
                  <h1 id="doc-title">{doc.title}</h1>
                  <p className="meta">
                    {doc.space.name} · {doc.owningAgency.name} · printed by {stamp.exportedBy} ({stamp.agencyName}), {formatExportDate(stamp.exportedAt)}
                  </p>
                  {/* Server-rendered from the stored JSON through the schema and sanitize-html (lib/documents/render-document-html.ts). */}
                  <div className="document-content" data-testid="document-content" dangerouslySetInnerHTML={{ __html: html }} />
                </article>
              </td>
            </tr>
          </tbody>
          <tfoot>
            <tr>
              <td>
                <div className="marking-banner print-marking" data-rank={doc.markingRank} role="note" aria-label="Document marking (bottom)">
                  {doc.marking}
                </div>
              </td>
            </tr>
          </tfoot>
        </table>
      </div>
    </AccessWatch>
  );
}
