import { describe, expect, it } from "vitest";
import { defineAbilityFor, type AbilityActor } from "./ability";
import { visibleSections } from "./navigation";

const actor = (roles: string[]): AbilityActor => ({
  userId: "u1",
  agencyId: "a1",
  agencyCode: "DCP",
  isAgencyHmg: true,
  roles,
  vettingLevel: "RV",
  vettingExpiresOn: null,
  memberships: [],
  agencyAgreements: [],
  now: new Date("2026-11-26T12:00:00Z"),
});
const ids = (roles: string[]) => visibleSections(defineAbilityFor(actor(roles))).map((s) => s.id);

describe("navigation", () => {
  it("shows Admin to an agency administrator", () => {
    expect(ids(["agency_admin"])).toEqual(["spaces", "admin", "explain"]);
    expect(ids(["investigator", "agency_admin"])).toContain("admin");
  });

  it.each([[[]], [["investigator", "supervisor"]], [["records_manager"]], [["auditor"]]])("hides Admin from someone with roles %j", (roles) => {
    expect(ids(roles)).toEqual(["spaces"]);
  });

  it.each([["AGENCY_ADMIN"], ["agency admin"], ["admin"]])("refuses to build an ability for the unknown role %j", (role) => {
    expect(() => defineAbilityFor(actor([role]))).toThrow(/Unknown role/);
  });
});
