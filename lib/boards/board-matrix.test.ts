/**
 * The board actions × the demo personas (security.md "route matrix"): each operation called as
 * each person of domain.md §8 on the seeded Kestrel board, on a fresh OFFICIAL card and on a
 * fresh OFFICIAL-SENSITIVE one, with the expected answer written out by hand: allowed, 403
 * (visible but forbidden) or 404 (invisible, exactly like a missing id). A refused call changes
 * nothing: the card's row is compared before and after (for reopenCard, after Priya completed it).
 * Linking is tried with an OFFICIAL document and an OFFICIAL form submission of Kestrel, which
 * everyone in the space may read, so the answer is the card's alone.
 */
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import * as t from "@/db/schema";
import { buildActor, openSeededDatabaseForFile, policyCtx, type SeededScenario, PERSONA_EMAILS } from "@/db/factories";
import { testEngine } from "@/db/testing";
import { RANKS } from "@/policies/markings";
import type { PolicyCtx } from "../context";
import { ForbiddenError, NotFoundError } from "../errors";
import { completeCard } from "./complete-card";
import { createCard } from "./create-card";
import { createColumn } from "./create-column";
import { deleteCard } from "./delete-card";
import { getBoard } from "./get-board";
import { getCard } from "./get-card";
import { linkCard } from "./link-card";
import { listBoards } from "./list-boards";
import { moveCard } from "./move-card";
import { renameBoard } from "./rename-board";
import { reopenCard } from "./reopen-card";
import { setCardAssignees } from "./set-card-assignees";
import { updateCard } from "./update-card";
import { createBoard } from "./create-board";

let db: Db;
let s: SeededScenario;
openSeededDatabaseForFile((opened) => {
  db = opened.db;
  s = opened.scenario;
});

const PEOPLE = PERSONA_EMAILS;
type Person = keyof typeof PEOPLE;
type Outcome = "ok" | 403 | 404;

const ctxOf = async (person: Person) => policyCtx(db, await buildActor(db, s.userId(PEOPLE[person])));
const board = () => s.boardId("Kestrel tasking");

/**
 * An OFFICIAL submission of Kestrel (Tom's MG11 draft), made once: written as a row, as
 * createSubmission would have written it, since Kestrel's default marking is higher.
 */
let officialSubmission: Promise<string> | undefined;
const submissionId = () =>
  (officialSubmission ??= (async () => {
    const [form] = await db.select({ id: t.forms.id }).from(t.forms).where(eq(t.forms.key, "mg11"));
    const [version] = await db.select({ id: t.formVersions.id }).from(t.formVersions).where(eq(t.formVersions.formId, form!.id)).limit(1);
    const [tom] = await db.select().from(t.users).where(eq(t.users.id, s.userId(PEOPLE.tom)));
    const [row] = await db
      .insert(t.submissions)
      .values({ formVersionId: version!.id, spaceId: s.spaceId("Operation Kestrel"), owningAgencyId: tom!.agencyId, marking: "OFFICIAL", markingRank: RANKS.OFFICIAL, ownerId: tom!.id, status: "draft", data: {} })
      .returning({ id: t.submissions.id });
    return row!.id;
  })());

/** Everything one person may call, given the card under test and the board's first two columns. */
type Fixture = { cardId: string; columns: string[] };
const ACTIONS: Record<string, (ctx: PolicyCtx, f: Fixture) => Promise<unknown>> = {
  listBoards: (ctx) => listBoards(ctx, { spaceId: s.spaceId("Operation Kestrel") }),
  getBoard: (ctx) => getBoard(ctx, { boardId: board() }),
  createBoard: (ctx) => createBoard(ctx, { spaceId: s.spaceId("Operation Kestrel"), title: "Matrix board" }),
  renameBoard: (ctx) => renameBoard(ctx, { boardId: board(), title: "Kestrel tasking" }),
  createColumn: (ctx) => createColumn(ctx, { boardId: board(), title: "Matrix column" }),
  createCard: (ctx, f) => createCard(ctx, { boardId: board(), columnId: f.columns[0]!, title: "Matrix card", marking: "OFFICIAL" }),
  getCard: (ctx, f) => getCard(ctx, { cardId: f.cardId }),
  updateCard: async (ctx, f) => updateCard(ctx, { cardId: f.cardId, expectedVersion: (await versionOf(f.cardId))!, labels: ["matrix"] }),
  moveCard: (ctx, f) => moveCard(ctx, { cardId: f.cardId, columnId: f.columns[1]!, afterCardId: null, beforeCardId: null }),
  setCardAssignees: (ctx, f) => setCardAssignees(ctx, { cardId: f.cardId, userIds: [s.userId(PEOPLE.priya)] }),
  linkCard: (ctx, f) => linkCard(ctx, { cardId: f.cardId, documentId: s.documentId("Press lines") }),
  linkSubmission: async (ctx, f) => linkCard(ctx, { cardId: f.cardId, submissionId: await submissionId() }),
  completeCard: async (ctx, f) => completeCard(ctx, { cardId: f.cardId, expectedVersion: (await versionOf(f.cardId))! }),
  reopenCard: (ctx, f) => reopenCard(ctx, { cardId: f.cardId }),
  deleteCard: (ctx, f) => deleteCard(ctx, { cardId: f.cardId }),
};
/** What an action needs done to its fresh card first, by Priya (who may do everything): a card to reopen is a completed one. */
const PREPARE: Record<string, (priya: PolicyCtx, cardId: string) => Promise<unknown>> = {
  reopenCard: (priya, cardId) => completeCard(priya, { cardId }),
};
const ALL = Object.keys(ACTIONS);
const BOARD_ACTIONS = ["listBoards", "getBoard", "createBoard", "renameBoard", "createColumn", "createCard"];
const versionOf = async (cardId: string) => (await db.select({ v: t.cards.version }).from(t.cards).where(eq(t.cards.id, cardId)))[0]?.v;

