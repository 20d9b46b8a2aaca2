/**
 * Property: for random worlds (agencies, agreements, spaces, people, memberships, documents), the
 * SQL filter accessibleWhere() returns exactly the rows the JavaScript check allows, for every
 * action on Document, File, Space, Membership and User, on the database engine the suite runs on
 * (security.md "How it is tested"). A list that showed one row more than the check would be an
 * IDOR; one row fewer, a thing people cannot find. When the filter is null ("no rows, no query")
 * the check must allow nothing. Each run clears the world's tables and inserts a new world.
 *
 * The worlds vary every membership fact the rules read: the role (owner, member, reader, guest),
 * the membership's end (past, this instant, future, none), the space's status (active, frozen,
 * archived) and its access review (overdue, falling due this instant, or not yet due), so that
 * guests are suspended or not, and spaces are writable or not.
 *
 * Every document of a world is also uploaded as a file, and put as a card on a board of its space,
 * with the same marking columns: files and cards must follow exactly the document rules, so each
 * File and Card check must give the Document check's answer. Each space has a board, checked for
 * every Board action.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { createTestDatabase, testEngine } from "@/db/testing";
import type { DatabaseHandle, Db } from "@/db/client";
import * as t from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import type { Action, SubjectFields, SubjectType } from "@/policies/catalogue";
import type { AppAbility } from "@/policies/ability";
import { can } from "@/policies/authorize";
import { DESCRIPTORS } from "@/policies/classification";
import { ROLES } from "@/policies/roles";
import { accessibleWhere, type ColumnMap } from "@/policies/to-sql";
import { VETTING_LEVELS, effectiveVetting, isVettingExpired } from "@/policies/vetting";
import { listDocuments } from "@/lib/documents/list-documents";
import { buildAbility } from "./build-ability";
import { boardColumnMap, boardSubject, cardColumns, cardSubject, documentColumns, documentSubject, fileColumns, fileSubject, membershipColumns, spaceColumns, userColumns } from "./columns";

const NOW = new Date("2026-11-26T12:00:00Z");
const DAYS = ["2025-06-30", "2026-11-25", "2026-11-26", "2026-11-27", "2027-06-30"] as const;
const STATUSES = ["draft", "active", "suspended", "expired"] as const;
// The known handling instructions, plus one Accord does not recognise.
const HANDLINGS = ["", "RECIPIENTS ONLY", "USE ONLY", "HMG USE ONLY", "FOR PUBLIC RELEASE", "EMBARGOED", "LIMITED"] as const;
// Canonical descriptors, plus a legacy and an unknown one that only bad data would hold.
const DOCUMENT_DESCRIPTORS = [...DESCRIPTORS, "PERSONAL", "CODEWORD-X"] as const;
const DOCUMENT_ACTIONS = ["read", "update", "comment", "share", "remark", "delete", "create"] as const satisfies readonly Action[];
const FILE_ACTIONS = ["read", "update", "delete", "create"] as const satisfies readonly Action[];
const CARD_ACTIONS = ["read", "update", "remark", "delete", "create"] as const satisfies readonly Action[];
const BOARD_ACTIONS = ["read", "create", "update", "delete"] as const satisfies readonly Action[];
const SPACE_ACTIONS = ["read", "update", "share", "administer"] as const satisfies readonly Action[];
const MEMBERSHIP_ACTIONS = ["read", "create", "update", "delete"] as const satisfies readonly Action[];
const SPACE_ROLES = ["owner", "member", "reader", "guest"] as const;
const SPACE_STATUSES = ["active", "frozen", "archived"] as const;
const DAY = 86_400_000;
/** When a membership ends, relative to NOW: before it, at it (which ends it), after it, or never. */
const MEMBERSHIP_ENDS = ["past", "now", "future", null] as const;
/** Access review cadences and how long ago the space was last attested, so that reviews fall due before, at or after NOW. */
const INTERVAL_DAYS = [7, 30, 90] as const;
const ATTESTED_DAYS_AGO = [0, 7, 29, 30, 90, 120] as const;
const USER_ACTIONS = ["read", "update", "administer", "explain"] as const satisfies readonly Action[];

