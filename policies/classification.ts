/**
 * Security markings as data: parse the canonical text, format it back, and validate a marking
 * against the rules of the Government Security Classifications Policy (domain.md §2, rules 1-7).
 *
 * The threat this guards against is a marking that looks right but does not hold: a FOR PUBLIC
 * RELEASE on sensitive material, a national caveat on OFFICIAL, a marking above what the
 * deployment is accredited for. Anything not recognised is an error, never ignored (fail closed).
 */
import { RANKS, ceilingRank, type Level, type Tier } from "./markings";

export const HANDLING_INSTRUCTIONS = ["RECIPIENTS ONLY", "FOR PUBLIC RELEASE", "HMG USE ONLY", "EMBARGOED", "USE ONLY"] as const;
/** "USE ONLY" stands for "<ORGANISATION(S)> USE ONLY"; the organisations are kept separately. */
export type HandlingInstruction = (typeof HANDLING_INSTRUCTIONS)[number];

/** Central descriptors, in the order they are written. */
export const DESCRIPTORS = [
  "PERSONAL DATA",
  "LEGAL PROFESSIONAL PRIVILEGE",
  "LEGAL",
  "MARKET SENSITIVE",
  "COMMERCIAL",
  "HR / MANAGEMENT",
  "LOCSEN",
] as const;
export type Descriptor = (typeof DESCRIPTORS)[number];

/** 2014 descriptors still found on older material, read as their current equivalents. */
const LEGACY_DESCRIPTORS: Record<string, Descriptor> = { PERSONAL: "PERSONAL DATA", LPP: "LEGAL PROFESSIONAL PRIVILEGE" };

export type Marking = {
  tier: Tier;
  isSensitive: boolean;
  /** "UK" prefix, written before the tier. */
  hasUkPrefix: boolean;
  handling: HandlingInstruction | null;
  /** Agency codes for "<ORGANISATION(S)> USE ONLY". */
  organisations: string[];
  descriptors: Descriptor[];
  /** e.g. "UK EYES ONLY"; only on SECRET and TOP SECRET. */
  nationalCaveat: string | null;
  codeword: string | null;
  /** RECIPIENTS ONLY: the named recipients (user ids). */
  recipients: string[];
  /** EMBARGOED: when the embargo lifts (ISO 8601) and the marking that applies from then. */
  embargo: { releaseAt: string; successor: string } | null;
};

export type MarkingViolation = { rule: string; message: string };

/** The classification level of a marking (tier plus -SENSITIVE). */
export function markingLevel(m: Pick<Marking, "tier" | "isSensitive">): Level {
  return m.tier === "OFFICIAL" && m.isSensitive ? "OFFICIAL-SENSITIVE" : m.tier;
}

/** The numeric rank every comparison uses. */
export function markingRank(m: Pick<Marking, "tier" | "isSensitive">): number {
  return RANKS[markingLevel(m)];
}

/** A plain marking of one level, with nothing else. */
export function plainMarking(level: Level): Marking {
  return {
    tier: level === "OFFICIAL-SENSITIVE" ? "OFFICIAL" : level,
    isSensitive: level === "OFFICIAL-SENSITIVE",
    hasUkPrefix: false,
    handling: null,
    organisations: [],
    descriptors: [],
    nationalCaveat: null,
    codeword: null,
    recipients: [],
    embargo: null,
  };
}

/**
 * The canonical text: `[UK ]TIER[-SENSITIVE] [CODEWORD] [HANDLING INSTRUCTION] [DESCRIPTOR …]
 * [NATIONAL CAVEAT]` (domain.md §2; the full ordering of para 28 is still to be confirmed).
 */
export function formatMarking(m: Marking): string {
  const parts: string[] = [];
  parts.push(`${m.hasUkPrefix ? "UK " : ""}${m.tier}${m.isSensitive ? "-SENSITIVE" : ""}`);
  if (m.codeword) parts.push(m.codeword);
  if (m.handling === "USE ONLY") parts.push(`${m.organisations.join("/")} USE ONLY`);
  else if (m.handling) parts.push(m.handling);
  const ordered = DESCRIPTORS.filter((d) => m.descriptors.includes(d));
  parts.push(...ordered);
  if (m.nationalCaveat) parts.push(m.nationalCaveat);
  return parts.join(" ");
}

