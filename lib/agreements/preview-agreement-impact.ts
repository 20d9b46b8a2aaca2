/**
 * What a proposed change to an agreement would do, worked out before anything is saved: which
 * spaces run under it, which partner members would lose (or regain) access, and how many
 * documents would stop crossing it. The threat is an administrator cutting people off (or
 * letting them back in) without seeing it; the issue asks for the effect to be shown first.
 *
 * Access is judged exactly as the policy judges it (policies/membership.ts admittingAgreements):
 * the change is applied to the agreement's facts in memory, and each partner member of each
 * bound space is tested against all of that space's agreements before and after. A person keeps
 * access when another agreement in force still admits them.
 */
import { eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { agencies, documents, spaceAgreements, spaceMembers, users } from "@/db/schema";
import { authorize } from "@/policies/authorize";
import { isAgreementInForce, type AgreementFacts } from "@/policies/agreements";
import { admittingAgreements, isAttestationOverdue, type SpaceFacts } from "@/policies/membership";
import { effectiveVetting, meetsMvPost } from "@/policies/vetting";
import type { PolicyCtx } from "../context";
import { loadAgreementFacts } from "../authz/build-ability";
import {
  agreementOrNotFound,
  AGREEMENT_STATUSES,
  checkDates,
  checkDescriptors,
  checkMaxMarking,
  checkParties,
  checkTransition,
  isUuid,
  parseOrInvalid,
  type AgreementRow,
} from "./agreement-terms";
import { loadBoundSpaces, type BoundSpace } from "./bound-spaces";

const ZOptionalDay = z
  .union([z.literal("").transform(() => null), z.null(), z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Dates are written YYYY-MM-DD")])
  .optional();

/** A proposed change: only what is given changes. */
export const ZAgreementChange = z.object({
  agreementId: z.string(),
  status: z.enum(AGREEMENT_STATUSES).optional(),
  partyAgencyIds: z.array(z.string()).max(50).optional(),
  maxMarking: z.string().trim().optional(),
  descriptors: z.array(z.string().trim()).max(20).optional(),
  startsOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Dates are written YYYY-MM-DD").optional(),
  reviewOn: ZOptionalDay,
  endsOn: ZOptionalDay,
});
export type AgreementChangeInput = z.input<typeof ZAgreementChange>;
export type AgreementChange = Omit<z.infer<typeof ZAgreementChange>, "agreementId">;

export type ImpactPerson = { userId: string; name: string; agencyName: string; role: string };

export type ImpactSpace = {
  id: string;
  name: string;
  ownerAgencyName: string;
  status: string;
  isReadable: boolean;
  /** Partner members who have access now and would not. */
  losing: ImpactPerson[];
  /** Partner members who have no access now and would. */
  regaining: ImpactPerson[];
  /** Documents of a party agency that cross the agreement now and would not. */
  documentsNoLongerShared: number;
};

export type AgreementImpact = {
  agreementId: string;
  reference: string;
  /** What would change, as sentences (e.g. "Status: active → suspended"). */
  changes: string[];
  isInForceBefore: boolean;
  isInForceAfter: boolean;
  /** Bound spaces the actor may be told about, by name. */
  spaces: ImpactSpace[];
  /** Bound spaces the actor may not be told about: counts only. */
  otherSpaces: { count: number; losingCount: number; regainingCount: number };
  losingCount: number;
  regainingCount: number;
};

/** Works out, without saving anything, what the change would do. */
export async function previewAgreementImpact(ctx: PolicyCtx, raw: AgreementChangeInput): Promise<AgreementImpact> {
  const { agreementId, ...change } = parseOrInvalid(ZAgreementChange, raw, "Invalid change");
  const row = await agreementOrNotFound(ctx.db, agreementId);
  // Status changes are the administer right; everything else the update right (policies/rules/agreements.ts).
  authorize(ctx.ability, change.status !== undefined ? "administer" : "update", "Agreement", { id: row.id, ownerAgencyId: row.ownerAgencyId });
  // The same checks as on saving, so that a preview is never shown for a change that would be refused.
  if (change.status !== undefined) checkTransition(row, change.status, ctx.now);
  const before = (await loadAgreementFacts(ctx.db, [row.id])).get(row.id)!;
  const after = applyChange(before, change);
  checkDates(after);
  if (change.partyAgencyIds) {
    const [owner] = await ctx.db.select({ id: agencies.id, name: agencies.name }).from(agencies).where(eq(agencies.id, row.ownerAgencyId));
    await checkParties(ctx.db, change.partyAgencyIds.map((agencyId) => ({ agencyId })), owner!, before.partyAgencyIds);
  }
  return impactOf(ctx, row, before, after);
}

/** The facts as they would be after the change (marking and descriptors checked as on saving). */
export function applyChange(before: AgreementFacts, change: AgreementChange): AgreementFacts {
  return {
    ...before,
    status: change.status ?? before.status,
    partyAgencyIds: change.partyAgencyIds ? [...new Set(change.partyAgencyIds)] : before.partyAgencyIds,
    maxRank: change.maxMarking !== undefined ? checkMaxMarking(change.maxMarking) : before.maxRank,
    descriptors: change.descriptors ? checkDescriptors(change.descriptors) : before.descriptors,
    startsOn: change.startsOn ?? before.startsOn,
    reviewOn: change.reviewOn !== undefined ? change.reviewOn : before.reviewOn,
    endsOn: change.endsOn !== undefined ? change.endsOn : before.endsOn,
  };
}

type MemberRow = {
  spaceId: string;
  userId: string;
  name: string;
  agencyId: string;
  agencyName: string;
  role: string;
  userStatus: string;
  vettingLevel: string;
  vettingExpiresOn: string | null;
  expiresAt: Date | null;
};

/** True when the membership itself stands (not ended, guest not suspended by an overdue review, MV rule met). */
function membershipStands(m: MemberRow, space: BoundSpace, now: Date): boolean {
  if (m.userStatus !== "active") return false;
  if (m.expiresAt && m.expiresAt.getTime() <= now.getTime()) return false;
  if (m.role === "guest" && isAttestationOverdue(space.lastAttestedAt, space.attestationIntervalDays, now)) return false;
  if (space.isMvOnly && !meetsMvPost(effectiveVetting(m.vettingLevel, m.vettingExpiresOn, now))) return false;
  return true;
}

/** True when a document of a party agency may cross the agreement at `now`. */
function crosses(doc: { owningAgencyId: string; markingRank: number; descriptors: string[] }, isa: AgreementFacts, now: Date): boolean {
  return (
    isAgreementInForce(isa, now) &&
    isa.partyAgencyIds.length > 1 &&
    isa.partyAgencyIds.includes(doc.owningAgencyId) &&
    doc.markingRank <= isa.maxRank &&
    doc.descriptors.every((d) => isa.descriptors.includes(d))
  );
}

/**
 * The effect of replacing the agreement's facts `before` by `after` on every space bound to it.
 * Used by the preview and, inside their transactions, by the operations that save the change
 * (so the audit records what the change did).
 */
export async function impactOf(ctx: PolicyCtx, row: AgreementRow, before: AgreementFacts, after: AgreementFacts): Promise<AgreementImpact> {
  const now = ctx.now;
  const bound = await loadBoundSpaces(ctx, { id: row.id, ownerAgencyId: row.ownerAgencyId });
  const impact: AgreementImpact = {
    agreementId: row.id,
    reference: row.reference,
    changes: await describeChanges(ctx, row, before, after),
    isInForceBefore: isAgreementInForce(before, now),
    isInForceAfter: isAgreementInForce(after, now),
    spaces: [],
    otherSpaces: { count: 0, losingCount: 0, regainingCount: 0 },
    losingCount: 0,
    regainingCount: 0,
  };
  if (bound.length === 0) return impact;

  const spaceIds = bound.map((s) => s.id);
  const bindings = await ctx.db.select().from(spaceAgreements).where(inArray(spaceAgreements.spaceId, spaceIds));
  const facts = await loadAgreementFacts(ctx.db, [...new Set(bindings.map((b) => b.agreementId))]);
  const members: MemberRow[] = await ctx.db
    .select({
      spaceId: spaceMembers.spaceId,
      userId: users.id,
      name: users.name,
      agencyId: users.agencyId,
      agencyName: agencies.name,
      role: spaceMembers.role,
      userStatus: users.status,
      vettingLevel: users.vettingLevel,
      vettingExpiresOn: users.vettingExpiresOn,
      expiresAt: spaceMembers.expiresAt,
    })
    .from(spaceMembers)
    .innerJoin(users, eq(users.id, spaceMembers.userId))
    .innerJoin(agencies, eq(agencies.id, users.agencyId))
    .where(inArray(spaceMembers.spaceId, spaceIds));
  const namedIds = bound.filter((s) => s.isNamed).map((s) => s.id);
  const docs = namedIds.length
    ? await ctx.db
        .select({ spaceId: documents.spaceId, owningAgencyId: documents.owningAgencyId, markingRank: documents.markingRank, descriptors: documents.descriptors })
        .from(documents)
        .where(inArray(documents.spaceId, namedIds))
    : [];

  for (const space of bound) {
    const agreementsOf = (replacement: AgreementFacts) =>
      bindings
        .filter((b) => b.spaceId === space.id)
        .flatMap((b) => (b.agreementId === row.id ? [replacement] : (facts.get(b.agreementId) ?? [])));
    // admittingAgreements reads only the owner and the agreements; the ceiling does not decide standing.
    const facts0: SpaceFacts = { id: space.id, ownerAgencyId: space.ownerAgencyId, ceilingRank: 0, ceilingMarking: "", isMvOnly: space.isMvOnly, status: space.status, agreements: agreementsOf(before) };
    const facts1: SpaceFacts = { ...facts0, agreements: agreementsOf(after) };
    const losing: ImpactPerson[] = [];
    const regaining: ImpactPerson[] = [];
    for (const m of members) {
      // People of the owning agency never depend on an agreement.
      if (m.spaceId !== space.id || m.agencyId === space.ownerAgencyId || !membershipStands(m, space, now)) continue;
      const hadAccess = admittingAgreements(facts0, m.agencyId, now).length > 0;
      const hasAccess = admittingAgreements(facts1, m.agencyId, now).length > 0;
      const person = { userId: m.userId, name: m.name, agencyName: m.agencyName, role: m.role };
      if (hadAccess && !hasAccess) losing.push(person);
      if (!hadAccess && hasAccess) regaining.push(person);
    }
    const byName = (a: ImpactPerson, b: ImpactPerson) => a.name.localeCompare(b.name);
    impact.losingCount += losing.length;
    impact.regainingCount += regaining.length;
    if (!space.isNamed) {
      impact.otherSpaces.count += 1;
      impact.otherSpaces.losingCount += losing.length;
      impact.otherSpaces.regainingCount += regaining.length;
      continue;
    }
    impact.spaces.push({
      id: space.id,
      name: space.name,
      ownerAgencyName: space.ownerAgencyName,
      status: space.status,
      isReadable: space.isReadable,
      losing: losing.sort(byName),
      regaining: regaining.sort(byName),
      documentsNoLongerShared: docs.filter((d) => d.spaceId === space.id && crosses(d, before, now) && !crosses(d, after, now)).length,
    });
  }
  return impact;
}

/** A short fingerprint of who would lose or regain access where: a confirmation is only good for this. */
export function impactFingerprint(impact: AgreementImpact): string {
  const named = impact.spaces.flatMap((s) => [...s.losing.map((p) => `-${s.id}:${p.userId}`), ...s.regaining.map((p) => `+${s.id}:${p.userId}`)]);
  const other = `${impact.otherSpaces.count}/${impact.otherSpaces.losingCount}/${impact.otherSpaces.regainingCount}`;
  return [...named.sort(), other, impact.isInForceAfter ? "in-force" : "not-in-force"].join(",");
}

const LEVEL_BY_RANK: Record<number, string> = { 1: "OFFICIAL", 2: "OFFICIAL-SENSITIVE", 3: "SECRET", 4: "TOP SECRET" };
/** A YYYY-MM-DD date the British way ("1 May 2027"), or "none". */
const day = (d: string | null) =>
  d === null ? "none" : new Date(`${d}T00:00:00Z`).toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

/** The change, as sentences a person can check. */
async function describeChanges(ctx: PolicyCtx, row: AgreementRow, before: AgreementFacts, after: AgreementFacts): Promise<string[]> {
  const changes: string[] = [];
  if (before.status !== after.status) changes.push(`Status: ${before.status} → ${after.status}`);
  const removed = before.partyAgencyIds.filter((id) => !after.partyAgencyIds.includes(id));
  const added = after.partyAgencyIds.filter((id) => !before.partyAgencyIds.includes(id));
  if (removed.length + added.length > 0) {
    const ids = [...removed, ...added].filter(isUuid);
    const rows = ids.length ? await ctx.db.select({ id: agencies.id, name: agencies.name }).from(agencies).where(inArray(agencies.id, ids)) : [];
    const names = new Map(rows.map((a) => [a.id, a.name]));
    const list = (ids: string[]) => ids.map((id) => names.get(id) ?? "an unknown agency").join(", ");
    if (removed.length > 0) changes.push(`Parties removed: ${list(removed)}`);
    if (added.length > 0) changes.push(`Parties added: ${list(added)}`);
  }
  if (before.maxRank !== after.maxRank) changes.push(`Highest marking: ${row.maxMarking} → ${LEVEL_BY_RANK[after.maxRank] ?? "unknown"}`);
  const descriptorsRemoved = before.descriptors.filter((d) => !after.descriptors.includes(d));
  const descriptorsAdded = after.descriptors.filter((d) => !before.descriptors.includes(d));
  if (descriptorsRemoved.length > 0) changes.push(`Descriptors removed: ${descriptorsRemoved.join(", ")}`);
  if (descriptorsAdded.length > 0) changes.push(`Descriptors added: ${descriptorsAdded.join(", ")}`);
  if (before.startsOn !== after.startsOn) changes.push(`Start date: ${day(before.startsOn)} → ${day(after.startsOn)}`);
  if (before.reviewOn !== after.reviewOn) changes.push(`Review date: ${day(before.reviewOn)} → ${day(after.reviewOn)}`);
  if (before.endsOn !== after.endsOn) changes.push(`End date: ${day(before.endsOn)} → ${day(after.endsOn)}`);
  const wasInForce = isAgreementInForce(before, ctx.now);
  const willBeInForce = isAgreementInForce(after, ctx.now);
  if (wasInForce && !willBeInForce) changes.push(`${row.reference} would no longer be in force: sharing under it stops at once`);
  if (!wasInForce && willBeInForce) changes.push(`${row.reference} would be in force: sharing under it resumes at once`);
  return changes;
}
