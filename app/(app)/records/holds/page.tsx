import Link from "next/link";
import { notFound } from "next/navigation";
import { requireActorContext } from "@/lib/auth/get-actor";
import { listHolds } from "@/lib/records/list-holds";
import { formatInstant } from "../../../ui/format";

export const metadata = { title: "Holds" };

/** The agency's legal and preservation holds, standing and released: for its records managers and auditors. */
export default async function HoldsPage() {
  const ctx = await requireActorContext();
  // Nobody who may not read holds has any business here: for them the page does not exist.
  if (!ctx.ability.can("read", "Hold")) notFound();
  const { items, permissions } = await listHolds(ctx);
  return (
    <>
      <p className="meta">
        <Link href="/records">Records</Link> / Holds
      </p>
      <h1>Holds</h1>
      <p className="meta">
        While a hold stands, nothing it covers can be deleted, by anyone, whatever its retention label says; edits keep the original as a
        version. A hold is released only with a reason, and stays listed here afterwards.
      </p>
      {permissions.canCreate && (
        <p>
          <Link href="/records/holds/new" className="button">
            New hold
          </Link>
        </p>
      )}
      {items.length === 0 ? (
        <div className="card empty">
          <p>{ctx.actor.agency.name} has no holds.</p>
        </div>
      ) : (
        <table>
          <caption className="visually-hidden">Holds, standing first</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Kind</th>
              <th scope="col">Reference</th>
              <th scope="col">Covers</th>
              <th scope="col">Placed</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {items.map((h) => (
              <tr key={h.id} data-testid={`hold-${h.id}`}>
                <td>
                  <Link href={`/records/holds/${h.id}`}>{h.name}</Link>
                </td>
                <td>{h.kindLabel}</td>
                <td>{h.reference || <span className="meta">None</span>}</td>
                <td>
                  {h.scopeCount} {h.scopeCount === 1 ? "thing" : "things"}
                </td>
                <td>
                  {formatInstant(h.createdAt)}
                  {h.createdBy && <div className="meta">by {h.createdBy.name}</div>}
                </td>
                <td>
                  {h.isStanding ? (
                    <span className="badge badge-danger">Standing</span>
                  ) : (
                    <>
                      <span className="badge">Released {h.releasedAt ? formatInstant(h.releasedAt) : ""}</span>
                      {h.releasedBy && <div className="meta">by {h.releasedBy.name}</div>}
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
