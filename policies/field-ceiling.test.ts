/**
 * fieldCeiling() reads the highest value of a field any rule lets through. Lists use it only as
 * a pre-filter before the policy itself, so the one thing it must never do is come out LOWER than
 * a value some rule allows (that would hide readable rows); anything it cannot read must give
 * Infinity (no pre-filter).
 */
import { describe, expect, it } from "vitest";
import { createMongoAbility } from "@casl/ability";
import { defineAbilityFor, type AbilityActor, type AppAbility } from "./ability";
import { fieldCeiling } from "./to-sql";
import { RANKS } from "./markings";

const NOW = new Date("2026-11-26T12:00:00Z");

const ability = (rules: unknown[]) => createMongoAbility(rules as never) as AppAbility;
const ceiling = (rules: unknown[]) => fieldCeiling(ability(rules), "read", "Document", "markingRank");

function actor(overrides: Partial<AbilityActor> = {}): AbilityActor {
  return {
    userId: "user-1",
    agencyId: "agency-police",
    agencyCode: "POL",
    isAgencyHmg: true,
    roles: ["investigator"],
    vettingLevel: "SC",
    vettingExpiresOn: null,
    memberships: [{ spaceId: "space-1", role: "member", spaceOwnerAgencyId: "agency-police", isMvOnly: false, agreements: [] }],
    agencyAgreements: [],
    now: NOW,
    ...overrides,
  };
}

describe("fieldCeiling", () => {
  it("is null when no rule allows the action", () => {
    expect(ceiling([])).toBeNull();
    expect(ceiling([{ action: "update", subject: "Document", conditions: { markingRank: { $lte: 2 } } }])).toBeNull();
  });

  it("takes the highest bound over the rules", () => {
    expect(
      ceiling([
        { action: "read", subject: "Document", conditions: { spaceId: "a", markingRank: { $gte: 1, $lte: 1 } } },
        { action: "read", subject: "Document", conditions: { spaceId: "b", markingRank: { $gte: 1, $lte: 3 } } },
        { action: "read", subject: "Document", conditions: { spaceId: "c", markingRank: 2 } },
        { action: "read", subject: "Document", conditions: { spaceId: "d", markingRank: { $in: [1, 2] } } },
      ]),
    ).toBe(3);
  });

  it("is Infinity when any rule leaves the field unbounded or bounds it in a way it does not read", () => {
    const bounded = { action: "read", subject: "Document", conditions: { markingRank: { $lte: 1 } } };
    expect(ceiling([bounded, { action: "read", subject: "Document" }])).toBe(Infinity);
    expect(ceiling([bounded, { action: "read", subject: "Document", conditions: { spaceId: "a" } }])).toBe(Infinity);
    expect(ceiling([bounded, { action: "read", subject: "Document", conditions: { markingRank: { $gte: 1 } } }])).toBe(Infinity);
    expect(ceiling([bounded, { action: "read", subject: "Document", conditions: { markingRank: { $ne: 4 } } }])).toBe(Infinity);
    expect(ceiling([bounded, { action: "read", subject: "Document", conditions: { $or: [{ markingRank: { $lte: 1 } }, { spaceId: "a" }] } }])).toBe(Infinity);
  });

  it("ignores inverted rules, which can only take away", () => {
    expect(
      ceiling([
        { action: "read", subject: "Document", conditions: { markingRank: { $lte: 2 } } },
        { action: "read", subject: "Document", inverted: true, conditions: { markingRank: { $lte: 4 } } },
      ]),
    ).toBe(2);
  });

  it("follows the reader's vetting in the real rules: SC opens OFFICIAL-SENSITIVE, lapsed vetting only OFFICIAL", () => {
    const read = (a: AbilityActor) => fieldCeiling(defineAbilityFor(a), "read", "Document", "markingRank");
    expect(read(actor())).toBe(RANKS["OFFICIAL-SENSITIVE"]);
    expect(read(actor({ vettingLevel: "RV", vettingExpiresOn: "2024-06-30" }))).toBe(RANKS.OFFICIAL);
    expect(read(actor({ memberships: [] }))).toBeNull();
  });
});
