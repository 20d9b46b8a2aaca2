/**
 * The notification rules as cases (no database): a person reads and marks read their own
 * notifications and nobody else's, whatever their roles; nobody creates or deletes one through
 * the policy; someone else's is invisible (404), not forbidden.
 */
import { describe, expect, it } from "vitest";
import { defineAbilityFor, type AbilityActor } from "./ability";
import { authorize, can } from "./authorize";
import { NotFoundError } from "./errors";
import { accessibleWhere } from "./to-sql";

const NOW = new Date("2026-11-26T12:00:00Z");

function actorFacts(overrides: Partial<AbilityActor> = {}): AbilityActor {
  return {
    userId: "user-1",
    agencyId: "agency-police",
    agencyCode: "POL",
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

const mine = { recipientId: "user-1" };
const theirs = { recipientId: "user-2" };

describe("notification rules", () => {
  it("lets a person read and mark read their own notifications", () => {
    const ability = defineAbilityFor(actorFacts());
    expect(can(ability, "read", "Notification", mine)).toBe(true);
    expect(can(ability, "update", "Notification", mine)).toBe(true);
    expect(() => authorize(ability, "update", "Notification", mine)).not.toThrow();
  });

  it("does not let anyone read or mark someone else's, and hides them (404) rather than forbidding them", () => {
    for (const roles of [["investigator"], ["agency_admin"], ["auditor"], ["supervisor", "records_manager"]]) {
      const ability = defineAbilityFor(actorFacts({ roles }));
      expect(can(ability, "read", "Notification", theirs), roles.join()).toBe(false);
      expect(can(ability, "update", "Notification", theirs), roles.join()).toBe(false);
      expect(() => authorize(ability, "update", "Notification", theirs)).toThrow(NotFoundError);
    }
  });

  it("gives nobody create or delete, not even on their own", () => {
    const ability = defineAbilityFor(actorFacts({ roles: ["agency_admin", "supervisor"] }));
    for (const action of ["create", "delete", "share", "administer"] as const) {
      expect(can(ability, action, "Notification", mine), action).toBe(false);
      expect(accessibleWhere(ability, action, "Notification", {}), action).toBeNull();
    }
  });

  it("holds for someone with no roles, no spaces and expired vetting: their own notifications stay theirs", () => {
    const ability = defineAbilityFor(actorFacts({ roles: [], vettingExpiresOn: "2025-06-30" }));
    expect(can(ability, "read", "Notification", mine)).toBe(true);
    expect(can(ability, "read", "Notification", theirs)).toBe(false);
  });

  it("compiles reading to a filter on the recipient (a rule exists, so a column must be named)", () => {
    const ability = defineAbilityFor(actorFacts());
    expect(() => accessibleWhere(ability, "read", "Notification", {})).toThrow(/no column for field "recipientId"/);
  });
});
