/**
 * The add-member search. It looks only among people an owner may add (their own agency and the
 * agencies of the space's agreements in force), and for an exact e-mail address anywhere, so that
 * an owner who types a partner's address is told *why* that person cannot be added rather than
 * seeing nothing. It never lists a directory of agencies the space is not shared with.
 */
import { and, asc, eq, ilike, inArray, notInArray, or } from "drizzle-orm";
import { z } from "zod";
import { agencies, spaceMembers, users } from "@/db/schema";
import { authorize } from "@/policies/authorize";
import { admittingAgreements, eligibilityFor, type SpaceRole } from "@/policies/membership";
import type { PolicyCtx } from "../context";
import { spaceOrNotFound } from "./space-membership-shared";

export const ZSearchSpaceCandidates = z.object({ spaceId: z.string(), query: z.string().trim().max(120).default("") });

export type CandidateRow = {
  userId: string;
  name: string;
  email: string;
  agencyName: string;
  isEligible: boolean;
  reason: string | null;
  roles: readonly SpaceRole[];
  agreementReference: string | null;
  latestExpiry: string | null;
};

/** Up to 20 people matching the query, each with whether and how they may be added. */
export async function searchSpaceCandidates(ctx: PolicyCtx, raw: z.input<typeof ZSearchSpaceCandidates>): Promise<CandidateRow[]> {
  const input = ZSearchSpaceCandidates.parse(raw);
  const space = await spaceOrNotFound(ctx.db, input.spaceId);
  authorize(ctx.ability, "create", "Membership", { spaceId: space.id, userId: "" });

  const agencyIds = new Set([space.ownerAgencyId]);
  for (const isa of space.agreements) {
    for (const agencyId of isa.partyAgencyIds) if (admittingAgreements(space, agencyId, ctx.now).length > 0) agencyIds.add(agencyId);
  }
  const members = (await ctx.db.select({ userId: spaceMembers.userId }).from(spaceMembers).where(eq(spaceMembers.spaceId, space.id))).map((m) => m.userId);
  const pattern = `%${input.query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const exactEmail = input.query.toLowerCase();
  const rows = await ctx.db
    .select({ user: users, agencyName: agencies.name })
    .from(users)
    .innerJoin(agencies, eq(agencies.id, users.agencyId))
    .where(
      and(
        members.length ? notInArray(users.id, members) : undefined,
        or(
          and(inArray(users.agencyId, [...agencyIds]), input.query ? or(ilike(users.name, pattern), ilike(users.email, pattern)) : undefined),
          input.query.includes("@") ? eq(users.email, exactEmail) : undefined,
        ),
      ),
    )
    .orderBy(asc(users.name))
    .limit(20);

  return rows.map(({ user, agencyName }) => {
    const e = eligibilityFor(
      { userId: user.id, agencyId: user.agencyId, agencyName, status: user.status, vettingLevel: user.vettingLevel, vettingExpiresOn: user.vettingExpiresOn },
      space,
      ctx.now,
    );
    return {
      userId: user.id,
      name: user.name,
      email: user.email,
      agencyName,
      isEligible: e.isEligible,
      reason: e.isEligible ? null : e.reason,
      roles: e.isEligible ? e.roles : [],
      agreementReference: e.isEligible ? (e.agreement?.reference ?? null) : null,
      latestExpiry: e.isEligible ? e.latestExpiry : null,
    };
  });
}
