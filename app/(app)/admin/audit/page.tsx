import { notFound } from "next/navigation";
import { requireActorContext } from "@/lib/auth/get-actor";
import { checkAgencyAuditChain } from "@/lib/audit/check-agency-audit-chain";
import { can } from "@/policies/authorize";

export const metadata = { title: "Audit trail" };
export const dynamic = "force-dynamic";

/**
 * The agency's audit trail integrity (issue 10, DPA 2018 s.62): every event's hash recomputed and
 * every link followed each time the page is opened. Auditors and agency administrators only; for
 * anyone else the page does not exist.
 */
export default async function AuditTrailPage() {
  const ctx = await requireActorContext();
  if (!can(ctx.ability, "read", "AuditEvent", { agencyId: ctx.actor.agency.id })) notFound();
  const chain = await checkAgencyAuditChain(ctx);
  return (
    <>
      <h1>Audit trail for {ctx.actor.agency.name}</h1>
      <p className="meta">
        Every event Accord records for {ctx.actor.agency.name} is linked to the one before it by a SHA-256 hash, and the database refuses to change or delete events. This
        check recomputes every hash and follows every link, so an event altered, removed or slipped in directly in the database is found.
      </p>
      <section aria-labelledby="chain-heading">
        <h2 id="chain-heading">Integrity</h2>
        <p role="status" data-testid="audit-chain-status" className={chain.intact ? "alert alert-info" : "alert"}>
          {chain.intact
            ? `The chain is intact: ${chain.rows.toLocaleString("en-GB")} events checked.`
            : `The chain is broken: ${chain.firstBreak!.message}`}
        </p>
        <dl className="details-grid">
          <dt>Events checked</dt>
          <dd>{chain.rows.toLocaleString("en-GB")}</dd>
          <dt>Last link</dt>
          <dd>{chain.lastSeq.toLocaleString("en-GB")}</dd>
          <dt>Checked at</dt>
          <dd>
            <time dateTime={chain.checkedAt.toISOString()}>{chain.checkedAt.toISOString().replace("T", " ").slice(0, 19)} UTC</time>
          </dd>
        </dl>
        <p className="meta">
          From the command line, <code>npm run audit:verify</code> checks every agency&apos;s chain and the system chain.
        </p>
      </section>
    </>
  );
}
