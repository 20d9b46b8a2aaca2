/**
 * Government Security Classifications: tiers and their numeric rank. Comparisons are always on
 * rank, the same number stored beside every marking in the database, so that JavaScript and SQL
 * can never disagree (domain.md §2). Unknown values have no rank and therefore deny.
 */

export const TIERS = ["OFFICIAL", "SECRET", "TOP SECRET"] as const;
export type Tier = (typeof TIERS)[number];

/** The total order of markings' classification levels. */
export const RANKS = {
  OFFICIAL: 1,
  "OFFICIAL-SENSITIVE": 2,
  SECRET: 3,
  "TOP SECRET": 4,
} as const;
export type Level = keyof typeof RANKS;

/** Rank of a classification level, or undefined for anything unknown (which must deny). */
export function rankOf(level: string): number | undefined {
  return Object.hasOwn(RANKS, level) ? RANKS[level as Level] : undefined;
}

/** The classification level at the start of a canonical marking text, e.g. "OFFICIAL-SENSITIVE". */
export function levelOfMarking(marking: string): Level | undefined {
  const m = /^(TOP SECRET|SECRET|OFFICIAL-SENSITIVE|OFFICIAL)(?=$|\s)(.*)$/s.exec(marking.trim());
  if (!m) return undefined;
  // "OFFICIAL SENSITIVE" is sensitive material with the hyphen missing, not plain OFFICIAL:
  // reading it as OFFICIAL would lower its rank, so it is not a marking (fail closed).
  if (m[1] === "OFFICIAL" && /^\s+SENSITIVE(?=$|\s)/i.test(m[2] ?? "")) return undefined;
  return m[1] as Level;
}

/** Rank of a canonical marking text, or undefined when the text is not a marking. */
export function rankOfMarking(marking: string): number | undefined {
  const level = levelOfMarking(marking);
  return level === undefined ? undefined : RANKS[level];
}

/**
 * The highest rank a deployment may hold. A deployment accredited to a tier may hold everything
 * of that tier: an OFFICIAL system holds OFFICIAL and OFFICIAL-SENSITIVE.
 */
export function ceilingRank(ceiling: Tier): number {
  return ceiling === "OFFICIAL" ? RANKS["OFFICIAL-SENSITIVE"] : RANKS[ceiling];
}

/** The highest marking a deployment ceiling allows, as people read it. */
export function ceilingLabel(ceiling: Tier): Level {
  return ceiling === "OFFICIAL" ? "OFFICIAL-SENSITIVE" : ceiling;
}
