/**
 * The terms of an information sharing agreement as Accord checks them before anything is saved
 * (domain.md §4): who the parties are and on what lawful basis, the highest marking and the
 * descriptors that may cross it, and its dates. The threat: an agreement that looks valid but
 * lets more through than the deployment may hold (a marking above the ceiling, a descriptor
 * Accord does not know and so cannot enforce), or that names an agency that is not there.
 * Create and update share these checks so that an agreement can never be edited into a state it
 * could not have been created in.
 */
import { eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { agencies, agreementParties, agreements } from "@/db/schema";
import type { Db } from "@/db/client";
import { DESCRIPTORS } from "@/policies/classification";
import { ceilingLabel, ceilingRank, rankOf } from "@/policies/markings";
import { ConflictError, InvalidInputError, NotFoundError } from "../errors";
import { env } from "../env";

/** The levels an agreement's highest marking may name, lowest first. */
export const AGREEMENT_LEVELS = ["OFFICIAL", "OFFICIAL-SENSITIVE", "SECRET", "TOP SECRET"] as const;

/** The statuses an agreement may be in (db/schema/agreements.ts). */
export const AGREEMENT_STATUSES = ["draft", "active", "suspended", "expired"] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a syntactically valid UUID (anything else cannot name a row, so it is a 404). */
export function isUuid(value: string): boolean {
  return UUID_RE.test(value);
}

/** A calendar date written YYYY-MM-DD that exists (no 2026-02-30). */
function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

const ZDay = (what: string) =>
  z
    .string({ message: `Give the ${what}` })
    .trim()
    .min(1, `Give the ${what}`)
    .refine(isCalendarDate, `The ${what} is not a date (use YYYY-MM-DD)`);

/** An optional date: absent, null or "" all mean "none". */
const ZOptionalDay = (what: string) =>
  z
    .union([z.literal("").transform(() => null), z.null(), ZDay(what)])
    .optional()
    .transform((v) => v ?? null);

/** e.g. ISA-CC-014: the prefix, the owning partnership's letters, a three-digit number. */
export const ZReference = z
  .string({ message: "Give the agreement's reference" })
  .trim()
  .toUpperCase()
  .regex(/^ISA-[A-Z]{2,4}-\d{3}$/, "Give the reference in the form ISA-XX-000, for example ISA-CC-014");

export const ZParty = z.object({
  agencyId: z.string({ message: "Choose the party's agency" }),
  lawfulBasis: z
    .string()
    .trim()
    .min(3, "Give the lawful basis on which each party shares (e.g. Crime and Disorder Act 1998 s.115)")
    .max(500, "Keep each lawful basis to 500 characters or fewer"),
});

/** Everything about an agreement that an administrator may set and later change. */
export const ZAgreementTerms = z.object({
  title: z
    .string({ message: "Give the agreement a title" })
    .trim()
    .min(3, "Give the agreement a title of at least 3 characters")
    .max(200, "Keep the title to 200 characters or fewer"),
  purpose: z.string().trim().max(4000, "Keep the purpose to 4,000 characters or fewer").default(""),
  parties: z.array(ZParty).max(50, "An agreement has at most 50 parties"),
  maxMarking: z.string({ message: "Choose the highest marking that may be shared" }).trim(),
  descriptors: z.array(z.string().trim()).max(20).default([]),
  startsOn: ZDay("start date"),
  reviewOn: ZOptionalDay("review date"),
  endsOn: ZOptionalDay("end date"),
});
export type AgreementTerms = z.infer<typeof ZAgreementTerms>;

/** Terms once checked: the marking's rank and the descriptors in catalogue order. */
export type CheckedTerms = AgreementTerms & { maxRank: number; descriptors: string[]; partyNames: Map<string, string> };

/** Parses with a schema; the first problem becomes an InvalidInputError a person can read. */
export function parseOrInvalid<S extends z.ZodType>(schema: S, raw: unknown, fallback: string): z.infer<S> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new InvalidInputError(parsed.error.issues[0]?.message ?? fallback);
  return parsed.data;
}

/** The rank of an agreement's highest marking, refusing unknown levels and anything above the deployment ceiling. */
export function checkMaxMarking(maxMarking: string): number {
  const rank = rankOf(maxMarking);
  if (rank === undefined) {
    throw new InvalidInputError(`"${maxMarking}" is not a classification level: choose ${AGREEMENT_LEVELS.slice(0, 2).join(" or ")}`);
  }
  const { ceiling } = env();
  if (rank > ceilingRank(ceiling)) {
    throw new InvalidInputError(`This system is accredited only up to ${ceilingLabel(ceiling)}: an agreement here cannot allow ${maxMarking}`);
  }
  return rank;
}

/** The descriptors, known ones only, without repeats, in the order they are written. */
export function checkDescriptors(descriptors: readonly string[]): string[] {
  const catalogue: readonly string[] = DESCRIPTORS;
  for (const d of descriptors) {
    if (!catalogue.includes(d)) throw new InvalidInputError(`"${d}" is not a descriptor Accord knows (choose from ${DESCRIPTORS.join(", ")})`);
  }
  return DESCRIPTORS.filter((d) => descriptors.includes(d));
}

