import Link from "next/link";
import { requireActorContext } from "@/lib/auth/get-actor";
import { listForms } from "@/lib/forms/list-forms";
import { formatDateTime } from "../../ui/format";
import { NewFormForm } from "./form-admin-actions";

export const metadata = { title: "Forms" };

/**
 * The form library: the national forms (the same for every agency, read-only here) and the
 * reader's own agency's forms and local variants, filtered by the policy in SQL. Each opens to
 * its questions, page by page.
 */
export default async function FormsPage() {
  const ctx = await requireActorContext();
  const { items, permissions } = await listForms(ctx);
  const agencyName = ctx.actor.agency.name;
  return (
    <>
      <h1>Forms</h1>
      <p>National forms (witness statements, stop and search records, missing person reports…) and {agencyName}&apos;s own forms and local variants.</p>
      {permissions.canCreate && <NewFormForm />}
      {items.length === 0 ? (
        <div className="card empty">
          <p>No forms yet.</p>
          <p>National forms come with Accord; your agency&apos;s own forms will appear here too.</p>
        </div>
      ) : (
        <ul aria-label="Forms" style={{ listStyle: "none", padding: 0 }}>
          {items.map((f) => (
            <li key={f.id} className="card" style={{ marginBottom: "1rem" }} data-testid="form-summary">
              <h2 style={{ marginTop: 0 }}>
                <Link href={`/forms/${f.id}`}>{f.title}</Link>
              </h2>
              <p className="meta">
                <span className={f.scope === "national" ? "badge" : "badge badge-ok"}>{f.scope === "national" ? "National form" : f.extendsFormId ? `Local variant of ${agencyName}` : `Local form of ${agencyName}`}</span>
                {f.latestPublished ? ` · Version ${f.latestPublished.number}${f.latestPublished.publishedAt ? `, published ${formatDateTime(f.latestPublished.publishedAt)}` : ""}` : " · Not published yet"}
              </p>
              <p>{f.summary}</p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
