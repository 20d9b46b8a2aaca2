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
  it("shows Admin, Agreements and SharePoint to an agency administrator", () => {
    expect(ids(["agency_admin"])).toEqual(["spaces", "my-work", "responses", "forms", "records", "admin", "agreements", "explain", "sharepoint"]);
    expect(ids(["investigator", "agency_admin"])).toContain("admin");
  });

  it.each([[[]], [["investigator", "supervisor"]]])("hides Admin, Agreements and Records from someone with roles %j", (roles) => {
    expect(ids(roles)).toEqual(["spaces", "my-work", "responses", "forms"]);
  });

  it.each([[["records_manager"]], [["auditor"]]])("shows Records, and not Admin or Agreements, to someone with roles %j", (roles) => {
    expect(ids(roles)).toEqual(["spaces", "my-work", "responses", "forms", "records"]);
  });

  it("hides Agreements from someone who may only read agreements (their agency is a party)", () => {
    const isa = {
      id: "isa",
      reference: "ISA-SW-001",
      status: "active",
      startsOn: "2025-01-01",
      reviewOn: null,
      endsOn: null,
      maxRank: 2,
      descriptors: [],
      partyAgencyIds: ["a1", "a2"],
    };
    const ability = defineAbilityFor({ ...actor(["investigator"]), agencyAgreements: [isa] });
    expect(ability.can("read", "Agreement")).toBe(true);
    expect(visibleSections(ability).map((s) => s.id)).toEqual(["spaces", "my-work", "responses", "forms"]);
  });

  it.each([["AGENCY_ADMIN"], ["agency admin"], ["admin"]])("refuses to build an ability for the unknown role %j", (role) => {
    expect(() => defineAbilityFor(actor([role]))).toThrow(/Unknown role/);
  });
});