export type ParseResult = { ok: true; marking: Marking } | { ok: false; error: string };

const TIER_RE = /^(UK\s+)?(TOP SECRET|SECRET|OFFICIAL)(-SENSITIVE)?(?=\s|$)/;
const CAVEAT_RE = /^((?:[A-Z]{2,4}\/)*[A-Z]{2,4} EYES ONLY)(?=\s|$)/;
const ORG_USE_ONLY_RE = /^([A-Z0-9]{2,10}(?:\/[A-Z0-9]{2,10})*) USE ONLY(?=\s|$)/;

/**
 * Parses a canonical marking text. Structured parts that the text does not carry (recipients,
 * embargo details, codewords) are given in `extra`. Unknown words are an error.
 */
export function parseMarking(text: string, extra: Partial<Pick<Marking, "recipients" | "embargo" | "codeword">> = {}): ParseResult {
  let rest = text.trim().replace(/\s+/g, " ").toUpperCase();
  const tierMatch = TIER_RE.exec(rest);
  if (!tierMatch) return { ok: false, error: "A marking starts with OFFICIAL, SECRET or TOP SECRET" };
  const marking = plainMarking("OFFICIAL");
  marking.hasUkPrefix = Boolean(tierMatch[1]);
  marking.tier = tierMatch[2] as Tier;
  marking.isSensitive = Boolean(tierMatch[3]);
  marking.recipients = extra.recipients ?? [];
  marking.embargo = extra.embargo ?? null;
  rest = rest.slice(tierMatch[0].length).trim();

  if (extra.codeword) {
    const codeword = extra.codeword.toUpperCase();
    if (!rest.startsWith(codeword)) return { ok: false, error: `The codeword ${codeword} is not in the marking text` };
    marking.codeword = codeword;
    rest = rest.slice(codeword.length).trim();
  }

  while (rest.length > 0) {
    const caveat = CAVEAT_RE.exec(rest);
    if (caveat) {
      if (marking.nationalCaveat) return { ok: false, error: "A marking has at most one national caveat" };
      marking.nationalCaveat = caveat[1]!;
      rest = rest.slice(caveat[0].length).trim();
      continue;
    }
    const handling = (["RECIPIENTS ONLY", "FOR PUBLIC RELEASE", "HMG USE ONLY", "EMBARGOED"] as const).find((h) => startsWithWord(rest, h));
    if (handling) {
      if (marking.handling) return { ok: false, error: "A marking has at most one handling instruction" };
      marking.handling = handling;
      rest = rest.slice(handling.length).trim();
      continue;
    }
    const orgs = ORG_USE_ONLY_RE.exec(rest);
    if (orgs) {
      if (marking.handling) return { ok: false, error: "A marking has at most one handling instruction" };
      marking.handling = "USE ONLY";
      marking.organisations = orgs[1]!.split("/");
      rest = rest.slice(orgs[0].length).trim();
      continue;
    }
    // Longest descriptor first, so that LEGAL PROFESSIONAL PRIVILEGE is not read as LEGAL.
    const descriptor = [...DESCRIPTORS, ...Object.keys(LEGACY_DESCRIPTORS)]
      .sort((a, b) => b.length - a.length)
      .find((d) => startsWithWord(rest, d));
    if (descriptor) {
      const current = (LEGACY_DESCRIPTORS[descriptor] ?? descriptor) as Descriptor;
      if (!marking.descriptors.includes(current)) marking.descriptors.push(current);
      rest = rest.slice(descriptor.length).trim();
      continue;
    }
    return { ok: false, error: `"${rest.split(" ")[0]}" is not part of a marking Accord recognises` };
  }
  return { ok: true, marking };
}

function startsWithWord(text: string, phrase: string): boolean {
  return text === phrase || text.startsWith(`${phrase} `);
}

