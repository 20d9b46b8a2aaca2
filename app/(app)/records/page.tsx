import Link from "next/link";
import { notFound } from "next/navigation";
import { requireActorContext } from "@/lib/auth/get-actor";
import { can } from "@/policies/authorize";

export const metadata = { title: "Records" };

/**
 * The records manager's home (issue 8): the parts of records management the reader may open,
 * each asked of the policy as its own page asks it (a reviewer named at a stage sees the review
 * queue, an auditor the holds and certificates). For someone who may open none of them, the page
 * does not exist.
 */
export default async function RecordsPage() {
  const ctx = await requireActorContext();
  const sections = [
    ctx.ability.can("read", "FilePlan") && { href: "/records/labels", title: "File plan", text: "Retention labels, the event types that start their clocks, and the rules that label new items automatically." },
    ctx.ability.can("update", "FilePlan") && { href: "/records/items", title: "Labelled items", text: "The agency's records with their labels and disposal dates: search by label, state and due date." },
    ctx.ability.can("update", "FilePlan") && { href: "/records/spaces", title: "Spaces", text: "The agency's spaces with their default labels: set one, and apply it to content that has no label yet." },
    ctx.ability.can("read", "RetentionEvent") && { href: "/records/events", title: "Retention events", text: "Raise an event such as a case closed, starting the clocks of the items it triggers, and see the events raised." },
    ctx.ability.can("read", "Hold") && { href: "/records/holds", title: "Holds", text: "Legal and preservation holds: nothing they cover is deleted or altered, whatever its schedule says." },
    ctx.ability.can("review", "RecordItem") && { href: "/records/review", title: "Disposal review", text: "Items at the end of their retention period, waiting for your decision at their review stage." },
    ctx.ability.can("read", "DisposalCertificate") && { href: "/records/disposed", title: "Disposed items", text: "Certificates of disposal: what was disposed of, under which label, who approved it and when." },
    can(ctx.ability, "read", "AuditEvent", { agencyId: ctx.actor.agency.id }) && { href: "/admin/audit", title: "Audit trail", text: "Whether the agency's audit trail is intact: every event's hash recomputed and every link between events followed." },
    ctx.ability.can("read", "SyncConnection") && { href: "/admin/sharepoint", title: "SharePoint sync", text: "The agency's SharePoint connection and its queue: what waits, what failed (a disposal SharePoint refused among them) and why." },
  ].filter((s): s is { href: string; title: string; text: string } => Boolean(s));
  if (sections.length === 0) notFound();
  return (
    <>
      <h1>Records</h1>
      <p>How long {ctx.actor.agency.name} keeps its information, and proof that what is disposed of is disposed of lawfully.</p>
      <ul className="grid" aria-label="Records management">
        {sections.map((s) => (
          <li key={s.href}>
            <div className="card">
              <h2>
                <Link href={s.href}>{s.title}</Link>
              </h2>
              <p>{s.text}</p>
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
