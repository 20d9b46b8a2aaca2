/**
 * The policy matrix of the demo scenario (domain.md §8; security.md "How it is tested"): for every
 * person, every seeded space × read/update/share/administer and every seeded document ×
 * read/update/comment/share/remark/delete, the expected answer written out by hand from the rules of
 * domain.md §2-§4, never derived from the code under test. Each cell is checked three ways: the
 * JavaScript check, authorize() (invisible is 404, visible but forbidden is 403) and the SQL list
 * filter, on the abilities built from the database as a request builds them.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, inArray } from "drizzle-orm";
import { createTestDatabase, testEngine } from "@/db/testing";
import type { DatabaseHandle, Db } from "@/db/client";
import { boards, briefings, cards, documents, responseTemplates, spaceMembers, spaces } from "@/db/schema";
import { buildActor, seededScenario, type SeededScenario, PERSONA_EMAILS } from "@/db/factories";
import { PEOPLE as SCENARIO_PEOPLE, SPACES as SCENARIO_SPACES } from "@/db/seed/scenario";
import type { AppAbility } from "@/policies/ability";
import { authorize, can } from "@/policies/authorize";
import { ForbiddenError, NotFoundError } from "@/policies/errors";
import { accessibleWhere } from "@/policies/to-sql";
import { buildAbility } from "./build-ability";
import { boardColumnMap, boardSubject, briefingColumns, briefingSubject, cardColumns, cardSubject, documentColumns, documentSubject, responseTemplateColumns, responseTemplateSubject, spaceColumns } from "./columns";

/**
 * A fixed instant: every agreement of the scenario in force, Mark's vetting expired (2025-06-30),
 * the partner guests' memberships current (they end with their agreement's review, 2027-03-31 and
 * 2027-05-01) and every space's access review up to date (the seeding starts its 90-day clock, and
 * the seeding is never earlier than this instant).
 */
const NOW = new Date("2026-11-26T12:00:00Z");

const PEOPLE = PERSONA_EMAILS;
type Person = keyof typeof PEOPLE;

const KESTREL = "Operation Kestrel";
const MASH = "Cornwall MASH: referral 2026-0412";
const TRAINING = "DCP Training";

const LOG = "Investigation log"; // Kestrel, DCP, OFFICIAL-SENSITIVE PERSONAL DATA
const PRESS = "Press lines"; // Kestrel, DCP, OFFICIAL
const MINUTES = "Strategy meeting minutes"; // MASH, DCP, OFFICIAL-SENSITIVE PERSONAL DATA
const CONTACTS = "Agency contact list"; // MASH, DCP, OFFICIAL
const INDUCTION = "Induction guide"; // DCP Training, DCP, OFFICIAL

const SPACE_ACTIONS = ["read", "update", "share", "administer"] as const;
const DOCUMENT_ACTIONS = ["read", "update", "comment", "share", "remark", "delete"] as const;
type SpaceAction = (typeof SPACE_ACTIONS)[number];
type DocumentAction = (typeof DOCUMENT_ACTIONS)[number];

/**
 * Who may do what to each space: the actions allowed, everything else denied. Members with standing
 * read; only the owner (Priya, as a member of the owning agency DCP) updates, shares and
 * administers (members, status, access reviews). Alex,
 * Helen, Ben and Aisha are partner guests: a guest has the standing of a member while the
 * membership is current and the access review is not overdue, so their cells are a member's.
 */
const SPACE_MATRIX: [Person, string, SpaceAction[]][] = [
  ["priya", KESTREL, ["read", "update", "share", "administer"]],
  ["priya", MASH, ["read", "update", "share", "administer"]],
  ["priya", TRAINING, ["read", "update", "share", "administer"]],
  ["tom", KESTREL, ["read"]],
  ["tom", MASH, []],
  ["tom", TRAINING, ["read"]],
  ["mark", KESTREL, ["read"]],
  ["mark", MASH, []],
  ["mark", TRAINING, ["read"]],
  ["janet", KESTREL, []],
  ["janet", MASH, []],
  ["janet", TRAINING, ["read"]],
  ["sam", KESTREL, []],
  ["sam", MASH, []],
  ["sam", TRAINING, ["read"]],
  // DOR is party to ISA-SW-001, which binds Kestrel; no agreement binds DOR to the MASH space.
  ["alex", KESTREL, ["read"]],
  ["alex", MASH, []],
  ["alex", TRAINING, []],
  // CC and RCHT are parties to ISA-CC-014, which binds only the MASH space.
  ["helen", KESTREL, []],
  ["helen", MASH, ["read"]],
  ["helen", TRAINING, []],
  ["ben", KESTREL, []],
  ["ben", MASH, ["read"]],
  ["ben", TRAINING, []],
  ["aisha", KESTREL, []],
  ["aisha", MASH, ["read"]],
  ["aisha", TRAINING, []],
];

