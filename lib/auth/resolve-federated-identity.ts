/**
 * Maps an identity asserted by an agency's identity provider to an Accord user of *that* agency.
 * The threat: an identity from agency A's provider becoming a user of agency B (tenant crossing),
 * or a provider's reconfiguration inheriting another issuer's links. So a link is only honoured
 * when the user belongs to the provider's agency and the issuer matches; the first sign-in links
 * by a verified e-mail, and only to a user of the provider's own agency.
 */
import { and, eq } from "drizzle-orm";
import { accounts, agencies, users } from "@/db/schema";
import type { Ctx } from "../context";
import { recordAudit } from "../audit/record-audit";

export type FederatedIdentity = {
  providerId: string;
  agencyCode: string;
  issuer: string;
  subject: string;
  email: string | null;
  isEmailVerified: boolean;
};

export type FederatedResult =
  | { ok: true; userId: string; agencyId: string; isNewLink: boolean }
  | { ok: false; reason: string };

/** Finds (or, on first sign-in, links) the Accord user for an external identity. */
export async function resolveFederatedIdentity(ctx: Ctx, identity: FederatedIdentity): Promise<FederatedResult> {
  const refuse = async (reason: string, userId?: string, agencyId?: string): Promise<FederatedResult> => {
    await recordAudit(ctx, {
      action: "auth.sign_in",
      outcome: "failure",
      actorUserId: userId,
      agencyId,
      details: { provider: identity.providerId, reason, issuer: identity.issuer, subject: identity.subject },
    });
    return { ok: false, reason };
  };

  const [agency] = await ctx.db.select().from(agencies).where(eq(agencies.code, identity.agencyCode)).limit(1);
  if (!agency || agency.status !== "active") return refuse("agency_unavailable");

  const [link] = await ctx.db
    .select({ userId: accounts.userId, issuer: accounts.issuer, userAgencyId: users.agencyId, status: users.status })
    .from(accounts)
    .innerJoin(users, eq(users.id, accounts.userId))
    .where(and(eq(accounts.provider, identity.providerId), eq(accounts.providerAccountId, identity.subject)))
    .limit(1);

  if (link) {
    if (link.userAgencyId !== agency.id) return refuse("agency_mismatch", link.userId, link.userAgencyId);
    if (link.issuer !== identity.issuer) return refuse("issuer_mismatch", link.userId, agency.id);
    if (link.status !== "active") return refuse(`user_${link.status}`, link.userId, agency.id);
    return { ok: true, userId: link.userId, agencyId: agency.id, isNewLink: false };
  }

  if (!identity.email || !identity.isEmailVerified) return refuse("unlinked");
  const [user] = await ctx.db
    .select({ id: users.id, status: users.status })
    .from(users)
    .where(and(eq(users.email, identity.email.trim().toLowerCase()), eq(users.agencyId, agency.id)))
    .limit(1);
  if (!user) return refuse("unlinked");
  if (user.status !== "active") return refuse(`user_${user.status}`, user.id, agency.id);
  // Linking by e-mail is for a person's first sign-in only. If they are already linked to another
  // identity at this provider, a new subject with their e-mail is someone else (a recycled
  // address, a re-created account): refuse until an administrator removes the old link.
  const [existing] = await ctx.db
    .select({ subject: accounts.providerAccountId })
    .from(accounts)
    .where(and(eq(accounts.userId, user.id), eq(accounts.provider, identity.providerId)))
    .limit(1);
  if (existing) return refuse("already_linked", user.id, agency.id);

  await ctx.db.insert(accounts).values({
    userId: user.id,
    type: "oidc",
    provider: identity.providerId,
    providerAccountId: identity.subject,
    issuer: identity.issuer,
  });
  await recordAudit(ctx, {
    action: "identity.link",
    actorUserId: user.id,
    agencyId: agency.id,
    subjectType: "user",
    subjectId: user.id,
    details: { provider: identity.providerId, issuer: identity.issuer, subject: identity.subject },
  });
  return { ok: true, userId: user.id, agencyId: agency.id, isNewLink: true };
}
