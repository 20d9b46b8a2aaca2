/**
 * Permission-trimmed search on the demo scenario (issue 10), on the engine the suite runs on:
 *  - a term found only in what a person may not read gives them nothing, not even a count, and
 *    the same "nothing" as a term found nowhere;
 *  - for every persona and several queries (rare, frequent, phrase, OR), the result set is exactly
 *    every full-text match without the policy, kept row by row where `ability.can("read", …)`
 *    says so (for a card, its board too), and the total counts that set;
 *  - filters only narrow; bad input is refused with a clear message; snippets mark the matches;
 *  - documents, files (PDF, Word, text), cards, submissions and spaces are searchable, and the
 *    index follows their changes.
 */
import { eq, sql } from "drizzle-orm";
import { Document, Packer, Paragraph } from "docx";
import { PDFDocument } from "pdf-lib";
import { createMongoAbility } from "@casl/ability";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import * as t from "@/db/schema";
import { rowsOf } from "@/db/client";
import { buildActor, buildDocument, openSeededDatabaseForFile, PERSONA_EMAILS, policyCtx, type SeededScenario } from "@/db/factories";
import { testEngine } from "@/db/testing";
import { can } from "@/policies/authorize";
import { seedDocumentContent } from "../collab/seed-document-content";
import { stateFromDocumentJson } from "../collab/yjs-content";
import { boardSubject, cardSubject, documentSubject, fileSubject, submissionSubject } from "../authz/columns";
import { ForbiddenError, InvalidInputError } from "../errors";
import { uploadFile } from "../files/upload-file";
import { textFile } from "../files/testing/file-fixtures";
import { temporaryFileServicesForFile } from "../files/testing/temporary-file-services";
import { createSubmission } from "../submissions/create-submission";
import { indexDocumentText } from "./index-document-text";
import { searchContent, type SearchContentInput } from "./search-content";

let db: Db;
let s: SeededScenario;
openSeededDatabaseForFile((opened) => {
  db = opened.db;
  s = opened.scenario;
});
temporaryFileServicesForFile({ maxUploadBytes: 1024 * 1024 });

const ctxOf = async (email: string) => policyCtx(db, await buildActor(db, s.userId(email)));
const paragraphs = (...texts: string[]) => ({ type: "doc", content: texts.map((text) => ({ type: "paragraph", content: [{ type: "text", text }] })) });

/** A document with `text` as its stored content, indexed as the collaboration server stores it. */
async function documentWithText(input: Parameters<typeof buildDocument>[1], ...texts: string[]): Promise<string> {
  const doc = await buildDocument(db, input);
  const state = stateFromDocumentJson(paragraphs(...texts));
  await db.insert(t.documentStates).values({ documentId: doc.id, state });
  await indexDocumentText(db, doc.id, state);
  return doc.id;
}

