import { describe, expect, it } from "vitest";
import { canAdministerAgencyUsers, canChangeUserStatus, type PolicyActor } from "./users";

const DCP = "agency-dcp";
const DOR = "agency-dor";
const sam: PolicyActor = { userId: "sam", roles: ["agency_admin"], agency: { id: DCP } };
const tom: PolicyActor = { userId: "tom", roles: ["investigator", "supervisor"], agency: { id: DCP } };
const dorAdmin: PolicyActor = { userId: "dor-admin", roles: ["agency_admin"], agency: { id: DOR } };

describe("users policy", () => {
  it("lets an agency administrator administer the people of their own agency", () => {
    expect(canAdministerAgencyUsers(sam, DCP)).toBe(true);
    expect(canChangeUserStatus(sam, { id: "tom", agencyId: DCP })).toBe(true);
  });

  it("does not let an administrator reach another agency's people", () => {
    expect(canAdministerAgencyUsers(sam, DOR)).toBe(false);
    expect(canAdministerAgencyUsers(dorAdmin, DCP)).toBe(false);
    expect(canChangeUserStatus(sam, { id: "alex", agencyId: DOR })).toBe(false);
  });

  it("does not let someone without the agency_admin role administer anyone", () => {
    expect(canAdministerAgencyUsers(tom, DCP)).toBe(false);
    expect(canChangeUserStatus(tom, { id: "mark", agencyId: DCP })).toBe(false);
    expect(canAdministerAgencyUsers({ ...tom, roles: ["Agency_Admin", "admin"] }, DCP)).toBe(false);
  });

  it("does not let an administrator change their own status", () => {
    expect(canChangeUserStatus(sam, { id: "sam", agencyId: DCP })).toBe(false);
  });
});
