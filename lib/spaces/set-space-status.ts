/**
 * Freezes (read-only for everyone: the investigation is closed), unfreezes or archives a space
 * (kept for records management, out of everyone's lists). Owners only; audited.
 */
import { eq } from "drizzle-orm";
import { z } from "zod";
import { spaces } from "@/db/schema";
import { authorize } from "@/policies/authorize";
import { inTransaction, type PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { spaceOrNotFound } from "./space-membership-shared";
import { signalAccessChanged } from "../collab/access-signal";

export const ZSetSpaceStatus = z.object({ spaceId: z.string(), status: z.enum(["active", "frozen", "archived"]) });

const ACTION = { active: "space.unfreeze", frozen: "space.freeze", archived: "space.archive" } as const;

/** Sets the space's status. */
export async function setSpaceStatus(ctx: PolicyCtx, raw: z.input<typeof ZSetSpaceStatus>): Promise<void> {
  const input = ZSetSpaceStatus.parse(raw);
  const space = await spaceOrNotFound(ctx.db, input.spaceId);
  authorize(ctx.ability, "administer", "Space", { id: space.id, ownerAgencyId: space.ownerAgencyId });
  if (space.status === input.status) return;
  await inTransaction(ctx, async (tx) => {
    await tx.db.update(spaces).set({ status: input.status, updatedAt: tx.now }).where(eq(spaces.id, space.id));
    await recordAudit(tx, {
      action: ACTION[input.status],
      subjectType: "space",
      subjectId: space.id,
      spaceId: space.id,
      details: { before: space.status, after: input.status },
    });
  });
  // Open editing sessions are re-checked at once rather than at the next periodic check.
  signalAccessChanged();
}