const everything = (except: Record<string, Outcome> = {}) => Object.fromEntries(ALL.map((a) => [a, except[a] ?? "ok"])) as Record<string, Outcome>;
const nothing = () => Object.fromEntries(ALL.map((a) => [a, 404])) as Record<string, Outcome>;
// Members and guests of Kestrel may do everything but delete a card (the space owner's or a
// records manager's, as for documents and files).
const editor = everything({ deleteCard: 403 });

/**
 * The expected answer per person, for an OFFICIAL card and for an OFFICIAL-SENSITIVE one.
 * Janet, Sam, Helen, Ben and Aisha are not in Kestrel: the board, and so every card on it, does
 * not exist for them. Mark's vetting has expired: the OFFICIAL-SENSITIVE card is invisible to him
 * (404 for everything about it), while the board and its OFFICIAL cards are his to work on.
 */
const MATRIX: [Person, "OFFICIAL" | "OFFICIAL-SENSITIVE", Record<string, Outcome>][] = [
  ["priya", "OFFICIAL", everything()],
  ["priya", "OFFICIAL-SENSITIVE", everything()],
  ["tom", "OFFICIAL", editor],
  ["tom", "OFFICIAL-SENSITIVE", editor],
  ["mark", "OFFICIAL", editor],
  ["mark", "OFFICIAL-SENSITIVE", { ...editor, getCard: 404, updateCard: 404, moveCard: 404, setCardAssignees: 404, linkCard: 404, linkSubmission: 404, completeCard: 404, reopenCard: 404, deleteCard: 404 }],
  ["alex", "OFFICIAL", editor],
  ["alex", "OFFICIAL-SENSITIVE", editor],
  ...(["janet", "sam", "helen", "ben", "aisha"] as const).flatMap((p) => [
    [p, "OFFICIAL", nothing()] as [Person, "OFFICIAL", Record<string, Outcome>],
    [p, "OFFICIAL-SENSITIVE", nothing()] as [Person, "OFFICIAL-SENSITIVE", Record<string, Outcome>],
  ]),
];

async function outcomeOf(run: () => Promise<unknown>): Promise<Outcome> {
  try {
    await run();
    return "ok";
  } catch (err) {
    if (err instanceof NotFoundError) return 404;
    if (err instanceof ForbiddenError) return 403;
    throw err;
  }
}

describe(`board actions × personas (${testEngine})`, () => {
  it("covers every person of the scenario and every board operation", () => {
    expect(new Set(MATRIX.map(([p]) => p))).toEqual(new Set(Object.keys(PEOPLE)));
    for (const [, , expected] of MATRIX) expect(Object.keys(expected).sort()).toEqual([...ALL].sort());
  });

  it.each(MATRIX)("%s on a %s card", async (person, marking, expected) => {
    const priya = await ctxOf("priya");
    const columns = (await getBoard(priya, { boardId: board() })).columns.map((c) => c.id);
    const ctx = await ctxOf(person);
    for (const action of ALL) {
      // A fresh card for each action, so that one action's effect (a move, a delete) does not decide the next.
      const card = await createCard(priya, { boardId: board(), columnId: columns[0]!, title: `Target ${action}`, marking });
      await PREPARE[action]?.(priya, card.id);
      const before = (await db.select().from(t.cards).where(eq(t.cards.id, card.id)))[0];
      const got = await outcomeOf(() => ACTIONS[action]!(ctx, { cardId: card.id, columns }));
      expect(got, `${person} ${action} on ${marking}`).toBe(expected[action]);
      if (got !== "ok" && !BOARD_ACTIONS.includes(action)) {
        expect((await db.select().from(t.cards).where(eq(t.cards.id, card.id)))[0], `${person} ${action}: unchanged`).toEqual(before);
      }
    }
  });
});