type AgreementSpec = {
  owner: number;
  parties: number[];
  status: (typeof STATUSES)[number];
  startsOn: string;
  reviewOn: string | null;
  endsOn: string | null;
  maxRank: number;
  descriptors: string[];
};
type SpaceSpec = {
  owner: number;
  isMvOnly: boolean;
  agreements: number[];
  status: (typeof SPACE_STATUSES)[number];
  attestedDaysAgo: (typeof ATTESTED_DAYS_AGO)[number];
  intervalDays: (typeof INTERVAL_DAYS)[number];
};
type MembershipSpec = { space: number; role: (typeof SPACE_ROLES)[number]; ends: (typeof MEMBERSHIP_ENDS)[number] };
type UserSpec = {
  agency: number;
  roles: string[];
  vettingLevel: string;
  vettingExpiresOn: string | null;
  memberships: MembershipSpec[];
};
type DocumentSpec = {
  space: number;
  /** null: the space's owning agency. */
  owner: number | null;
  rank: number;
  descriptors: string[];
  handling: string;
  recipients: number[];
  hasStrangerRecipient: boolean;
  useOnly: number[];
  hasUnknownUseOnly: boolean;
};
type World = { agencies: { isHmg: boolean }[]; agreements: AgreementSpec[]; spaces: SpaceSpec[]; users: UserSpec[]; documents: DocumentSpec[] };

const index = (n: number) => fc.nat({ max: n - 1 });
const indices = (n: number, minLength = 0) => (n === 0 ? fc.constant([] as number[]) : fc.uniqueArray(index(n), { minLength, maxLength: n }));
const day = fc.constantFrom(...DAYS);
// Agreements are mostly in force, so that partner access is exercised as often as its absence.
const startDay = fc.oneof({ weight: 4, arbitrary: fc.constant("2025-01-01") }, { weight: 1, arbitrary: day });
const endDay = fc.oneof({ weight: 4, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: day });
// Mostly what an OFFICIAL deployment holds; sometimes above it, or a rank no marking has (bad data).
const rank = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(1, 2) }, { weight: 2, arbitrary: fc.constantFrom(3, 4) }, { weight: 1, arbitrary: fc.constantFrom(0, 5) });

const worldArb: fc.Arbitrary<World> = fc
  .record({
    nAgencies: fc.integer({ min: 2, max: 4 }),
    nAgreements: fc.integer({ min: 0, max: 2 }).map((n) => n || 1),
    nSpaces: fc.integer({ min: 1, max: 3 }),
    nUsers: fc.integer({ min: 1, max: 4 }),
  })
  .chain(({ nAgencies, nAgreements, nSpaces, nUsers }) =>
    fc.record({
      agencies: fc.array(fc.record({ isHmg: fc.boolean() }), { minLength: nAgencies, maxLength: nAgencies }),
      agreements: fc.array(
        fc.record({
          owner: index(nAgencies),
          // Often every agency, so that memberships across agencies have standing.
          parties: fc.oneof(fc.constant(null), indices(nAgencies, 1)).map((p) => p ?? [...Array(nAgencies).keys()]),
          status: fc.oneof({ weight: 4, arbitrary: fc.constant("active" as const) }, { weight: 1, arbitrary: fc.constantFrom(...STATUSES) }),
          startsOn: startDay,
          reviewOn: endDay,
          endsOn: endDay,
          maxRank: fc.oneof({ weight: 3, arbitrary: fc.constant(2) }, { weight: 1, arbitrary: fc.constantFrom(0, 1, 3, 4) }),
          descriptors: fc.subarray([...DESCRIPTORS]),
        }),
        { minLength: nAgreements, maxLength: nAgreements },
      ),
      spaces: fc.array(
        fc.record({
          owner: index(nAgencies),
          isMvOnly: fc.nat({ max: 4 }).map((n) => n === 0),
          agreements: indices(nAgreements, Math.min(1, nAgreements)),
          // Mostly open, so that writing is exercised as often as read-only spaces.
          status: fc.oneof({ weight: 3, arbitrary: fc.constant("active" as const) }, { weight: 2, arbitrary: fc.constantFrom(...SPACE_STATUSES) }),
          attestedDaysAgo: fc.constantFrom(...ATTESTED_DAYS_AGO),
          intervalDays: fc.constantFrom(...INTERVAL_DAYS),
        }),
        { minLength: nSpaces, maxLength: nSpaces },
      ),
      users: fc.array(
        fc.record({
          agency: index(nAgencies),
          roles: fc.subarray([...ROLES], { maxLength: 3 }),
          vettingLevel: fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...VETTING_LEVELS) }, { weight: 1, arbitrary: fc.constant("BOGUS") }),
          vettingExpiresOn: endDay,
          memberships: fc.uniqueArray(
            fc.record({
              space: index(nSpaces),
              role: fc.constantFrom(...SPACE_ROLES),
              // Mostly without an end (as own-agency members are), often with one either side of NOW.
              ends: fc.oneof({ weight: 2, arbitrary: fc.constant(null) }, { weight: 2, arbitrary: fc.constantFrom(...MEMBERSHIP_ENDS) }),
            }),
            { selector: (m) => m.space, maxLength: nSpaces },
          ),
        }),
        { minLength: nUsers, maxLength: nUsers },
      ),
      documents: fc.array(
        fc.record({
          space: index(nSpaces),
          owner: fc.option(index(nAgencies), { nil: null, freq: 2 }),
          rank,
          descriptors: fc.oneof(fc.constant([] as string[]), fc.uniqueArray(fc.constantFrom<string>(...DOCUMENT_DESCRIPTORS), { minLength: 1, maxLength: 2 })),
          handling: fc.oneof({ weight: 3, arbitrary: fc.constant("") }, { weight: 3, arbitrary: fc.constantFrom(...HANDLINGS) }),
          recipients: indices(nUsers),
          hasStrangerRecipient: fc.boolean(),
          useOnly: indices(nAgencies),
          hasUnknownUseOnly: fc.boolean(),
        }),
        { maxLength: 10 },
      ),
    }),
  );

