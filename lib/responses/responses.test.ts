/**
 * Pre-planned responses on the demo scenario: the library trimmed to national templates and the
 * actor's own agency's (another agency's local template neither listed nor readable: 404);
 * "Start response" building exactly the template's columns and cards with their dates, in one
 * transaction that leaves nothing behind when any card is refused; a reader refused (403); and
 * the bad input of the issue (an unknown template, a start that is not a date, a 10,000-character
 * title) refused with a clear error and nothing created.
 */
import { describe, expect, it } from "vitest";
import { and, asc, count, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import * as t from "@/db/schema";
import { buildActor, buildMembership, buildUser, openSeededDatabaseForFile, policyCtx, type SeededScenario } from "@/db/factories";
import { testEngine } from "@/db/testing";
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from "../errors";
import { plainTextOf } from "../boards/board-shared";
import { ensureNationalTemplates } from "./ensure-national-templates";
import { listResponseTemplates } from "./list-response-templates";
import { getResponseTemplate } from "./get-response-template";
import { copyResponseTemplate } from "./copy-response-template";
import { updateResponseTemplate } from "./update-response-template";
import { deleteResponseTemplate } from "./delete-response-template";
import { InvalidTemplateError } from "./parse-template-input";
import { cardDates, type ResponseTemplateContent } from "./response-template";
import { SEED_RESPONSE_TEMPLATES } from "./seed-response-templates";
import { defaultResponseTitle, startResponse } from "./start-response";
import { createBoard } from "../boards/create-board";
import { onBoardChanged } from "../boards/board-events";

let db: Db;
let s: SeededScenario;
openSeededDatabaseForFile((opened) => {
  db = opened.db;
  s = opened.scenario;
});

const PRIYA = "priya.shah@dcp.example";
const TOM = "tom.hughes@dcp.example";
const ALEX = "alex.morgan@dor.example";
const SAM = "sam.patel@dcp.example";
const KESTREL = "Operation Kestrel";
const MISSING_ID = "00000000-0000-4000-8000-000000000000";
const START = "2026-12-01T10:00:00Z";
const MISSING_PERSON = SEED_RESPONSE_TEMPLATES.find((x) => x.key === "missing-person-high-risk")!;

const ctxOf = async (email: string) => policyCtx(db, await buildActor(db, s.userId(email)));
const nationalId = async (key: string) =>
  (await db.select({ id: t.responseTemplates.id }).from(t.responseTemplates).where(and(eq(t.responseTemplates.scope, "national"), eq(t.responseTemplates.key, key))))[0]!.id;
const boardCount = async () => Number((await db.select({ n: count() }).from(t.boards))[0]!.n);
const cardCount = async () => Number((await db.select({ n: count() }).from(t.cards))[0]!.n);
const startAudits = async () => db.select().from(t.auditEvents).where(eq(t.auditEvents.action, "response.start"));

/** A local template of `agencyCode`, stored as given (bypassing validation where a test needs that). */
async function localTemplate(agencyCode: string, content: ResponseTemplateContent) {
  const [row] = await db
    .insert(t.responseTemplates)
    .values({ key: content.key, scope: "agency", agencyId: s.agencyId(agencyCode), title: content.title, summary: content.summary, content })
    .returning();
  return row!;
}

/** Expects `run` to fail with `type` (and a message matching `message`) and nothing to be created. */
async function expectNothingCreated(run: () => Promise<unknown>, type: new (...args: never[]) => Error, message?: RegExp) {
  const [boardsBefore, cardsBefore, auditsBefore] = [await boardCount(), await cardCount(), (await startAudits()).length];
  const err = await run().then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(type);
  if (message) expect((err as Error).message).toMatch(message);
  expect(await boardCount()).toBe(boardsBefore);
  expect(await cardCount()).toBe(cardsBefore);
  expect((await startAudits()).length).toBe(auditsBefore);
}

describe(`pre-planned responses (${testEngine})`, () => {
  describe("the national templates", () => {
    it("are seeded once, and seeding again changes nothing", async () => {
      const rows = await db.select().from(t.responseTemplates).where(eq(t.responseTemplates.scope, "national")).orderBy(asc(t.responseTemplates.key));
      expect(rows.map((r) => r.key)).toEqual(["major-event-crowd-management", "missing-person-high-risk"]);
      expect(rows.every((r) => r.agencyId === null)).toBe(true);
      expect(await ensureNationalTemplates(db)).toEqual([]);
      expect(await db.select().from(t.responseTemplates).where(eq(t.responseTemplates.scope, "national"))).toHaveLength(2);
    });

    it("are updated in place by key when their text changes", async () => {
      const changed = { ...MISSING_PERSON, summary: `${MISSING_PERSON.summary} (revised)` };
      expect(await ensureNationalTemplates(db, [changed])).toEqual(["missing-person-high-risk"]);
      const [row] = await db.select().from(t.responseTemplates).where(eq(t.responseTemplates.id, await nationalId("missing-person-high-risk")));
      expect(row!.summary).toMatch(/\(revised\)$/);
      await ensureNationalTemplates(db);
      expect(await db.select().from(t.responseTemplates).where(eq(t.responseTemplates.scope, "national"))).toHaveLength(2);
    });
  });

  describe("the library, trimmed by agency", () => {
    it("shows national templates and the actor's own agency's, never another agency's (404 on get)", async () => {
      const dor = await localTemplate("DOR", { ...MISSING_PERSON, key: "dor-missing-person", title: "DOR: missing person (local)" });
      const asPriya = await listResponseTemplates(await ctxOf(PRIYA));
      expect(asPriya.items.map((i) => i.id)).not.toContain(dor.id);
      expect(asPriya.items.filter((i) => i.scope === "national")).toHaveLength(2);
      expect(asPriya.items[0]!.scope).toBe("national");
      await expect(getResponseTemplate(await ctxOf(PRIYA), { templateId: dor.id })).rejects.toBeInstanceOf(NotFoundError);
      await expect(getResponseTemplate(await ctxOf(PRIYA), { templateId: "not-a-uuid" })).rejects.toBeInstanceOf(NotFoundError);

      const asAlex = await listResponseTemplates(await ctxOf(ALEX));
      expect(asAlex.items.map((i) => i.id)).toContain(dor.id);
      expect((await getResponseTemplate(await ctxOf(ALEX), { templateId: dor.id })).title).toBe("DOR: missing person (local)");
    });

    it("lets a supervisor copy a national template to their agency (once), not an investigator; national ones stay read-only", async () => {
      const source = await nationalId("major-event-crowd-management");
      const asPriya = await ctxOf(PRIYA);
      const national = await getResponseTemplate(asPriya, { templateId: source });
      expect(national.permissions).toEqual({ canUpdate: false, canDelete: false });
      expect((await listResponseTemplates(asPriya)).permissions.canCreate).toBe(true);

      const copy = await copyResponseTemplate(asPriya, { templateId: source, title: "DCP: major event (local)" });
      expect(copy).toMatchObject({ scope: "agency", agencyId: s.agencyId("DCP"), key: "major-event-crowd-management", title: "DCP: major event (local)", permissions: { canUpdate: true, canDelete: true } });
      expect(await db.select().from(t.auditEvents).where(and(eq(t.auditEvents.action, "response_template.copy"), eq(t.auditEvents.subjectId, copy.id)))).toHaveLength(1);
      await expect(copyResponseTemplate(asPriya, { templateId: source })).rejects.toBeInstanceOf(ConflictError);

      // Tom (DCP investigator) reads DCP's copy but may not add one; Alex (DOR) does not see it at all.
      expect((await listResponseTemplates(await ctxOf(TOM))).items.map((i) => i.id)).toContain(copy.id);
      expect((await listResponseTemplates(await ctxOf(TOM))).permissions.canCreate).toBe(false);
      await expect(copyResponseTemplate(await ctxOf(TOM), { templateId: source, key: "tom-copy" })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(getResponseTemplate(await ctxOf(ALEX), { templateId: copy.id })).rejects.toBeInstanceOf(NotFoundError);
      // Sam (DCP agency administrator) may too.
      expect((await copyResponseTemplate(await ctxOf(SAM), { templateId: source, key: "sam-copy" })).key).toBe("sam-copy");
    });
  });

  describe("maintaining local templates", () => {
    const EVERYONE = ["priya.shah@dcp.example", "tom.hughes@dcp.example", "mark.ellis@dcp.example", "janet.okafor@dcp.example", "sam.patel@dcp.example", "alex.morgan@dor.example", "helen.carter@cc.example", "ben.lowe@cc.example", "aisha.rahman@rcht.example"];
    const templateRow = async (id: string) => (await db.select().from(t.responseTemplates).where(eq(t.responseTemplates.id, id)))[0];

    it("lets a supervisor copy a national template, edit its cards and columns, and start a response from the edited copy", async () => {
      const copy = await copyResponseTemplate(await ctxOf(PRIYA), { templateId: await nationalId("missing-person-high-risk"), key: "dcp-missing-person", title: "DCP: missing person" });
      const [first, ...rest] = copy.content.columns;
      const edited = await updateResponseTemplate(await ctxOf(PRIYA), {
        templateId: copy.id,
        expectedUpdatedAt: copy.updatedAt,
        title: "DCP: missing person (Cornwall)",
        columns: [
          { title: "Before anything else", cards: [{ title: "Call the duty inspector", action: "Tell the duty inspector before deploying.", resources: ["Duty inspector"], reference: "DCP policy MP-3", startOffsetMinutes: -10, dueOffsetMinutes: 5 }] },
          { ...first!, cards: first!.cards.slice(0, 2).reverse() },
          ...rest,
        ],
      });
      expect(edited).toMatchObject({ id: copy.id, key: "dcp-missing-person", title: "DCP: missing person (Cornwall)", scope: "agency" });
      expect(await db.select().from(t.auditEvents).where(and(eq(t.auditEvents.action, "response_template.update"), eq(t.auditEvents.subjectId, copy.id)))).toHaveLength(1);
      // The national template it came from is untouched.
      expect((await getResponseTemplate(await ctxOf(PRIYA), { templateId: await nationalId("missing-person-high-risk") })).content).toEqual(MISSING_PERSON);

      // Tom (who may not edit it) starts a response from DCP's copy: the board follows the edit.
      const { boardId } = await startResponse(await ctxOf(TOM), { templateId: copy.id, spaceId: s.spaceId(KESTREL), startsAt: START });
      const columns = await db.select().from(t.boardColumns).where(eq(t.boardColumns.boardId, boardId)).orderBy(asc(t.boardColumns.position));
      expect(columns.map((c) => c.title)).toEqual(["Before anything else", ...MISSING_PERSON.columns.map((c) => c.title)]);
      const [call] = await db.select().from(t.cards).where(eq(t.cards.columnId, columns[0]!.id));
      expect(call).toMatchObject({ title: "Call the duty inspector", startAt: new Date("2026-12-01T09:50:00Z"), dueAt: new Date("2026-12-01T10:05:00Z") });
      expect(plainTextOf(call!.description)).toBe("Tell the duty inspector before deploying.\nResources: Duty inspector\nReference: DCP policy MP-3");
      const second = await db.select().from(t.cards).where(eq(t.cards.columnId, columns[1]!.id)).orderBy(asc(t.cards.position));
      expect(second.map((c) => c.title)).toEqual([MISSING_PERSON.columns[0]!.cards[1]!.title, MISSING_PERSON.columns[0]!.cards[0]!.title]);

      // Deleting the copy leaves the board started from it.
      await deleteResponseTemplate(await ctxOf(SAM), { templateId: copy.id });
      expect(await templateRow(copy.id)).toBeUndefined();
      expect(await db.select().from(t.auditEvents).where(and(eq(t.auditEvents.action, "response_template.delete"), eq(t.auditEvents.subjectId, copy.id)))).toHaveLength(1);
      expect(await db.select().from(t.boards).where(eq(t.boards.id, boardId))).toHaveLength(1);
      await expect(startResponse(await ctxOf(TOM), { templateId: copy.id, spaceId: s.spaceId(KESTREL), startsAt: START })).rejects.toBeInstanceOf(NotFoundError);
    });

    it("keeps national templates read-only to everyone: no one may edit or delete one (403), and it stays as it was", async () => {
      const id = await nationalId("major-event-crowd-management");
      const before = await templateRow(id);
      for (const email of EVERYONE) {
        const ctx = await ctxOf(email);
        expect((await getResponseTemplate(ctx, { templateId: id })).permissions, email).toEqual({ canUpdate: false, canDelete: false });
        await expect(updateResponseTemplate(ctx, { templateId: id, title: "Changed" }), email).rejects.toThrow(/National templates are read-only/);
        await expect(updateResponseTemplate(ctx, { templateId: id, title: "Changed" }), email).rejects.toBeInstanceOf(ForbiddenError);
        await expect(deleteResponseTemplate(ctx, { templateId: id }), email).rejects.toBeInstanceOf(ForbiddenError);
      }
      expect(await templateRow(id)).toEqual(before);
    });

    it("answers another agency's local template 404 to everyone outside it, and 403 to its own non-managers, changing nothing", async () => {
      const dor = await localTemplate("DOR", { ...MISSING_PERSON, key: "dor-only", title: "DOR only" });
      for (const email of EVERYONE.filter((e) => !e.endsWith("@dor.example"))) {
        const ctx = await ctxOf(email);
        await expect(updateResponseTemplate(ctx, { templateId: dor.id, title: "Changed" }), email).rejects.toBeInstanceOf(NotFoundError);
        await expect(deleteResponseTemplate(ctx, { templateId: dor.id }), email).rejects.toBeInstanceOf(NotFoundError);
        // Even bad input says nothing of it: the template is looked for first.
        await expect(updateResponseTemplate(ctx, { templateId: dor.id, title: "" }), email).rejects.toBeInstanceOf(NotFoundError);
      }
      await expect(updateResponseTemplate(await ctxOf(ALEX), { templateId: dor.id, title: "Changed" })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(deleteResponseTemplate(await ctxOf(ALEX), { templateId: dor.id })).rejects.toBeInstanceOf(ForbiddenError);
      expect(await templateRow(dor.id)).toEqual(dor);
    });

    it("refuses an edit that would break the template, naming every field, and stores nothing", async () => {
      const local = await localTemplate("DCP", { ...MISSING_PERSON, key: "dcp-bad-edits", title: "DCP bad edits" });
      const card = { title: "A card", action: "Do it", startOffsetMinutes: 0, dueOffsetMinutes: 10 };
      const err = await updateResponseTemplate(await ctxOf(PRIYA), {
        templateId: local.id,
        title: "x".repeat(10_000),
        columns: [{ title: "A", cards: [card, { ...card, startOffsetMinutes: -200_000 }, { ...card, dueOffsetMinutes: -5 }] }],
      }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(InvalidTemplateError);
      expect((err as InvalidTemplateError).issues).toEqual([
        { path: ["title"], message: "A template's title is longer than 200 characters" },
        { path: ["columns", 0, "cards", 1, "startOffsetMinutes"], message: "A card's start can be at most 90 days before the response's start" },
        { path: ["columns", 0, "cards", 2, "dueOffsetMinutes"], message: "A card cannot fall due before it starts" },
      ]);
      expect(await templateRow(local.id)).toEqual(local);
      expect(await db.select().from(t.auditEvents).where(and(eq(t.auditEvents.action, "response_template.update"), eq(t.auditEvents.subjectId, local.id)))).toEqual([]);
    });
  });

  describe("starting a response", () => {
    it("builds the template's columns and cards in order, with their dates, resources, references, labels and checklists", async () => {
      const templateId = await nationalId("missing-person-high-risk");
      const { boardId } = await startResponse(await ctxOf(PRIYA), { templateId, spaceId: s.spaceId(KESTREL), startsAt: START });

      const [board] = await db.select().from(t.boards).where(eq(t.boards.id, boardId));
      expect(board).toMatchObject({ spaceId: s.spaceId(KESTREL), title: defaultResponseTitle("Missing person: high risk", new Date(START)) });
      expect(board!.title).toBe("Missing person: high risk — 1 Dec 2026, 10:00");

      const [kestrel] = await db.select().from(t.spaces).where(eq(t.spaces.id, s.spaceId(KESTREL)));
      const columns = await db.select().from(t.boardColumns).where(eq(t.boardColumns.boardId, boardId)).orderBy(asc(t.boardColumns.position));
      expect(columns.map((c) => c.title)).toEqual(MISSING_PERSON.columns.map((c) => c.title));
      for (const [i, column] of MISSING_PERSON.columns.entries()) {
        const rows = await db.select().from(t.cards).where(eq(t.cards.columnId, columns[i]!.id)).orderBy(asc(t.cards.position));
        expect(rows.map((r) => r.title)).toEqual(column.cards.map((c) => c.title));
        for (const [j, card] of column.cards.entries()) {
          const row = rows[j]!;
          const dates = cardDates(card, new Date(START));
          expect(row.startAt?.toISOString(), card.title).toBe(dates.startAt.toISOString());
          expect(row.dueAt?.toISOString(), card.title).toBe(dates.dueAt.toISOString());
          expect(row.labels).toEqual(card.labels);
          expect(row.checklist.map((c) => [c.text, c.done])).toEqual(card.checklist.map((text) => [text, false]));
          const lines = plainTextOf(row.description).split("\n");
          expect(lines[0]).toBe(card.action);
          expect(lines).toContain(`Resources: ${card.resources.join(", ")}`);
          if (card.reference) expect(lines).toContain(`Reference: ${card.reference}`);
          else expect(lines.some((l) => l.startsWith("Reference:"))).toBe(false);
          expect(row).toMatchObject({ spaceId: s.spaceId(KESTREL), owningAgencyId: s.agencyId("DCP"), marking: kestrel!.defaultMarking });
        }
      }
      // Every card carries the space's default marking, as one added by hand does.
      expect(kestrel!.defaultMarking).toBe("OFFICIAL-SENSITIVE");
      // The first card: due 15 minutes after the start.
      const first = (await db.select().from(t.cards).where(eq(t.cards.title, MISSING_PERSON.columns[0]!.cards[0]!.title)))[0]!;
      expect(first.dueAt!.toISOString()).toBe("2026-12-01T10:15:00.000Z");

      const audits = (await startAudits()).filter((a) => a.subjectId === boardId);
      expect(audits).toHaveLength(1);
      expect(audits[0]).toMatchObject({ actorUserId: s.userId(PRIYA), spaceId: s.spaceId(KESTREL) });
      expect(audits[0]!.details).toMatchObject({ templateKey: "missing-person-high-risk", startsAt: "2026-12-01T10:00:00.000Z", cards: 14 });
      expect(await db.select().from(t.auditEvents).where(and(eq(t.auditEvents.action, "board.create"), eq(t.auditEvents.subjectId, boardId)))).toHaveLength(1);
    });

    it("uses the title given, and starts from a local template of the actor's agency", async () => {
      const local = await localTemplate("DCP", { key: "dcp-local-test", title: "DCP local test", summary: "A small local plan", columns: [{ title: "Now", cards: [{ ...MISSING_PERSON.columns[0]!.cards[0]!, startOffsetMinutes: -60, dueOffsetMinutes: -30 }] }, { title: "Later", cards: [] }] });
      const { boardId } = await startResponse(await ctxOf(TOM), { templateId: local.id, spaceId: s.spaceId(KESTREL), startsAt: "2026-12-01T12:00:00+01:00", title: "  Kestrel: search for J  " });
      const [board] = await db.select().from(t.boards).where(eq(t.boards.id, boardId));
      expect(board!.title).toBe("Kestrel: search for J");
      const [card] = await db.select().from(t.cards).where(eq(t.cards.boardId, boardId));
      expect(card!.startAt!.toISOString()).toBe("2026-12-01T10:00:00.000Z");
      expect(card!.dueAt!.toISOString()).toBe("2026-12-01T10:30:00.000Z");
    });

    it("leaves nothing behind when a card of the template is refused by the board operations", async () => {
      // A control character passes the template's own schema but not a card title's: the 2nd column's card fails after the board, its columns and the 1st card were made.
      const broken = await localTemplate("DCP", {
        key: "dcp-broken",
        title: "DCP broken",
        summary: "A template whose second card cannot be a card",
        columns: [
          { title: "First", cards: [{ ...MISSING_PERSON.columns[0]!.cards[0]! }] },
          { title: "Second", cards: [{ ...MISSING_PERSON.columns[0]!.cards[1]!, title: "Bell \u0007 card" }] },
        ],
      });
      await expectNothingCreated(async () => startResponse(await ctxOf(PRIYA), { templateId: broken.id, spaceId: s.spaceId(KESTREL), startsAt: START, title: "Broken response" }), InvalidInputError, /Bell .* card" cannot be added: .*control characters/);
      expect(await db.select().from(t.boards).where(eq(t.boards.title, "Broken response"))).toHaveLength(0);
      expect(await db.select().from(t.auditEvents).where(eq(t.auditEvents.action, "board.create"))).not.toContainEqual(expect.objectContaining({ details: expect.objectContaining({ title: "Broken response" }) }));
    });

    it("adds a response to a board already under way: columns matched by title, the missing ones added, its watchers told once it commits", async () => {
      const priya = await ctxOf(PRIYA);
      const templateId = await nationalId("missing-person-high-risk");
      const { id: boardId } = await createBoard(priya, { spaceId: s.spaceId(KESTREL), title: "Kestrel live ops", columns: [MISSING_PERSON.columns[1]!.title.toUpperCase(), "Parked"] });
      const boardsBefore = await boardCount();
      const heard: string[] = [];
      const stop = onBoardChanged(boardId, (signal) => heard.push(signal.type));
      try {
        const started = await startResponse(priya, { templateId, spaceId: s.spaceId(KESTREL), startsAt: START, boardId });
        expect(started).toEqual({ boardId });
      } finally {
        stop();
      }
      expect(await boardCount()).toBe(boardsBefore);
      // The board's own columns first (one matched, case aside), then the template's missing ones in its order.
      const columns = await db.select().from(t.boardColumns).where(eq(t.boardColumns.boardId, boardId)).orderBy(asc(t.boardColumns.position));
      const missing = MISSING_PERSON.columns.filter((_, i) => i !== 1).map((c) => c.title);
      expect(columns.map((c) => c.title)).toEqual([MISSING_PERSON.columns[1]!.title.toUpperCase(), "Parked", ...missing]);
      const total = MISSING_PERSON.columns.reduce((n, c) => n + c.cards.length, 0);
      expect(await db.select().from(t.cards).where(eq(t.cards.boardId, boardId))).toHaveLength(total);
      const matched = await db.select().from(t.cards).where(eq(t.cards.columnId, columns[0]!.id));
      expect(matched.map((c) => c.title).sort()).toEqual(MISSING_PERSON.columns[1]!.cards.map((c) => c.title).sort());
      // The last thing the watchers hear is the whole board, after the commit.
      expect(heard.at(-1)).toBe("board");
      expect((await startAudits()).filter((a) => a.subjectId === boardId).map((a) => a.details)).toEqual([expect.objectContaining({ intoExistingBoard: true, cards: total })]);
    });

    it("refuses adding a response to a board of another space, or one the actor may not change, creating nothing", async () => {
      const priya = await ctxOf(PRIYA);
      const templateId = await nationalId("missing-person-high-risk");
      const { id: mashBoard } = await createBoard(priya, { spaceId: s.spaceId("Cornwall MASH: referral 2026-0412"), title: "MASH board" });
      const columnsBefore = await db.select().from(t.boardColumns);
      await expectNothingCreated(() => startResponse(priya, { templateId, spaceId: s.spaceId(KESTREL), startsAt: START, boardId: mashBoard }), InvalidInputError, /only be added to a board of this space/);
      await expectNothingCreated(async () => startResponse(await ctxOf(ALEX), { templateId, spaceId: s.spaceId(KESTREL), startsAt: START, boardId: mashBoard }), NotFoundError);
      await expectNothingCreated(() => startResponse(priya, { templateId, spaceId: s.spaceId(KESTREL), startsAt: START, boardId: "not-a-board" }), NotFoundError);
      const reader = await buildUser(db, { agencyId: s.agencyId("DCP") });
      await buildMembership(db, { spaceId: s.spaceId(KESTREL), userId: reader.id, role: "reader" });
      await expectNothingCreated(async () => startResponse(await policyCtx(db, await buildActor(db, reader.id)), { templateId, spaceId: s.spaceId(KESTREL), startsAt: START, boardId: s.boardId("Kestrel tasking") }), ForbiddenError);
      expect(await db.select().from(t.boardColumns)).toEqual(columnsBefore);
    });

    it("refuses a reader of the space (403) and someone outside it (404), creating nothing", async () => {
      const reader = await buildUser(db, { agencyId: s.agencyId("DCP") });
      await buildMembership(db, { spaceId: s.spaceId(KESTREL), userId: reader.id, role: "reader" });
      const templateId = await nationalId("missing-person-high-risk");
      await expectNothingCreated(async () => startResponse(await policyCtx(db, await buildActor(db, reader.id)), { templateId, spaceId: s.spaceId(KESTREL), startsAt: START }), ForbiddenError);
      await expectNothingCreated(async () => startResponse(await ctxOf(SAM), { templateId, spaceId: s.spaceId(KESTREL), startsAt: START }), NotFoundError);
      await expectNothingCreated(async () => startResponse(await ctxOf(PRIYA), { templateId, spaceId: MISSING_ID, startsAt: START }), NotFoundError);
    });

    it("refuses bad input with a clear error, creating nothing", async () => {
      const priya = await ctxOf(PRIYA);
      const templateId = await nationalId("missing-person-high-risk");
      const spaceId = s.spaceId(KESTREL);
      const dor = (await db.select().from(t.responseTemplates).where(eq(t.responseTemplates.key, "dor-missing-person")))[0]!;
      await expectNothingCreated(() => startResponse(priya, { templateId: MISSING_ID, spaceId, startsAt: START }), NotFoundError);
      await expectNothingCreated(() => startResponse(priya, { templateId: dor.id, spaceId, startsAt: START }), NotFoundError);
      await expectNothingCreated(() => startResponse(priya, { templateId, spaceId, startsAt: "next Tuesday" }), InvalidInputError, /ISO 8601 date and time/);
      await expectNothingCreated(() => startResponse(priya, { templateId, spaceId, startsAt: 1764583200000 }), InvalidInputError, /date and time/);
      await expectNothingCreated(() => startResponse(priya, { templateId, spaceId }), InvalidInputError, /date and time/);
      await expectNothingCreated(() => startResponse(priya, { templateId, spaceId, startsAt: START, title: "x".repeat(10_000) }), InvalidInputError, /at most 200 characters/);
      await expectNothingCreated(() => startResponse(priya, { templateId, spaceId, startsAt: START, title: "   " }), InvalidInputError, /cannot be empty/);
    });
  });
});

