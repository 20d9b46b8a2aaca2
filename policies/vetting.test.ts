import { describe, expect, it } from "vitest";
import { RANKS } from "./markings";
import { VETTING_LEVELS, effectiveVetting, isVettingExpired, isVettingLevel, vettingOpensRank } from "./vetting";

const OFFICIAL = RANKS.OFFICIAL;
const SENSITIVE = RANKS["OFFICIAL-SENSITIVE"];

describe("vetting", () => {
  describe("expiry", () => {
    it("is valid through the whole of its expiry day", () => {
      expect(isVettingExpired("2025-06-30", new Date("2025-06-30T00:00:00.000Z"))).toBe(false);
      expect(isVettingExpired("2025-06-30", new Date("2025-06-30T23:59:59.999Z"))).toBe(false);
      expect(effectiveVetting("RV", "2025-06-30", new Date("2025-06-30T23:59:59.999Z"))).toBe("RV");
    });

    it("has lapsed from the day after", () => {
      expect(isVettingExpired("2025-06-30", new Date("2025-07-01T00:00:00.000Z"))).toBe(true);
      expect(isVettingExpired("2025-06-30", new Date("2031-01-01T12:00:00.000Z"))).toBe(true);
    });

    it("never lapses without an expiry date", () => {
      expect(isVettingExpired(null, new Date("2099-12-31T23:59:59.999Z"))).toBe(false);
      expect(effectiveVetting("BPSS", null, new Date("2099-12-31T00:00:00Z"))).toBe("BPSS");
    });
  });

  describe("effective level", () => {
    it("counts expired vetting as NONE", () => {
      // Mark Ellis: RV that expired on 2025-06-30.
      const now = new Date("2026-03-01T10:00:00Z");
      expect(effectiveVetting("RV", "2025-06-30", now)).toBe("NONE");
      expect(vettingOpensRank(effectiveVetting("RV", "2025-06-30", now))).toBe(OFFICIAL);
      expect(effectiveVetting("MV", "2029-01-31", now)).toBe("MV");
    });

    it.each(["", "rv", "NPPV2", "SC ", "TOP SECRET", "__proto__", "toString"])(
      "lets the unknown level %j open nothing, not even OFFICIAL",
      (level) => {
        expect(isVettingLevel(level)).toBe(false);
        expect(effectiveVetting(level, null, new Date())).toBe("UNKNOWN");
        expect(vettingOpensRank(effectiveVetting(level, null, new Date()))).toBe(0);
      },
    );
  });

  describe("what each level opens", () => {
    it.each([
      ["NONE", OFFICIAL],
      ["BPSS", OFFICIAL],
      ["NPPV1", OFFICIAL],
      ["RV", SENSITIVE],
      ["MV", SENSITIVE],
      ["NPPV2A", SENSITIVE],
      ["NPPV2F", SENSITIVE],
      ["NPPV3", SENSITIVE],
      ["SC", SENSITIVE],
      ["DV", SENSITIVE],
    ] as const)("%s opens up to rank %i on an OFFICIAL deployment", (level, rank) => {
      expect(vettingOpensRank(level)).toBe(rank);
    });

    it("never opens SECRET on an OFFICIAL deployment, whatever the level", () => {
      for (const level of VETTING_LEVELS) expect(vettingOpensRank(level)).toBeLessThan(RANKS.SECRET);
    });

    it.each(["", "XYZ", "rv", "hasOwnProperty", "constructor"])("an unknown level %j opens nothing", (level) => {
      expect(vettingOpensRank(level)).toBe(0);
    });
  });
});