/**
 * Who may do what to each document. Reading needs standing in the space, vetting that opens the
 * marking and, across agencies, an agreement allowing marking and descriptors; members and guests
 * (every role above reader) edit and comment on what they read; re-marking is for the originating agency (DCP);
 * sharing for the space owner (Priya); deleting for the space owner and the originating agency's
 * records manager (Janet). Nobody in the scenario is a reader and every space is open (active).
 */
const DOCUMENT_MATRIX: [Person, string, DocumentAction[]][] = [
  // Priya: MV, owner of every space.
  ["priya", LOG, ["read", "update", "comment", "share", "remark", "delete"]],
  ["priya", PRESS, ["read", "update", "comment", "share", "remark", "delete"]],
  ["priya", MINUTES, ["read", "update", "comment", "share", "remark", "delete"]],
  ["priya", CONTACTS, ["read", "update", "comment", "share", "remark", "delete"]],
  ["priya", INDUCTION, ["read", "update", "comment", "share", "remark", "delete"]],
  // Tom: RV, member of Kestrel and Training.
  ["tom", LOG, ["read", "update", "comment", "remark"]],
  ["tom", PRESS, ["read", "update", "comment", "remark"]],
  ["tom", MINUTES, []],
  ["tom", CONTACTS, []],
  ["tom", INDUCTION, ["read", "update", "comment", "remark"]],
  // Mark: RV expired, so no vetting: OFFICIAL only.
  ["mark", LOG, []],
  ["mark", PRESS, ["read", "update", "comment", "remark"]],
  ["mark", MINUTES, []],
  ["mark", CONTACTS, []],
  ["mark", INDUCTION, ["read", "update", "comment", "remark"]],
  // Janet: records manager, member of Training only.
  ["janet", LOG, []],
  ["janet", PRESS, []],
  ["janet", MINUTES, []],
  ["janet", CONTACTS, []],
  ["janet", INDUCTION, ["read", "update", "comment", "remark", "delete"]],
  // Sam: agency administrator, member of Training only.
  ["sam", LOG, []],
  ["sam", PRESS, []],
  ["sam", MINUTES, []],
  ["sam", CONTACTS, []],
  ["sam", INDUCTION, ["read", "update", "comment", "remark"]],
  // Alex: DOR guest, RV; ISA-SW-001 allows OFFICIAL-SENSITIVE and PERSONAL DATA.
  ["alex", LOG, ["read", "update", "comment"]],
  ["alex", PRESS, ["read", "update", "comment"]],
  ["alex", MINUTES, []],
  ["alex", CONTACTS, []],
  ["alex", INDUCTION, []],
  // Helen: CC guest, NPPV2 (Abbreviated); ISA-CC-014 allows OFFICIAL-SENSITIVE and PERSONAL DATA.
  ["helen", LOG, []],
  ["helen", PRESS, []],
  ["helen", MINUTES, ["read", "update", "comment"]],
  ["helen", CONTACTS, ["read", "update", "comment"]],
  ["helen", INDUCTION, []],
  // Ben: CC guest, BPSS only: OFFICIAL.
  ["ben", LOG, []],
  ["ben", PRESS, []],
  ["ben", MINUTES, []],
  ["ben", CONTACTS, ["read", "update", "comment"]],
  ["ben", INDUCTION, []],
  // Aisha: RCHT guest, NPPV2 (Abbreviated).
  ["aisha", LOG, []],
  ["aisha", PRESS, []],
  ["aisha", MINUTES, ["read", "update", "comment"]],
  ["aisha", CONTACTS, ["read", "update", "comment"]],
  ["aisha", INDUCTION, []],
];

