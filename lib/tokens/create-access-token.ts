/** Creates a personal access token for the HTTP API. The token is shown once and never stored. */
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { accessTokens } from "@/db/schema";
import { authorize } from "@/policies/authorize";
import { inTransaction, type PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { hashToken, TOKEN_PREFIX } from "./hash-token";

export const ZCreateAccessToken = z.object({
  name: z.string().trim().min(1, "Give the token a name").max(80, "Keep the name under 80 characters"),
  expiresInDays: z.coerce.number().int().min(1).max(365).default(90),
});

/** Makes a token acting with the actor's own rights; returns the secret once. */
export async function createAccessToken(
  ctx: PolicyCtx,
  input: z.input<typeof ZCreateAccessToken>,
): Promise<{ id: string; token: string; expiresAt: string }> {
  const { name, expiresInDays } = ZCreateAccessToken.parse(input);
  authorize(ctx.ability, "create", "AccessToken", { userId: ctx.actor.userId });
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  const expiresAt = new Date(ctx.now.getTime() + expiresInDays * 86_400_000);
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .insert(accessTokens)
      .values({ userId: tx.actor.userId, name, tokenHash: hashToken(token), prefix: token.slice(0, TOKEN_PREFIX.length + 4), createdAt: tx.now, expiresAt })
      .returning({ id: accessTokens.id });
    await recordAudit(tx, { action: "token.create", subjectType: "access_token", subjectId: row!.id, details: { name, expiresAt: expiresAt.toISOString() } });
    return { id: row!.id, token, expiresAt: expiresAt.toISOString() };
  });
}
