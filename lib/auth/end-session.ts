/** Ends sessions: one (sign-out) or all of a user's (disable, administrator's "end sessions"). */
import { and, eq, isNull } from "drizzle-orm";
import { sessions } from "@/db/schema";
import type { Ctx } from "../context";
import { recordAudit } from "../audit/record-audit";

/** Marks one session revoked and audits it; later requests carrying its cookie are refused. */
export async function endSession(ctx: Ctx, input: { sessionToken: string; reason: string }): Promise<void> {
  const [ended] = await ctx.db
    .update(sessions)
    .set({ revokedAt: ctx.now, revokedReason: input.reason })
    .where(and(eq(sessions.sessionToken, input.sessionToken), isNull(sessions.revokedAt)))
    .returning({ userId: sessions.userId });
  if (ended) {
    await recordAudit(ctx, {
      action: "auth.session_end",
      actorUserId: ended.userId,
      subjectType: "user",
      subjectId: ended.userId,
      details: { reason: input.reason },
    });
  }
}

/** Revokes every open session of a user; returns how many were open. The caller audits. */
export async function endUserSessions(ctx: Ctx, input: { userId: string; reason: string }): Promise<number> {
  const ended = await ctx.db
    .update(sessions)
    .set({ revokedAt: ctx.now, revokedReason: input.reason })
    .where(and(eq(sessions.userId, input.userId), isNull(sessions.revokedAt)))
    .returning({ token: sessions.sessionToken });
  return ended.length;
}
