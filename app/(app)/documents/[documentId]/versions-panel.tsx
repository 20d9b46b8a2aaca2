import Link from "next/link";
import type { VersionSummary } from "@/lib/documents/document-versions-shared";
import { formatDateTime } from "../../../ui/format";
import { SaveVersionForm } from "./save-version-form";

const KIND_LABELS = { auto: "Automatic", named: "Saved", restore: "Restored", remote: "From SharePoint (to review)" } as const;

/** The document's versions: view one, compare two, and (editors) save the current content as one. */
export function VersionsPanel({ documentId, versions, canSave }: { documentId: string; versions: VersionSummary[]; canSave: boolean }) {
  const newestFirst = [...versions].reverse();
  return (
    <section className="card" aria-labelledby="versions-heading" style={{ marginTop: "1rem" }}>
      <h2 id="versions-heading" style={{ marginTop: 0 }}>
        Versions
      </h2>
      {canSave && <SaveVersionForm documentId={documentId} />}
      {versions.length === 0 ? (
        <p className="meta">No versions yet. One is taken automatically every ten minutes of editing{canSave ? ", or save one now" : ""}.</p>
      ) : (
        <>
          <table>
            <caption className="visually-hidden">Versions of this document</caption>
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col">Kind</th>
                <th scope="col">By</th>
                <th scope="col">When</th>
              </tr>
            </thead>
            <tbody>
              {newestFirst.map((v) => (
                <tr key={v.id} data-testid="version-row">
                  <td>
                    <Link href={`/documents/${documentId}/versions/${v.id}`}>
                      {v.number}
                      {v.name ? `: ${v.name}` : ""}
                    </Link>
                  </td>
                  <td>{KIND_LABELS[v.kind]}</td>
                  <td>{v.createdBy ?? (v.kind === "remote" ? "SharePoint" : "Accord")}</td>
                  <td>{formatDateTime(v.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <form action={`/documents/${documentId}/versions/compare`} method="get" className="row" aria-label="Compare versions" style={{ marginTop: "0.75rem", gap: "0.5rem", alignItems: "end", flexWrap: "wrap" }}>
            <div className="field" style={{ margin: 0 }}>
              <label htmlFor="compare-from">Compare</label>
              <select id="compare-from" name="from" defaultValue={newestFirst[0]!.id}>
                {newestFirst.map((v) => (
                  <option key={v.id} value={v.id}>
                    Version {v.number}
                  </option>
                ))}
              </select>
            </div>
            <div className="field" style={{ margin: 0 }}>
              <label htmlFor="compare-to">with</label>
              <select id="compare-to" name="to" defaultValue="current">
                <option value="current">The current content</option>
                {newestFirst.map((v) => (
                  <option key={v.id} value={v.id}>
                    Version {v.number}
                  </option>
                ))}
              </select>
            </div>
            <button className="button button-secondary" type="submit">
              Compare
            </button>
          </form>
        </>
      )}
    </section>
  );
}
