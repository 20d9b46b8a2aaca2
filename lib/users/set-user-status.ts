/**
 * Disables or re-enables a person. Disabling ends every session and revokes every API token at
 * once (ASVS v5.0.0-7.4.2): the person is refused on their next request even with a valid cookie.
 */
import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { accessTokens, users } from "@/db/schema";
import { authorize, can } from "@/policies/authorize";
import { ForbiddenError, NotFoundError } from "../errors";
import { inTransaction, type PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { endUserSessions } from "../auth/end-session";
import { signalAccessChanged } from "../collab/access-signal";

export const ZSetUserStatus = z.object({
  userId: z.uuid("Unknown person"),
  status: z.enum(["active", "disabled"]),
});
export type SetUserStatusInput = z.infer<typeof ZSetUserStatus>;

/** Sets a user's status; returns how many sessions were ended. */
export async function setUserStatus(ctx: PolicyCtx, input: SetUserStatusInput): Promise<{ endedSessions: number }> {
  const result = await inTransaction(ctx, async (tx) => {
    const [target] = await tx.db
      .select({ id: users.id, agencyId: users.agencyId, status: users.status })
      .from(users)
      .where(eq(users.id, input.userId))
      .for("update");
    if (!target) throw new NotFoundError();
    // People the actor may not administer are invisible here: 404 (the user list shows only
    // the actor's own agency), and their own account is visible but not theirs to switch off.
    if (!can(tx.ability, "update", "User", target)) throw new NotFoundError();
    authorize(tx.ability, "administer", "User", { id: target.id, agencyId: target.agencyId });
    // Someone who has left the agency is not brought back by a status toggle.
    if (target.status === "removed") throw new ForbiddenError("This person has left the agency and cannot be re-enabled here");
    if (target.status === input.status) return { endedSessions: 0 };

    await tx.db.update(users).set({ status: input.status, updatedAt: tx.now }).where(eq(users.id, target.id));
    let endedSessions = 0;
    let revokedTokens = 0;
    if (input.status === "disabled") {
      endedSessions = await endUserSessions(tx, { userId: target.id, reason: "user_disabled" });
      // Tokens die with the account: re-enabling someone must not bring old tokens back to life.
      const revoked = await tx.db
        .update(accessTokens)
        .set({ revokedAt: tx.now })
        .where(and(eq(accessTokens.userId, target.id), isNull(accessTokens.revokedAt)))
        .returning({ id: accessTokens.id });
      revokedTokens = revoked.length;
    }
    await recordAudit(tx, {
      action: input.status === "disabled" ? "user.disable" : "user.enable",
      subjectType: "user",
      subjectId: target.id,
      details: { before: target.status, after: input.status, endedSessions, revokedTokens },
    });
    return { endedSessions };
  });
  // Open editing sessions are re-checked at once rather than at the next periodic check.
  signalAccessChanged();
  return result;
}
