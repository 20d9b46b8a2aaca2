/**
 * "Allowed / denied, because …": a step-by-step account of why a person may or may not read a
 * document, for administrators answering access questions without reading code. The verdict
 * always comes from the ability itself; the steps explain it (a test checks they agree).
 */
import type { AbilityActor, AppAbility } from "./ability";
import { asSubject } from "./ability";
import type { SubjectFields } from "./catalogue";
import { isAgreementInForce } from "./agreements";
import { effectiveVetting, isVettingExpired, meetsMvPost, vettingOpensRank, VETTING_LABELS, isVettingLevel } from "./vetting";
import { ACTIONS, type Action } from "./catalogue";

export type ExplainStep = { check: string; isMet: boolean; detail: string };
export type Explanation = { verdicts: Record<Action, boolean>; steps: ExplainStep[] };

export type ExplainDocument = SubjectFields["Document"] & { marking: string; spaceName: string; owningAgencyCode: string };

const LEVEL_NAMES: Record<number, string> = { 0: "nothing", 1: "OFFICIAL", 2: "OFFICIAL-SENSITIVE", 3: "SECRET", 4: "TOP SECRET" };

/** Explains the person's access to one document. */
export function explainDocumentAccess(facts: AbilityActor, ability: AppAbility, doc: ExplainDocument, agencyCodes: Map<string, string>): Explanation {
  const subject = asSubject("Document", doc);
  const verdicts = Object.fromEntries(ACTIONS.map((a) => [a, ability.can(a, subject)])) as Record<Action, boolean>;
  const steps: ExplainStep[] = [];
  const code = (id: string) => agencyCodes.get(id) ?? "another agency";

  const membership = facts.memberships.find((m) => m.spaceId === doc.spaceId);
  steps.push({
    check: "Member of the space",
    isMet: Boolean(membership),
    detail: membership ? `Member of "${doc.spaceName}" (${membership.role})` : `Not a member of "${doc.spaceName}"`,
  });
  if (!membership) return { verdicts, steps };

  if (membership.expiresAt) {
    const isCurrent = membership.expiresAt.getTime() > facts.now.getTime();
    steps.push({ check: "Membership current", isMet: isCurrent, detail: `${isCurrent ? "Guest until" : "Guest access ended"} ${membership.expiresAt.toISOString().slice(0, 10)}` });
  }
  if (membership.role === "guest" && membership.attestationDueAt) {
    const isAttested = membership.attestationDueAt.getTime() > facts.now.getTime();
    steps.push({
      check: "Access review up to date",
      isMet: isAttested,
      detail: isAttested ? "The space's access review is up to date" : "The space's access review is overdue, so guests are suspended until an owner attests",
    });
  }
  if (membership.spaceStatus !== undefined && !["active", "frozen", "archived"].includes(membership.spaceStatus)) {
    steps.push({ check: "Space state recognised", isMet: false, detail: `The space's state "${membership.spaceStatus}" is not one Accord knows` });
  }

  const isOwnSpace = membership.spaceOwnerAgencyId === facts.agencyId;
  const binding = membership.agreements.filter((isa) => isa.partyAgencyIds.includes(facts.agencyId) && isa.partyAgencyIds.includes(membership.spaceOwnerAgencyId));
  const inForce = binding.filter((isa) => isAgreementInForce(isa, facts.now));
  steps.push({
    check: "Standing in the space",
    isMet: isOwnSpace || inForce.length > 0,
    detail: isOwnSpace
      ? `The space belongs to ${facts.agencyCode}`
      : inForce.length > 0
        ? `Shared with ${facts.agencyCode} under ${inForce.map((i) => i.reference).join(", ")}`
        : binding.length > 0
          ? `${binding.map((i) => `${i.reference} (${i.status}, review ${i.reviewOn ?? "none"}, end ${i.endsOn ?? "none"})`).join(", ")} is not in force`
          : `No agreement binding this space includes ${facts.agencyCode}`,
  });

  if (!(doc.markingRank >= 1 && doc.markingRank <= 4)) {
    steps.push({ check: "Marking recognised", isMet: false, detail: `The stored marking rank ${doc.markingRank} belongs to no marking` });
  }
  const vetting = effectiveVetting(facts.vettingLevel, facts.vettingExpiresOn, facts.now);
  if (membership.isMvOnly) {
    steps.push({ check: "MV posts only", isMet: meetsMvPost(vetting), detail: meetsMvPost(vetting) ? "Holds MV or above" : "The space is for MV posts only" });
  }
  const opens = vettingOpensRank(vetting);
  const label = isVettingLevel(facts.vettingLevel) ? VETTING_LABELS[facts.vettingLevel] : `unknown level "${facts.vettingLevel}"`;
  steps.push({
    check: "Vetting opens the marking",
    isMet: opens >= doc.markingRank,
    detail: `${label}${isVettingExpired(facts.vettingExpiresOn, facts.now) ? ` expired ${facts.vettingExpiresOn}, so counts as none` : ""}: opens up to ${LEVEL_NAMES[opens]}; the document is ${doc.marking}`,
  });

  if (doc.owningAgencyId !== facts.agencyId) {
    const allowing = membership.agreements.filter(
      (isa) =>
        isAgreementInForce(isa, facts.now) &&
        isa.partyAgencyIds.includes(facts.agencyId) &&
        isa.partyAgencyIds.includes(doc.owningAgencyId) &&
        isa.maxRank >= doc.markingRank &&
        doc.descriptors.every((d) => isa.descriptors.includes(d)),
    );
    steps.push({
      check: "An agreement allows this disclosure",
      isMet: allowing.length > 0,
      detail:
        allowing.length > 0
          ? `${allowing.map((i) => i.reference).join(", ")} allows ${code(doc.owningAgencyId)} to share this marking and its descriptors with ${facts.agencyCode}`
          : `No agreement in force allows ${code(doc.owningAgencyId)} to share ${doc.marking} with ${facts.agencyCode}`,
    });
  }

  if (doc.handling === "RECIPIENTS ONLY") {
    const isNamed = doc.recipientIds.includes(facts.userId);
    steps.push({ check: "Named recipient", isMet: isNamed, detail: isNamed ? "Named as a recipient" : "RECIPIENTS ONLY, and not named" });
  } else if (doc.handling === "USE ONLY") {
    const isListed = doc.useOnlyAgencyCodes.includes(facts.agencyCode);
    steps.push({ check: "Organisation may use it", isMet: isListed, detail: `${doc.useOnlyAgencyCodes.join("/")} USE ONLY` });
  } else if (doc.handling === "HMG USE ONLY") {
    steps.push({ check: "Part of HMG", isMet: facts.isAgencyHmg, detail: facts.isAgencyHmg ? `${facts.agencyCode} is part of HMG` : `${facts.agencyCode} is not part of HMG` });
  } else if (!["", "FOR PUBLIC RELEASE", "EMBARGOED"].includes(doc.handling)) {
    steps.push({ check: "Handling instruction recognised", isMet: false, detail: `"${doc.handling}" is not a handling instruction Accord knows` });
  }
  return { verdicts, steps };
}
