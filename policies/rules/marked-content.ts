/**
 * Marked content: what documents and files have in common (the same marking columns on their
 * rows), and so the one place that decides who may read, change, re-mark, share, delete and
 * create it. The threat: two copies of the rules drifting apart, so that a file is readable where
 * a document with the same marking is not. Reading needs all of: standing in its space
 * (rules/spaces.ts); vetting that opens its marking; when the content belongs to another agency,
 * an agreement in force that binds the space, names both agencies, and allows the marking and
 * every descriptor on it; and the handling instruction's own audience (named recipients, named
 * organisations, HMG only). Every condition is on a column of the row, so the same rules filter
 * lists in SQL.
 */
import type { Conditions, DerivedFacts } from "../ability";
import { isAgreementInForce } from "../agreements";
import { DESCRIPTORS } from "../classification";
import { RANKS } from "../markings";
import { hasRole } from "../roles";
import { isWritable, ownedSpaceIds, standingMemberships } from "./spaces";

/** The subjects whose rows carry a marking and follow these rules. */
export type MarkedSubject = "Document" | "File" | "Card" | "Briefing";

/**
 * A rule's conditions on marked content: the fields every MarkedSubject shares (documents and
 * files add `isRestricted`, which these rules never test; their own rule files do).
 */
export type MarkedQuery = Conditions<"Card">;

/**
 * Narrows a base condition by handling instruction: open instructions, RECIPIENTS ONLY for named
 * recipients, and <ORG> USE ONLY for those organisations, ORed inside one rule (one rule and one
 * SQL branch per base condition keeps checks and list queries cheap). The open list names the
 * instructions that leave the audience as it is, so a value Accord does not recognise matches
 * nothing and denies (a denylist would let it through).
 */
function withHandling(base: MarkedQuery, facts: DerivedFacts): MarkedQuery[] {
  const open = ["", "FOR PUBLIC RELEASE", "EMBARGOED"];
  if (facts.actor.isAgencyHmg) open.push("HMG USE ONLY");
  return [
    {
      ...base,
      $or: [
        { handling: { $in: open } },
        { handling: "RECIPIENTS ONLY", recipientIds: facts.actor.userId },
        { handling: "USE ONLY", useOnlyAgencyCodes: facts.actor.agencyCode },
      ],
    },
  ];
}

/** Ranks from OFFICIAL up to `max`: a rank below OFFICIAL belongs to no marking, so it denies. */
function knownRankUpTo(max: number): MarkedQuery["markingRank"] {
  return { $gte: RANKS.OFFICIAL, $lte: max };
}

/** Conditions under which the actor may act on content of their own agency in these spaces. */
function ownAgencyConditions(facts: DerivedFacts, spaceIds: string[]): MarkedQuery[] {
  if (spaceIds.length === 0 || facts.vettingRank === 0) return [];
  return withHandling(
    { spaceId: { $in: spaceIds }, owningAgencyId: facts.actor.agencyId, markingRank: knownRankUpTo(facts.vettingRank) },
    facts,
  );
}

/**
 * Conditions under which the actor may act on content of partner agencies. Each agreement in
 * force that binds a space and names the actor's agency lets the other parties' content cross,
 * up to its maximum marking and with only the descriptors it lists. Grants with the same limits
 * are merged (spaces and agencies into `$in` lists), so the rule count grows with the number of
 * distinct agreements, not with the number of spaces.
 */