/**
 * A world that is always tried first, so that every path of the rules is taken whatever the
 * random worlds happen to be: an agreement in force between a police force (HMG) and a council
 * (not HMG) bound to the force's space, a suspended one, an MV-only space, partner documents
 * within and beyond the agreement, and each handling instruction.
 */
const EXAMPLE_WORLD: World = {
  agencies: [{ isHmg: true }, { isHmg: false }, { isHmg: true }],
  agreements: [
    { owner: 0, parties: [0, 1], status: "active", startsOn: "2025-01-01", reviewOn: "2027-06-30", endsOn: null, maxRank: 2, descriptors: ["PERSONAL DATA"] },
    { owner: 0, parties: [0, 2], status: "suspended", startsOn: "2025-01-01", reviewOn: null, endsOn: null, maxRank: 2, descriptors: [] },
  ],
  spaces: [
    { owner: 0, isMvOnly: false, agreements: [0, 1], status: "active", attestedDaysAgo: 0, intervalDays: 90 },
    { owner: 1, isMvOnly: false, agreements: [0], status: "active", attestedDaysAgo: 0, intervalDays: 90 },
    { owner: 0, isMvOnly: true, agreements: [], status: "active", attestedDaysAgo: 0, intervalDays: 90 },
  ],
  users: [
    {
      agency: 0,
      roles: ["investigator", "supervisor"],
      vettingLevel: "MV",
      vettingExpiresOn: null,
      memberships: [{ space: 0, role: "owner", ends: null }, { space: 1, role: "guest", ends: "future" }, { space: 2, role: "owner", ends: null }],
    },
    {
      agency: 1,
      roles: ["practitioner"],
      vettingLevel: "NPPV2A",
      vettingExpiresOn: "2027-06-30",
      memberships: [{ space: 0, role: "guest", ends: "future" }, { space: 1, role: "owner", ends: null }],
    },
    { agency: 2, roles: ["investigator"], vettingLevel: "RV", vettingExpiresOn: null, memberships: [{ space: 0, role: "guest", ends: null }] },
    {
      agency: 0,
      roles: ["records_manager", "agency_admin"],
      vettingLevel: "RV",
      vettingExpiresOn: "2026-11-25",
      memberships: [{ space: 0, role: "member", ends: null }, { space: 2, role: "reader", ends: null }],
    },
  ],
  documents: [
    { space: 0, owner: null, rank: 2, descriptors: ["PERSONAL DATA"], handling: "", recipients: [], hasStrangerRecipient: false, useOnly: [], hasUnknownUseOnly: false },
    { space: 0, owner: null, rank: 1, descriptors: ["LEGAL"], handling: "", recipients: [], hasStrangerRecipient: false, useOnly: [], hasUnknownUseOnly: false },
    { space: 0, owner: 1, rank: 1, descriptors: [], handling: "", recipients: [], hasStrangerRecipient: false, useOnly: [], hasUnknownUseOnly: false },
    { space: 0, owner: null, rank: 2, descriptors: [], handling: "RECIPIENTS ONLY", recipients: [1, 3], hasStrangerRecipient: true, useOnly: [], hasUnknownUseOnly: false },
    { space: 0, owner: null, rank: 1, descriptors: [], handling: "USE ONLY", recipients: [], hasStrangerRecipient: false, useOnly: [1], hasUnknownUseOnly: true },
    { space: 0, owner: null, rank: 1, descriptors: [], handling: "HMG USE ONLY", recipients: [], hasStrangerRecipient: false, useOnly: [], hasUnknownUseOnly: false },
    { space: 1, owner: null, rank: 2, descriptors: ["PERSONAL DATA", "CODEWORD-X"], handling: "", recipients: [], hasStrangerRecipient: false, useOnly: [], hasUnknownUseOnly: false },
    { space: 2, owner: null, rank: 3, descriptors: [], handling: "", recipients: [], hasStrangerRecipient: false, useOnly: [], hasUnknownUseOnly: false },
    { space: 2, owner: null, rank: 1, descriptors: [], handling: "EMBARGOED", recipients: [], hasStrangerRecipient: false, useOnly: [], hasUnknownUseOnly: false },
  ],
};

