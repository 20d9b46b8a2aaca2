/** Revokes one of the actor's personal access tokens; someone else's is invisible (404). */
import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { accessTokens } from "@/db/schema";
import { authorize } from "@/policies/authorize";
import { NotFoundError } from "../errors";
import { inTransaction, type PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";

export const ZRevokeAccessToken = z.object({ tokenId: z.uuid("Unknown token") });

/** Marks the token revoked; the next request carrying it is refused. */
export async function revokeAccessToken(ctx: PolicyCtx, input: z.infer<typeof ZRevokeAccessToken>): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const [token] = await tx.db.select().from(accessTokens).where(eq(accessTokens.id, input.tokenId)).limit(1);
    if (!token) throw new NotFoundError();
    authorize(tx.ability, "delete", "AccessToken", { userId: token.userId });
    await tx.db
      .update(accessTokens)
      .set({ revokedAt: tx.now })
      .where(and(eq(accessTokens.id, token.id), isNull(accessTokens.revokedAt)));
    await recordAudit(tx, { action: "token.revoke", subjectType: "access_token", subjectId: token.id, details: { name: token.name } });
  });
}
