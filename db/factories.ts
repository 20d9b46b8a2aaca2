/**
 * Test factories (in the manner of Outline's server/test/factories.ts): each builds one row with
 * sensible defaults over a Db and returns it, so a test states only what matters to it. Rows get
 * unique names and e-mails, so factories can be mixed freely with the seeded demo scenario.
 * For tests only: nothing in the application imports this file.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { hash } from "@node-rs/argon2";
import { afterAll, beforeAll } from "vitest";
import { buildAbility } from "@/lib/authz/build-ability";
import { createTestDatabase } from "./testing";
import type { DatabaseHandle, Db } from "./client";
import * as t from "./schema";
import { ARGON2_OPTIONS, seedScenario } from "./seed/seed-scenario";
import { rankOfMarking } from "../policies/markings";
import type { Ctx, ActorCtx, PolicyCtx } from "../lib/context";
import type { Actor } from "../lib/auth/actor";
import { startSession } from "../lib/auth/start-session";
import { resolveActor } from "../lib/auth/resolve-actor";

export type AgencyRow = typeof t.agencies.$inferSelect;
export type UserRow = typeof t.users.$inferSelect;
export type SpaceRow = typeof t.spaces.$inferSelect;
export type MembershipRow = typeof t.spaceMembers.$inferSelect;
export type DocumentRow = typeof t.documents.$inferSelect;

/** A short random suffix that keeps codes, e-mails and names unique within a database. */
function unique(): string {
  return randomBytes(4).toString("hex");
}

function rankOrThrow(marking: string): number {
  const rank = rankOfMarking(marking);
  if (rank === undefined) throw new Error(`Factory given a marking with no rank: ${marking}`);
  return rank;
}

/** A request context for tests: a random request id and `now` (default: the current time). */
export function testCtx(db: Db, actor: Actor, now?: Date): ActorCtx;
export function testCtx(db: Db, actor?: Actor | null, now?: Date): Ctx;
export function testCtx(db: Db, actor: Actor | null = null, now: Date = new Date()): Ctx {
  return { db, actor, requestId: `test-${randomUUID()}`, now };
}

/** A signed-in context with the actor's ability, built from the database as a request would. */
export async function policyCtx(db: Db, actor: Actor, now: Date = new Date()): Promise<PolicyCtx> {
  return { db, actor, requestId: `test-${randomUUID()}`, now, ability: await buildAbility(db, actor, now) };
}

/** An active police agency unless told otherwise. */
export async function buildAgency(db: Db, overrides: Partial<typeof t.agencies.$inferInsert> = {}): Promise<AgencyRow> {
  const suffix = unique().toUpperCase();
  const [row] = await db
    .insert(t.agencies)
    .values({ code: `T${suffix}`, name: `Test Agency ${suffix}`, kind: "police", isHmg: true, ...overrides })
    .returning();
  return row!;
}

export type BuildUserInput = Partial<Omit<typeof t.users.$inferInsert, "passwordHash">> & {
  /** When given, the user gets an argon2id hash of it (as demo accounts have). */
  password?: string;
};

/** An active RV-vetted investigator of a new agency (or of `agencyId`). */
export async function buildUser(db: Db, overrides: BuildUserInput = {}): Promise<UserRow> {
  const { password, ...rest } = overrides;
  const agencyId = rest.agencyId ?? (await buildAgency(db)).id;
  const suffix = unique();
  const [row] = await db
    .insert(t.users)
    .values({
      email: `user-${suffix}@test.example`,
      name: `Test User ${suffix}`,
      jobTitle: "Police Constable",
      roles: ["investigator"],
      vettingLevel: "RV",
      vettingAgencyId: agencyId,
      vettingExpiresOn: "2099-12-31",
      passwordHash: password === undefined ? null : await hash(password, ARGON2_OPTIONS),
      ...rest,
      agencyId,
    })
    .returning();
  return row!;
}

export type BuildSpaceInput = Partial<
  Omit<typeof t.spaces.$inferInsert, "ceilingRank" | "defaultRank">
>;

/** An OFFICIAL-SENSITIVE space of a new agency (or of `ownerAgencyId`); ranks follow the markings. */
export async function buildSpace(db: Db, overrides: BuildSpaceInput = {}): Promise<SpaceRow> {
  const ownerAgencyId = overrides.ownerAgencyId ?? (await buildAgency(db)).id;
  const ceilingMarking = overrides.ceilingMarking ?? "OFFICIAL-SENSITIVE";
  const defaultMarking = overrides.defaultMarking ?? ceilingMarking;
  const [row] = await db
    .insert(t.spaces)
    .values({
      name: `Test Space ${unique()}`,
      ...overrides,
      ownerAgencyId,
      ceilingMarking,
      ceilingRank: rankOrThrow(ceilingMarking),
      defaultMarking,
      defaultRank: rankOrThrow(defaultMarking),
    })
    .returning();
  return row!;
}