beforeAll(async () => {
  await seedDocumentContent(db);
  const kestrel = s.spaceId("Operation Kestrel");
  const mash = s.spaceId("Cornwall MASH: referral 2026-0412");
  const training = s.spaceId("DCP Training");
  const tom = s.userId(PERSONA_EMAILS.tom);
  // "bridge" is frequent: in every kind of content, under every kind of marking and audience.
  await documentWithText({ spaceId: kestrel, title: "Bridge watch log", owningAgencyId: s.agencyId("DOR"), marking: "OFFICIAL-SENSITIVE PERSONAL DATA", descriptors: ["PERSONAL DATA"] }, "Dorset officers watched the harbour crossing and the old bridge.");
  await documentWithText({ spaceId: kestrel, title: "Recipients only note", marking: "OFFICIAL-SENSITIVE RECIPIENTS ONLY", handling: "RECIPIENTS ONLY", recipientIds: [tom] }, "Only Tom may read about the bridge informant and the lighthouse.");
  await documentWithText({ spaceId: kestrel, title: "Unknown descriptor", owningAgencyId: s.agencyId("DOR"), marking: "OFFICIAL-SENSITIVE", descriptors: ["CODEWORD-X"] }, "A bridge note that no agreement lets cross.");
  await documentWithText({ spaceId: mash, title: "Home visit", marking: "OFFICIAL-SENSITIVE PERSONAL DATA", descriptors: ["PERSONAL DATA"] }, "Social worker visit near the bridge; lighthouse keeper present.");
  await documentWithText({ spaceId: mash, title: "Partner leaflet", marking: "OFFICIAL" }, "Leaflet about the harbour crossing for families.");
  await documentWithText({ spaceId: training, title: "Bridge training", marking: "OFFICIAL" }, "Training on bridge safety for new starters.");
  // The rare term: only in MASH's minutes (OFFICIAL-SENSITIVE), which Ben, Alex and Mark may not read.
  const minutes = s.documentId("Strategy meeting minutes");
  await indexDocumentText(db, minutes, stateFromDocumentJson(paragraphs("Attendees agreed a safety plan.", "Quillwort Farm is where the child stays.")));

  await db.update(t.cards).set({ description: paragraphs("Source says the bridge is used at night.") }).where(eq(t.cards.id, s.cardId("Meet source handler about the Bodmin address")));
  await db.update(t.cards).set({ description: paragraphs("Patrol the bridge and the lighthouse road.") }).where(eq(t.cards.id, s.cardId("Daily patrol plan")));
  await db.update(t.spaces).set({ description: "Courses, including one on bridge inspections." }).where(eq(t.spaces.id, training));

  const tomCtx = await ctxOf(PERSONA_EMAILS.tom);
  const [mg11] = await db.select({ id: t.forms.id }).from(t.forms).where(eq(t.forms.key, "mg11"));
  await createSubmission(tomCtx, { formId: mg11!.id, spaceId: kestrel, answers: { witnessName: "Bridget Keeper", urn: "50AB1234526" } });
  await createSubmission(tomCtx, { formId: mg11!.id, spaceId: kestrel, answers: { witnessName: "Saw a car on the bridge" } });
  const priya = await ctxOf(PERSONA_EMAILS.priya);
  await uploadFile(priya, { spaceId: mash, name: "bridge-referral.txt", marking: "OFFICIAL-SENSITIVE PERSONAL DATA", bytes: textFile("Referral notes: the bridge and Quillwort Farm.") });
  await uploadFile(priya, { spaceId: kestrel, name: "press-cuttings.txt", marking: "OFFICIAL", bytes: textFile("Cuttings about the harbour crossing and a lighthouse.") });
});

/** Every full-text match, without any policy: each kind's rows, as the policy sees them. */
async function allMatches(q: string) {
  const query = sql`websearch_to_tsquery('english', ${q}::text)`;
  const hits = (column: string) => sql`SELECT ${sql.raw(column)} AS id FROM search_entries WHERE ${sql.raw(column)} IS NOT NULL AND vector @@ ${query}`;
  const ids = async (column: string) => rowsOf<{ id: string }>(await db.execute(hits(column))).map((r) => r.id);
  const inIds = (list: string[]) => sql`ANY(${sql.param(list)}::uuid[])`;
  const [documentIds, fileIds, cardIds, submissionIds, spaceIds] = await Promise.all(["document_id", "file_id", "card_id", "submission_id", "space_id"].map(ids));
  return {
    documents: documentIds!.length ? await db.select().from(t.documents).where(sql`${t.documents.id} = ${inIds(documentIds!)}`) : [],
    files: fileIds!.length ? await db.select().from(t.files).where(sql`${t.files.id} = ${inIds(fileIds!)}`) : [],
    cards: cardIds!.length ? await db.select({ card: t.cards, board: t.boards }).from(t.cards).innerJoin(t.boards, eq(t.boards.id, t.cards.boardId)).where(sql`${t.cards.id} = ${inIds(cardIds!)}`) : [],
    submissions: submissionIds!.length ? await db.select().from(t.submissions).where(sql`${t.submissions.id} = ${inIds(submissionIds!)}`) : [],
    spaces: spaceIds!.length ? await db.select().from(t.spaces).where(sql`${t.spaces.id} = ${inIds(spaceIds!)}`) : [],
  };
}