/**
 * A second fixed world for the lifecycle facts: an agreement in force between a force (0) and a
 * council (1) binds every space; the force's spaces are open, frozen, archived, overdue for review
 * (due exactly now) and long overdue; the people are owners, members, readers and guests whose
 * memberships ended before now, end at this instant, end later, or never end.
 */
const LIFECYCLE_WORLD: World = {
  agencies: [{ isHmg: true }, { isHmg: false }],
  agreements: [{ owner: 0, parties: [0, 1], status: "active", startsOn: "2025-01-01", reviewOn: "2027-06-30", endsOn: null, maxRank: 2, descriptors: ["PERSONAL DATA"] }],
  spaces: [
    { owner: 0, isMvOnly: false, agreements: [0], status: "active", attestedDaysAgo: 7, intervalDays: 90 },
    { owner: 0, isMvOnly: false, agreements: [0], status: "frozen", attestedDaysAgo: 0, intervalDays: 90 },
    { owner: 0, isMvOnly: false, agreements: [0], status: "archived", attestedDaysAgo: 0, intervalDays: 30 },
    { owner: 0, isMvOnly: false, agreements: [0], status: "active", attestedDaysAgo: 30, intervalDays: 30 },
    { owner: 0, isMvOnly: false, agreements: [0], status: "active", attestedDaysAgo: 120, intervalDays: 90 },
  ],
  users: [
    {
      agency: 0,
      roles: ["supervisor", "records_manager"],
      vettingLevel: "MV",
      vettingExpiresOn: null,
      memberships: [0, 1, 2, 3, 4].map((space) => ({ space, role: "owner" as const, ends: null })),
    },
    {
      agency: 0,
      roles: ["investigator"],
      vettingLevel: "RV",
      vettingExpiresOn: null,
      memberships: [
        { space: 0, role: "reader", ends: null },
        { space: 1, role: "member", ends: null },
        { space: 2, role: "reader", ends: null },
        { space: 3, role: "member", ends: "past" },
        { space: 4, role: "member", ends: null },
      ],
    },
    {
      agency: 1,
      roles: ["practitioner"],
      vettingLevel: "NPPV2A",
      vettingExpiresOn: null,
      memberships: [
        { space: 0, role: "guest", ends: "future" },
        { space: 1, role: "guest", ends: null },
        { space: 2, role: "guest", ends: "future" },
        { space: 3, role: "guest", ends: "future" },
        { space: 4, role: "guest", ends: "future" },
      ],
    },
    {
      agency: 1,
      roles: ["practitioner"],
      vettingLevel: "NPPV2A",
      vettingExpiresOn: null,
      memberships: [
        { space: 0, role: "guest", ends: "now" },
        { space: 1, role: "guest", ends: "past" },
        { space: 2, role: "owner", ends: null },
      ],
    },
  ],
  documents: [
    { space: 0, owner: null, rank: 1, descriptors: [], handling: "", recipients: [], hasStrangerRecipient: false, useOnly: [], hasUnknownUseOnly: false },
    { space: 0, owner: 1, rank: 1, descriptors: ["PERSONAL DATA"], handling: "", recipients: [], hasStrangerRecipient: false, useOnly: [], hasUnknownUseOnly: false },
    { space: 1, owner: null, rank: 2, descriptors: [], handling: "", recipients: [], hasStrangerRecipient: false, useOnly: [], hasUnknownUseOnly: false },
    { space: 2, owner: null, rank: 1, descriptors: [], handling: "", recipients: [], hasStrangerRecipient: false, useOnly: [], hasUnknownUseOnly: false },
    { space: 3, owner: null, rank: 1, descriptors: [], handling: "", recipients: [], hasStrangerRecipient: false, useOnly: [], hasUnknownUseOnly: false },
    { space: 4, owner: 1, rank: 1, descriptors: [], handling: "", recipients: [], hasStrangerRecipient: false, useOnly: [], hasUnknownUseOnly: false },
  ],
};

