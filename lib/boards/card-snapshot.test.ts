/**
 * The live feed's view of a card (one shared read, trimmed in memory per viewer) must be exactly
 * the board API's view of it (filtered in SQL), for every persona and every card, links included:
 * otherwise a viewer would be sent, live, what the API would not show them.
 */
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import * as t from "@/db/schema";
import { buildActor, buildDocument, openSeededDatabaseForFile, policyCtx, type SeededScenario } from "@/db/factories";
import { testEngine } from "@/db/testing";
import { RANKS } from "@/policies/markings";
import { createSubmission } from "../submissions/create-submission";
import { NotFoundError } from "../errors";
import { createCard } from "./create-card";
import { getBoard } from "./get-board";
import { getCard } from "./get-card";
import { linkCard } from "./link-card";
import { cardViewFor, loadCardSnapshot, sharedCardSnapshot } from "./card-snapshot";

let db: Db;
let s: SeededScenario;
openSeededDatabaseForFile((opened) => {
  db = opened.db;
  s = opened.scenario;
});

const PEOPLE = ["priya.shah@dcp.example", "tom.hughes@dcp.example", "mark.ellis@dcp.example", "alex.morgan@dor.example", "helen.carter@cc.example", "janet.okafor@dcp.example"];
const ctxOf = async (email: string) => policyCtx(db, await buildActor(db, s.userId(email)));

describe(`the live feed's view of a card (${testEngine})`, () => {
  it("equals the API's view of it for every persona and every card, links trimmed alike", async () => {
    const priya = await ctxOf("priya.shah@dcp.example");
    const boardId = s.boardId("Kestrel tasking");
    const column = (await getBoard(priya, { boardId })).columns[0]!.id;
    // A card everyone in the space may read, linked to an OFFICIAL-SENSITIVE document and to an
    // OFFICIAL one, and to an OFFICIAL-SENSITIVE form submission and an OFFICIAL one: Mark must
    // get the card with only the OFFICIAL links.
    const card = await createCard(priya, { boardId, columnId: column, title: "Linked both ways", marking: "OFFICIAL" });
    const open = await buildDocument(db, { spaceId: s.spaceId("Operation Kestrel"), title: "Open briefing note", marking: "OFFICIAL", createdBy: s.userId("priya.shah@dcp.example") });
    await linkCard(priya, { cardId: card.id, documentId: s.documentId("Investigation log") });
    await linkCard(priya, { cardId: card.id, documentId: open.id });
    const [mg11] = await db.select({ id: t.forms.id }).from(t.forms).where(eq(t.forms.key, "mg11"));
    const statement = await createSubmission(await ctxOf("tom.hughes@dcp.example"), { formId: mg11!.id, spaceId: s.spaceId("Operation Kestrel"), answers: { witnessName: "Live feed witness" } });
    const tom = (await db.select().from(t.users).where(eq(t.users.id, s.userId("tom.hughes@dcp.example"))))[0]!;
    const [openSubmission] = await db
      .insert(t.submissions)
      .values({ formVersionId: statement.form.versionId, spaceId: s.spaceId("Operation Kestrel"), owningAgencyId: tom.agencyId, marking: "OFFICIAL", markingRank: RANKS.OFFICIAL, ownerId: tom.id, status: "submitted", data: {} })
      .returning();
    await linkCard(priya, { cardId: card.id, submissionId: statement.id });
    await linkCard(priya, { cardId: card.id, submissionId: openSubmission!.id });
    expect((await getCard(priya, { cardId: card.id })).links.map((l) => l.kind).sort()).toEqual(["document", "document", "submission", "submission"]);

    const cards = await db.select({ id: t.cards.id }).from(t.cards).where(eq(t.cards.boardId, boardId));
    expect(cards.length).toBeGreaterThan(2);
    let shown = 0;
    let hidden = 0;
    for (const email of PEOPLE) {
      const ctx = await ctxOf(email);
      for (const { id } of cards) {
        const api = await getCard(ctx, { cardId: id }).catch((err: unknown) => {
          if (err instanceof NotFoundError) return null;
          throw err;
        });
        const live = cardViewFor(ctx.ability, await loadCardSnapshot(db, id));
        expect(live, `${email} / ${id}`).toEqual(api);
        if (api) shown += 1;
        else hidden += 1;
      }
    }
    // Both outcomes were exercised.
    expect(shown).toBeGreaterThan(0);
    expect(hidden).toBeGreaterThan(0);
    const mark = await ctxOf("mark.ellis@dcp.example");
    expect(cardViewFor(mark.ability, await loadCardSnapshot(db, card.id))?.links.map((l) => l.title).sort()).toEqual(["MG11 Witness statement: PC Tom Hughes, submitted", "Open briefing note"]);
    expect(JSON.stringify(cardViewFor(mark.ability, await loadCardSnapshot(db, card.id)))).not.toContain(statement.id);
  });

  it("reads a changed card once for everyone told of the same change, and again for the next", async () => {
    const id = s.cardId("Share vehicle sightings with Dorset");
    const first = sharedCardSnapshot(db, id, 1_000_001);
    expect(sharedCardSnapshot(db, id, 1_000_001)).toBe(first);
    const next = sharedCardSnapshot(db, id, 1_000_002);
    expect(next).not.toBe(first);
    expect((await next)?.row.id).toBe(id);
    expect(await loadCardSnapshot(db, "00000000-0000-4000-8000-000000000000")).toBeNull();
  });
});
