import Link from "next/link";
import { notFound } from "next/navigation";
import { requireActorContext } from "@/lib/auth/get-actor";
import { getHold } from "@/lib/records/get-hold";
import { orNotFound } from "../../../../ui/not-found-on-error";
import { formatDateTime } from "../../../../ui/format";
import { ReleaseHoldForm } from "./release-hold-form";

export const metadata = { title: "Hold" };

const SCOPE_NAMES = { space: "Space", document: "Document", file: "File", submission: "Form submission" } as const;

/** One hold: what it is, what it covers, who placed it and, once released, who released it, when and why. */
export default async function HoldPage({ params }: { params: Promise<{ holdId: string }> }) {
  const { holdId } = await params;
  const ctx = await requireActorContext();
  // Nobody who may not read holds has any business here: for them the page does not exist.
  if (!ctx.ability.can("read", "Hold")) notFound();
  const hold = await orNotFound(() => getHold(ctx, { holdId }));
  return (
    <>
      <p className="meta">
        <Link href="/records">Records</Link> / <Link href="/records/holds">Holds</Link> / {hold.name}
      </p>
      <h1>{hold.name}</h1>
      <p>
        {hold.isStanding ? <span className="badge badge-danger">Standing</span> : <span className="badge">Released</span>}
      </p>
      <dl className="card">
        <dt>Kind</dt>
        <dd>{hold.kindLabel}</dd>
        <dt>Reference</dt>
        <dd>{hold.reference || "None"}</dd>
        <dt>Reason</dt>
        <dd style={{ whiteSpace: "pre-wrap" }}>{hold.reason}</dd>
        <dt>Placed</dt>
        <dd>
          {formatDateTime(hold.createdAt)}
          {hold.createdBy && ` by ${hold.createdBy.name}`}
        </dd>
        {!hold.isStanding && (
          <>
            <dt>Released</dt>
            <dd>
              {hold.releasedAt && formatDateTime(hold.releasedAt)}
              {hold.releasedBy && ` by ${hold.releasedBy.name}`}
            </dd>
            <dt>Why it was released</dt>
            <dd style={{ whiteSpace: "pre-wrap" }}>{hold.releaseReason}</dd>
          </>
        )}
      </dl>
      <h2>What it covers</h2>
      {hold.scopes.length === 0 ? (
        <p className="meta">Nothing any more: what it covered has gone.</p>
      ) : (
        <table>
          <caption className="visually-hidden">What the hold covers</caption>
          <thead>
            <tr>
              <th scope="col">Type</th>
              <th scope="col">Name</th>
            </tr>
          </thead>
          <tbody>
            {hold.scopes.map((scope) => (
              <tr key={scope.id}>
                <td>{SCOPE_NAMES[scope.type]}</td>
                <td>{scope.name || <span className="meta">(no longer there)</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {hold.permissions.canRelease && <ReleaseHoldForm holdId={hold.id} />}
    </>
  );
}
