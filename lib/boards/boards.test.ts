/**
 * Tasking boards on the demo scenario: boards, columns and cards made, changed and removed, each
 * audited and announced; an OFFICIAL-SENSITIVE card invisible and not counted for Mark (expired
 * vetting); a stale card edit refused with a conflict that carries the current card, and not
 * applied; concurrent moves converging to one order whichever arrives first; the bad
 * input (a card moved to another space's board, a due date before the start, a 10,000-character
 * title, an unknown assignee) refused with a clear error and the row unchanged; links to a form
 * submission of the space shown only to its readers (Mark gets nothing of an OFFICIAL-SENSITIVE
 * one, not even its id), and another space's or an unreadable one refused with the one message.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import * as t from "@/db/schema";
import { buildActor, buildDocument, openSeededDatabaseForFile, policyCtx, type SeededScenario } from "@/db/factories";
import { testEngine } from "@/db/testing";
import { RANKS } from "@/policies/markings";
import { createSubmission } from "../submissions/create-submission";
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from "../errors";
import { onBoardChanged } from "./board-events";
import { createBoard } from "./create-board";
import { createCard } from "./create-card";
import { createColumn } from "./create-column";
import { deleteBoard } from "./delete-board";
import { deleteCard } from "./delete-card";
import { deleteColumn } from "./delete-column";
import { getBoard } from "./get-board";
import { getCard } from "./get-card";
import { linkCard } from "./link-card";
import { listBoards } from "./list-boards";
import { moveCard } from "./move-card";
import { moveColumn } from "./move-column";
import { renameBoard } from "./rename-board";
import { setCardAssignees } from "./set-card-assignees";
import { unlinkCard } from "./unlink-card";
import { CardConflictError, updateCard } from "./update-card";
import { updateColumn } from "./update-column";

let db: Db;
let s: SeededScenario;
openSeededDatabaseForFile((opened) => {
  db = opened.db;
  s = opened.scenario;
});

const PRIYA = "priya.shah@dcp.example";
const TOM = "tom.hughes@dcp.example";
const MARK = "mark.ellis@dcp.example";
const ALEX = "alex.morgan@dor.example";
const HELEN = "helen.carter@cc.example";
const MISSING_ID = "00000000-0000-4000-8000-000000000000";
const KESTREL = "Operation Kestrel";
const MASH = "Cornwall MASH: referral 2026-0412";

const ctxOf = async (email: string) => policyCtx(db, await buildActor(db, s.userId(email)));
const tasking = () => s.boardId("Kestrel tasking");
const cardRow = async (id: string) => (await db.select().from(t.cards).where(eq(t.cards.id, id)))[0];
const mg11Id = async () => (await db.select({ id: t.forms.id }).from(t.forms).where(eq(t.forms.key, "mg11")))[0]!.id;
const LINK_REFUSED = "Link a document, file or form submission of this card's space that you can open";
const auditOf = async (action: string, subjectId: string) => db.select().from(t.auditEvents).where(and(eq(t.auditEvents.action, action), eq(t.auditEvents.subjectId, subjectId)));

/** Every "board changed" nudge, by board id. */
const nudges: string[] = [];
let stopListening: () => void = () => {};
beforeAll(() => {
  stopListening = onBoardChanged(tasking(), () => nudges.push(tasking()));
});
afterAll(() => stopListening());

/** A fresh board in Kestrel made by Priya, with its default columns. */
async function freshBoard(title = "Scratch board") {
  const { id } = await createBoard(await ctxOf(PRIYA), { spaceId: s.spaceId(KESTREL), title });
  const board = await getBoard(await ctxOf(PRIYA), { boardId: id });
  return { id, columns: board.columns.map((c) => c.id) };
}

/** The titles of a column's cards in the board's order, as Priya sees them. */
async function columnTitles(boardId: string, columnIndex: number): Promise<string[]> {
  const board = await getBoard(await ctxOf(PRIYA), { boardId });
  return board.columns[columnIndex]!.cards.map((c) => c.title);
}