function partnerConditions(facts: DerivedFacts, spaceIds: Set<string>): MarkedQuery[] {
  const { actor } = facts;
  // First, per (agency, limits): the spaces where that agency's content may cross.
  const byAgency = new Map<string, { agencyId: string; maxRank: number; disallowed: string[]; spaces: Set<string> }>();
  for (const m of standingMemberships(facts)) {
    if (!spaceIds.has(m.spaceId)) continue;
    for (const isa of m.agreements) {
      if (!isAgreementInForce(isa, actor.now) || !isa.partyAgencyIds.includes(actor.agencyId)) continue;
      const maxRank = Math.min(isa.maxRank, facts.vettingRank);
      if (maxRank <= 0) continue;
      // Descriptors the agreement does not list may not cross it.
      const disallowed = DESCRIPTORS.filter((d) => !isa.descriptors.includes(d));
      for (const agencyId of isa.partyAgencyIds) {
        if (agencyId === actor.agencyId) continue;
        const key = `${agencyId}|${maxRank}|${disallowed.join(",")}`;
        const group = byAgency.get(key) ?? { agencyId, maxRank, disallowed, spaces: new Set<string>() };
        group.spaces.add(m.spaceId);
        byAgency.set(key, group);
      }
    }
  }
  // Then merge agencies that share the same limits and the same spaces.
  const merged = new Map<string, { agencyIds: string[]; maxRank: number; disallowed: string[]; spaces: string[] }>();
  for (const g of byAgency.values()) {
    const spaces = [...g.spaces].sort();
    const key = `${g.maxRank}|${g.disallowed.join(",")}|${spaces.join(",")}`;
    const group = merged.get(key) ?? { agencyIds: [], maxRank: g.maxRank, disallowed: g.disallowed, spaces };
    group.agencyIds.push(g.agencyId);
    merged.set(key, group);
  }
  const conditions: MarkedQuery[] = [];
  for (const g of merged.values()) {
    const base: MarkedQuery = {
      spaceId: { $in: g.spaces },
      owningAgencyId: g.agencyIds.length === 1 ? g.agencyIds[0]! : { $in: g.agencyIds },
      markingRank: knownRankUpTo(g.maxRank),
    };
    if (g.disallowed.length > 0) base.descriptors = { $nin: g.disallowed };
    conditions.push(...withHandling(base, facts));
  }
  return conditions;
}

/** The conditions, per action, under which the actor may act on marked content. */
export type MarkedContentGrants = {
  read: MarkedQuery[];
  update: MarkedQuery[];
  remark: MarkedQuery[];
  share: MarkedQuery[];
  delete: MarkedQuery[];
  /** One condition, or null when the actor may create nothing. */
  create: MarkedQuery | null;
  /**
   * The bound every subject declares last as a `cannot`: another agency's content carrying a
   * descriptor Accord does not know. The partner conditions name the known descriptors an
   * agreement does not list, so an unknown value (a raw legacy "PERSONAL", imported junk) would
   * otherwise cross every agreement.
   */
  unknownDescriptors: MarkedQuery;
};

// One actor's grants are the same for every marked subject, so they are worked out once per
// ability (DerivedFacts is made afresh by each defineAbilityFor) and shared by the rule files.
const grantsOf = new WeakMap<DerivedFacts, MarkedContentGrants | null>();

/** The actor's grants on marked content, or null when they have standing in no space at all. */
export function markedContentGrants(facts: DerivedFacts): MarkedContentGrants | null {
  if (grantsOf.has(facts)) return grantsOf.get(facts)!;
  const grants = computeGrants(facts);
  grantsOf.set(facts, grants);
  return grants;
}

function computeGrants(facts: DerivedFacts): MarkedContentGrants | null {
  const memberships = standingMemberships(facts);
  const standing = memberships.map((m) => m.spaceId);
  if (standing.length === 0) return null;
  const readable = [...ownAgencyConditions(facts, standing), ...partnerConditions(facts, new Set(standing))];

  // Changing anything needs an open (not frozen or archived) space and a role above reader.
  const editable = memberships.filter((m) => isWritable(m) && m.role !== "reader").map((m) => m.spaceId);
  const ownEditable = ownAgencyConditions(facts, editable);
  const update = [...ownEditable, ...partnerConditions(facts, new Set(editable))];

  // Sharing onward is the space owner's decision, and never of more than they can read.
  const owned = new Set(ownedSpaceIds(facts));
  const share = owned.size > 0 ? [...ownAgencyConditions(facts, [...owned]), ...partnerConditions(facts, owned)] : [];

  // Deleting: the originating agency's space owner, or its records manager (disposal; records
  // management works on frozen and archived spaces too).
  const deletable = hasRole(facts.actor.roles, "records_manager") ? standing : [...owned];

  return {
    read: readable,
    update,
    // Re-marking is for the originating agency only (GSCP paras 37-38).
    remark: ownEditable,
    share,
    delete: ownAgencyConditions(facts, deletable),
    // Creating: in an open space where the actor may edit, as their agency, within their vetting.
    create:
      facts.vettingRank > 0 && editable.length > 0
        ? { spaceId: { $in: editable }, owningAgencyId: facts.actor.agencyId, markingRank: knownRankUpTo(facts.vettingRank) }
        : null,
    unknownDescriptors: { owningAgencyId: { $ne: facts.actor.agencyId }, descriptors: { $elemMatch: { $nin: [...DESCRIPTORS] } } },
  };
}
