import Link from "next/link";
import { requireActorContext } from "@/lib/auth/get-actor";
import { getSpace } from "@/lib/spaces/get-space";
import { listDocuments } from "@/lib/documents/list-documents";
import { orNotFound } from "../../../ui/not-found-on-error";
import { MarkingBadge } from "../../../ui/marking-badge";

type Props = { params: Promise<{ spaceId: string }> };

// The title is generic on purpose: a page title must not reveal whether a space exists.
export const metadata = { title: "Space" };

/** A space: what it is, the agreements it runs under, and the documents the person may read. */
export default async function SpacePage({ params }: Props) {
  const { spaceId } = await params;
  const ctx = await requireActorContext();
  const space = await orNotFound(() => getSpace(ctx, { spaceId }));
  const { items } = await listDocuments(ctx, { spaceId, limit: 100 });
  return (
    <>
      <p className="meta">
        <Link href="/spaces">Spaces</Link> / {space.name}
      </p>
      <h1>{space.name}</h1>
      <p>{space.description}</p>
      <dl className="card" style={{ display: "grid", gridTemplateColumns: "max-content 1fr", gap: "0.4rem 1rem", margin: 0 }}>
        <dt>Owned by</dt>
        <dd style={{ margin: 0 }}>{space.ownerAgency.name}</dd>
        <dt>Highest marking</dt>
        <dd style={{ margin: 0 }}>{space.ceilingMarking}</dd>
        <dt>Default marking</dt>
        <dd style={{ margin: 0 }}>{space.defaultMarking}</dd>
        <dt>Sharing agreements</dt>
        <dd style={{ margin: 0 }}>
          {space.agreements.length === 0
            ? `None: ${space.ownerAgency.name} only`
            : space.agreements.map((a) => `${a.reference} ${a.title} (${a.status})`).join("; ")}
        </dd>
      </dl>
      <h2>Documents</h2>
      {items.length === 0 ? (
        <div className="card empty">
          <p>There are no documents here that you can open.</p>
        </div>
      ) : (
        <table>
          <caption className="visually-hidden">Documents in {space.name}</caption>
          <thead>
            <tr>
              <th scope="col">Title</th>
              <th scope="col">Marking</th>
              <th scope="col">Last changed</th>
            </tr>
          </thead>
          <tbody>
            {items.map((d) => (
              <tr key={d.id} data-testid="document-row">
                <td>
                  <Link href={`/documents/${d.id}`}>{d.title}</Link>
                </td>
                <td>
                  <MarkingBadge marking={d.marking} rank={d.markingRank} />
                </td>
                <td>{new Date(d.updatedAt).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/London" })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