/** The brute-force answer: every match the person's ability lets them read, as `type:id`. */
async function bruteForce(email: string, q: string): Promise<string[]> {
  const { ability } = await ctxOf(email);
  const m = await allMatches(q);
  return [
    ...m.documents.filter((d) => can(ability, "read", "Document", documentSubject(d))).map((d) => `document:${d.id}`),
    ...m.files.filter((f) => can(ability, "read", "File", fileSubject(f))).map((f) => `file:${f.id}`),
    ...m.cards.filter(({ card, board }) => can(ability, "read", "Card", cardSubject(card)) && can(ability, "read", "Board", boardSubject(board))).map(({ card }) => `card:${card.id}`),
    ...m.submissions.filter((r) => can(ability, "read", "Submission", submissionSubject(r))).map((r) => `submission:${r.id}`),
    ...m.spaces.filter((sp) => can(ability, "read", "Space", { id: sp.id, ownerAgencyId: sp.ownerAgencyId })).map((sp) => `space:${sp.id}`),
  ].sort();
}

async function search(email: string, input: SearchContentInput) {
  return searchContent(await ctxOf(email), { limit: 50, ...input });
}

const QUERIES = ["quillwort", "bridge", '"harbour crossing"', "lighthouse OR quillwort", "bridge -lighthouse", "minutes"] as const;

describe(`search equals the brute-force policy check (${testEngine})`, () => {
  for (const [persona, email] of Object.entries(PERSONA_EMAILS)) {
    it(`${persona}: every query gives exactly the matches they may read, counted after trimming`, async () => {
      for (const q of QUERIES) {
        const expected = await bruteForce(email, q);
        const page = await search(email, { q });
        expect(page.items.map((i) => `${i.type}:${i.id}`).sort(), `${persona} "${q}"`).toEqual(expected);
        expect(page.total, `${persona} "${q}" total`).toBe(expected.length);
      }
    });
  }

  it("the corpus tells the personas apart (so the comparison above can fail)", async () => {
    const everything = await allMatches("bridge");
    const all = everything.documents.length + everything.files.length + everything.cards.length + everything.submissions.length + everything.spaces.length;
    expect(all).toBeGreaterThanOrEqual(10);
    const seen = await Promise.all(Object.values(PERSONA_EMAILS).map(async (e) => (await search(e, { q: "bridge" })).total));
    expect(new Set(seen).size).toBeGreaterThanOrEqual(4);
    expect(Math.max(...seen)).toBeLessThan(all);
  });
});

describe(`nothing of what a person may not read (${testEngine})`, () => {
  it("a term only in the MASH minutes gives Alex, Ben and Mark nothing at all, exactly as a term found nowhere", async () => {
    for (const email of [PERSONA_EMAILS.alex, PERSONA_EMAILS.ben, PERSONA_EMAILS.mark]) {
      const hidden = await search(email, { q: "quillwort" });
      const nowhere = await search(email, { q: "zzyzxnotaword" });
      expect(hidden).toEqual({ items: [], total: 0, nextOffset: null });
      expect(hidden).toEqual(nowhere);
    }
  });

  it("Priya (the MASH owner) finds the minutes and the referral file, with the match marked", async () => {
    const page = await search(PERSONA_EMAILS.priya, { q: "quillwort" });
    const minutes = page.items.find((i) => i.id === s.documentId("Strategy meeting minutes"));
    expect(minutes).toMatchObject({ type: "document", marking: "OFFICIAL-SENSITIVE PERSONAL DATA", space: { name: "Cornwall MASH: referral 2026-0412" }, href: `/documents/${minutes?.id}` });
    expect(minutes!.title.map((x) => x.text).join("")).toBe("Strategy meeting minutes");
    expect(minutes!.snippet.filter((x) => x.isMatch).map((x) => x.text)).toEqual(["Quillwort"]);
    expect(page.items.some((i) => i.type === "file")).toBe(true);
    expect(page.total).toBe(2);
  });

  it("Helen sees the MASH minutes but nothing of Kestrel; Alex sees Kestrel but nothing of MASH", async () => {
    const helen = await search(PERSONA_EMAILS.helen, { q: "bridge" });
    expect(helen.items.every((i) => i.space.id === s.spaceId("Cornwall MASH: referral 2026-0412"))).toBe(true);
    expect(helen.total).toBeGreaterThan(0);
    const alex = await search(PERSONA_EMAILS.alex, { q: "bridge" });
    expect(alex.items.every((i) => i.space.id === s.spaceId("Operation Kestrel"))).toBe(true);
    expect(alex.items.map((i) => i.title.map((x) => x.text).join(""))).toContain("Bridge watch log");
  });

  it("a person the policy lets read nothing is answered without a query", async () => {
    const ctx = await ctxOf(PERSONA_EMAILS.alex);
    // A database that fails the test if it is touched at all.
    const untouchable = new Proxy(ctx.db, {
      get: () => {
        throw new Error("queried the database");
      },
    });
    const page = await searchContent({ ...ctx, db: untouchable, ability: createMongoAbility([]) as typeof ctx.ability }, { q: "bridge" });
    expect(page).toEqual({ items: [], total: 0, nextOffset: null });
    // And the same person with their real ability does query (so the proxy above would have caught it).
    await expect(searchContent({ ...ctx, db: untouchable }, { q: "bridge" })).rejects.toThrow(/queried the database/);
  });
});

