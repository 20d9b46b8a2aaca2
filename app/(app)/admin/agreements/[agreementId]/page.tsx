import Link from "next/link";
import { requireActorContext } from "@/lib/auth/get-actor";
import { getAgreement } from "@/lib/agreements/get-agreement";
import { orNotFound } from "../../../../ui/not-found-on-error";
import { MarkingBadge } from "../../../../ui/marking-badge";
import { formatDate } from "../../../../ui/format";
import { StatusBadge } from "../status-badge";
import { StatusActions } from "./status-actions";

type Props = { params: Promise<{ agreementId: string }>; searchParams: Promise<{ created?: string; saved?: string }> };

// Generic on purpose: a page title must not reveal whether an agreement exists.
export const metadata = { title: "Sharing agreement" };

/** One agreement: its terms, parties, the spaces that run under it, and (for its administrators) its actions. */
export default async function AgreementPage({ params, searchParams }: Props) {
  const { agreementId } = await params;
  const { created, saved } = await searchParams;
  const ctx = await requireActorContext();
  const a = await orNotFound(() => getAgreement(ctx, { agreementId }));
  const canEdit = a.permissions.canUpdate && a.status !== "expired";
  return (
    <>
      <p className="meta">
        <Link href="/admin/agreements">Sharing agreements</Link> / {a.reference}
      </p>
      <h1>
        {a.reference}: {a.title}
      </h1>
      <div role="status">
        {created === "1" && <div className="alert alert-info">Agreement {a.reference} recorded.</div>}
        {saved === "1" && <div className="alert alert-info">Changes to {a.reference} saved.</div>}
      </div>
      <p className="row">
        <StatusBadge status={a.status} isInForce={a.isInForce} />
        {canEdit && (
          <Link href={`/admin/agreements/${a.id}/edit`} className="button button-secondary">
            Edit<span className="visually-hidden"> {a.reference}</span>
          </Link>
        )}
      </p>
      <dl className="card details-grid" data-testid="agreement-details">
        <dt>Owner</dt>
        <dd>{a.ownerAgency.name}</dd>
        <dt>Purpose</dt>
        <dd>{a.purpose || "None recorded"}</dd>
        <dt>Highest marking</dt>
        <dd>
          <MarkingBadge marking={a.maxMarking} rank={a.maxRank} />
        </dd>
        <dt>Descriptors</dt>
        <dd>{a.descriptors.length ? a.descriptors.join(", ") : "None: no descriptor may cross it"}</dd>
        <dt>Starts</dt>
        <dd>{formatDate(a.startsOn)}</dd>
        <dt>Review</dt>
        <dd>{a.reviewOn ? formatDate(a.reviewOn) : "None set"}</dd>
        <dt>Ends</dt>
        <dd>{a.endsOn ? formatDate(a.endsOn) : "No end date"}</dd>
      </dl>

      <h2>Parties</h2>
      <table>
        <caption className="visually-hidden">Parties to {a.reference}</caption>
        <thead>
          <tr>
            <th scope="col">Agency</th>
            <th scope="col">Lawful basis</th>
          </tr>
        </thead>
        <tbody>
          {a.parties.map((p) => (
            <tr key={p.agencyId} data-testid="party-row">
              <td>
                {p.agencyName} <span className="meta">({p.agencyCode})</span>
              </td>
              <td>{p.lawfulBasis || "Not recorded"}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>Spaces that run under it</h2>
      {a.boundSpaces.length === 0 && a.otherSpaceCount === 0 ? (
        <div className="card empty">
          <p>No space runs under {a.reference}.</p>
        </div>
      ) : (
        <ul data-testid="bound-spaces">
          {a.boundSpaces.map((s) => (
            <li key={s.id}>
              {s.isReadable ? <Link href={`/spaces/${s.id}`}>{s.name}</Link> : s.name} <span className="meta">({s.ownerAgencyName}{s.status !== "active" ? `, ${s.status}` : ""})</span>
            </li>
          ))}
          {a.otherSpaceCount > 0 && (
            <li className="meta">
              {a.boundSpaces.length > 0 ? "and " : ""}
              {a.otherSpaceCount} {a.otherSpaceCount === 1 ? "space" : "spaces"} you cannot see
            </li>
          )}
        </ul>
      )}

      {a.permissions.canAdminister && <StatusActions agreementId={a.id} reference={a.reference} status={a.status} transitions={a.transitions} />}
    </>
  );
}
