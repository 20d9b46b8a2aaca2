/**
 * The form library rules as cases (no database): national forms are read by everyone and changed
 * by no one; an agency's forms are read within it and managed by its agency administrators only;
 * another agency's form is invisible (404), and one's own, read-only to someone, is forbidden (403).
 */
import { describe, expect, it } from "vitest";
import { defineAbilityFor, type AbilityActor } from "./ability";
import { authorize, can } from "./authorize";
import { ForbiddenError, NotFoundError } from "./errors";
import { accessibleWhere } from "./to-sql";

const NOW = new Date("2026-12-01T12:00:00Z");

function actorFacts(overrides: Partial<AbilityActor> = {}): AbilityActor {
  return {
    userId: "user-1",
    agencyId: "agency-dcp",
    agencyCode: "DCP",
    isAgencyHmg: true,
    roles: ["investigator"],
    vettingLevel: "RV",
    vettingExpiresOn: null,
    memberships: [],
    agencyAgreements: [],
    now: NOW,
    ...overrides,
  };
}

const national = { scope: "national" as const, agencyId: null };
const ours = { scope: "agency" as const, agencyId: "agency-dcp" };
const theirs = { scope: "agency" as const, agencyId: "agency-dor" };

describe("form rules", () => {
  it("let everyone read national forms and nobody change them, agency administrators included", () => {
    for (const roles of [["investigator"], ["supervisor"], ["agency_admin"], ["records_manager"], ["practitioner"], []]) {
      const ability = defineAbilityFor(actorFacts({ roles }));
      expect(can(ability, "read", "Form", national), roles.join()).toBe(true);
      for (const action of ["create", "update", "delete"] as const) {
        expect(can(ability, action, "Form", national), `${roles.join()} ${action}`).toBe(false);
        expect(() => authorize(ability, action, "Form", national)).toThrow(ForbiddenError);
      }
    }
  });

  it("let an agency's administrators manage its own forms, and its other people only read them", () => {
    const admin = defineAbilityFor(actorFacts({ roles: ["agency_admin"] }));
    for (const action of ["read", "create", "update", "delete"] as const) expect(can(admin, action, "Form", ours), action).toBe(true);
    const supervisor = defineAbilityFor(actorFacts({ roles: ["supervisor", "investigator"] }));
    expect(can(supervisor, "read", "Form", ours)).toBe(true);
    expect(can(supervisor, "update", "Form", ours)).toBe(false);
    expect(() => authorize(supervisor, "update", "Form", ours)).toThrow(ForbiddenError);
  });

  it("hide another agency's forms from everyone, its administrators' rights stopping at their own agency", () => {
    for (const roles of [["agency_admin"], ["supervisor"], ["investigator"]]) {
      const ability = defineAbilityFor(actorFacts({ roles }));
      expect(can(ability, "read", "Form", theirs), roles.join()).toBe(false);
      expect(can(ability, "update", "Form", theirs), roles.join()).toBe(false);
      expect(() => authorize(ability, "update", "Form", theirs)).toThrow(NotFoundError);
    }
  });

  it("compile to a query for reading, and to none at all for a write without the role", () => {
    const ability = defineAbilityFor(actorFacts());
    // With no columns to compile to, a rule that exists shows itself by naming the field it needs.
    expect(() => accessibleWhere(ability, "read", "Form", {})).toThrow(/no column for field "scope"/);
    expect(accessibleWhere(ability, "create", "Form", {})).toBeNull();
    expect(() => accessibleWhere(defineAbilityFor(actorFacts({ roles: ["agency_admin"] })), "create", "Form", {})).toThrow(/no column for field/);
  });
});