let handle: DatabaseHandle;
let db: Db;

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
});
afterAll(async () => {
  await handle?.close();
});

/** Removes the previous world (children first; nothing else in this database refers to these rows). */
async function clearWorld(): Promise<void> {
  await db.delete(t.cards);
  await db.delete(t.boardColumns);
  await db.delete(t.boards);
  await db.delete(t.files);
  await db.delete(t.documents);
  await db.delete(t.spaceMembers);
  await db.delete(t.spaceAgreements);
  await db.delete(t.spaces);
  await db.delete(t.agreementParties);
  await db.delete(t.agreements);
  await db.delete(t.users);
  await db.delete(t.agencies);
}

type Inserted = { actors: Actor[] };

/** Inserts the world and returns an actor (as a request resolves one) for each of its people. */
async function insertWorld(world: World): Promise<Inserted> {
  const agencies = await db
    .insert(t.agencies)
    .values(world.agencies.map((a, i) => ({ code: `AG${i}`, name: `Agency ${i}`, kind: "other" as const, isHmg: a.isHmg })))
    .returning();
  const agencyAt = (i: number) => agencies[i]!;

  const agreements = world.agreements.length
    ? await db
        .insert(t.agreements)
        .values(
          world.agreements.map((g, i) => ({
            reference: `ISA-P-${i}`,
            title: `Agreement ${i}`,
            ownerAgencyId: agencyAt(g.owner).id,
            maxMarking: "OFFICIAL",
            maxRank: g.maxRank,
            descriptors: g.descriptors,
            status: g.status,
            startsOn: g.startsOn,
            reviewOn: g.reviewOn,
            endsOn: g.endsOn,
          })),
        )
        .returning()
    : [];
  const parties = world.agreements.flatMap((g, i) => g.parties.map((p) => ({ agreementId: agreements[i]!.id, agencyId: agencyAt(p).id })));
  if (parties.length) await db.insert(t.agreementParties).values(parties);

  const spaces = await db
    .insert(t.spaces)
    .values(
      world.spaces.map((sp, i) => ({
        name: `Space ${i}`,
        ownerAgencyId: agencyAt(sp.owner).id,
        ceilingMarking: "OFFICIAL-SENSITIVE",
        ceilingRank: 2,
        defaultMarking: "OFFICIAL",
        defaultRank: 1,
        isMvOnly: sp.isMvOnly,
        status: sp.status,
        lastAttestedAt: new Date(NOW.getTime() - sp.attestedDaysAgo * DAY),
        attestationIntervalDays: sp.intervalDays,
      })),
    )
    .returning();
  const bindings = world.spaces.flatMap((sp, i) => sp.agreements.map((g) => ({ spaceId: spaces[i]!.id, agreementId: agreements[g]!.id })));
  if (bindings.length) await db.insert(t.spaceAgreements).values(bindings);

  const users = await db
    .insert(t.users)
    .values(
      world.users.map((u, i) => ({
        agencyId: agencyAt(u.agency).id,
        email: `person-${i}@property.example`,
        name: `Person ${i}`,
        roles: u.roles,
        vettingLevel: u.vettingLevel,
        vettingExpiresOn: u.vettingExpiresOn,
      })),
    )
    .returning();
  const endOf = (ends: MembershipSpec["ends"]) =>
    ends === null ? null : new Date(NOW.getTime() + { past: -DAY, now: 0, future: DAY }[ends]);
  const members = world.users.flatMap((u, i) =>
    u.memberships.map((m) => ({ spaceId: spaces[m.space]!.id, userId: users[i]!.id, role: m.role, expiresAt: endOf(m.ends) })),
  );
  if (members.length) await db.insert(t.spaceMembers).values(members);

  if (world.documents.length) {
    const rows = world.documents.map((d, i) => ({
      spaceId: spaces[d.space]!.id,
      owningAgencyId: d.owner === null ? spaces[d.space]!.ownerAgencyId : agencyAt(d.owner).id,
      marking: "(generated)",
      markingRank: d.rank,
      descriptors: d.descriptors,
      handling: d.handling,
      recipientIds: [...d.recipients.map((r) => users[r]!.id), ...(d.hasStrangerRecipient ? ["00000000-0000-4000-8000-000000000000"] : [])],
      useOnlyAgencyCodes: [...d.useOnly.map((a) => agencyAt(a).code), ...(d.hasUnknownUseOnly ? ["ZZ"] : [])],
      title: `Document ${i}`,
    }));
    await db.insert(t.documents).values(rows);
    // The same content uploaded as files (the blob itself does not matter to the policy).
    await db.insert(t.files).values(
      rows.map(({ title, ...r }, i) => ({ ...r, name: `${title}.txt`, extension: "txt", mediaType: "text/plain", sizeBytes: 1, sha256: "", blobKey: `property-${i}` })),
    );
  }
  // A board in each space, with one column, holding each document's twin as a card.
  const boardRows = await db.insert(t.boards).values(spaces.map((sp) => ({ spaceId: sp.id, title: `Board of ${sp.name}` }))).returning();
  const columnRows = await db.insert(t.boardColumns).values(boardRows.map((b) => ({ boardId: b.id, title: "To do", position: "a0" }))).returning();
  if (world.documents.length) {
    const documentRows = await db.select().from(t.documents);
    await db.insert(t.cards).values(
      documentRows.map((d, i) => {
        const at = boardRows.findIndex((b) => b.spaceId === d.spaceId);
        return {
          boardId: boardRows[at]!.id,
          columnId: columnRows.find((c) => c.boardId === boardRows[at]!.id)!.id,
          spaceId: d.spaceId,
          owningAgencyId: d.owningAgencyId,
          title: d.title,
          description: { type: "doc", content: [{ type: "paragraph" }] },
          position: `a${i}`,
          marking: d.marking,
          markingRank: d.markingRank,
          descriptors: d.descriptors,
          handling: d.handling,
          recipientIds: d.recipientIds,
          useOnlyAgencyCodes: d.useOnlyAgencyCodes,
        };
      }),
    );
  }

  const actors = users.map((u): Actor => {
    const agency = agencies.find((a) => a.id === u.agencyId)!;
    return {
      userId: u.id,
      sessionToken: "property-test",
      name: u.name,
      email: u.email,
      jobTitle: u.jobTitle,
      roles: u.roles,
      agency: { id: agency.id, code: agency.code, name: agency.name, kind: agency.kind, isHmg: agency.isHmg },
      vetting: {
        level: u.vettingLevel,
        effective: effectiveVetting(u.vettingLevel, u.vettingExpiresOn, NOW),
        expiresOn: u.vettingExpiresOn,
        isExpired: isVettingExpired(u.vettingExpiresOn, NOW),
      },
    };
  });
  return { actors };
}

