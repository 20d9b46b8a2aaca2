/**
 * Gathers, from the database, the facts the policy rules need about one actor (their spaces, the
 * agreements binding those spaces with their parties, their agency's agreements), and builds the
 * actor's ability from them. Runs once per request.
 */
import { eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { agreementParties, agreements, spaceAgreements, spaceMembers, spaces } from "@/db/schema";
import { defineAbilityFor, type AbilityActor, type AppAbility } from "@/policies/ability";
import type { AgreementFacts } from "@/policies/agreements";
import type { Actor } from "../auth/actor";

/** The policy facts about `actor` at `now`. */
export async function loadAbilityActor(db: Db, actor: Actor, now: Date): Promise<AbilityActor> {
  const memberships = await db
    .select({
      spaceId: spaceMembers.spaceId,
      role: spaceMembers.role,
      spaceOwnerAgencyId: spaces.ownerAgencyId,
      isMvOnly: spaces.isMvOnly,
      spaceStatus: spaces.status,
      expiresAt: spaceMembers.expiresAt,
      lastAttestedAt: spaces.lastAttestedAt,
      attestationIntervalDays: spaces.attestationIntervalDays,
    })
    .from(spaceMembers)
    .innerJoin(spaces, eq(spaces.id, spaceMembers.spaceId))
    .where(eq(spaceMembers.userId, actor.userId));

  const spaceIds = memberships.map((m) => m.spaceId);
  const bindings = spaceIds.length
    ? await db.select().from(spaceAgreements).where(inArray(spaceAgreements.spaceId, spaceIds))
    : [];
  const partyOf = await db
    .select({ agreementId: agreementParties.agreementId })
    .from(agreementParties)
    .where(eq(agreementParties.agencyId, actor.agency.id));

  const agreementIds = [...new Set([...bindings.map((b) => b.agreementId), ...partyOf.map((p) => p.agreementId)])];
  const facts = await loadAgreementFacts(db, agreementIds);

  return {
    userId: actor.userId,
    agencyId: actor.agency.id,
    agencyCode: actor.agency.code,
    isAgencyHmg: actor.agency.isHmg,
    roles: actor.roles,
    vettingLevel: actor.vetting.level,
    vettingExpiresOn: actor.vetting.expiresOn,
    memberships: memberships.map(({ lastAttestedAt, attestationIntervalDays, ...m }) => ({
      ...m,
      attestationDueAt: new Date(lastAttestedAt.getTime() + attestationIntervalDays * 86_400_000),
      agreements: bindings.filter((b) => b.spaceId === m.spaceId).flatMap((b) => facts.get(b.agreementId) ?? []),
    })),
    agencyAgreements: partyOf.flatMap((p) => facts.get(p.agreementId) ?? []),
    now,
  };
}

/** The policy's view of some agreements, with their parties, by id. */
export async function loadAgreementFacts(db: Db, agreementIds: string[]): Promise<Map<string, AgreementFacts>> {
  const facts = new Map<string, AgreementFacts>();
  if (agreementIds.length === 0) return facts;
  const rows = await db.select().from(agreements).where(inArray(agreements.id, agreementIds));
  const parties = await db.select().from(agreementParties).where(inArray(agreementParties.agreementId, agreementIds));
  for (const a of rows) {
    facts.set(a.id, {
      id: a.id,
      reference: a.reference,
      status: a.status,
      startsOn: a.startsOn,
      reviewOn: a.reviewOn,
      endsOn: a.endsOn,
      maxRank: a.maxRank,
      descriptors: a.descriptors,
      partyAgencyIds: parties.filter((p) => p.agreementId === a.id).map((p) => p.agencyId),
    });
  }
  return facts;
}

/** The actor's ability at `now`. */
export async function buildAbility(db: Db, actor: Actor, now: Date): Promise<AppAbility> {
  return defineAbilityFor(await loadAbilityActor(db, actor, now));
}
