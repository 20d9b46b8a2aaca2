/** Opens a sign-in session for a user who has just proved who they are. */
import { randomBytes } from "node:crypto";
import { sessions } from "@/db/schema";
import type { Ctx } from "../context";
import { recordAudit } from "../audit/record-audit";

export type StartSessionInput = {
  userId: string;
  agencyId: string;
  provider: string;
  maxHours: number;
};

/** Creates the session row and audits the sign-in; returns the opaque session token. */
export async function startSession(ctx: Ctx, input: StartSessionInput): Promise<string> {
  const sessionToken = randomBytes(32).toString("base64url");
  await ctx.db.insert(sessions).values({
    sessionToken,
    userId: input.userId,
    provider: input.provider,
    createdAt: ctx.now,
    lastSeenAt: ctx.now,
    expires: new Date(ctx.now.getTime() + input.maxHours * 3_600_000),
  });
  await recordAudit(ctx, {
    action: "auth.sign_in",
    actorUserId: input.userId,
    agencyId: input.agencyId,
    subjectType: "user",
    subjectId: input.userId,
    details: { provider: input.provider },
  });
  return sessionToken;
}
