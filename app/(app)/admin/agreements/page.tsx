import Link from "next/link";
import { notFound } from "next/navigation";
import { requireActorContext } from "@/lib/auth/get-actor";
import { listAgreements } from "@/lib/agreements/list-agreements";
import { MarkingBadge } from "../../../ui/marking-badge";
import { formatDate } from "../../../ui/format";
import { StatusBadge } from "./status-badge";

export const metadata = { title: "Sharing agreements" };

/** The sharing agreements the person may read; their agency's administrators also record and manage them here. */
export default async function AgreementsPage() {
  const ctx = await requireActorContext();
  const canCreate = ctx.ability.can("create", "Agreement");
  // Nobody who may neither read nor record an agreement has any business here.
  if (!canCreate && !ctx.ability.can("read", "Agreement")) notFound();
  const rows = await listAgreements(ctx);
  return (
    <>
      <h1>Sharing agreements</h1>
      <p className="meta">
        A space may admit people from another agency only under an agreement in force that names both agencies, and only for what it allows.
        Suspending an agreement ends that access on everyone&apos;s next request.
      </p>
      {canCreate && (
        <p>
          <Link href="/admin/agreements/new" className="button">
            New agreement
          </Link>
        </p>
      )}
      {rows.length === 0 ? (
        <div className="card empty">
          <p>There are no sharing agreements for {ctx.actor.agency.name} yet.</p>
        </div>
      ) : (
        <table>
          <caption className="visually-hidden">Sharing agreements</caption>
          <thead>
            <tr>
              <th scope="col">Reference</th>
              <th scope="col">Title</th>
              <th scope="col">Parties</th>
              <th scope="col">Highest marking</th>
              <th scope="col">Status</th>
              <th scope="col">Review</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((a) => (
              <tr key={a.id} data-testid={`agreement-${a.reference}`}>
                <td>
                  <Link href={`/admin/agreements/${a.id}`}>{a.reference}</Link>
                </td>
                <td>{a.title}</td>
                <td>{a.parties.map((p) => p.name).join(", ")}</td>
                <td>
                  <MarkingBadge marking={a.maxMarking} rank={a.maxRank} />
                </td>
                <td>
                  <StatusBadge status={a.status} isInForce={a.isInForce} />
                </td>
                <td>
                  {a.reviewOn ? formatDate(a.reviewOn) : "None set"}
                  {a.isReviewOverdue && <div className="error-text">Review overdue</div>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
