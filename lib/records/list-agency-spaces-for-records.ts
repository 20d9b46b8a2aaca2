/**
 * The spaces a records manager looks after (issue 8): every space their agency owns, whatever its
 * status and whether or not they are a member, each with its default retention label, and the
 * agency's live labels to choose from. Records management works on records' metadata, never
 * their content, so the names and defaults are all this shows. For the agency's records managers
 * only (the policy's "update FilePlan"): 403 for anyone else, with nothing queried.
 */
import { and, asc, eq, isNull } from "drizzle-orm";
import { retentionLabels, spaceRetentionDefaults, spaces } from "@/db/schema";
import { can } from "@/policies/authorize";
import { ForbiddenError } from "../errors";
import type { PolicyCtx } from "../context";
import { spaceRecordSubject } from "./set-space-retention-default";

type LabelChoice = { id: string; reference: string; name: string };
export type RecordsSpace = { id: string; name: string; status: "active" | "frozen" | "archived"; defaultLabel: LabelChoice | null; permissions: { canSetDefault: boolean } };

/** The agency's spaces by name with their default labels, and the labels a default may be. */
export async function listAgencySpacesForRecords(ctx: PolicyCtx): Promise<{ spaces: RecordsSpace[]; labels: LabelChoice[] }> {
  const agencyId = ctx.actor.agency.id;
  if (!can(ctx.ability, "update", "FilePlan", { agencyId })) throw new ForbiddenError("Only the agency's records managers can manage its spaces' records");
  const rows = await ctx.db
    .select({ id: spaces.id, name: spaces.name, status: spaces.status, labelId: retentionLabels.id, labelReference: retentionLabels.reference, labelName: retentionLabels.name })
    .from(spaces)
    .leftJoin(spaceRetentionDefaults, eq(spaceRetentionDefaults.spaceId, spaces.id))
    .leftJoin(retentionLabels, eq(retentionLabels.id, spaceRetentionDefaults.labelId))
    .where(eq(spaces.ownerAgencyId, agencyId))
    .orderBy(asc(spaces.name), asc(spaces.id));
  const labels = await ctx.db
    .select({ id: retentionLabels.id, reference: retentionLabels.reference, name: retentionLabels.name })
    .from(retentionLabels)
    .where(and(eq(retentionLabels.agencyId, agencyId), isNull(retentionLabels.retiredAt)))
    .orderBy(asc(retentionLabels.reference));
  return {
    spaces: rows.map((r) => ({
      id: r.id,
      name: r.name,
      status: r.status,
      defaultLabel: r.labelId ? { id: r.labelId, reference: r.labelReference!, name: r.labelName! } : null,
      // The same check setSpaceRetentionDefault makes (a records manager without vetting may not label).
      permissions: { canSetDefault: can(ctx.ability, "update", "RecordItem", spaceRecordSubject({ id: r.id, ownerAgencyId: agencyId })) },
    })),
    labels,
  };
}
