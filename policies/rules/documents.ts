/**
 * Documents. Reading one needs all of: standing in its space (rules/spaces.ts); vetting that
 * opens its marking; when the document belongs to another agency, an agreement in force that
 * binds the space, names both agencies, and allows the marking and every descriptor on it; and
 * the handling instruction's own audience (named recipients, named organisations, HMG only).
 * Every condition is on a column of the document row, so the same rules filter lists in SQL.
 */
import type { MongoQuery } from "@casl/ability";
import type { Can, DerivedFacts } from "../ability";
import type { SubjectFields } from "../catalogue";
import { isAgreementInForce } from "../agreements";
import { DESCRIPTORS } from "../classification";
import { hasRole } from "../roles";
import { ownedSpaceIds, standingMemberships } from "./spaces";

type DocQuery = MongoQuery<SubjectFields["Document"]>;

/** The audience variants every base condition is split into by handling instruction. */
function withHandling(base: DocQuery, facts: DerivedFacts): DocQuery[] {
  const blocked = ["RECIPIENTS ONLY", "USE ONLY"];
  if (!facts.actor.isAgencyHmg) blocked.push("HMG USE ONLY");
  return [
    { ...base, handling: { $nin: blocked } },
    { ...base, handling: "RECIPIENTS ONLY", recipientIds: facts.actor.userId },
    { ...base, handling: "USE ONLY", useOnlyAgencyCodes: facts.actor.agencyCode },
  ];
}

/** Conditions under which the actor may read a document of their own agency. */
function ownAgencyConditions(facts: DerivedFacts, spaceIds: string[]): DocQuery[] {
  if (spaceIds.length === 0 || facts.vettingRank === 0) return [];
  return withHandling(
    { spaceId: { $in: spaceIds }, owningAgencyId: facts.actor.agencyId, markingRank: { $lte: facts.vettingRank } },
    facts,
  );
}

/** Conditions under which the actor may read documents of partner agencies, per agreement. */
function partnerConditions(facts: DerivedFacts, spaceIds: Set<string>): DocQuery[] {
  const { actor } = facts;
  const groups = new Map<string, { agencyId: string; maxRank: number; disallowed: string[]; spaces: string[] }>();
  for (const m of standingMemberships(facts)) {
    if (!spaceIds.has(m.spaceId)) continue;
    for (const isa of m.agreements) {
      if (!isAgreementInForce(isa, actor.now) || !isa.partyAgencyIds.includes(actor.agencyId)) continue;
      for (const agencyId of isa.partyAgencyIds) {
        if (agencyId === actor.agencyId) continue;
        const key = `${isa.id}|${agencyId}`;
        const group = groups.get(key) ?? {
          agencyId,
          maxRank: Math.min(isa.maxRank, facts.vettingRank),
          // Descriptors the agreement does not list may not cross it.
          disallowed: DESCRIPTORS.filter((d) => !isa.descriptors.includes(d)),
          spaces: [],
        };
        group.spaces.push(m.spaceId);
        groups.set(key, group);
      }
    }
  }
  const conditions: DocQuery[] = [];
  for (const g of groups.values()) {
    if (g.maxRank <= 0) continue;
    const base: DocQuery = { spaceId: { $in: g.spaces }, owningAgencyId: g.agencyId, markingRank: { $lte: g.maxRank } };
    if (g.disallowed.length > 0) base.descriptors = { $nin: g.disallowed };
    conditions.push(...withHandling(base, facts));
  }
  return conditions;
}

/** Document rules. */
export function documentRules(can: Can, facts: DerivedFacts): void {
  const standing = standingMemberships(facts).map((m) => m.spaceId);
  if (standing.length === 0) return;
  const readable = [...ownAgencyConditions(facts, standing), ...partnerConditions(facts, new Set(standing))];
  for (const c of readable) can(["read", "update"], "Document", c);

  // Re-marking is for the originating agency only (GSCP paras 37-38).
  for (const c of ownAgencyConditions(facts, standing)) can("remark", "Document", c);

  // Sharing onward is the space owner's decision, and never of more than they can read.
  const owned = new Set(ownedSpaceIds(facts));
  if (owned.size > 0) {
    for (const c of [...ownAgencyConditions(facts, [...owned]), ...partnerConditions(facts, owned)]) can("share", "Document", c);
  }

  // Deleting: the originating agency's space owner, or its records manager (disposal).
  const deletable = hasRole(facts.actor.roles, "records_manager") ? standing : [...owned];
  for (const c of ownAgencyConditions(facts, deletable)) can("delete", "Document", c);

  // Creating: in a space where the actor has standing, as their agency, within their vetting.
  if (facts.vettingRank > 0) {
    can("create", "Document", { spaceId: { $in: standing }, owningAgencyId: facts.actor.agencyId, markingRank: { $lte: facts.vettingRank } });
  }
}