export type BuildMembershipInput = {
  spaceId: string;
  userId: string;
  /** Default "member". The factory does not check who may hold which role (addSpaceMember does). */
  role?: MembershipRow["role"];
  /** When the membership ends (guests); default none. */
  expiresAt?: Date | null;
  /** The agreement a guest was admitted under; default none. */
  agreementId?: string | null;
  addedBy?: string | null;
  addedAt?: Date;
};

/** Adds a user to a space (as a member with no end unless told otherwise). */
export async function buildMembership(db: Db, input: BuildMembershipInput): Promise<MembershipRow> {
  const [row] = await db
    .insert(t.spaceMembers)
    .values({
      spaceId: input.spaceId,
      userId: input.userId,
      role: input.role ?? "member",
      expiresAt: input.expiresAt ?? null,
      agreementId: input.agreementId ?? null,
      addedBy: input.addedBy ?? null,
      ...(input.addedAt ? { addedAt: input.addedAt } : {}),
    })
    .returning();
  return row!;
}

export type BuildAgreementInput = Partial<Omit<typeof t.agreements.$inferInsert, "ownerAgencyId" | "maxRank">> & {
  ownerAgencyId: string;
  /** Agencies party to it; default the owner only. */
  partyAgencyIds?: string[];
  /** Spaces that run under it. */
  spaceIds?: string[];
};

/** An active OFFICIAL-SENSITIVE PERSONAL DATA agreement in force from 2026-01-01, reviewed 2027-06-30. */
export async function buildAgreement(db: Db, input: BuildAgreementInput): Promise<typeof t.agreements.$inferSelect> {
  const { partyAgencyIds, spaceIds, ...overrides } = input;
  const maxMarking = overrides.maxMarking ?? "OFFICIAL-SENSITIVE";
  const [row] = await db
    .insert(t.agreements)
    .values({
      reference: `ISA-T-${unique().toUpperCase()}`,
      title: "Test agreement",
      descriptors: ["PERSONAL DATA"],
      status: "active",
      startsOn: "2026-01-01",
      reviewOn: "2027-06-30",
      ...overrides,
      maxMarking,
      maxRank: rankOrThrow(maxMarking),
    })
    .returning();
  const parties = partyAgencyIds ?? [input.ownerAgencyId];
  await db.insert(t.agreementParties).values(parties.map((agencyId) => ({ agreementId: row!.id, agencyId })));
  if (spaceIds?.length) await db.insert(t.spaceAgreements).values(spaceIds.map((spaceId) => ({ spaceId, agreementId: row!.id })));
  return row!;
}

export type BuildDocumentInput = { spaceId: string } & Partial<
  Omit<typeof t.documents.$inferInsert, "spaceId" | "markingRank">
>;

/** An OFFICIAL document in a space, owned by the space's agency unless told otherwise. */
export async function buildDocument(db: Db, input: BuildDocumentInput): Promise<DocumentRow> {
  let owningAgencyId = input.owningAgencyId;
  if (!owningAgencyId) {
    const [space] = await db.select({ ownerAgencyId: t.spaces.ownerAgencyId }).from(t.spaces).where(eq(t.spaces.id, input.spaceId));
    if (!space) throw new Error(`buildDocument: no space ${input.spaceId}`);
    owningAgencyId = space.ownerAgencyId;
  }
  const marking = input.marking ?? "OFFICIAL";
  const [row] = await db
    .insert(t.documents)
    .values({ title: `Test Document ${unique()}`, ...input, owningAgencyId, marking, markingRank: rankOrThrow(marking) })
    .returning();
  return row!;
}

/** Signs a user in through startSession (as the real sign-in does); returns the session token. */
export async function buildSession(
  db: Db,
  input: { userId: string; now?: Date; maxHours?: number; provider?: string },
): Promise<string> {
  const [user] = await db.select({ agencyId: t.users.agencyId }).from(t.users).where(eq(t.users.id, input.userId));
  if (!user) throw new Error(`buildSession: no user ${input.userId}`);
  return startSession(testCtx(db, null, input.now ?? new Date()), {
    userId: input.userId,
    agencyId: user.agencyId,
    provider: input.provider ?? "test",
    maxHours: input.maxHours ?? 10,
  });
}

