import { describe, expect, it } from "vitest";
import { RANKS, ceilingLabel, ceilingRank, levelOfMarking, rankOf, rankOfMarking } from "./markings";

describe("markings", () => {
  it("orders the levels OFFICIAL < OFFICIAL-SENSITIVE < SECRET < TOP SECRET", () => {
    const ranks = ["OFFICIAL", "OFFICIAL-SENSITIVE", "SECRET", "TOP SECRET"].map((l) => rankOf(l)!);
    expect(ranks.every((r) => typeof r === "number")).toBe(true);
    for (let i = 1; i < ranks.length; i++) expect(ranks[i]).toBeGreaterThan(ranks[i - 1]!);
  });

  it.each(["", "UNCLASSIFIED", "official", "RESTRICTED", "CONFIDENTIAL", "OFFICIAL SENSITIVE", "toString", "__proto__"])(
    "has no rank for the unknown level %j",
    (level) => {
      expect(rankOf(level)).toBeUndefined();
    },
  );

  it.each([
    ["OFFICIAL", "OFFICIAL"],
    ["OFFICIAL-SENSITIVE", "OFFICIAL-SENSITIVE"],
    ["OFFICIAL-SENSITIVE PERSONAL DATA", "OFFICIAL-SENSITIVE"],
    ["OFFICIAL-SENSITIVE RECIPIENTS ONLY PERSONAL DATA", "OFFICIAL-SENSITIVE"],
    ["OFFICIAL FOR PUBLIC RELEASE", "OFFICIAL"],
    ["OFFICIAL MARKET SENSITIVE", "OFFICIAL"],
    ["SECRET UK EYES ONLY", "SECRET"],
    ["TOP SECRET", "TOP SECRET"],
    ["  OFFICIAL-SENSITIVE  ", "OFFICIAL-SENSITIVE"],
  ] as const)("reads the level of %j as %s", (marking, level) => {
    expect(levelOfMarking(marking)).toBe(level);
    expect(rankOfMarking(marking)).toBe(RANKS[level]);
  });

  it.each([
    "",
    "UNCLASSIFIED",
    "official-sensitive",
    "OFFICIALSENSITIVE",
    "OFFICIAL-SENSITIVE-PERSONAL",
    "SECRETIVE",
    "TOP",
    "PERSONAL DATA OFFICIAL",
    // Written without the hyphen, the sensitive marking must not be read as plain OFFICIAL.
    "OFFICIAL SENSITIVE",
    "OFFICIAL SENSITIVE PERSONAL DATA",
    "OFFICIAL sensitive",
  ])("gives the text %j no rank", (marking) => {
    expect(levelOfMarking(marking)).toBeUndefined();
    expect(rankOfMarking(marking)).toBeUndefined();
  });

  it("lets an OFFICIAL deployment hold OFFICIAL-SENSITIVE but not SECRET", () => {
    expect(ceilingRank("OFFICIAL")).toBe(RANKS["OFFICIAL-SENSITIVE"]);
    expect(ceilingRank("OFFICIAL")).toBeLessThan(RANKS.SECRET);
    expect(ceilingLabel("OFFICIAL")).toBe("OFFICIAL-SENSITIVE");
  });

  it("lets a SECRET or TOP SECRET deployment hold its own tier and nothing above", () => {
    expect(ceilingRank("SECRET")).toBe(RANKS.SECRET);
    expect(ceilingRank("SECRET")).toBeLessThan(RANKS["TOP SECRET"]);
    expect(ceilingLabel("SECRET")).toBe("SECRET");
    expect(ceilingRank("TOP SECRET")).toBe(RANKS["TOP SECRET"]);
    expect(ceilingLabel("TOP SECRET")).toBe("TOP SECRET");
  });
});