const TASKING = "Kestrel tasking"; // the Kestrel board
const ANPR = "Request ANPR hits on the A30 corridor"; // Kestrel, DCP, OFFICIAL
const SOURCE = "Meet source handler about the Bodmin address"; // Kestrel, DCP, OFFICIAL-SENSITIVE
const BOARD_ACTIONS = ["read", "create", "update", "delete"] as const;
const CARD_ACTIONS = ["read", "update", "remark", "delete"] as const;
type BoardAction = (typeof BOARD_ACTIONS)[number];
type CardAction = (typeof CARD_ACTIONS)[number];

/**
 * Who may do what to the Kestrel board: read with standing in the space; create, rename and
 * delete boards (and change columns) for every role above reader in an open space. Only Kestrel's
 * members and its DOR guest have standing.
 */
const BOARD_MATRIX: [Person, BoardAction[]][] = [
  ["priya", ["read", "create", "update", "delete"]],
  ["tom", ["read", "create", "update", "delete"]],
  ["mark", ["read", "create", "update", "delete"]],
  ["alex", ["read", "create", "update", "delete"]],
  ["janet", []],
  ["sam", []],
  ["helen", []],
  ["ben", []],
  ["aisha", []],
];

/**
 * Who may do what to each seeded card: exactly the document rules (a card is marked content).
 * Mark's expired vetting hides the OFFICIAL-SENSITIVE card; Alex, across ISA-SW-001, reads and
 * edits both but may not re-mark (DCP's) or delete (the owner's) them.
 */
const CARD_MATRIX: [Person, string, CardAction[]][] = [
  ["priya", ANPR, ["read", "update", "remark", "delete"]],
  ["priya", SOURCE, ["read", "update", "remark", "delete"]],
  ["tom", ANPR, ["read", "update", "remark"]],
  ["tom", SOURCE, ["read", "update", "remark"]],
  ["mark", ANPR, ["read", "update", "remark"]],
  ["mark", SOURCE, []],
  ["alex", ANPR, ["read", "update"]],
  ["alex", SOURCE, ["read", "update"]],
  ...(["janet", "sam", "helen", "ben", "aisha"] as const).flatMap((p): [Person, string, CardAction[]][] => [
    [p, ANPR, []],
    [p, SOURCE, []],
  ]),
];

const BRIEFING_ACTIONS = ["read", "update", "delete"] as const;
type BriefingAction = (typeof BRIEFING_ACTIONS)[number];

/**
 * Who may do what to a briefing on the Kestrel board marked as each seeded card is: exactly the
 * card rules (a briefing is marked content; acknowledging it is "read"). Mark's expired vetting
 * hides the OFFICIAL-SENSITIVE one; Alex reads and updates both but may not delete DCP's.
 */
const BRIEFING_MATRIX: [Person, string, BriefingAction[]][] = CARD_MATRIX.map(([p, title, actions]): [Person, string, BriefingAction[]] => [p, title, actions.filter((a): a is BriefingAction => a !== "remark")]);

const TEMPLATE_ACTIONS = ["read", "create", "update", "delete"] as const;
type TemplateAction = (typeof TEMPLATE_ACTIONS)[number];
const NATIONAL = "national"; // a seeded national template (missing person, high risk)
const DCP_LOCAL = "DCP local"; // a local template of DCP, made for this test
const CC_LOCAL = "CC local"; // a local template of CC, made for this test
type TemplateName = typeof NATIONAL | typeof DCP_LOCAL | typeof CC_LOCAL;

/**
 * Who may do what to pre-planned response templates: everyone reads the national ones and no one
 * changes them; an agency's local ones are read within the agency and written by its agency
 * administrators and supervisors only (Priya is a supervisor, Sam DCP's administrator).
 */
const TEMPLATE_MATRIX: [Person, TemplateName, TemplateAction[]][] = (Object.keys(PEOPLE) as Person[]).flatMap((p): [Person, TemplateName, TemplateAction[]][] => {
  const isDcp = PEOPLE[p].endsWith("@dcp.example");
  const isCc = PEOPLE[p].endsWith("@cc.example");
  const dcpWriter = p === "priya" || p === "sam";
  return [
    [p, NATIONAL, ["read"]],
    [p, DCP_LOCAL, isDcp ? (dcpWriter ? ["read", "create", "update", "delete"] : ["read"]) : []],
    // Helen and Ben are CC practitioners: they read CC's local template, neither may write it.
    [p, CC_LOCAL, isCc ? ["read"] : []],
  ];
});