describe(`filters narrow, bad input is refused (${testEngine})`, () => {
  it("by type, space, marking and date; the total follows", async () => {
    const all = await search(PERSONA_EMAILS.priya, { q: "bridge" });
    const cardsOnly = await search(PERSONA_EMAILS.priya, { q: "bridge", types: ["card"] });
    expect(cardsOnly.items.length).toBeGreaterThan(0);
    expect(cardsOnly.items.every((i) => i.type === "card" && i.href.startsWith(`/spaces/${i.space.id}/boards/`))).toBe(true);
    const kestrel = await search(PERSONA_EMAILS.priya, { q: "bridge", spaceId: s.spaceId("Operation Kestrel") });
    expect(kestrel.items.every((i) => i.space.id === s.spaceId("Operation Kestrel"))).toBe(true);
    const official = await search(PERSONA_EMAILS.priya, { q: "bridge", marking: "OFFICIAL" });
    expect(official.items.every((i) => i.marking === "OFFICIAL")).toBe(true);
    expect(official.total).toBeLessThan(all.total);
    expect(kestrel.total + 0).toBeLessThan(all.total);
    const future = await search(PERSONA_EMAILS.priya, { q: "bridge", updatedFrom: "2099-01-01" });
    expect(future.total).toBe(0);
    const today = await search(PERSONA_EMAILS.priya, { q: "bridge", updatedFrom: "2020-01-01", updatedTo: "2099-12-31" });
    expect(today.total).toBe(all.total);
  });

  it("pages: the total stays, the next offset moves on", async () => {
    const first = await searchContent(await ctxOf(PERSONA_EMAILS.priya), { q: "bridge", limit: 2 });
    expect(first.items).toHaveLength(2);
    expect(first.nextOffset).toBe(2);
    const past = await searchContent(await ctxOf(PERSONA_EMAILS.priya), { q: "bridge", limit: 2, offset: 900 });
    expect(past).toEqual({ items: [], total: first.total, nextOffset: null });
  });

  it("by retention state for records managers only; by label for anyone, narrowing", async () => {
    const [label] = await db
      .insert(t.retentionLabels)
      .values({ agencyId: s.agencyId("DCP"), reference: "T-SEARCH", name: "Search test label", trigger: "created", action: "delete", periodYears: 6 })
      .returning();
    const training = (await db.select().from(t.documents).where(eq(t.documents.title, "Bridge training")))[0]!;
    await db.insert(t.recordItems).values({ itemType: "document", itemId: training.id, spaceId: training.spaceId, owningAgencyId: training.owningAgencyId, labelId: label!.id, appliedHow: "manual", state: "retained" });
    const byLabel = await search(PERSONA_EMAILS.priya, { q: "bridge", labelId: label!.id });
    expect(byLabel.items.map((i) => i.id)).toEqual([training.id]);
    const janet = await search(PERSONA_EMAILS.janet, { q: "bridge", retentionState: "retained" });
    expect(janet.items.map((i) => i.id)).toEqual([training.id]);
    expect((await search(PERSONA_EMAILS.janet, { q: "bridge", retentionState: "in_review" })).total).toBe(0);
    await expect(search(PERSONA_EMAILS.alex, { q: "bridge", retentionState: "retained" })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("refuses an empty, blank, too long or common-words-only query and bad filter values, saying why", async () => {
    const refusal = async (input: Record<string, unknown>) => {
      const err = await search(PERSONA_EMAILS.priya, input as SearchContentInput).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err, JSON.stringify(input)).toBeInstanceOf(InvalidInputError);
      return (err as InvalidInputError).message;
    };
    expect(await refusal({ q: "" })).toMatch(/Type something/);
    expect(await refusal({ q: "   " })).toMatch(/Type something/);
    expect(await refusal({ q: "x".repeat(201) })).toMatch(/at most 200/);
    expect(await refusal({ q: "the and of" })).toMatch(/common word/);
    expect(await refusal({ q: "bridge", types: ["document", "email"] })).toMatch(/type is one of/);
    expect(await refusal({ q: "bridge", marking: "SECRETISH" })).toMatch(/marking is one of/);
    expect(await refusal({ q: "bridge", spaceId: "not-a-uuid" })).toMatch(/space must be an id/);
    expect(await refusal({ q: "bridge", updatedFrom: "2026-02-30" })).toMatch(/real day/);
    expect(await refusal({ q: "bridge", updatedFrom: "2026-03-02", updatedTo: "2026-03-01" })).toMatch(/after the last/);
    expect(await refusal({ q: "bridge", retentionState: "gone" })).toMatch(/retention state is one of/);
    expect(await refusal({ q: "bridge", limit: 51 })).toMatch(/at most 50/);
  });
});

describe(`the index follows the content (${testEngine})`, () => {
  it("a renamed document, an edited card and a changed space are found by their new words at once", async () => {
    const id = s.documentId("Press lines");
    await db.update(t.documents).set({ title: "Press lines about the Zanzibar appeal" }).where(eq(t.documents.id, id));
    expect((await search(PERSONA_EMAILS.tom, { q: "zanzibar" })).items.map((i) => i.id)).toEqual([id]);
    await db.update(t.cards).set({ title: "Visit the marmalade factory" }).where(eq(t.cards.id, s.cardId("Draft press lines")));
    expect((await search(PERSONA_EMAILS.tom, { q: "marmalade" })).items.map((i) => i.type)).toEqual(["card"]);
    // The old card title no longer matches.
    expect((await search(PERSONA_EMAILS.tom, { q: "\"draft press\"", types: ["card"] })).total).toBe(0);
  });

  it("extracts the text of PDF and Word uploads; a stored snippet marker cannot fake a highlight", async () => {
    const priya = await ctxOf(PERSONA_EMAILS.priya);
    const pdf = await PDFDocument.create();
    pdf.addPage([300, 200]).drawText("Gooseberry warrant schedule", { x: 20, y: 100, size: 12 });
    const kestrel = s.spaceId("Operation Kestrel");
    await uploadFile(priya, { spaceId: kestrel, name: "warrant.pdf", bytes: await pdf.save() });
    const docx = new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph("Huckleberry interview plan")] }] })));
    await uploadFile(priya, { spaceId: kestrel, name: "interview.docx", bytes: docx });
    expect((await search(PERSONA_EMAILS.priya, { q: "gooseberry" })).items.map((i) => i.title.map((x) => x.text).join(""))).toEqual(["warrant.pdf"]);
    expect((await search(PERSONA_EMAILS.priya, { q: "huckleberry" })).items.map((i) => i.title.map((x) => x.text).join(""))).toEqual(["interview.docx"]);
    await uploadFile(priya, { spaceId: kestrel, name: "markers.txt", bytes: textFile("plain \uE000fake\uE001 text about elderflower") });
    const [hit] = (await search(PERSONA_EMAILS.priya, { q: "elderflower" })).items;
    expect(hit!.snippet.filter((x) => x.isMatch).map((x) => x.text)).toEqual(["elderflower"]);
    expect(hit!.snippet.map((x) => x.text).join("")).not.toMatch(/[\uE000\uE001]/);
  });
});
