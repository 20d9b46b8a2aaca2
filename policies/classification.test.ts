import { describe, expect, it } from "vitest";
import { formatMarking, markingRank, parseMarking, plainMarking, validateMarking, type Marking } from "./classification";

function parsed(text: string, extra?: Parameters<typeof parseMarking>[1]): Marking {
  const r = parseMarking(text, extra);
  if (!r.ok) throw new Error(`expected ${text} to parse: ${r.error}`);
  return r.marking;
}
const rules = (m: Marking, ceiling: "OFFICIAL" | "SECRET" | "TOP SECRET" = "TOP SECRET", isAudienceAllHmg?: boolean) =>
  validateMarking(m, { ceiling, isAudienceAllHmg }).map((v) => v.rule);

describe("parse and format", () => {
  it.each([
    "OFFICIAL",
    "OFFICIAL-SENSITIVE",
    "OFFICIAL-SENSITIVE RECIPIENTS ONLY PERSONAL DATA",
    "OFFICIAL FOR PUBLIC RELEASE",
    "OFFICIAL-SENSITIVE DCP/DOR USE ONLY PERSONAL DATA LEGAL",
    "SECRET HMG USE ONLY",
    "UK SECRET UK EYES ONLY",
    "TOP SECRET",
  ])("round-trips %s", (text) => {
    expect(formatMarking(parsed(text))).toBe(text);
  });

  it("writes descriptors in the canonical order whatever order they were given in", () => {
    expect(formatMarking(parsed("OFFICIAL-SENSITIVE LEGAL PERSONAL DATA"))).toBe("OFFICIAL-SENSITIVE PERSONAL DATA LEGAL");
  });

  it("reads the 2014 descriptor PERSONAL as PERSONAL DATA, and LPP in full", () => {
    expect(parsed("OFFICIAL-SENSITIVE PERSONAL").descriptors).toEqual(["PERSONAL DATA"]);
    expect(parsed("OFFICIAL LPP").descriptors).toEqual(["LEGAL PROFESSIONAL PRIVILEGE"]);
    expect(parsed("OFFICIAL LEGAL PROFESSIONAL PRIVILEGE").descriptors).toEqual(["LEGAL PROFESSIONAL PRIVILEGE"]);
  });

  it.each(["", "UNCLASSIFIED", "RESTRICTED", "OFFICIAL SECRETISH", "OFFICIAL-SENSITIVE PERSONAL DATA BANANA", "SECRET RECIPIENTS ONLY HMG USE ONLY"])(
    "refuses %j",
    (text) => {
      expect(parseMarking(text).ok).toBe(false);
    },
  );

  it("ranks by level: OFFICIAL < OFFICIAL-SENSITIVE < SECRET < TOP SECRET", () => {
    const ranks = ["OFFICIAL", "OFFICIAL-SENSITIVE", "SECRET", "TOP SECRET"].map((t) => markingRank(parsed(t)));
    expect(ranks).toEqual([1, 2, 3, 4]);
  });
});

describe("validation rules of domain.md §2", () => {
  it("accepts plain markings of every tier under a TOP SECRET ceiling", () => {
    for (const level of ["OFFICIAL", "OFFICIAL-SENSITIVE", "SECRET", "TOP SECRET"] as const) {
      expect(rules(plainMarking(level))).toEqual([]);
    }
  });

  it("1: a national caveat only on SECRET or TOP SECRET", () => {
    expect(rules(parsed("OFFICIAL-SENSITIVE UK EYES ONLY"))).toContain("1");
    expect(rules(parsed("SECRET UK EYES ONLY"))).toEqual([]);
  });

  it("2: FOR PUBLIC RELEASE only on OFFICIAL without -SENSITIVE", () => {
    expect(rules(parsed("OFFICIAL FOR PUBLIC RELEASE"))).toEqual([]);
    expect(rules(parsed("OFFICIAL-SENSITIVE FOR PUBLIC RELEASE"))).toContain("2");
    expect(rules(parsed("SECRET FOR PUBLIC RELEASE"))).toContain("2");
  });

  it("3: RECIPIENTS ONLY not on plain OFFICIAL, and only with named recipients", () => {
    expect(rules(parsed("OFFICIAL RECIPIENTS ONLY", { recipients: ["u1"] }))).toContain("3");
    expect(rules(parsed("OFFICIAL-SENSITIVE RECIPIENTS ONLY"))).toContain("3");
    expect(rules(parsed("OFFICIAL-SENSITIVE RECIPIENTS ONLY", { recipients: ["u1"] }))).toEqual([]);
  });

  it("4: HMG USE ONLY not on TOP SECRET, nor with a non-HMG agency in the audience", () => {
    expect(rules(parsed("TOP SECRET HMG USE ONLY"))).toContain("4");
    expect(rules(parsed("OFFICIAL-SENSITIVE HMG USE ONLY"), "OFFICIAL", false)).toContain("4");
    expect(rules(parsed("OFFICIAL-SENSITIVE HMG USE ONLY"), "OFFICIAL", true)).toEqual([]);
  });

  it("5: LEGAL only on OFFICIAL, with or without -SENSITIVE", () => {
    expect(rules(parsed("OFFICIAL LEGAL"))).toEqual([]);
    expect(rules(parsed("OFFICIAL-SENSITIVE LEGAL"))).toEqual([]);
    expect(rules(parsed("SECRET LEGAL"))).toContain("5");
  });

  it("6: EMBARGOED needs a release instant and a valid, non-embargoed successor marking", () => {
    expect(rules(parsed("OFFICIAL-SENSITIVE EMBARGOED"))).toContain("6");
    expect(rules(parsed("OFFICIAL-SENSITIVE EMBARGOED", { embargo: { releaseAt: "not a date", successor: "OFFICIAL" } }))).toContain("6");
    expect(rules(parsed("OFFICIAL-SENSITIVE EMBARGOED", { embargo: { releaseAt: "2026-12-01T09:00:00Z", successor: "BANANA" } }))).toContain("6");
    expect(
      rules(parsed("OFFICIAL-SENSITIVE EMBARGOED", { embargo: { releaseAt: "2026-12-01T09:00:00Z", successor: "OFFICIAL-SENSITIVE EMBARGOED" } })),
    ).toContain("6");
    expect(rules(parsed("OFFICIAL-SENSITIVE EMBARGOED", { embargo: { releaseAt: "2026-12-01T09:00:00Z", successor: "OFFICIAL" } }))).toEqual([]);
    expect(rules({ ...plainMarking("OFFICIAL"), embargo: { releaseAt: "2026-12-01T09:00:00Z", successor: "OFFICIAL" } })).toContain("6");
  });

  it("7: nothing above the deployment ceiling; an OFFICIAL system holds OFFICIAL-SENSITIVE", () => {
    expect(rules(plainMarking("OFFICIAL-SENSITIVE"), "OFFICIAL")).toEqual([]);
    expect(rules(plainMarking("SECRET"), "OFFICIAL")).toContain("7");
    expect(rules(plainMarking("TOP SECRET"), "SECRET")).toContain("7");
    expect(rules(plainMarking("SECRET"), "SECRET")).toEqual([]);
  });
});