/** How often each kind of answer came up, so that the property cannot pass vacuously. */
const seen = { allowed: 0, denied: 0, noQuery: 0, partnerDocumentReads: 0 };

/**
 * How often the worlds held each membership fact for a person who would otherwise have standing
 * (their agency owns the space), so that the generator is known to reach every rule.
 */
const facts = { reader: 0, guest: 0, suspendedGuest: 0, endedMembership: 0, frozen: 0, archived: 0, membershipsCreatable: 0, membershipsAdministered: 0 };

function countFacts(world: World): void {
  for (const u of world.users) {
    for (const m of u.memberships) {
      const sp = world.spaces[m.space]!;
      if (m.role === "reader") facts.reader += 1;
      if (m.role === "guest") facts.guest += 1;
      if (m.role === "guest" && sp.attestedDaysAgo >= sp.intervalDays) facts.suspendedGuest += 1;
      if (m.ends === "past" || m.ends === "now") facts.endedMembership += 1;
      if (sp.status === "frozen") facts.frozen += 1;
      if (sp.status === "archived") facts.archived += 1;
    }
  }
}

/**
 * Asserts that the SQL filter for `action` on `type` selects exactly the rows (of all rows in the
 * table) that the JavaScript check allows.
 */
async function expectSqlMatchesJs<S extends SubjectType>(
  ability: AppAbility,
  action: Action,
  type: S,
  columns: ColumnMap<S>,
  rows: SubjectFields[S][],
  idOf: (row: SubjectFields[S]) => string,
  selectIds: (where: NonNullable<ReturnType<typeof accessibleWhere>>) => Promise<string[]>,
): Promise<string[]> {
  const allowed = rows.filter((row) => can(ability, action, type, row)).map(idOf).sort();
  seen.allowed += allowed.length;
  seen.denied += rows.length - allowed.length;
  const where = accessibleWhere(ability, action, type, columns);
  if (where === null) {
    seen.noQuery += 1;
    expect(allowed, `${action} ${type}: no SQL rule, so JavaScript must allow none`).toEqual([]);
    return allowed;
  }
  expect((await selectIds(where)).sort(), `${action} ${type}`).toEqual(allowed);
  return allowed;
}