/**
 * The actor for a user, obtained the way every request obtains it: a session, then resolveActor.
 * Throws when the user could not be signed in (disabled, agency suspended…).
 */
export async function buildActor(db: Db, userId: string, now: Date = new Date()): Promise<Actor> {
  const token = await buildSession(db, { userId, now });
  const actor = await resolveActor(db, token, now, { idleMinutes: 30 });
  if (!actor) throw new Error(`buildActor: user ${userId} cannot be signed in`);
  return actor;
}

/** Ids of the seeded demo scenario, by agency code, e-mail, space name and ISA reference. */
export type SeededScenario = {
  agencies: Map<string, string>;
  users: Map<string, string>;
  spaces: Map<string, string>;
  agreements: Map<string, string>;
  /** The id of an agency by code; throws for an unknown code. */
  agencyId: (code: string) => string;
  /** The id of a person by e-mail; throws for an unknown e-mail. */
  userId: (email: string) => string;
  /** The id of a space by name; throws for an unknown name. */
  spaceId: (name: string) => string;
  /** The id of an agreement by reference; throws for an unknown reference. */
  agreementId: (reference: string) => string;
  /** The id of a document by title; throws for an unknown title. */
  documentId: (title: string) => string;
  /** The id of a board by title; throws for an unknown title. */
  boardId: (title: string) => string;
  /** The id of a card by title; throws for an unknown title. */
  cardId: (title: string) => string;
};

/** Seeds the demo scenario of domain.md §8 (if not yet there) and returns its ids. */
export async function seededScenario(db: Db): Promise<SeededScenario> {
  await seedScenario(db);
  const agencies = new Map((await db.select({ k: t.agencies.code, id: t.agencies.id }).from(t.agencies)).map((r) => [r.k, r.id]));
  const users = new Map((await db.select({ k: t.users.email, id: t.users.id }).from(t.users)).map((r) => [r.k, r.id]));
  const spaces = new Map((await db.select({ k: t.spaces.name, id: t.spaces.id }).from(t.spaces)).map((r) => [r.k, r.id]));
  const agreements = new Map(
    (await db.select({ k: t.agreements.reference, id: t.agreements.id }).from(t.agreements)).map((r) => [r.k, r.id]),
  );
  const documents = new Map((await db.select({ k: t.documents.title, id: t.documents.id }).from(t.documents)).map((r) => [r.k, r.id]));
  const boards = new Map((await db.select({ k: t.boards.title, id: t.boards.id }).from(t.boards)).map((r) => [r.k, r.id]));
  const cards = new Map((await db.select({ k: t.cards.title, id: t.cards.id }).from(t.cards)).map((r) => [r.k, r.id]));
  const lookup = (map: Map<string, string>, what: string) => (key: string) => {
    const id = map.get(key);
    if (id === undefined) throw new Error(`seededScenario: no ${what} ${key}`);
    return id;
  };
  return {
    agencies,
    users,
    spaces,
    agreements,
    agencyId: lookup(agencies, "agency"),
    userId: lookup(users, "person"),
    spaceId: lookup(spaces, "space"),
    agreementId: lookup(agreements, "agreement"),
    documentId: lookup(documents, "document"),
    boardId: lookup(boards, "board"),
    cardId: lookup(cards, "card"),
  };
}

/**
 * Gives a test file its own fresh database with the demo scenario: opened before the file's
 * tests (the handle is passed to `receive`), closed and dropped after them.
 */
/** The demo scenario's people (domain.md §8) by first name, as the persona matrices name them. */
export const PERSONA_EMAILS = {
  priya: "priya.shah@dcp.example",
  tom: "tom.hughes@dcp.example",
  mark: "mark.ellis@dcp.example",
  janet: "janet.okafor@dcp.example",
  sam: "sam.patel@dcp.example",
  alex: "alex.morgan@dor.example",
  helen: "helen.carter@cc.example",
  ben: "ben.lowe@cc.example",
  aisha: "aisha.rahman@rcht.example",
} as const;

export function openSeededDatabaseForFile(receive: (opened: { db: Db; scenario: SeededScenario }) => void): void {
  let handle: DatabaseHandle | undefined;
  beforeAll(async () => {
    handle = await createTestDatabase();
    receive({ db: handle.db, scenario: await seededScenario(handle.db) });
  });
  afterAll(async () => {
    await handle?.close();
  });
}
