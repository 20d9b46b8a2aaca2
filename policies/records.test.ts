/**
 * The records management rules as cases (no database): only an agency's records managers change
 * its file plan, holds and events and see its records' metadata (never another agency's, never
 * above their vetting); auditors read holds, events and certificates; a space owner labels what
 * their own spaces hold; a reviewer named at an item's current stage reviews it; nobody else
 * does anything, and unknown or missing roles grant nothing.
 */
import { describe, expect, it } from "vitest";
import { defineAbilityFor, type AbilityActor, type MembershipFacts } from "./ability";
import { can } from "./authorize";
import { RANKS } from "./markings";

const NOW = new Date("2026-12-01T12:00:00Z");
const actorFacts = (overrides: Partial<AbilityActor> = {}): AbilityActor => ({
  userId: "user-1",
  agencyId: "agency-dcp",
  agencyCode: "DCP",
  isAgencyHmg: true,
  roles: ["investigator"],
  vettingLevel: "MV",
  vettingExpiresOn: null,
  memberships: [],
  agencyAgreements: [],
  now: NOW,
  ...overrides,
});
const owner = (spaceId: string): MembershipFacts => ({ spaceId, role: "owner", spaceOwnerAgencyId: "agency-dcp", isMvOnly: false, agreements: [] });
const item = (overrides: Partial<{ owningAgencyId: string; spaceId: string; markingRank: number; currentReviewerIds: string[] }> = {}) => ({ owningAgencyId: "agency-dcp", spaceId: "space-k", markingRank: RANKS["OFFICIAL-SENSITIVE"], currentReviewerIds: [] as string[], ...overrides });
const ours = { agencyId: "agency-dcp" };
const theirs = { agencyId: "agency-dor" };
/** A certificate of the agency's, OFFICIAL-SENSITIVE unless told otherwise. */
const certificate = (overrides: Partial<{ agencyId: string; markingRank: number | null }> = {}) => ({ agencyId: "agency-dcp", markingRank: RANKS["OFFICIAL-SENSITIVE"] as number | null, ...overrides });

describe("records rules", () => {
  it("let an agency's records managers manage its file plan, holds, events and records, and nothing of another agency's", () => {
    const janet = defineAbilityFor(actorFacts({ roles: ["records_manager"] }));
    for (const action of ["read", "create", "update", "delete"] as const) expect(can(janet, action, "FilePlan", ours), action).toBe(true);
    for (const action of ["read", "create", "update"] as const) expect(can(janet, action, "Hold", ours), action).toBe(true);
    expect(can(janet, "create", "RetentionEvent", ours)).toBe(true);
    expect(can(janet, "read", "DisposalCertificate", certificate())).toBe(true);
    for (const action of ["read", "update", "review"] as const) expect(can(janet, action, "RecordItem", item()), action).toBe(true);
    for (const subject of ["FilePlan", "Hold", "RetentionEvent"] as const) for (const action of ["read", "create", "update", "delete"] as const) expect(can(janet, action, subject, theirs), `${subject} ${action}`).toBe(false);
    for (const action of ["read", "create", "update", "delete"] as const) expect(can(janet, action, "DisposalCertificate", certificate({ agencyId: "agency-dor" })), `certificate ${action}`).toBe(false);
    expect(can(janet, "read", "RecordItem", item({ owningAgencyId: "agency-dor" }))).toBe(false);
  });

  it("keep records above a records manager's vetting out of their reach, as expired vetting does OFFICIAL-SENSITIVE ones", () => {
    const rv = defineAbilityFor(actorFacts({ roles: ["records_manager"], vettingLevel: "BPSS" }));
    expect(can(rv, "read", "RecordItem", item({ markingRank: RANKS.OFFICIAL }))).toBe(true);
    expect(can(rv, "read", "RecordItem", item())).toBe(false);
    const expired = defineAbilityFor(actorFacts({ roles: ["records_manager"], vettingExpiresOn: "2025-06-30" }));
    expect(can(expired, "review", "RecordItem", item({ markingRank: RANKS.OFFICIAL }))).toBe(true);
    expect(can(expired, "review", "RecordItem", item())).toBe(false);
    // A certificate names what was disposed of: its title is read within vetting too.
    expect([can(rv, "read", "DisposalCertificate", certificate({ markingRank: RANKS.OFFICIAL })), can(rv, "read", "DisposalCertificate", certificate())]).toEqual([true, false]);
    // An unknown marking (no rank) is read by nobody.
    const janet = defineAbilityFor(actorFacts({ roles: ["records_manager"] }));
    expect(can(janet, "read", "DisposalCertificate", certificate({ markingRank: null }))).toBe(false);
  });

  it("let auditors read holds, events and certificates and change nothing; administrators read the file plan only", () => {
    const auditor = defineAbilityFor(actorFacts({ roles: ["auditor"] }));
    expect([can(auditor, "read", "Hold", ours), can(auditor, "read", "RetentionEvent", ours), can(auditor, "read", "DisposalCertificate", certificate()), can(auditor, "read", "FilePlan", ours)]).toEqual([true, true, true, true]);
    expect([can(auditor, "create", "Hold", ours), can(auditor, "update", "FilePlan", ours), can(auditor, "update", "RecordItem", item())]).toEqual([false, false, false]);
    const sam = defineAbilityFor(actorFacts({ roles: ["agency_admin"] }));
    expect([can(sam, "read", "FilePlan", ours), can(sam, "create", "FilePlan", ours), can(sam, "read", "Hold", ours), can(sam, "read", "DisposalCertificate", certificate())]).toEqual([true, false, false, false]);
  });

  it("let a space owner label what their own spaces hold, and a named reviewer review the item at their stage", () => {
    const priya = defineAbilityFor(actorFacts({ roles: ["investigator", "supervisor"], memberships: [owner("space-k")] }));
    expect(can(priya, "update", "RecordItem", item())).toBe(true);
    expect(can(priya, "update", "RecordItem", item({ spaceId: "space-other" }))).toBe(false);
    expect(can(priya, "review", "RecordItem", item())).toBe(false);
    expect(can(priya, "review", "RecordItem", item({ spaceId: "space-other", currentReviewerIds: ["user-9", "user-1"] }))).toBe(true);
    expect(can(priya, "update", "RecordItem", item({ spaceId: "space-other", currentReviewerIds: ["user-1"] }))).toBe(false);
    expect([can(priya, "read", "FilePlan", ours), can(priya, "create", "Hold", ours), can(priya, "read", "DisposalCertificate", certificate())]).toEqual([false, false, false]);
  });

  it("grant nothing to people without a records role", () => {
    for (const roles of [["investigator"], ["practitioner"], ["staff"], []]) {
      const ability = defineAbilityFor(actorFacts({ roles }));
      for (const subject of ["FilePlan", "Hold", "RetentionEvent", "DisposalCertificate"] as const) expect(can(ability, "read", subject, ours), `${roles.join()} ${subject}`).toBe(false);
      expect(can(ability, "read", "RecordItem", item()), roles.join()).toBe(false);
    }
  });
});
