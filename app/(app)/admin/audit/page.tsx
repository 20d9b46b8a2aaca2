import Link from "next/link";
import { notFound } from "next/navigation";
import { requireActorContext } from "@/lib/auth/get-actor";
import { checkAgencyAuditChain } from "@/lib/audit/check-agency-audit-chain";
import { listAuditEvents, type AuditEventView } from "@/lib/audit/list-audit-events";
import { S62_KINDS } from "@/lib/audit/s62-kinds";
import { getJustificationPolicy, JUSTIFICATION_LEVELS } from "@/lib/agencies/set-justification-policy";
import { InvalidInputError } from "@/lib/errors";
import { can } from "@/policies/authorize";
import { JustificationPolicyForm } from "./justification-policy-form";

export const metadata = { title: "Audit trail" };
export const dynamic = "force-dynamic";

const FILTER_KEYS = ["by", "kind", "action", "outcome", "actor", "subjectType", "subjectId", "spaceId", "from", "to"] as const;
type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };
const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : "");

const KIND_LABELS: Record<string, string> = {
  collection: "Collection",
  alteration: "Alteration",
  consultation: "Consultation",
  disclosure: "Disclosure",
  combination: "Combination",
  erasure: "Erasure",
};

/** "2026-12-03 10:21:12 UTC": the trail keeps UTC, and says so. */
function utc(iso: string): string {
  return `${iso.replace("T", " ").slice(0, 19)} UTC`;
}

function detailsText(e: AuditEventView): string {
  const entries = Object.entries(e.details);
  return entries.length === 0 ? "" : entries.map(([k, v]) => `${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`).join("; ");
}

/**
 * The agency's audit trail (issue 10, DPA 2018 s.62): its integrity (every hash recomputed and
 * every link followed each time the page is opened), the events to browse and filter, exports as
 * CSV and JSON, and, for administrators, when a justification is asked. Auditors and agency
 * administrators only; for anyone else the page does not exist.
 */