/** Start ≤ review ≤ end, when the later dates are given. */
export function checkDates(terms: Pick<AgreementTerms, "startsOn" | "reviewOn" | "endsOn">): void {
  const { startsOn, reviewOn, endsOn } = terms;
  if (reviewOn !== null && reviewOn < startsOn) throw new InvalidInputError("The review date cannot be before the start date");
  if (endsOn !== null && endsOn < startsOn) throw new InvalidInputError("The end date cannot be before the start date");
  if (reviewOn !== null && endsOn !== null && endsOn < reviewOn) throw new InvalidInputError("The review date cannot be after the end date");
}

/**
 * Checks the parties: at least two distinct agencies that exist, the owner among them, and any
 * agency joining (not in `current`) active. Returns each party's agency name by id.
 */
export async function checkParties(
  db: Db,
  parties: readonly { agencyId: string }[],
  owner: { id: string; name: string },
  current: readonly string[] = [],
): Promise<Map<string, string>> {
  const ids = parties.map((p) => p.agencyId);
  if (new Set(ids).size !== ids.length) throw new InvalidInputError("Each agency can be a party only once");
  if (ids.length < 2) throw new InvalidInputError("An agreement needs at least two parties: yours and at least one partner agency");
  if (!ids.includes(owner.id)) throw new InvalidInputError(`${owner.name} owns the agreement and must be one of its parties`);
  const known = ids.every(isUuid)
    ? await db.select({ id: agencies.id, name: agencies.name, status: agencies.status }).from(agencies).where(inArray(agencies.id, ids))
    : [];
  if (known.length !== ids.length) throw new InvalidInputError("One of the parties is not an agency Accord knows");
  const suspended = known.find((a) => a.status !== "active" && !current.includes(a.id));
  if (suspended) throw new InvalidInputError(`${suspended.name} is suspended and cannot become a party`);
  return new Map(known.map((a) => [a.id, a.name]));
}

/** Runs every check on a set of terms (for an agreement whose parties are now `current`); throws the first problem found. */
export async function checkTerms(db: Db, terms: AgreementTerms, owner: { id: string; name: string }, current: readonly string[] = []): Promise<CheckedTerms> {
  const maxRank = checkMaxMarking(terms.maxMarking);
  const descriptors = checkDescriptors(terms.descriptors);
  checkDates(terms);
  const partyNames = await checkParties(db, terms.parties, owner, current);
  return { ...terms, maxRank, descriptors, partyNames };
}

/** Activating needs an agreement that would actually be in force: not ended, review not missed. */
export function checkActivatable(terms: Pick<AgreementTerms, "reviewOn" | "endsOn">, now: Date): void {
  const today = now.toISOString().slice(0, 10);
  if (terms.endsOn !== null && terms.endsOn < today) throw new InvalidInputError("Its end date has passed: set a later end date before activating it");
  if (terms.reviewOn !== null && terms.reviewOn < today) {
    throw new InvalidInputError("Its review date has passed: record the review by setting the next review date before activating it");
  }
}

/** Which status may follow which. Expired is final: a lapsed agreement is replaced, not revived. */
const TRANSITIONS: Record<AgreementStatus, readonly AgreementStatus[]> = {
  draft: ["active", "expired"],
  active: ["suspended", "expired"],
  suspended: ["active", "expired"],
  expired: [],
};

/** The statuses an agreement in `status` may be moved to. */
export function statusTransitions(status: AgreementStatus): AgreementStatus[] {
  return [...(TRANSITIONS[status] ?? [])];
}

/** Refuses a move to `to` that the agreement's status does not allow, or an activation that would not take effect. */
export function checkTransition(row: Pick<AgreementRow, "reference" | "status" | "reviewOn" | "endsOn">, to: AgreementStatus, now: Date): void {
  if (row.status === to) return;
  if (!statusTransitions(row.status).includes(to)) {
    throw new ConflictError(
      row.status === "expired"
        ? `${row.reference} has expired and cannot be changed: make a new agreement instead`
        : `${row.reference} is ${row.status}: it cannot be made ${to}`,
    );
  }
  if (to === "active") checkActivatable(row, now);
}

export type AgreementRow = typeof agreements.$inferSelect;
export type PartyRow = { agencyId: string; agencyName: string; agencyCode: string; lawfulBasis: string };

/** The agreement row (locked for update when asked), or NotFoundError; the caller authorizes. */
export async function agreementOrNotFound(db: Db, agreementId: string, options: { forUpdate?: boolean } = {}): Promise<AgreementRow> {
  if (!isUuid(agreementId)) throw new NotFoundError();
  const where = eq(agreements.id, agreementId);
  const [row] = options.forUpdate
    ? await db.select().from(agreements).where(where).for("update").limit(1)
    : await db.select().from(agreements).where(where).limit(1);
  if (!row) throw new NotFoundError();
  return row;
}

/** The parties of an agreement with their agencies' names, by name. */
export async function partiesOf(db: Db, agreementId: string): Promise<PartyRow[]> {
  const rows = await db
    .select({ agencyId: agreementParties.agencyId, agencyName: agencies.name, agencyCode: agencies.code, lawfulBasis: agreementParties.lawfulBasis })
    .from(agreementParties)
    .innerJoin(agencies, eq(agencies.id, agreementParties.agencyId))
    .where(eq(agreementParties.agreementId, agreementId));
  return rows.sort((a, b) => a.agencyName.localeCompare(b.agencyName));
}

