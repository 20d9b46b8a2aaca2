import type { PolicyCtx } from "@/lib/context";
import { getSpaceRetention } from "@/lib/records/get-space-retention";
import { SpaceDefaultForm } from "./space-default-form";

/**
 * The space page's "Records" panel (issue 8), for the records managers of the space's agency and
 * its owners only: the default retention label new content gets, with a chooser and "Apply to
 * existing content". Others see nothing of it.
 */
export async function SpaceRecordsPanel({ ctx, spaceId }: { ctx: PolicyCtx; spaceId: string }) {
  const retention = await getSpaceRetention(ctx, { spaceId });
  if (!retention.permissions.canSetDefault) return null;
  return (
    <section aria-labelledby="records-heading" className="card">
      <h2 id="records-heading">Records</h2>
      <p>
        Default retention label: <strong data-testid="space-default-label">{retention.defaultLabel ? `${retention.defaultLabel.reference} – ${retention.defaultLabel.name}` : "none"}</strong>. New documents, files and submissions of
        the space get it, unless a labelling rule gives them another.
      </p>
      <SpaceDefaultForm spaceId={spaceId} labels={retention.labels} currentLabelId={retention.defaultLabel?.id ?? null} />
    </section>
  );
}
