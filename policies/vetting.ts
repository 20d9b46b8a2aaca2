/**
 * Vetting levels (College of Policing Vetting Code of Practice, APP Vetting; domain.md §3) and the
 * highest classification each opens on an OFFICIAL deployment. Expired vetting counts as none;
 * an unknown level opens nothing (fail closed).
 */
import { RANKS } from "./markings";

export const VETTING_LEVELS = [
  "NONE",
  "BPSS",
  "NPPV1",
  "RV",
  "MV",
  "NPPV2A",
  "NPPV2F",
  "NPPV3",
  "CTC",
  "SC",
  "ESC",
  "DV",
] as const;
export type VettingLevel = (typeof VETTING_LEVELS)[number];

export const VETTING_LABELS: Record<VettingLevel, string> = {
  NONE: "None",
  BPSS: "BPSS",
  NPPV1: "NPPV1",
  RV: "Recruitment vetting (RV)",
  MV: "Management vetting (MV)",
  NPPV2A: "NPPV2 (Abbreviated)",
  NPPV2F: "NPPV2 (Full)",
  NPPV3: "NPPV3",
  CTC: "CTC",
  SC: "SC",
  ESC: "eSC",
  DV: "DV",
};

/** Highest rank each level opens on an OFFICIAL deployment (SECRET needs a SECRET system). */
const OPENS_RANK: Record<VettingLevel, number> = {
  NONE: RANKS.OFFICIAL,
  BPSS: RANKS.OFFICIAL,
  NPPV1: RANKS.OFFICIAL,
  RV: RANKS["OFFICIAL-SENSITIVE"],
  MV: RANKS["OFFICIAL-SENSITIVE"],
  NPPV2A: RANKS["OFFICIAL-SENSITIVE"],
  NPPV2F: RANKS["OFFICIAL-SENSITIVE"],
  NPPV3: RANKS["OFFICIAL-SENSITIVE"],
  CTC: RANKS["OFFICIAL-SENSITIVE"],
  SC: RANKS["OFFICIAL-SENSITIVE"],
  ESC: RANKS["OFFICIAL-SENSITIVE"],
  DV: RANKS["OFFICIAL-SENSITIVE"],
};

/** True when the value is a known vetting level. */
export function isVettingLevel(value: string): value is VettingLevel {
  return (VETTING_LEVELS as readonly string[]).includes(value);
}

/** True when vetting with this expiry date (YYYY-MM-DD, inclusive) has lapsed at `now`. */
export function isVettingExpired(expiresOn: string | null, now: Date): boolean {
  if (expiresOn === null) return false;
  // Vetting is valid through the whole of its expiry day (UK time is close enough to UTC here
  // that the day boundary is taken in UTC; a stricter reading would only shorten access).
  return now.toISOString().slice(0, 10) > expiresOn;
}

/** What an unrecognised recorded level counts as: less than none, it opens nothing. */
export const UNKNOWN_VETTING = "UNKNOWN" as const;
export type EffectiveVetting = VettingLevel | typeof UNKNOWN_VETTING;

/**
 * The level that counts now: the recorded level; NONE when it has expired; UNKNOWN (which opens
 * nothing, not even OFFICIAL) when the record holds a value Accord does not know.
 */
export function effectiveVetting(level: string, expiresOn: string | null, now: Date): EffectiveVetting {
  if (!isVettingLevel(level)) return UNKNOWN_VETTING;
  return isVettingExpired(expiresOn, now) ? "NONE" : level;
}

/** The highest marking rank the level opens (0 for unknown values). */
export function vettingOpensRank(level: string): number {
  return isVettingLevel(level) ? OPENS_RANK[level] : 0;
}

/** Levels that satisfy a "MV posts only" space: management vetting or a higher national level. */
const MV_POST_LEVELS: readonly VettingLevel[] = ["MV", "NPPV3", "SC", "ESC", "DV"];

/** True when the (effective) level may hold an MV post. */
export function meetsMvPost(level: string): boolean {
  return (MV_POST_LEVELS as readonly string[]).includes(level);
}