let handle: DatabaseHandle;
let db: Db;
let scenario: SeededScenario;
const abilities = new Map<Person, AppAbility>();
// Rows loaded once for the named cases.
type DocumentSubjectRow = ReturnType<typeof documentSubject>;
let log: DocumentSubjectRow;
let press: DocumentSubjectRow;
let minutes: DocumentSubjectRow;
let contacts: DocumentSubjectRow;
const spaceRows = new Map<string, { id: string; ownerAgencyId: string }>();
const templateRows = new Map<TemplateName, typeof responseTemplates.$inferSelect>();

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  scenario = await seededScenario(db);
  for (const [person, email] of Object.entries(PEOPLE) as [Person, string][]) {
    const actor = await buildActor(db, scenario.userId(email), NOW);
    abilities.set(person, await buildAbility(db, actor, NOW));
  }
  log = await documentRow(LOG);
  press = await documentRow(PRESS);
  minutes = await documentRow(MINUTES);
  contacts = await documentRow(CONTACTS);
  for (const name of [KESTREL, MASH, TRAINING]) spaceRows.set(name, await spaceRow(name));
  const content = { key: "local-plan", title: "Local plan", summary: "A local plan", columns: [{ title: "Now", cards: [] }] };
  const [dcp, cc] = await db
    .insert(responseTemplates)
    .values([
      { key: "local-plan", scope: "agency" as const, agencyId: scenario.agencyId("DCP"), title: "DCP local plan", summary: "A local plan", content },
      { key: "local-plan", scope: "agency" as const, agencyId: scenario.agencyId("CC"), title: "CC local plan", summary: "A local plan", content },
    ])
    .returning();
  const [national] = await db.select().from(responseTemplates).where(and(eq(responseTemplates.scope, "national"), eq(responseTemplates.key, "missing-person-high-risk")));
  templateRows.set(NATIONAL, national!);
  templateRows.set(DCP_LOCAL, dcp!);
  templateRows.set(CC_LOCAL, cc!);
});
afterAll(async () => {
  await handle?.close();
});

function abilityOf(person: Person): AppAbility {
  const ability = abilities.get(person);
  if (!ability) throw new Error(`no ability for ${person}`);
  return ability;
}

async function spaceRow(name: string) {
  const [row] = await db.select({ id: spaces.id, ownerAgencyId: spaces.ownerAgencyId }).from(spaces).where(eq(spaces.id, scenario.spaceId(name)));
  if (!row) throw new Error(`no space ${name}`);
  return row;
}

function spaceRowSync(name: string) {
  const row = spaceRows.get(name);
  if (!row) throw new Error(`no space ${name}`);
  return row;
}

async function documentRow(title: string) {
  const [row] = await db.select().from(documents).where(eq(documents.id, scenario.documentId(title)));
  if (!row) throw new Error(`no document ${title}`);
  return documentSubject(row);
}

/** What authorize() must do for a cell: invisible is 404, visible but forbidden is 403. */
function expectAuthorize(run: () => void, isReadable: boolean, isAllowed: boolean): void {
  if (!isReadable) expect(run).toThrow(NotFoundError);
  else if (!isAllowed) expect(run).toThrow(ForbiddenError);
  else expect(run).not.toThrow();
}

