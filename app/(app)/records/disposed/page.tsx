import Link from "next/link";
import { notFound } from "next/navigation";
import { requireActorContext } from "@/lib/auth/get-actor";
import { InvalidInputError } from "@/lib/errors";
import { listDisposalCertificates, type CertificateSharePoint, type DisposalCertificateView } from "@/lib/records/list-disposal-certificates";
import { formatDateTime, formatInstant } from "../../../ui/format";

export const metadata = { title: "Disposed items" };

type Props = { searchParams: Promise<{ q?: string | string[]; from?: string | string[]; to?: string | string[] }> };

const TYPE_LABELS = { document: "Document", file: "File", submission: "Form submission" } as const;
const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : "");

/**
 * What became of the item's copy in SharePoint, under its outcome: a refusal or failure says why
 * and when, so that a records manager knows a copy is still kept there (and must be released in
 * Purview and retried) although Accord's content is gone.
 */
function SharePointLine({ remote }: { remote: CertificateSharePoint }) {
  const when = remote.at ? <time dateTime={remote.at}>{formatDateTime(remote.at)}</time> : null;
  switch (remote.state) {
    case "deleted":
      return <>SharePoint: deleted{when && <> {when}</>}</>;
    case "pending":
      return <>SharePoint: deletion pending{remote.reason && <> — last try: {remote.reason}</>}</>;
    case "refused":
      return (
        <>
          <span className="badge badge-danger">SharePoint: deletion refused</span> — {remote.reason ?? "kept there by a retention label or record lock"}
          {when && <>, {when}</>}
        </>
      );
    case "failed":
      return (
        <>
          <span className="badge badge-danger">SharePoint: deletion failed</span> — {remote.reason ?? "the remote delete failed"}
          {when && <>, {when}</>}
        </>
      );
  }
}

/**
 * The certificates of disposal still kept (lib/records/list-disposal-certificates.ts): what was
 * disposed of, under which label, who approved it and when, and whether its SharePoint copy was
 * deleted too (read at read time; the certificate stays as written); never the content. For the agency's
 * records managers and auditors; for anyone else the page does not exist.
 */
export default async function DisposedItemsPage({ searchParams }: Props) {
  const ctx = await requireActorContext();
  if (!ctx.ability.can("read", "DisposalCertificate")) notFound();
  const params = await searchParams;
  const filters = { q: one(params.q), from: one(params.from), to: one(params.to) };
  let items: DisposalCertificateView[] = [];
  let error: string | null = null;
  try {
    items = (await listDisposalCertificates(ctx, filters)).items;
  } catch (err) {
    if (!(err instanceof InvalidInputError)) throw err;
    error = err.message;
  }
  const isFiltered = filters.q !== "" || filters.from !== "" || filters.to !== "";
  return (
    <>
      <p className="meta">
        <Link href="/records">Records</Link> / Disposed items
      </p>
      <h1>Disposed items</h1>
      <p className="meta">Proof of disposal: each certificate is kept for the retention period of certificates after the content is gone, then removed.</p>
      <form method="get" className="card" role="search" aria-label="Search certificates">
        <div className="field">
          <label htmlFor="certificates-q">Title or label</label>
          <input id="certificates-q" name="q" type="search" defaultValue={filters.q} maxLength={200} />
        </div>
        <div className="field">
          <label htmlFor="certificates-from">Disposed from</label>
          <input id="certificates-from" name="from" type="date" defaultValue={filters.from} aria-invalid={error ? true : undefined} aria-describedby={error ? "certificates-error" : undefined} />
        </div>
        <div className="field">
          <label htmlFor="certificates-to">Disposed to</label>
          <input id="certificates-to" name="to" type="date" defaultValue={filters.to} aria-invalid={error ? true : undefined} aria-describedby={error ? "certificates-error" : undefined} />
        </div>
        {error && (
          <p className="error-text" id="certificates-error" role="alert">
            {error}
          </p>
        )}
        <button className="button" type="submit">
          Search
        </button>
      </form>
      {items.length === 0 ? (
        <div className="card empty">
          <p>{isFiltered ? "No certificate matches the search." : "Nothing has been disposed of yet."}</p>
        </div>
      ) : (
        <table>
          <caption className="visually-hidden">Certificates of disposal, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Item</th>
              <th scope="col">Label</th>
              <th scope="col">Approved by</th>
              <th scope="col">Outcome</th>
              <th scope="col">Disposed</th>
              <th scope="col">Kept until</th>
            </tr>
          </thead>
          <tbody>
            {items.map((c) => (
              <tr key={c.id} data-testid={`certificate-${c.itemId}`}>
                <td>
                  <strong>{c.title}</strong>
                  <div className="meta">
                    {TYPE_LABELS[c.itemType]} in {c.spaceName} · {c.marking}
                  </div>
                </td>
                <td>
                  {c.label.reference}
                  <div className="meta">{c.label.name}</div>
                </td>
                <td>
                  {c.approvals.length === 0 ? (
                    <span className="meta">By schedule, without review</span>
                  ) : (
                    <ul>
                      {c.approvals.map((a, i) => (
                        <li key={i}>
                          {a.stageName}: {a.reviewerName} <span className="meta">({formatDateTime(a.at)})</span>
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <td>
                  {c.outcome === "restricted" ? <span className="badge">Restricted (DPA s.47)</span> : <span className="badge">Deleted</span>}
                  {c.sharePoint && (
                    <div className="meta" data-testid="certificate-sharepoint" data-state={c.sharePoint.state}>
                      <SharePointLine remote={c.sharePoint} />
                    </div>
                  )}
                </td>
                <td>{formatDateTime(c.disposedAt)}</td>
                <td>{formatInstant(c.keepUntil)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
