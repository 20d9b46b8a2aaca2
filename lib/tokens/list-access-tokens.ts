/** The actor's own personal access tokens (never the secrets, which are not stored). */
import { and, desc } from "drizzle-orm";
import { accessTokens } from "@/db/schema";
import { accessibleWhere } from "@/policies/to-sql";
import type { PolicyCtx } from "../context";
import { accessTokenColumns } from "../authz/columns";

export type AccessTokenRow = {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

/** Lists the tokens the actor may see (their own), newest first. */
export async function listAccessTokens(ctx: PolicyCtx): Promise<AccessTokenRow[]> {
  const mine = accessibleWhere(ctx.ability, "read", "AccessToken", accessTokenColumns);
  if (!mine) return [];
  return ctx.db
    .select({
      id: accessTokens.id,
      name: accessTokens.name,
      prefix: accessTokens.prefix,
      createdAt: accessTokens.createdAt,
      expiresAt: accessTokens.expiresAt,
      lastUsedAt: accessTokens.lastUsedAt,
      revokedAt: accessTokens.revokedAt,
    })
    .from(accessTokens)
    .where(and(mine))
    .orderBy(desc(accessTokens.createdAt));
}
