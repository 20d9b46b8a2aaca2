/** An administrator ends every session of one of their agency's people (ASVS v5.0.0-7.4.5). */
import { eq } from "drizzle-orm";
import { z } from "zod";
import { users } from "@/db/schema";
import { authorize, can } from "@/policies/authorize";
import { NotFoundError } from "../errors";
import { inTransaction, type PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { endUserSessions } from "../auth/end-session";
import { signalAccessChanged } from "../collab/access-signal";

export const ZEndSessionsOfUser = z.object({ userId: z.uuid("Unknown person") });

/** Ends all of a user's sessions; returns how many were open. */
export async function endSessionsOfUser(ctx: PolicyCtx, input: z.infer<typeof ZEndSessionsOfUser>): Promise<number> {
  const result = await inTransaction(ctx, async (tx) => {
    const [target] = await tx.db.select({ id: users.id, agencyId: users.agencyId }).from(users).where(eq(users.id, input.userId));
    if (!target || !can(tx.ability, "update", "User", target)) throw new NotFoundError();
    authorize(tx.ability, "administer", "User", target);
    const ended = await endUserSessions(tx, { userId: target.id, reason: "ended_by_admin" });
    await recordAudit(tx, { action: "user.end_sessions", subjectType: "user", subjectId: target.id, details: { ended } });
    return ended;
  });
  // Open editing sessions are re-checked at once rather than at the next periodic check.
  signalAccessChanged();
  return result;
}
