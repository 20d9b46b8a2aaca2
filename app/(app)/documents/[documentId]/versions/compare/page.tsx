import Link from "next/link";
import { requireActorContext } from "@/lib/auth/get-actor";
import { compareDocumentVersions } from "@/lib/documents/compare-document-versions";
import { orNotFound } from "../../../../../ui/not-found-on-error";

type Props = { params: Promise<{ documentId: string }>; searchParams: Promise<{ from?: string; to?: string }> };

export const metadata = { title: "Compare versions" };

/** Two versions side by side as one list of blocks: kept, added (+) and removed (−). */
export default async function CompareVersionsPage({ params, searchParams }: Props) {
  const { documentId } = await params;
  const { from = "", to = "current" } = await searchParams;
  const ctx = await requireActorContext();
  const result = await orNotFound(() => compareDocumentVersions(ctx, { documentId, from, to }));
  const { document, lines } = result;
  const changes = lines.filter((l) => l.kind !== "same").length;
  return (
    <>
      <p className="meta">
        <Link href={`/spaces/${document.space.id}`}>{document.space.name}</Link> / <Link href={`/documents/${document.id}`}>{document.title}</Link> / compare
      </p>
      <article className="card" aria-labelledby="compare-title" style={{ padding: 0 }}>
        <div className="marking-banner" data-rank={document.markingRank} role="note" aria-label="Document marking (top)">
          {document.marking}
        </div>
        <div style={{ padding: "1.25rem" }}>
          <h1 id="compare-title">
            {document.title}: {result.from} compared with {result.to}
          </h1>
          <p role="status">{changes === 0 ? "No differences." : `${changes} block${changes === 1 ? "" : "s"} changed.`}</p>
          <ol className="diff" data-testid="diff">
            {lines.map((line, i) => (
              <li key={i} className={`diff-${line.kind}`}>
                <span className="visually-hidden">{line.kind === "added" ? "Added: " : line.kind === "removed" ? "Removed: " : "Unchanged: "}</span>
                <span aria-hidden="true">{line.kind === "added" ? "+ " : line.kind === "removed" ? "− " : "  "}</span>
                {line.text}
              </li>
            ))}
          </ol>
        </div>
        <div className="marking-banner" data-rank={document.markingRank} role="note" aria-label="Document marking (bottom)">
          {document.marking}
        </div>
      </article>
    </>
  );
}