/** Every membership there could be (each space with each person), for "create" and for leaving. */
const candidateMembershipColumns: ColumnMap<"Membership"> = { spaceId: { column: t.spaces.id }, userId: { column: t.users.id } };

async function checkWorld(world: World): Promise<void> {
  countFacts(world);
  await clearWorld();
  const { actors } = await insertWorld(world);
  const documentRows = (await db.select().from(t.documents)).map(documentSubject);
  const fileRows = (await db.select().from(t.files)).map(fileSubject);
  const cardRows = (await db.select().from(t.cards)).map(cardSubject);
  const boardRows = (await db.select().from(t.boards)).map(boardSubject);
  const spaceRows = await db.select({ id: t.spaces.id, ownerAgencyId: t.spaces.ownerAgencyId }).from(t.spaces);
  const userRows = await db.select({ id: t.users.id, agencyId: t.users.agencyId }).from(t.users);
  const membershipRows = await db.select({ spaceId: t.spaceMembers.spaceId, userId: t.spaceMembers.userId }).from(t.spaceMembers);
  const candidateRows = spaceRows.flatMap((sp) => userRows.map((u) => ({ spaceId: sp.id, userId: u.id })));
  const membershipId = (m: { spaceId: string; userId: string }) => `${m.spaceId}|${m.userId}`;
  const owningAgency = new Map(documentRows.map((d) => [d.id, d.owningAgencyId]));

  for (const actor of actors) {
    const ability = await buildAbility(db, actor, NOW);
    for (const action of DOCUMENT_ACTIONS) {
      const ids = await expectSqlMatchesJs(ability, action, "Document", documentColumns, documentRows, (d) => d.id, async (where) =>
        (await db.select({ id: t.documents.id }).from(t.documents).where(where)).map((r) => r.id),
      );
      if (action === "read") {
        seen.partnerDocumentReads += ids.filter((id) => owningAgency.get(id) !== actor.agency.id).length;
        // The list people see walks their member_documents rows (lib/documents/list-documents.ts):
        // it must return exactly the readable rows too, so the index may never lack one.
        const listed = await listDocuments({ db, actor, requestId: "property", now: NOW, ability }, { limit: 100 });
        expect(listed.items.map((d) => d.id).sort(), "listDocuments across the actor's spaces").toEqual(ids);
      }
    }
    for (const action of FILE_ACTIONS) {
      await expectSqlMatchesJs(ability, action, "File", fileColumns, fileRows, (f) => f.id, async (where) =>
        (await db.select({ id: t.files.id }).from(t.files).where(where)).map((r) => r.id),
      );
      // A file's answer is the answer for a document with the same marking columns.
      for (const row of fileRows) {
        expect(can(ability, action, "File", row), `${action} File = ${action} Document`).toBe(can(ability, action, "Document", { ...row, isRestricted: false }));
      }
    }
    for (const action of CARD_ACTIONS) {
      await expectSqlMatchesJs(ability, action, "Card", cardColumns, cardRows, (c) => c.id, async (where) =>
        (await db.select({ id: t.cards.id }).from(t.cards).where(where)).map((r) => r.id),
      );
      // A card's answer is the answer for a document with the same marking columns.
      for (const row of cardRows) {
        expect(can(ability, action, "Card", row), `${action} Card = ${action} Document`).toBe(can(ability, action, "Document", { ...row, isRestricted: false }));
      }
    }
    for (const action of BOARD_ACTIONS) {
      await expectSqlMatchesJs(ability, action, "Board", boardColumnMap, boardRows, (b) => b.id, async (where) =>
        (await db.select({ id: t.boards.id }).from(t.boards).where(where)).map((r) => r.id),
      );
    }
    for (const action of SPACE_ACTIONS) {
      await expectSqlMatchesJs(ability, action, "Space", spaceColumns, spaceRows, (sp) => sp.id, async (where) =>
        (await db.select({ id: t.spaces.id }).from(t.spaces).where(where)).map((r) => r.id),
      );
    }
    for (const action of MEMBERSHIP_ACTIONS) {
      // The memberships that exist (the column map the application lists them with)...
      await expectSqlMatchesJs(ability, action, "Membership", membershipColumns, membershipRows, membershipId, async (where) =>
        (await db.select({ spaceId: t.spaceMembers.spaceId, userId: t.spaceMembers.userId }).from(t.spaceMembers).where(where)).map(membershipId),
      );
      // ...and every one there could be, which is what "create" (adding someone) is asked about.
      const allowed = await expectSqlMatchesJs(ability, action, "Membership", candidateMembershipColumns, candidateRows, membershipId, async (where) =>
        (await db.select({ spaceId: t.spaces.id, userId: t.users.id }).from(t.spaces).crossJoin(t.users).where(where)).map(membershipId),
      );
      if (action === "create") facts.membershipsCreatable += allowed.length;
      if (action === "update") facts.membershipsAdministered += allowed.length;
    }
    for (const action of USER_ACTIONS) {
      await expectSqlMatchesJs(ability, action, "User", userColumns, userRows, (u) => u.id, async (where) =>
        (await db.select({ id: t.users.id }).from(t.users).where(where)).map((r) => r.id),
      );
    }
  }
}

describe(`accessibleWhere agrees with the JavaScript check (${testEngine})`, () => {
  it("selects exactly the rows can() allows, for random worlds", async () => {
    await fc.assert(fc.asyncProperty(worldArb, checkWorld), { numRuns: 60, examples: [[EXAMPLE_WORLD], [LIFECYCLE_WORLD]] });
    // The worlds took every kind of path: rows allowed and denied, partner reads, "no query".
    expect(seen.allowed).toBeGreaterThan(0);
    expect(seen.denied).toBeGreaterThan(0);
    expect(seen.noQuery).toBeGreaterThan(0);
    expect(seen.partnerDocumentReads).toBeGreaterThan(0);
    // And held every membership fact the rules read, with owners adding and administering.
    for (const [fact, n] of Object.entries(facts)) expect(n, fact).toBeGreaterThan(0);
  });
});
