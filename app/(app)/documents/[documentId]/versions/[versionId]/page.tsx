import Link from "next/link";
import { requireActorContext } from "@/lib/auth/get-actor";
import { getDocumentVersion } from "@/lib/documents/get-document-version";
import { rankOfMarking } from "@/policies/markings";
import { orNotFound } from "../../../../../ui/not-found-on-error";
import { formatDateTime } from "../../../../../ui/format";
import { RestoreVersionForm } from "./restore-version-form";

type Props = { params: Promise<{ documentId: string; versionId: string }> };

export const metadata = { title: "Document version" };

/**
 * One version, read-only: HTML rendered and sanitized on the server, between the markings. The
 * banner shows the higher of the marking the version had and the document's marking now.
 */
export default async function DocumentVersionPage({ params }: Props) {
  const { documentId, versionId } = await params;
  const ctx = await requireActorContext();
  const { document, version, html } = await orNotFound(() => getDocumentVersion(ctx, { documentId, versionId }));
  const then = rankOfMarking(version.marking) ?? 0;
  const marking = then > document.markingRank ? version.marking : document.marking;
  const rank = Math.max(then, document.markingRank);
  return (
    <>
      <p className="meta">
        <Link href={`/spaces/${document.space.id}`}>{document.space.name}</Link> / <Link href={`/documents/${document.id}`}>{document.title}</Link> / version{" "}
        {version.number}
      </p>
      <article className="card" aria-labelledby="version-title" style={{ padding: 0 }}>
        <div className="marking-banner" data-rank={rank} role="note" aria-label="Document marking (top)">
          {marking}
        </div>
        <div style={{ padding: "1.25rem" }}>
          <h1 id="version-title">
            {document.title}: version {version.number}
            {version.name ? ` (${version.name})` : ""}
          </h1>
          <p className="meta">
            {version.createdBy ?? "Accord"}, {formatDateTime(version.createdAt)}. Read-only; marked {version.marking} when it was taken.
          </p>
          {/* Rendered from the stored content and sanitized on the server (lib/documents/render-document-html.ts). */}
          <div className="document-content" data-testid="version-content" dangerouslySetInnerHTML={{ __html: html }} />
        </div>
        <div className="marking-banner" data-rank={rank} role="note" aria-label="Document marking (bottom)">
          {marking}
        </div>
      </article>
      {document.permissions.canUpdate && <RestoreVersionForm documentId={document.id} versionId={version.id} number={version.number} />}
    </>
  );
}