describe(`tasking boards (${testEngine})`, () => {
  describe("the seeded board and who sees what", () => {
    it("shows Mark (expired vetting) neither the OFFICIAL-SENSITIVE card nor its count", async () => {
      const asPriya = await getBoard(await ctxOf(PRIYA), { boardId: tasking() });
      const asMark = await getBoard(await ctxOf(MARK), { boardId: tasking() });
      const todo = (b: typeof asPriya) => b.columns.find((c) => c.title === "To do")!;
      expect(todo(asPriya).cards.map((c) => c.title)).toEqual(["Request ANPR hits on the A30 corridor", "Meet source handler about the Bodmin address"]);
      expect(todo(asPriya).cardCount).toBe(2);
      expect(todo(asMark).cards.map((c) => c.title)).toEqual(["Request ANPR hits on the A30 corridor"]);
      expect(todo(asMark).cardCount).toBe(1);
      expect(JSON.stringify(asMark)).not.toContain("source handler");
      // The board list's count is trimmed the same way.
      const list = async (email: string) => (await listBoards(await ctxOf(email), { spaceId: s.spaceId(KESTREL) })).items.find((b) => b.id === tasking())!.cardCount;
      expect(await list(PRIYA)).toBeGreaterThan(await list(MARK));
      // And the card itself is a 404 to him, audited as a refused read.
      const hidden = s.cardId("Meet source handler about the Bodmin address");
      await expect(getCard(await ctxOf(MARK), { cardId: hidden })).rejects.toThrow(NotFoundError);
      expect((await auditOf("card.read", hidden)).some((e) => e.outcome === "denied" && e.actorUserId === s.userId(MARK))).toBe(true);
    });

    it("shows Alex (DOR, under ISA-SW-001) the OFFICIAL-SENSITIVE card, and Helen (CC) nothing of the board", async () => {
      const asAlex = await getBoard(await ctxOf(ALEX), { boardId: tasking() });
      expect(asAlex.columns[0]!.cardCount).toBe(2);
      await expect(getBoard(await ctxOf(HELEN), { boardId: tasking() })).rejects.toThrow(NotFoundError);
      await expect(listBoards(await ctxOf(HELEN), { spaceId: s.spaceId(KESTREL) })).rejects.toThrow(NotFoundError);
      await expect(getBoard(await ctxOf(PRIYA), { boardId: "not-a-uuid" })).rejects.toThrow(NotFoundError);
      await expect(getBoard(await ctxOf(PRIYA), { boardId: MISSING_ID })).rejects.toThrow(NotFoundError);
    });

    it("audits showing OFFICIAL-SENSITIVE cards on a board, with their ids", async () => {
      await getBoard(await ctxOf(TOM), { boardId: tasking() });
      const events = (await auditOf("board.read", tasking())).filter((e) => e.actorUserId === s.userId(TOM));
      expect(events.length).toBeGreaterThan(0);
      expect(events.at(-1)!.details).toMatchObject({ sensitiveCardIds: [s.cardId("Meet source handler about the Bodmin address")] });
    });
  });

  describe("boards and columns", () => {
    it("creates, renames, adds, renames, moves and deletes columns, and deletes the board, each audited", async () => {
      const priya = await ctxOf(PRIYA);
      const board = await freshBoard("Columns board");
      expect((await getBoard(priya, { boardId: board.id })).columns.map((c) => c.title)).toEqual(["To do", "In progress", "Done"]);
      await renameBoard(priya, { boardId: board.id, title: "Renamed board" });
      const { id: review } = await createColumn(priya, { boardId: board.id, title: "Review" });
      await updateColumn(priya, { columnId: review, title: "Checking" });
      // Checking moves between To do and In progress.
      await moveColumn(priya, { columnId: review, afterColumnId: board.columns[0], beforeColumnId: board.columns[1] });
      const after = await getBoard(priya, { boardId: board.id });
      expect(after.title).toBe("Renamed board");
      expect(after.columns.map((c) => c.title)).toEqual(["To do", "Checking", "In progress", "Done"]);
      const card = await createCard(priya, { boardId: board.id, columnId: review, title: "Blocker", marking: "OFFICIAL" });
      await expect(deleteColumn(priya, { columnId: review })).rejects.toThrow(ConflictError);
      await expect(deleteColumn(priya, { columnId: review })).rejects.toThrow("still holds cards");
      await deleteCard(priya, { cardId: card.id });
      await deleteColumn(priya, { columnId: review });
      expect((await getBoard(priya, { boardId: board.id })).columns).toHaveLength(3);
      for (const action of ["board.create", "board.rename", "board.column_create", "board.column_rename", "board.column_move", "board.column_delete"]) {
        expect(await auditOf(action, board.id), action).toHaveLength(1);
      }
      await deleteBoard(priya, { boardId: board.id });
      await expect(getBoard(priya, { boardId: board.id })).rejects.toThrow(NotFoundError);
      expect(await auditOf("board.delete", board.id)).toHaveLength(1);
    });

    it("refuses a board title that is empty or too long, and stores nothing", async () => {
      const priya = await ctxOf(PRIYA);
      const before = (await listBoards(priya, { spaceId: s.spaceId(KESTREL) })).items.length;
      await expect(createBoard(priya, { spaceId: s.spaceId(KESTREL), title: "  " })).rejects.toThrow("Give the board a title: it cannot be empty");
      await expect(createBoard(priya, { spaceId: s.spaceId(KESTREL), title: "x".repeat(201) })).rejects.toThrow(InvalidInputError);
      expect((await listBoards(priya, { spaceId: s.spaceId(KESTREL) })).items).toHaveLength(before);
    });

    it("refuses deleting a board holding cards the deleter may not delete (403), and deletes nothing", async () => {
      await expect(deleteBoard(await ctxOf(TOM), { boardId: tasking() })).rejects.toThrow(ForbiddenError);
      expect((await getBoard(await ctxOf(PRIYA), { boardId: tasking() })).columns.flatMap((c) => c.cards).length).toBeGreaterThanOrEqual(4);
    });
  });

  describe("cards", () => {
    it("creates a card with the space's default marking, edits, assigns, links and unlinks it, and announces each change", async () => {
      const priya = await ctxOf(PRIYA);
      const [todo] = (await getBoard(priya, { boardId: tasking() })).columns;
      nudges.length = 0;
      const card = await createCard(priya, {
        boardId: tasking(),
        columnId: todo!.id,
        title: "  Check the lock-up garage  ",
        description: "Garage 14\nRear entrance",
        startAt: "2026-05-01T09:00:00Z",
        dueAt: "2026-05-02",
        labels: ["Search", "Search", " Priority "],
        checklist: [{ text: "Warrant", done: true }, { text: "Keys" }],
      });
      expect(card).toMatchObject({ title: "Check the lock-up garage", marking: "OFFICIAL-SENSITIVE", version: 1, labels: ["Search", "Priority"], dueAt: "2026-05-02T00:00:00.000Z" });
      expect(card.description).toEqual({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Garage 14" }] }, { type: "paragraph", content: [{ type: "text", text: "Rear entrance" }] }] });
      expect(card.checklist.map((i) => [i.text, i.done])).toEqual([["Warrant", true], ["Keys", false]]);
      expect(card.permissions).toEqual({ canUpdate: true, canDelete: true, canRemark: true });

      const edited = await updateCard(await ctxOf(TOM), { cardId: card.id, expectedVersion: 1, title: "Search the lock-up garage", description: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "x", marks: [{ type: "link", attrs: { href: "javascript:alert(1)" } }] }] }, { type: "script" }] } });
      expect(edited.version).toBe(2);
      // The description is cleaned to the editor's schema: the unsafe link and unknown node go.
      expect(edited.description).toEqual({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "x" }] }] });

      const assigned = await setCardAssignees(priya, { cardId: card.id, userIds: [s.userId(TOM), s.userId(ALEX)] });
      expect(assigned.assignees.map((a) => a.name).sort()).toEqual(["DC Alex Morgan", "PC Tom Hughes"]);
      expect(assigned.version).toBe(3);
      const linked = await linkCard(priya, { cardId: card.id, documentId: s.documentId("Investigation log") });
      expect(linked.links).toEqual([{ id: expect.any(String), kind: "document", targetId: s.documentId("Investigation log"), title: "Investigation log" }]);
      // Linking twice changes nothing.
      expect((await linkCard(priya, { cardId: card.id, documentId: s.documentId("Investigation log") })).links).toHaveLength(1);
      const unlinked = await unlinkCard(priya, { cardId: card.id, linkId: linked.links[0]!.id });
      expect(unlinked.links).toEqual([]);

      for (const action of ["card.create", "card.update", "card.assign", "card.link", "card.unlink"]) expect(await auditOf(action, card.id), action).toHaveLength(1);
      expect(nudges.length).toBeGreaterThanOrEqual(5);
      // The audit trail never holds the card's text.
      expect(JSON.stringify(await auditOf("card.create", card.id))).not.toContain("garage");
    });

    it("refuses a stale edit with a conflict carrying the current card, and does not apply it", async () => {
      const priya = await ctxOf(PRIYA);
      const tom = await ctxOf(TOM);
      const [todo] = (await getBoard(priya, { boardId: tasking() })).columns;
      const card = await createCard(priya, { boardId: tasking(), columnId: todo!.id, title: "Door-to-door enquiries", marking: "OFFICIAL" });
      // Both open version 1; Tom saves first.
      await updateCard(tom, { cardId: card.id, expectedVersion: 1, title: "Door-to-door enquiries: Station Road" });
      const stale = updateCard(priya, { cardId: card.id, expectedVersion: 1, title: "Door-to-door enquiries: High Street", labels: ["Enquiries"] });
      await expect(stale).rejects.toThrow(CardConflictError);
      const err = (await stale.catch((e: unknown) => e)) as CardConflictError;
      expect(err.status).toBe(409);
      expect(err.current).toMatchObject({ id: card.id, title: "Door-to-door enquiries: Station Road", version: 2 });
      expect(err.details).toMatchObject({ current: { version: 2 } });
      const row = await cardRow(card.id);
      expect(row).toMatchObject({ title: "Door-to-door enquiries: Station Road", labels: [], version: 2 });
      // Merged against the current version, it goes through.
      expect((await updateCard(priya, { cardId: card.id, expectedVersion: 2, labels: ["Enquiries"] })).version).toBe(3);
    });

    it("lets only the card's own agency lower its marking, with a justification; anyone who may edit it may raise it", async () => {
      const priya = await ctxOf(PRIYA);
      const [todo] = (await getBoard(priya, { boardId: tasking() })).columns;
      const card = await createCard(priya, { boardId: tasking(), columnId: todo!.id, title: "Marking test", marking: "OFFICIAL" });
      const raised = await updateCard(await ctxOf(ALEX), { cardId: card.id, expectedVersion: 1, marking: "OFFICIAL-SENSITIVE" });
      expect(raised.marking).toBe("OFFICIAL-SENSITIVE");
      await expect(updateCard(await ctxOf(ALEX), { cardId: card.id, expectedVersion: 2, marking: "OFFICIAL", justification: "Published in the press release" })).rejects.toThrow(ForbiddenError);
      await expect(updateCard(priya, { cardId: card.id, expectedVersion: 2, marking: "OFFICIAL" })).rejects.toThrow("Say why");
      await expect(updateCard(priya, { cardId: card.id, expectedVersion: 2, marking: "SECRET" })).rejects.toThrow(InvalidInputError);
      expect((await cardRow(card.id))!.marking).toBe("OFFICIAL-SENSITIVE");
      const lowered = await updateCard(priya, { cardId: card.id, expectedVersion: 2, marking: "OFFICIAL", justification: "Published in the press release" });
      expect(lowered.marking).toBe("OFFICIAL");
      const events = await auditOf("card.remark", card.id);
      expect(events).toHaveLength(2);
      expect(events.find((e) => e.markingAfter === "OFFICIAL")).toMatchObject({ markingBefore: "OFFICIAL-SENSITIVE", markingAfter: "OFFICIAL", justification: "Published in the press release" });
    });

    it("refuses Mark a card marked above his vetting (403), and creates it marked OFFICIAL", async () => {
      const mark = await ctxOf(MARK);
      const [todo] = (await getBoard(mark, { boardId: tasking() })).columns;
      await expect(createCard(mark, { boardId: tasking(), columnId: todo!.id, title: "Mark's card" })).rejects.toThrow("Your vetting does not allow you to add a card marked OFFICIAL-SENSITIVE");
      expect((await createCard(mark, { boardId: tasking(), columnId: todo!.id, title: "Mark's card", marking: "OFFICIAL" })).marking).toBe("OFFICIAL");
    });
  });

  describe("bad input: a clear error, and nothing changed", () => {
    it("refuses moving a card to a column of another space's board", async () => {
      const priya = await ctxOf(PRIYA);
      const { id: mashBoard } = await createBoard(priya, { spaceId: s.spaceId(MASH), title: "MASH actions" });
      const mashColumn = (await getBoard(priya, { boardId: mashBoard })).columns[0]!.id;
      const cardId = s.cardId("Request ANPR hits on the A30 corridor");
      const before = await cardRow(cardId);
      await expect(moveCard(priya, { cardId, columnId: mashColumn, afterCardId: null, beforeCardId: null })).rejects.toThrow("A card can only move to a column of its own board");
      // A column of another board of the same space, and none at all, answer the same.
      const other = await freshBoard("Another Kestrel board");
      await expect(moveCard(priya, { cardId, columnId: other.columns[0]!, afterCardId: null, beforeCardId: null })).rejects.toThrow("A card can only move to a column of its own board");
      await expect(moveCard(priya, { cardId, columnId: MISSING_ID, afterCardId: null, beforeCardId: null })).rejects.toThrow("A card can only move to a column of its own board");
      expect(await cardRow(cardId)).toEqual(before);
      expect((await auditOf("card.move", cardId)).length).toBe(0);
    });

    it("refuses a due date before the start, on create and on update", async () => {
      const priya = await ctxOf(PRIYA);
      const [todo] = (await getBoard(priya, { boardId: tasking() })).columns;
      const count = async () => Number((await db.select({ n: sql<number>`count(*)` }).from(t.cards))[0]!.n);
      const cards = await count();
      await expect(createCard(priya, { boardId: tasking(), columnId: todo!.id, title: "Backwards", startAt: "2026-05-02T09:00:00Z", dueAt: "2026-05-01T09:00:00Z" })).rejects.toThrow(
        "The due date cannot be before the start date",
      );
      expect(await count()).toBe(cards);
      const cardId = s.cardId("Share vehicle sightings with Dorset");
      const before = await cardRow(cardId);
      await expect(updateCard(priya, { cardId, expectedVersion: before!.version, startAt: "2026-05-02T09:00:00Z", dueAt: "2026-05-01T09:00:00Z" })).rejects.toThrow("The due date cannot be before the start date");
      await expect(updateCard(priya, { cardId, expectedVersion: before!.version, dueAt: "next Tuesday" })).rejects.toThrow(InvalidInputError);
      expect(await cardRow(cardId)).toEqual(before);
    });

    it("refuses a 10,000-character title, on create and on update", async () => {
      const priya = await ctxOf(PRIYA);
      const [todo] = (await getBoard(priya, { boardId: tasking() })).columns;
      const long = "x".repeat(10_000);
      await expect(createCard(priya, { boardId: tasking(), columnId: todo!.id, title: long })).rejects.toThrow("A card title has at most 200 characters");
      expect(await db.select().from(t.cards).where(eq(t.cards.title, long))).toEqual([]);
      const cardId = s.cardId("Share vehicle sightings with Dorset");
      const before = await cardRow(cardId);
      await expect(updateCard(priya, { cardId, expectedVersion: before!.version, title: long })).rejects.toThrow("A card title has at most 200 characters");
      expect(await cardRow(cardId)).toEqual(before);
    });

    it("refuses an unknown assignee, a stranger to the space, and a member who may not read the card", async () => {
      const priya = await ctxOf(PRIYA);
      const cardId = s.cardId("Meet source handler about the Bodmin address");
      const before = await cardRow(cardId);
      const assignees = async () => (await db.select().from(t.cardAssignees).where(eq(t.cardAssignees.cardId, cardId))).map((a) => a.userId).sort();
      const was = await assignees();
      for (const userIds of [[MISSING_ID], ["not-a-uuid"], [s.userId(HELEN)], [s.userId(MARK)], [s.userId(TOM), MISSING_ID]]) {
        await expect(setCardAssignees(priya, { cardId, userIds }), JSON.stringify(userIds)).rejects.toThrow(/not a member of this space who can see this card|are not members/);
      }
      expect(await assignees()).toEqual(was);
      expect(await cardRow(cardId)).toEqual(before);
    });

    it("refuses linking a document of another space, or one the linker cannot read, with one message", async () => {
      const priya = await ctxOf(PRIYA);
      const cardId = s.cardId("Request ANPR hits on the A30 corridor");
      await expect(linkCard(priya, { cardId, documentId: s.documentId("Strategy meeting minutes") })).rejects.toThrow("Link a document, file or form submission of this card's space that you can open");
      await expect(linkCard(await ctxOf(MARK), { cardId, documentId: s.documentId("Investigation log") })).rejects.toThrow("Link a document, file or form submission of this card's space that you can open");
      await expect(linkCard(priya, { cardId, documentId: MISSING_ID })).rejects.toThrow("Link a document, file or form submission of this card's space that you can open");
      expect(await db.select().from(t.cardLinks).where(eq(t.cardLinks.cardId, cardId))).toEqual([]);
    });

    it("shows a link only to viewers who may read what it points at", async () => {
      const priya = await ctxOf(PRIYA);
      const cardId = s.cardId("Request ANPR hits on the A30 corridor");
      await linkCard(priya, { cardId, documentId: s.documentId("Investigation log") });
      const doc = await buildDocument(db, { spaceId: s.spaceId(KESTREL), title: "Public appeal", marking: "OFFICIAL" });
      await linkCard(priya, { cardId, documentId: doc.id });
      expect((await getCard(priya, { cardId })).links.map((l) => l.title).sort()).toEqual(["Investigation log", "Public appeal"]);
      expect((await getCard(await ctxOf(MARK), { cardId })).links.map((l) => l.title)).toEqual(["Public appeal"]);
    });
  });

  describe("links to form submissions", () => {
    /** A fresh OFFICIAL card on the Kestrel board, made by Priya (everyone in Kestrel may read and edit it). */
    async function officialCard(title: string) {
      const priya = await ctxOf(PRIYA);
      const [todo] = (await getBoard(priya, { boardId: tasking() })).columns;
      return createCard(priya, { boardId: tasking(), columnId: todo!.id, title, marking: "OFFICIAL" });
    }
    /** Tom's MG11 draft in Kestrel: OFFICIAL-SENSITIVE (the space's default), so above Mark's lapsed vetting. */
    const tomsStatement = async () => createSubmission(await ctxOf(TOM), { formId: await mg11Id(), spaceId: s.spaceId(KESTREL), answers: { witnessName: "Sarah Jane Collins" } });

    it("links Priya's card to Tom's statement, shows it as the form, its owner and status, audits it, and unlinks it", async () => {
      const priya = await ctxOf(PRIYA);
      const card = await officialCard("Take the witness statement");
      const statement = await tomsStatement();
      expect(statement.marking).toBe("OFFICIAL-SENSITIVE");
      const linked = await linkCard(priya, { cardId: card.id, submissionId: statement.id });
      expect(linked.links).toEqual([{ id: expect.any(String), kind: "submission", targetId: statement.id, title: "MG11 Witness statement: PC Tom Hughes, draft" }]);
      expect(linked.version).toBe(card.version);
      // Linking twice changes nothing; Tom and Alex (DOR, under ISA-SW-001) see it as Priya does.
      expect((await linkCard(priya, { cardId: card.id, submissionId: statement.id })).links).toHaveLength(1);
      for (const email of [TOM, ALEX]) expect((await getCard(await ctxOf(email), { cardId: card.id })).links, email).toEqual(linked.links);
      const [audit] = await auditOf("card.link", card.id);
      expect(audit!.details).toMatchObject({ linkId: linked.links[0]!.id, submissionId: statement.id, documentId: null, fileId: null });

      const unlinked = await unlinkCard(priya, { cardId: card.id, linkId: linked.links[0]!.id });
      expect(unlinked.links).toEqual([]);
      expect((await auditOf("card.unlink", card.id))[0]!.details).toMatchObject({ submissionId: statement.id });
    });

    it("shows Mark (expired vetting) nothing of a link to an OFFICIAL-SENSITIVE submission, not even its id, on the card or the board", async () => {
      const priya = await ctxOf(PRIYA);
      const mark = await ctxOf(MARK);
      const card = await officialCard("Review the statements");
      const statement = await tomsStatement();
      // An OFFICIAL one of the space, written as a row as createSubmission would (the space's default is higher): Mark may read it.
      const tom = (await db.select().from(t.users).where(eq(t.users.id, s.userId(TOM))))[0]!;
      const version = (await db.select().from(t.submissions).where(eq(t.submissions.id, statement.id)))[0]!.formVersionId;
      const [open] = await db
        .insert(t.submissions)
        .values({ formVersionId: version, spaceId: s.spaceId(KESTREL), owningAgencyId: tom.agencyId, marking: "OFFICIAL", markingRank: RANKS.OFFICIAL, ownerId: tom.id, status: "draft", data: {} })
        .returning();
      await linkCard(priya, { cardId: card.id, submissionId: statement.id });
      await linkCard(priya, { cardId: card.id, submissionId: open!.id });
      expect((await getCard(priya, { cardId: card.id })).links.map((l) => l.targetId).sort()).toEqual([statement.id, open!.id].sort());

      const asMark = await getCard(mark, { cardId: card.id });
      expect(asMark.links).toEqual([{ id: expect.any(String), kind: "submission", targetId: open!.id, title: "MG11 Witness statement: PC Tom Hughes, draft" }]);
      expect(JSON.stringify(asMark)).not.toContain(statement.id);
      const board = await getBoard(mark, { boardId: tasking() });
      expect(board.columns.flatMap((c) => c.cards).some((k) => k.id === card.id)).toBe(true);
      expect(JSON.stringify(board)).not.toContain(statement.id);
      // Helen (outside Kestrel) has no card to see at all.
      await expect(getCard(await ctxOf(HELEN), { cardId: card.id })).rejects.toThrow(NotFoundError);
    });

    it("refuses another space's submission, one the linker cannot read, a missing one and two targets at once, with one message, changing nothing", async () => {
      const priya = await ctxOf(PRIYA);
      const card = await officialCard("Chase the MASH referral");
      const before = await cardRow(card.id);
      // Priya may read this one (she owns the MASH space), but it is not of Kestrel.
      const mash = await createSubmission(priya, { formId: await mg11Id(), spaceId: s.spaceId(MASH), answers: { witnessName: "MASH witness" } });
      const statement = await tomsStatement();
      await expect(linkCard(priya, { cardId: card.id, submissionId: mash.id })).rejects.toThrow(LINK_REFUSED);
      // Mark may edit the OFFICIAL card but not read Tom's OFFICIAL-SENSITIVE statement: the same message as for a missing one.
      await expect(linkCard(await ctxOf(MARK), { cardId: card.id, submissionId: statement.id })).rejects.toThrow(LINK_REFUSED);
      for (const submissionId of [MISSING_ID, "not-a-uuid"]) await expect(linkCard(priya, { cardId: card.id, submissionId }), submissionId).rejects.toThrow(LINK_REFUSED);
      // A submission id given as a document's or a file's is no such document or file.
      await expect(linkCard(priya, { cardId: card.id, documentId: statement.id })).rejects.toThrow(LINK_REFUSED);
      await expect(linkCard(priya, { cardId: card.id, fileId: statement.id })).rejects.toThrow(LINK_REFUSED);
      await expect(linkCard(priya, { cardId: card.id, submissionId: statement.id, documentId: s.documentId("Press lines") })).rejects.toThrow(InvalidInputError);
      await expect(linkCard(priya, { cardId: card.id })).rejects.toThrow("Link either a document (documentId), a file (fileId) or a form submission (submissionId)");

      expect(await db.select().from(t.cardLinks).where(eq(t.cardLinks.cardId, card.id))).toEqual([]);
      expect(await auditOf("card.link", card.id)).toEqual([]);
      expect(await cardRow(card.id)).toEqual(before);
    });

    it("lets the database hold exactly one target per link, and drops the link with its submission", async () => {
      const card = await officialCard("One target each");
      const statement = await tomsStatement();
      const refused = async (values: Partial<typeof t.cardLinks.$inferInsert>) => {
        const err = await db
          .insert(t.cardLinks)
          .values({ cardId: card.id, ...values })
          .then(
            () => null,
            (e: unknown) => e,
          );
        const parts: string[] = [];
        for (let e: unknown = err; e instanceof Error; e = e.cause) parts.push(e.message);
        return parts.join(" | ");
      };
      expect(await refused({})).toMatch(/card_links_one_target/);
      expect(await refused({ submissionId: statement.id, documentId: s.documentId("Press lines") })).toMatch(/card_links_one_target/);
      await db.insert(t.cardLinks).values({ cardId: card.id, submissionId: statement.id });
      expect(await refused({ submissionId: statement.id })).toMatch(/card_links_card_submission_idx|duplicate key/);
      await db.delete(t.submissions).where(eq(t.submissions.id, statement.id));
      expect(await db.select().from(t.cardLinks).where(eq(t.cardLinks.cardId, card.id))).toEqual([]);
    });
  });

  describe("concurrent moves", () => {
    /** A board with cards A..E in its first column, and the ids by title. */
    async function boardWithCards(title: string, titles = ["A", "B", "C", "D", "E"]) {
      const priya = await ctxOf(PRIYA);
      const board = await freshBoard(title);
      const ids: Record<string, string> = {};
      for (const cardTitle of titles) ids[cardTitle] = (await createCard(priya, { boardId: board.id, columnId: board.columns[0]!, title: cardTitle, marking: "OFFICIAL" })).id;
      return { ...board, ids };
    }

    /** Every card of the board: (column, position, id), in the database's order. */
    const rowsOf = async (boardId: string) =>
      db
        .select({ id: t.cards.id, columnId: t.cards.columnId, position: t.cards.position, title: t.cards.title })
        .from(t.cards)
        .where(eq(t.cards.boardId, boardId))
        .orderBy(asc(t.cards.columnId), sql`${t.cards.position} COLLATE "C"`, asc(t.cards.id));

    it("two moves computed against the same board give the same order in whichever order they arrive", async () => {
      const board = await boardWithCards("Convergence board");
      const { ids } = board;
      const priya = await ctxOf(PRIYA);
      const alex = await ctxOf(ALEX);
      const snapshot = await rowsOf(board.id);
      // Against the same snapshot A, B, C, D, E: Priya drops E between A and B; Alex drops D between A and B too.
      const moveE = () => moveCard(priya, { cardId: ids.E!, columnId: board.columns[0]!, afterCardId: ids.A!, beforeCardId: ids.B! });
      const moveD = () => moveCard(alex, { cardId: ids.D!, columnId: board.columns[0]!, afterCardId: ids.A!, beforeCardId: ids.B! });
      await moveE();
      await moveD();
      const first = await columnTitles(board.id, 0);
      // Back to the snapshot, then the other order.
      for (const r of snapshot) await db.update(t.cards).set({ position: r.position, columnId: r.columnId }).where(eq(t.cards.id, r.id));
      expect(await columnTitles(board.id, 0)).toEqual(["A", "B", "C", "D", "E"]);
      await moveD();
      await moveE();
      const second = await columnTitles(board.id, 0);
      expect(second).toEqual(first);
      expect(first.slice(0, 1)).toEqual(["A"]);
      expect(first.slice(1, 3).sort()).toEqual(["D", "E"]);
      expect(first.slice(3)).toEqual(["B", "C"]);
      // The tie they left is broken by id, and a card dropped between the tied pair still lands there.
      await moveCard(priya, { cardId: ids.C!, columnId: board.columns[0]!, afterCardId: first[1] === "D" ? ids.D! : ids.E!, beforeCardId: first[2] === "D" ? ids.D! : ids.E! });
      const third = await columnTitles(board.id, 0);
      expect(third).toEqual(["A", first[1], "C", first[2], "B"]);
    });

    it("refuses a move when the card is re-marked between the move's read and its write, and applies nothing", async () => {
      const board = await boardWithCards("Re-marked board", ["A", "B"]);
      const priya = await ctxOf(PRIYA);
      const tom = await ctxOf(TOM);
      const before = await rowsOf(board.id);
      // Priya raises B from OFFICIAL to OFFICIAL-SENSITIVE after Tom's move has read it and
      // before it writes: what the policy decided on has changed, so the move must not apply.
      let isRemarked = false;
      const racing = new Proxy(tom.db, {
        get(target, prop, receiver) {
          // The move's write (one statement, or a transaction when it renumbers) is its first
          // execute or transaction: the re-mark lands just before it.
          if (prop !== "transaction" && prop !== "execute") return Reflect.get(target, prop, receiver) as unknown;
          return async (...args: unknown[]) => {
            if (!isRemarked) {
              isRemarked = true;
              await updateCard(priya, { cardId: board.ids.B!, expectedVersion: 1, marking: "OFFICIAL-SENSITIVE" });
            }
            return (Reflect.get(target, prop, receiver) as (...a: unknown[]) => Promise<unknown>).apply(target, args);
          };
        },
      });
      await expect(moveCard({ ...tom, db: racing }, { cardId: board.ids.B!, columnId: board.columns[1]!, afterCardId: null, beforeCardId: null })).rejects.toThrow(
        new InvalidInputError("This card has changed meanwhile; reload the board"),
      );
      expect(isRemarked).toBe(true);
      const after = await rowsOf(board.id);
      expect(after.map((r) => [r.id, r.columnId, r.position])).toEqual(before.map((r) => [r.id, r.columnId, r.position]));
      expect(await auditOf("card.move", board.ids.B!)).toHaveLength(0);
      // Moved again, against the card as it now is, it goes.
      await moveCard(tom, { cardId: board.ids.B!, columnId: board.columns[1]!, afterCardId: null, beforeCardId: null });
      expect(await columnTitles(board.id, 1)).toEqual(["B"]);
    });

    it("many random moves at once leave every card once, in a strict order, and each move wrote its own row only (bar ties)", async () => {
      const titles = Array.from({ length: 12 }, (_, i) => `Card ${i}`);
      const board = await boardWithCards("Busy board", titles);
      const people = [await ctxOf(PRIYA), await ctxOf(TOM), await ctxOf(ALEX)];
      const snapshot = await rowsOf(board.id);
      let seed = 42;
      const random = (n: number) => {
        seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
        return seed % n;
      };
      // Each move computed from the same snapshot (as clients that had not yet seen each other's
      // moves would), fired together.
      const moves = Array.from({ length: 30 }, () => {
        const card = snapshot[random(snapshot.length)]!;
        const columnId = board.columns[random(board.columns.length)]!;
        const inTarget = snapshot.filter((r) => r.columnId === columnId && r.id !== card.id);
        const at = random(inTarget.length + 1);
        return { person: people[random(people.length)]!, input: { cardId: card.id, columnId, afterCardId: inTarget[at - 1]?.id ?? null, beforeCardId: inTarget[at]?.id ?? null } };
      });
      const results = await Promise.allSettled(moves.map((m) => moveCard(m.person, m.input)));
      expect(results.filter((r) => r.status === "rejected")).toEqual([]);
      const after = await rowsOf(board.id);
      expect(after.map((r) => r.title).sort()).toEqual([...titles].sort());
      expect(new Set(after.map((r) => r.id)).size).toBe(titles.length);
      // Strictly ordered within each column: by key, then by id, with no two cards sharing both.
      for (const columnId of board.columns) {
        const col = after.filter((r) => r.columnId === columnId);
        for (let i = 1; i < col.length; i += 1) {
          const [a, b] = [col[i - 1]!, col[i]!];
          expect(a.position < b.position || (a.position === b.position && a.id < b.id), `${a.position}/${a.id} before ${b.position}/${b.id}`).toBe(true);
        }
      }
      // Every view of the board agrees with the database's order.
      const seen = await getBoard(await ctxOf(TOM), { boardId: board.id });
      for (const [i, columnId] of board.columns.entries()) expect(seen.columns[i]!.cards.map((c) => c.id)).toEqual(after.filter((r) => r.columnId === columnId).map((r) => r.id));
    });
  });
});
