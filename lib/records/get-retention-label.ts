/**
 * One label of the actor's agency's file plan (issue 8), with how much refers to it (so that the
 * page can say whether removing it retires or deletes it) and what the actor may do to it. 404
 * when missing or another agency's; 403 for people of the agency who may not read its file plan.
 */
import { z } from "zod";
import { can } from "@/policies/authorize";
import { parseInput } from "../errors";
import type { PolicyCtx } from "../context";
import { findLabel, labelUsage, labelViews, type LabelUsage, type RetentionLabelView } from "./file-plan-shared";

export const ZGetRetentionLabel = z.object({ labelId: z.string({ message: "Name the label" }) });

export type RetentionLabelDetail = RetentionLabelView & {
  usage: LabelUsage;
  isInUse: boolean;
  permissions: { canUpdate: boolean; canDelete: boolean };
};

/** The label, its usage and the actor's permissions on it. */
export async function getRetentionLabel(ctx: PolicyCtx, raw: unknown): Promise<RetentionLabelDetail> {
  const { labelId } = parseInput(ZGetRetentionLabel, raw);
  const row = await findLabel(ctx, labelId, "read");
  const usage = await labelUsage(ctx, row);
  const plan = { agencyId: row.agencyId };
  return {
    ...(await labelViews(ctx, [row]))[0]!,
    usage,
    isInUse: Object.values(usage).some((n) => n > 0),
    permissions: { canUpdate: row.retiredAt === null && can(ctx.ability, "update", "FilePlan", plan), canDelete: row.retiredAt === null && can(ctx.ability, "delete", "FilePlan", plan) },
  };
}