describe(`policy matrix of the demo scenario (${testEngine})`, () => {
  it("covers every person of domain.md §8 and every seeded space and document, once each", async () => {
    const people = Object.values(PEOPLE).sort();
    expect(SCENARIO_PEOPLE.map((p) => p.email).sort()).toEqual(people);
    const seededSpaces = (await db.select({ name: spaces.name }).from(spaces)).map((s) => s.name).sort();
    const seededDocuments = (await db.select({ title: documents.title }).from(documents)).map((d) => d.title).sort();
    expect(seededSpaces).toEqual(SCENARIO_SPACES.map((s) => s.name).sort());
    expect(seededDocuments).toEqual(SCENARIO_SPACES.flatMap((s) => s.documents.map((d) => d.title)).sort());

    const cells = (rows: [Person, string, unknown][]) => rows.map(([p, thing]) => `${PEOPLE[p]}|${thing}`).sort();
    const product = (things: string[]) => people.flatMap((p) => things.map((thing) => `${p}|${thing}`)).sort();
    expect(cells(SPACE_MATRIX)).toEqual(product(seededSpaces));
    expect(cells(DOCUMENT_MATRIX)).toEqual(product(seededDocuments));
  });

  it("is taken at an instant when every seeded membership is current and no access review is overdue", async () => {
    const rows = await db.select().from(spaces);
    for (const row of rows) {
      expect(row.status, row.name).toBe("active");
      expect(row.lastAttestedAt.getTime() + row.attestationIntervalDays * 86_400_000, row.name).toBeGreaterThan(NOW.getTime());
    }
    const guests = await db.select().from(spaceMembers).where(eq(spaceMembers.role, "guest"));
    expect(guests).toHaveLength(4);
    for (const g of guests) expect(g.expiresAt!.getTime()).toBeGreaterThan(NOW.getTime());
  });

  describe("spaces", () => {
    it.each(SPACE_MATRIX)("%s × %s allows exactly %j", async (person, name, allowed) => {
      const ability = abilityOf(person);
      const row = await spaceRow(name);
      const isReadable = allowed.includes("read");
      for (const action of SPACE_ACTIONS) {
        const isAllowed = allowed.includes(action);
        expect(can(ability, action, "Space", row), `${person} ${action} ${name}`).toBe(isAllowed);
        expectAuthorize(() => authorize(ability, action, "Space", row), isReadable, isAllowed);
      }
    });

    it.each(Object.keys(PEOPLE) as Person[])("lists in SQL exactly the spaces %s may read, update, share and administer", async (person) => {
      const seeded = [KESTREL, MASH, TRAINING].map((n) => scenario.spaceId(n));
      for (const action of SPACE_ACTIONS) {
        const expected = SPACE_MATRIX.filter(([p, , allowed]) => p === person && allowed.includes(action))
          .map(([, name]) => scenario.spaceId(name))
          .sort();
        const where = accessibleWhere(abilityOf(person), action, "Space", spaceColumns);
        if (where === null) {
          expect(expected, `${person} ${action}: no rule, so no space`).toEqual([]);
          continue;
        }
        const rows = await db.select({ id: spaces.id }).from(spaces).where(and(where, inArray(spaces.id, seeded)));
        expect(rows.map((r) => r.id).sort(), `${person} ${action}`).toEqual(expected);
      }
    });
  });

  describe("documents", () => {
    it.each(DOCUMENT_MATRIX)("%s × %s allows exactly %j", async (person, title, allowed) => {
      const ability = abilityOf(person);
      const row = await documentRow(title);
      const isReadable = allowed.includes("read");
      for (const action of DOCUMENT_ACTIONS) {
        const isAllowed = allowed.includes(action);
        expect(can(ability, action, "Document", row), `${person} ${action} ${title}`).toBe(isAllowed);
        expectAuthorize(() => authorize(ability, action, "Document", row), isReadable, isAllowed);
      }
    });

    it.each(Object.keys(PEOPLE) as Person[])("lists in SQL exactly the documents %s may act on, per action", async (person) => {
      for (const action of DOCUMENT_ACTIONS) {
        const expected = DOCUMENT_MATRIX.filter(([p, , allowed]) => p === person && allowed.includes(action))
          .map(([, title]) => scenario.documentId(title))
          .sort();
        const where = accessibleWhere(abilityOf(person), action, "Document", documentColumns);
        if (where === null) {
          expect(expected, `${person} ${action}: no rule, so no document`).toEqual([]);
          continue;
        }
        const rows = await db.select({ id: documents.id }).from(documents).where(where);
        expect(rows.map((r) => r.id).sort(), `${person} ${action}`).toEqual(expected);
      }
    });
  });

  describe("response templates", () => {
    it.each(TEMPLATE_MATRIX)("%s × the %s template allows exactly %j", async (person, name, allowed) => {
      const ability = abilityOf(person);
      const row = templateRows.get(name)!;
      for (const action of TEMPLATE_ACTIONS) {
        const isAllowed = allowed.includes(action);
        expect(can(ability, action, "ResponseTemplate", responseTemplateSubject(row)), `${person} ${action} ${name}`).toBe(isAllowed);
        expectAuthorize(() => authorize(ability, action, "ResponseTemplate", responseTemplateSubject(row)), allowed.includes("read"), isAllowed);
        const where = accessibleWhere(ability, action, "ResponseTemplate", responseTemplateColumns);
        const ids = where ? (await db.select({ id: responseTemplates.id }).from(responseTemplates).where(and(where, eq(responseTemplates.id, row.id)))).map((r) => r.id) : [];
        expect(ids, `${person} ${action} ${name} in SQL`).toEqual(isAllowed ? [row.id] : []);
      }
    });
  });

  describe("boards and cards", () => {
    const boardRow = async () => boardSubject((await db.select().from(boards).where(eq(boards.id, scenario.boardId(TASKING))))[0]!);
    const cardRow = async (title: string) => cardSubject((await db.select().from(cards).where(eq(cards.id, scenario.cardId(title))))[0]!);

    it.each(BOARD_MATRIX)("%s × the Kestrel board allows exactly %j", async (person, allowed) => {
      const ability = abilityOf(person);
      const row = await boardRow();
      for (const action of BOARD_ACTIONS) {
        const isAllowed = allowed.includes(action);
        expect(can(ability, action, "Board", row), `${person} ${action}`).toBe(isAllowed);
        expectAuthorize(() => authorize(ability, action, "Board", row), allowed.includes("read"), isAllowed);
        const where = accessibleWhere(ability, action, "Board", boardColumnMap);
        const ids = where ? (await db.select({ id: boards.id }).from(boards).where(where)).map((r) => r.id) : [];
        expect(ids, `${person} ${action} in SQL`).toEqual(isAllowed ? [row.id] : []);
      }
    });

    it.each(CARD_MATRIX)("%s × %s allows exactly %j", async (person, title, allowed) => {
      const ability = abilityOf(person);
      const row = await cardRow(title);
      for (const action of CARD_ACTIONS) {
        const isAllowed = allowed.includes(action);
        expect(can(ability, action, "Card", row), `${person} ${action} ${title}`).toBe(isAllowed);
        expectAuthorize(() => authorize(ability, action, "Card", row), allowed.includes("read"), isAllowed);
        const where = accessibleWhere(ability, action, "Card", cardColumns);
        const ids = where ? (await db.select({ id: cards.id }).from(cards).where(and(where, eq(cards.id, row.id)))).map((r) => r.id) : [];
        expect(ids, `${person} ${action} ${title} in SQL`).toEqual(isAllowed ? [row.id] : []);
      }
    });
  });

  describe("briefings", () => {
    // No briefing is seeded: one per seeded card, with the card's space, agency and marking.
    const briefingIds = new Map<string, string>();
    beforeAll(async () => {
      for (const title of [ANPR, SOURCE]) {
        const [card] = await db.select().from(cards).where(eq(cards.id, scenario.cardId(title)));
        const { spaceId, owningAgencyId, marking, markingRank, descriptors, handling, recipientIds, useOnlyAgencyCodes } = card!;
        const [row] = await db.insert(briefings).values({ boardId: card!.boardId, spaceId, owningAgencyId, marking, markingRank, descriptors, handling, recipientIds, useOnlyAgencyCodes, title: `Briefing like ${title}` }).returning({ id: briefings.id });
        briefingIds.set(title, row!.id);
      }
    });
    afterAll(async () => {
      await db.delete(briefings).where(inArray(briefings.id, [...briefingIds.values()]));
    });

    it.each(BRIEFING_MATRIX)("%s × a briefing marked like %s allows exactly %j", async (person, title, allowed) => {
      const ability = abilityOf(person);
      const id = briefingIds.get(title)!;
      const row = briefingSubject((await db.select().from(briefings).where(eq(briefings.id, id)))[0]!);
      for (const action of BRIEFING_ACTIONS) {
        const isAllowed = allowed.includes(action);
        expect(can(ability, action, "Briefing", row), `${person} ${action} ${title}`).toBe(isAllowed);
        expectAuthorize(() => authorize(ability, action, "Briefing", row), allowed.includes("read"), isAllowed);
        const where = accessibleWhere(ability, action, "Briefing", briefingColumns);
        const ids = where ? (await db.select({ id: briefings.id }).from(briefings).where(and(where, eq(briefings.id, id)))).map((r) => r.id) : [];
        expect(ids, `${person} ${action} ${title} in SQL`).toEqual(isAllowed ? [id] : []);
      }
    });
  });

  describe("what must follow from the rules (domain.md §8)", () => {
    const readableTitles = async (person: Person) => {
      const where = accessibleWhere(abilityOf(person), "read", "Document", documentColumns);
      if (!where) return [];
      return (await db.select({ title: documents.title }).from(documents).where(where)).map((d) => d.title).sort();
    };

    it("Alex (DOR) reads Operation Kestrel and its documents within his vetting, and nothing of the MASH space", async () => {
      expect(await readableTitles("alex")).toEqual([LOG, PRESS].sort());
      expect(can(abilityOf("alex"), "read", "Space", await spaceRow(KESTREL))).toBe(true);
      // To him the MASH space does not exist: 404, not 403.
      expect(() => authorize(abilityOf("alex"), "read", "Space", spaceRowSync(MASH))).toThrow(NotFoundError);
    });

    it("Alex reading the MASH minutes is NotFound; Alex re-marking the Kestrel press lines is Forbidden", async () => {
      const alex = abilityOf("alex");
      expect(() => authorize(alex, "read", "Document", minutes)).toThrow(NotFoundError);
      expect(() => authorize(alex, "remark", "Document", minutes)).toThrow(NotFoundError);
      expect(() => authorize(alex, "read", "Document", press)).not.toThrow();
      expect(() => authorize(alex, "remark", "Document", press)).toThrow(ForbiddenError);
      expect(() => authorize(alex, "share", "Document", press)).toThrow(ForbiddenError);
    });

    it.each(["helen", "aisha"] as const)("%s reads the MASH space and neither Kestrel nor DCP Training", async (person) => {
      const ability = abilityOf(person);
      expect(can(ability, "read", "Space", await spaceRow(MASH))).toBe(true);
      expect(() => authorize(ability, "read", "Space", spaceRowSync(KESTREL))).toThrow(NotFoundError);
      expect(() => authorize(ability, "read", "Space", spaceRowSync(TRAINING))).toThrow(NotFoundError);
      expect(await readableTitles(person)).toEqual([CONTACTS, MINUTES].sort());
    });

    it("Ben (BPSS) reads the agency contact list and not the strategy meeting minutes", async () => {
      expect(await readableTitles("ben")).toEqual([CONTACTS]);
      expect(() => authorize(abilityOf("ben"), "read", "Document", minutes)).toThrow(NotFoundError);
    });

    it("Mark (expired vetting) reads the press lines and not the investigation log", async () => {
      expect(await readableTitles("mark")).toEqual([INDUCTION, PRESS].sort());
      expect(() => authorize(abilityOf("mark"), "read", "Document", log)).toThrow(NotFoundError);
      expect(() => authorize(abilityOf("mark"), "update", "Document", press)).not.toThrow();
    });

    it("only the originating agency (DCP) re-marks: not Alex, Helen or Aisha, though they read the document", async () => {
      expect(() => authorize(abilityOf("tom"), "remark", "Document", log)).not.toThrow();
      expect(() => authorize(abilityOf("alex"), "remark", "Document", log)).toThrow(ForbiddenError);
      expect(() => authorize(abilityOf("helen"), "remark", "Document", minutes)).toThrow(ForbiddenError);
      expect(() => authorize(abilityOf("aisha"), "remark", "Document", contacts)).toThrow(ForbiddenError);
    });

    it("only the space owner (Priya) shares a space or its documents", async () => {
      expect(() => authorize(abilityOf("priya"), "share", "Document", minutes)).not.toThrow();
      expect(() => authorize(abilityOf("priya"), "share", "Space", spaceRowSync(KESTREL))).not.toThrow();
      expect(() => authorize(abilityOf("tom"), "share", "Document", log)).toThrow(ForbiddenError);
      expect(() => authorize(abilityOf("tom"), "share", "Space", spaceRowSync(KESTREL))).toThrow(ForbiddenError);
      expect(() => authorize(abilityOf("helen"), "share", "Document", contacts)).toThrow(ForbiddenError);
      expect(() => authorize(abilityOf("sam"), "share", "Space", spaceRowSync(TRAINING))).toThrow(ForbiddenError);
    });
  });
});