export type ValidationContext = {
  /** The deployment ceiling (ACCORD_CEILING). */
  ceiling: Tier;
  /** Whether every agency in the audience is part of HMG (for HMG USE ONLY). */
  isAudienceAllHmg?: boolean;
  /** The current time, for embargo checks. */
  now?: Date;
};

/** Checks a marking against rules 1-7 of domain.md §2. An empty list means valid. */
export function validateMarking(m: Marking, ctx: ValidationContext): MarkingViolation[] {
  const v: MarkingViolation[] = [];
  const level = markingLevel(m);
  const rank = RANKS[level];
  if (m.isSensitive && m.tier !== "OFFICIAL") v.push({ rule: "sensitive", message: "-SENSITIVE applies to OFFICIAL only" });
  // 1. National caveats only on SECRET and TOP SECRET.
  if (m.nationalCaveat && m.tier === "OFFICIAL") {
    v.push({ rule: "1", message: "A national caveat may only be used on SECRET or TOP SECRET" });
  }
  // 2. FOR PUBLIC RELEASE only on OFFICIAL without -SENSITIVE.
  if (m.handling === "FOR PUBLIC RELEASE" && level !== "OFFICIAL") {
    v.push({ rule: "2", message: "FOR PUBLIC RELEASE may only be used on OFFICIAL (not OFFICIAL-SENSITIVE)" });
  }
  // 3. RECIPIENTS ONLY: not plain OFFICIAL, and named recipients.
  if (m.handling === "RECIPIENTS ONLY") {
    if (level === "OFFICIAL") v.push({ rule: "3", message: "RECIPIENTS ONLY needs OFFICIAL-SENSITIVE or above" });
    if (m.recipients.length === 0) v.push({ rule: "3", message: "RECIPIENTS ONLY needs at least one named recipient" });
  }
  // 4. HMG USE ONLY: not TOP SECRET, and only HMG agencies in the audience.
  if (m.handling === "HMG USE ONLY") {
    if (m.tier === "TOP SECRET") v.push({ rule: "4", message: "HMG USE ONLY may not be used on TOP SECRET" });
    if (ctx.isAudienceAllHmg === false) v.push({ rule: "4", message: "HMG USE ONLY material may not be shared with agencies outside HMG" });
  }
  // 5. LEGAL only on OFFICIAL (with or without -SENSITIVE).
  if (m.descriptors.includes("LEGAL") && m.tier !== "OFFICIAL") {
    v.push({ rule: "5", message: "The LEGAL descriptor may only be used on OFFICIAL" });
  }
  // 6. EMBARGOED needs a release instant and the marking that applies afterwards.
  if (m.handling === "EMBARGOED") {
    if (m.tier === "TOP SECRET") v.push({ rule: "6", message: "EMBARGOED may not be used on TOP SECRET" });
    if (!m.embargo || Number.isNaN(Date.parse(m.embargo.releaseAt))) {
      v.push({ rule: "6", message: "EMBARGOED needs the date and time the embargo lifts" });
    } else {
      const successor = parseMarking(m.embargo.successor);
      if (!successor.ok) v.push({ rule: "6", message: `The marking after the embargo is not valid: ${successor.error}` });
      else if (successor.marking.handling === "EMBARGOED") v.push({ rule: "6", message: "The marking after the embargo cannot itself be EMBARGOED" });
    }
  } else if (m.embargo) {
    v.push({ rule: "6", message: "Embargo details need the EMBARGOED handling instruction" });
  }
  if (m.handling === "USE ONLY" && m.organisations.length === 0) {
    v.push({ rule: "use-only", message: "<ORGANISATION> USE ONLY needs at least one organisation" });
  }
  // 7. Nothing above the deployment ceiling.
  if (rank > ceilingRank(ctx.ceiling)) {
    v.push({ rule: "7", message: `This system is accredited only up to ${ctx.ceiling === "OFFICIAL" ? "OFFICIAL-SENSITIVE" : ctx.ceiling}` });
  }
  return v;
}
