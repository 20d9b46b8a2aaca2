import Link from "next/link";
import { notFound } from "next/navigation";
import { requireActorContext } from "@/lib/auth/get-actor";
import { listAgencySpacesForRecords } from "@/lib/records/list-agency-spaces-for-records";
import { SpaceDefaultForm } from "../../../ui/records/space-default-form";

export const metadata = { title: "Spaces' default labels" };

const STATUS = { active: "Active", frozen: "Frozen", archived: "Archived" } as const;

/**
 * The records manager's view of the agency's spaces (issue 8): each space the agency owns, member
 * or not, with its default retention label and the form to set it and apply it to existing
 * content. For the agency's records managers only: for anyone else the page does not exist.
 */
export default async function RecordsSpacesPage() {
  const ctx = await requireActorContext();
  if (!ctx.ability.can("update", "FilePlan")) notFound();
  const { spaces, labels } = await listAgencySpacesForRecords(ctx);
  return (
    <>
      <p className="meta">
        <Link href="/records">Records</Link> / Spaces
      </p>
      <h1>Spaces&apos; default labels</h1>
      <p>New documents, files and submissions of a space get its default label, unless a labelling rule gives them another. Apply it to existing content to label what has no label yet.</p>
      {spaces.length === 0 ? (
        <div className="card empty">
          <p>{ctx.actor.agency.name} owns no spaces yet.</p>
        </div>
      ) : (
        <ul className="stack" style={{ listStyle: "none", padding: 0 }} aria-label="Spaces" data-testid="records-spaces">
          {spaces.map((space) => (
            <li key={space.id}>
              <section className="card" aria-labelledby={`space-${space.id}`} data-testid="records-space">
                <h2 id={`space-${space.id}`}>{space.name}</h2>
                <p className="meta">
                  Status: {STATUS[space.status]}. Default label: <strong data-testid="space-default-label">{space.defaultLabel ? `${space.defaultLabel.reference} – ${space.defaultLabel.name}` : "None"}</strong>
                </p>
                {space.permissions.canSetDefault ? (
                  <SpaceDefaultForm spaceId={space.id} labels={labels} currentLabelId={space.defaultLabel?.id ?? null} />
                ) : (
                  <p className="meta">Your vetting does not let you label this space&apos;s content.</p>
                )}
              </section>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