export default async function AuditTrailPage({ searchParams }: Props) {
  const ctx = await requireActorContext();
  if (!can(ctx.ability, "read", "AuditEvent", { agencyId: ctx.actor.agency.id })) notFound();
  const params = await searchParams;
  const filters = Object.fromEntries(FILTER_KEYS.map((k) => [k, one(params[k])])) as Record<(typeof FILTER_KEYS)[number], string>;
  const before = one(params.before);
  let page: Awaited<ReturnType<typeof listAuditEvents>> = { items: [], next: null };
  let error: string | null = null;
  try {
    page = await listAuditEvents(ctx, { ...filters, before, limit: 50 });
  } catch (err) {
    if (!(err instanceof InvalidInputError)) throw err;
    error = err.message;
  }
  const [chain, policy] = await Promise.all([checkAgencyAuditChain(ctx), getJustificationPolicy(ctx)]);
  const query = new URLSearchParams(Object.entries(filters).filter(([, v]) => v !== "")).toString();
  const isFiltered = query !== "";
  return (
    <>
      <h1>Audit trail for {ctx.actor.agency.name}</h1>
      <p className="meta">
        The trail shows what {ctx.actor.agency.name}&apos;s people did, and what partner agencies&apos; people did in {ctx.actor.agency.name}&apos;s spaces (who
        opened or took a copy of its content, and why). Every event Accord records for {ctx.actor.agency.name}&apos;s people is linked to the one before it by a SHA-256 hash, and the database refuses to change or delete events. This
        check recomputes every hash and follows every link, so an event altered, removed or slipped in directly in the database is found.
      </p>
      <section aria-labelledby="chain-heading">
        <h2 id="chain-heading">Integrity</h2>
        <p role="status" data-testid="audit-chain-status" className={chain.intact ? "alert alert-info" : "alert"}>
          {chain.intact ? `The chain is intact: ${chain.rows.toLocaleString("en-GB")} events checked.` : `The chain is broken: ${chain.firstBreak!.message}`}
        </p>
        <dl className="details-grid">
          <dt>Events checked</dt>
          <dd>{chain.rows.toLocaleString("en-GB")}</dd>
          <dt>Last link</dt>
          <dd>{chain.lastSeq.toLocaleString("en-GB")}</dd>
          <dt>Checked at</dt>
          <dd>
            <time dateTime={chain.checkedAt.toISOString()}>{utc(chain.checkedAt.toISOString())}</time>
          </dd>
        </dl>
        <p className="meta">
          From the command line, <code>npm run audit:verify</code> checks every agency&apos;s chain and the system chain.
        </p>
      </section>

      <section aria-labelledby="justification-heading">
        <h2 id="justification-heading">Justifications</h2>
        <p className="meta">
          {policy.from
            ? `${ctx.actor.agency.name}'s people give a reason, kept in this trail, before they open or export content marked ${policy.from} or above.`
            : `${ctx.actor.agency.name}'s people are not asked for a reason before opening or exporting content.`}
        </p>
        {policy.canChange && <JustificationPolicyForm from={policy.from} levels={JUSTIFICATION_LEVELS} />}
      </section>

      <section aria-labelledby="events-heading">
        <h2 id="events-heading">Events</h2>
        <form method="get" className="card" role="search" aria-label="Filter the audit trail">
          <div className="row" style={{ gap: "0.75rem", flexWrap: "wrap", alignItems: "end" }}>
            <div className="field">
              <label htmlFor="audit-by">Whose</label>
              <select id="audit-by" name="by" defaultValue={filters.by}>
                <option value="">Everyone&apos;s</option>
                <option value="us">{ctx.actor.agency.name}&apos;s people</option>
                <option value="partners">Partners in our spaces</option>
              </select>
            </div>
            <div className="field">
              <label htmlFor="audit-kind">Kind (s.62)</label>
              <select id="audit-kind" name="kind" defaultValue={filters.kind}>
                <option value="">Any</option>
                {S62_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {KIND_LABELS[k]}
                  </option>
                ))}
                <option value="none">Not a processing operation</option>
              </select>
            </div>
            <div className="field">
              <label htmlFor="audit-action">Action</label>
              <input id="audit-action" name="action" defaultValue={filters.action} maxLength={100} placeholder="e.g. document.read" />
            </div>
            <div className="field">
              <label htmlFor="audit-outcome">Outcome</label>
              <select id="audit-outcome" name="outcome" defaultValue={filters.outcome}>
                <option value="">Any</option>
                <option value="success">Success</option>
                <option value="denied">Denied</option>
                <option value="failure">Failure</option>
              </select>
            </div>
            <div className="field">
              <label htmlFor="audit-actor">Who (name or e-mail)</label>
              <input id="audit-actor" name="actor" type="search" defaultValue={filters.actor} maxLength={200} />
            </div>
            <div className="field">
              <label htmlFor="audit-subject">Subject id</label>
              <input id="audit-subject" name="subjectId" defaultValue={filters.subjectId} maxLength={100} />
            </div>
            <div className="field">
              <label htmlFor="audit-from">From (UTC day)</label>
              <input id="audit-from" name="from" type="date" defaultValue={filters.from} aria-invalid={error ? true : undefined} aria-describedby={error ? "audit-error" : undefined} />
            </div>
            <div className="field">
              <label htmlFor="audit-to">To (UTC day)</label>
              <input id="audit-to" name="to" type="date" defaultValue={filters.to} />
            </div>
            {filters.subjectType && <input type="hidden" name="subjectType" value={filters.subjectType} />}
            {filters.spaceId && <input type="hidden" name="spaceId" value={filters.spaceId} />}
            <button className="button" type="submit">
              Filter
            </button>
            {isFiltered && <Link href="/admin/audit">Clear filters</Link>}
          </div>
          {error && (
            <p id="audit-error" className="field-error" role="alert">
              {error}
            </p>
          )}
        </form>
        <p className="meta" data-testid="audit-exports">
          Export {isFiltered ? "the events matching these filters" : "the whole trail"}: <a href={`/api/v1/audit-events/export?${query}${query ? "&" : ""}format=csv`}>CSV</a> or{" "}
          <a href={`/api/v1/audit-events/export?${query}${query ? "&" : ""}format=json`}>JSON</a> (taking a copy is itself recorded).
        </p>
        {page.items.length === 0 ? (
          <div className="card empty">
            <p>{isFiltered ? "No events match these filters." : "No events yet."}</p>
          </div>
        ) : (
          <div style={{ overflowX: "auto" }}>
            <table data-testid="audit-events">
              <caption className="visually-hidden">Audit events, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">When (UTC)</th>
                  <th scope="col">Who</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Action</th>
                  <th scope="col">Subject</th>
                  <th scope="col">Marking</th>
                  <th scope="col">Justification</th>
                  <th scope="col">Details</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((e) => (
                  <tr key={e.id} data-testid="audit-event">
                    <td>
                      <time dateTime={e.at}>{utc(e.at)}</time>
                      <div className="meta">#{e.chainSeq ?? "?"}</div>
                    </td>
                    <td>
                      {e.actor ? e.actor.name : <span className="meta">System</span>}
                      {e.agency && e.agency.id !== ctx.actor.agency.id && <div className="meta">{e.agency.name}</div>}
                    </td>
                    <td>{e.kind ? KIND_LABELS[e.kind] : <span className="meta">—</span>}</td>
                    <td>
                      <code>{e.action}</code>
                      {e.outcome !== "success" && <span className="badge badge-warning"> {e.outcome}</span>}
                    </td>
                    <td>
                      {e.subjectType && (
                        <Link href={`/admin/audit?subjectType=${encodeURIComponent(e.subjectType)}&subjectId=${encodeURIComponent(e.subjectId ?? "")}`}>
                          {e.subjectType} {e.subjectId?.slice(0, 8)}
                        </Link>
                      )}
                      {e.space && <div className="meta">{e.space.name ?? "(space removed)"}</div>}
                    </td>
                    <td>{e.markingAfter && e.markingAfter !== e.markingBefore ? `${e.markingBefore ?? "—"} → ${e.markingAfter}` : (e.markingBefore ?? "")}</td>
                    <td>{e.justification ?? ""}</td>
                    <td className="meta" style={{ overflowWrap: "anywhere", maxWidth: "24rem" }}>
                      {detailsText(e)}
                      {e.requestId && <div>request {e.requestId}</div>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {(before || page.next !== null) && (
          <nav aria-label="Pages of events" className="row" style={{ gap: "1rem", marginTop: "0.75rem" }}>
            {before && <Link href={`/admin/audit${query ? `?${query}` : ""}`}>Newest</Link>}
            {page.next !== null && <Link href={`/admin/audit?${query}${query ? "&" : ""}before=${page.next}`}>Older events</Link>}
          </nav>
        )}
      </section>
    </>
  );
}
