import { describe, expect, it } from "vitest";
import { visibleSections } from "./navigation";

const ids = (roles: string[]) => visibleSections({ roles }).map((s) => s.id);

describe("navigation", () => {
  it("shows Admin to an agency administrator", () => {
    expect(ids(["agency_admin"])).toEqual(["spaces", "admin"]);
    expect(ids(["investigator", "agency_admin"])).toContain("admin");
  });

  it.each([[[]], [["investigator", "supervisor"]], [["records_manager"]], [["auditor"]], [["AGENCY_ADMIN"]], [["agency admin"]], [["admin"]]])(
    "hides Admin from someone with roles %j",
    (roles) => {
      expect(ids(roles)).toEqual(["spaces"]);
    },
  );
});
