/**
 * A space's records panel: its default retention label and, for those who may set it (the
 * records managers of the space's agency and the space's owners), the labels of that agency's
 * file plan to choose from (live ones only). Invisible spaces are 404, as everywhere.
 */
import { and, asc, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { retentionLabels, spaceRetentionDefaults } from "@/db/schema";
import { can } from "@/policies/authorize";
import { parseInput } from "../errors";
import type { PolicyCtx } from "../context";
import { spaceForRecords, spaceRecordSubject } from "./set-space-retention-default";

export const ZGetSpaceRetention = z.object({ spaceId: z.string() });

type LabelChoice = { id: string; reference: string; name: string };
export type SpaceRetentionView = { spaceId: string; defaultLabel: LabelChoice | null; labels: LabelChoice[]; permissions: { canSetDefault: boolean } };

/** The space's default label and the choices the actor has. */
export async function getSpaceRetention(ctx: PolicyCtx, raw: z.input<typeof ZGetSpaceRetention>): Promise<SpaceRetentionView> {
  const input = parseInput(ZGetSpaceRetention, raw);
  const space = await spaceForRecords(ctx, input.spaceId);
  const canSetDefault = can(ctx.ability, "update", "RecordItem", spaceRecordSubject(space));
  const choice = { id: retentionLabels.id, reference: retentionLabels.reference, name: retentionLabels.name };
  const [current] = await ctx.db.select(choice).from(spaceRetentionDefaults).innerJoin(retentionLabels, eq(retentionLabels.id, spaceRetentionDefaults.labelId)).where(eq(spaceRetentionDefaults.spaceId, space.id));
  const labels = canSetDefault ? await ctx.db.select(choice).from(retentionLabels).where(and(eq(retentionLabels.agencyId, space.ownerAgencyId), isNull(retentionLabels.retiredAt))).orderBy(asc(retentionLabels.reference)) : [];
  return { spaceId: space.id, defaultLabel: current ?? null, labels, permissions: { canSetDefault } };
}
