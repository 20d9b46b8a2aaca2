/**
 * Briefings on the demo scenario: Priya publishes on the Kestrel board; Tom acknowledges; Alex
 * has not; an update is a new revision everyone must acknowledge again; an OFFICIAL-SENSITIVE
 * briefing is invisible to Mark (expired vetting), absent from his list and 404 on status and
 * acknowledgement; a reader acknowledges but may not publish (403); bad input (empty text, a
 * 10,000-character title, another space's file attached, an old revision acknowledged) is refused
 * with a clear error and nothing changed.
 */
import { describe, expect, it } from "vitest";
import { and, count, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import * as t from "@/db/schema";
import { buildActor, buildMembership, buildUser, openSeededDatabaseForFile, policyCtx, type SeededScenario } from "@/db/factories";
import { testEngine } from "@/db/testing";
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from "../errors";
import { onBoardChanged } from "../boards/board-events";
import { acknowledgeBriefing } from "./acknowledge-briefing";
import { getBriefingStatus } from "./get-briefing-status";
import { listBriefings } from "./list-briefings";
import { publishBriefing } from "./publish-briefing";
import { reviseBriefing } from "./revise-briefing";

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
const KESTREL = "Operation Kestrel";
const MASH = "Cornwall MASH: referral 2026-0412";

const ctxOf = async (email: string) => policyCtx(db, await buildActor(db, s.userId(email)));
const tasking = () => s.boardId("Kestrel tasking");
const auditOf = async (action: string, subjectId: string) => db.select().from(t.auditEvents).where(and(eq(t.auditEvents.action, action), eq(t.auditEvents.subjectId, subjectId)));
const names = (people: { name: string }[]) => people.map((p) => p.name);

/** How many briefings, revisions and acknowledgements exist: "nothing changed" is all three unchanged. */
async function tally() {
  const [b] = await db.select({ n: count() }).from(t.briefings);
  const [r] = await db.select({ n: count() }).from(t.briefingRevisions);
  const [a] = await db.select({ n: count() }).from(t.briefingAcknowledgements);
  return { briefings: b!.n, revisions: r!.n, acknowledgements: a!.n };
}

async function expectNothingChanged(run: () => Promise<unknown>, error: new (...args: never[]) => Error, message?: RegExp) {
  const before = await tally();
  const failure = run();
  await expect(failure).rejects.toThrow(error);
  if (message) await expect(failure).rejects.toThrow(message);
  expect(await tally()).toEqual(before);
}

/** A file row in `space`, owned by DCP (no blob: only its row matters to attaching). */
async function fileIn(spaceName: string, marking = "OFFICIAL", rank = 1, extra: { name?: string; status?: "clean" | "quarantined" } = {}) {
  const [row] = await db
    .insert(t.files)
    .values({ spaceId: s.spaceId(spaceName), owningAgencyId: s.agencyId("DCP"), marking, markingRank: rank, name: extra.name ?? `briefing-${spaceName}.pdf`, status: extra.status ?? "clean", extension: "pdf", mediaType: "application/pdf", sizeBytes: 10, sha256: "0".repeat(64), blobKey: `test/${crypto.randomUUID()}` })
    .returning();
  return row!;
}

describe(`briefings (${testEngine})`, () => {
  it("publishes, is acknowledged, and shows the author exactly who has and has not been briefed", async () => {
    const nudges: string[] = [];
    const stop = onBoardChanged(tasking(), () => nudges.push("changed"));
    const attachment = await fileIn(KESTREL);
    const published = await publishBriefing(await ctxOf(PRIYA), { boardId: tasking(), title: "Morning briefing", body: "Suspect vehicle seen on the A30.\nHold the Bodmin address.", marking: "OFFICIAL", attachments: [attachment.id] });
    expect(published).toMatchObject({ title: "Morning briefing", marking: "OFFICIAL", acknowledgedAt: null, latest: { number: 1, body: "Suspect vehicle seen on the A30.\nHold the Bodmin address.", attachments: [{ id: attachment.id }] } });
    expect(await auditOf("briefing.publish", published.id)).toHaveLength(1);

    const asTom = await acknowledgeBriefing(await ctxOf(TOM), { briefingId: published.id, revisionId: published.latest.id });
    expect(asTom.acknowledgedAt).not.toBeNull();
    expect(await auditOf("briefing.acknowledge", published.id)).toHaveLength(1);
    // Acknowledging twice changes nothing.
    await acknowledgeBriefing(await ctxOf(TOM), { briefingId: published.id });
    expect(await auditOf("briefing.acknowledge", published.id)).toHaveLength(1);

    const status = await getBriefingStatus(await ctxOf(PRIYA), { briefingId: published.id });
    expect(names(status.acknowledged)).toEqual(["PC Tom Hughes"]);
    expect(status.acknowledged[0]!.acknowledgedAt).toBe(asTom.acknowledgedAt);
    expect(names(status.notYet)).toEqual(["DC Alex Morgan", "DS Priya Shah", "PC Mark Ellis"]);

    const tomsList = await listBriefings(await ctxOf(TOM), { boardId: tasking() });
    expect(tomsList.items.find((b) => b.id === published.id)).toMatchObject({ acknowledgedAt: asTom.acknowledgedAt, permissions: { canAcknowledge: true } });
    const alexList = await listBriefings(await ctxOf(ALEX), { boardId: tasking() });
    expect(alexList.items.find((b) => b.id === published.id)).toMatchObject({ acknowledgedAt: null });
    stop();
    expect(nudges.length).toBeGreaterThanOrEqual(2);
  });

  it("makes an update a new revision that everyone must acknowledge again, and refuses acknowledging the old one", async () => {
    const first = await publishBriefing(await ctxOf(PRIYA), { boardId: tasking(), title: "Search briefing", body: "Search the woodland at 10:00.", marking: "OFFICIAL" });
    await acknowledgeBriefing(await ctxOf(TOM), { briefingId: first.id });
    const second = await reviseBriefing(await ctxOf(PRIYA), { briefingId: first.id, body: "Search moved to 11:00: meet at the church." });
    expect(second.latest).toMatchObject({ number: 2, body: "Search moved to 11:00: meet at the church." });
    expect(await auditOf("briefing.revise", first.id)).toHaveLength(1);
    const status = await getBriefingStatus(await ctxOf(PRIYA), { briefingId: first.id });
    expect(status.revision.number).toBe(2);
    expect(status.acknowledged).toEqual([]);
    expect(names(status.notYet)).toContain("PC Tom Hughes");
    expect((await listBriefings(await ctxOf(TOM), { boardId: tasking() })).items.find((b) => b.id === first.id)!.acknowledgedAt).toBeNull();

    // The page was open on revision 1 when the update came: refused, with a clear message.
    await expectNothingChanged(async () => acknowledgeBriefing(await ctxOf(TOM), { briefingId: first.id, revisionId: first.latest.id }), ConflictError, /updated since revision 1.*revision 2/);
    // A revision of another briefing is not one of this briefing's.
    const other = await publishBriefing(await ctxOf(PRIYA), { boardId: tasking(), title: "Other", body: "Other text", marking: "OFFICIAL" });
    await expectNothingChanged(async () => acknowledgeBriefing(await ctxOf(TOM), { briefingId: first.id, revisionId: other.latest.id }), InvalidInputError);
    await acknowledgeBriefing(await ctxOf(TOM), { briefingId: first.id, revisionId: second.latest.id });
    expect(names((await getBriefingStatus(await ctxOf(PRIYA), { briefingId: first.id })).acknowledged)).toEqual(["PC Tom Hughes"]);
  });

  it("hides an OFFICIAL-SENSITIVE briefing from Mark (expired vetting): not listed, 404 on status and acknowledgement", async () => {
    // Kestrel's default marking is OFFICIAL-SENSITIVE.
    const hidden = await publishBriefing(await ctxOf(PRIYA), { boardId: tasking(), title: "Source briefing", body: "Source handler meets at 14:00." });
    expect(hidden.marking).toBe("OFFICIAL-SENSITIVE");
    const marksList = await listBriefings(await ctxOf(MARK), { boardId: tasking() });
    expect(marksList.items.map((b) => b.id)).not.toContain(hidden.id);
    expect(JSON.stringify(marksList)).not.toContain("Source handler");
    await expectNothingChanged(async () => acknowledgeBriefing(await ctxOf(MARK), { briefingId: hidden.id }), NotFoundError);
    await expect(getBriefingStatus(await ctxOf(MARK), { briefingId: hidden.id })).rejects.toThrow(NotFoundError);
    await expect(reviseBriefing(await ctxOf(MARK), { briefingId: hidden.id, body: "x" })).rejects.toThrow(NotFoundError);
    expect((await auditOf("briefing.acknowledge", hidden.id)).some((e) => e.outcome === "denied" && e.actorUserId === s.userId(MARK))).toBe(true);
    // And he is not in its audience.
    expect(names([...(await getBriefingStatus(await ctxOf(PRIYA), { briefingId: hidden.id })).notYet])).not.toContain("PC Mark Ellis");
    // Someone outside the space sees neither the board nor the briefing.
    await expect(listBriefings(await ctxOf(HELEN), { boardId: tasking() })).rejects.toThrow(NotFoundError);
    await expect(acknowledgeBriefing(await ctxOf(HELEN), { briefingId: hidden.id })).rejects.toThrow(NotFoundError);
    await expect(acknowledgeBriefing(await ctxOf(PRIYA), { briefingId: "not-a-uuid" })).rejects.toThrow(NotFoundError);
  });

  it("names only the attachments the viewer may read: a file above Mark's vetting is left out, not named", async () => {
    const press = await fileIn(KESTREL, "OFFICIAL", 1, { name: "press-statement.pdf" });
    const source = await fileIn(KESTREL, "OFFICIAL-SENSITIVE", 2, { name: "source-handling-notes.pdf" });
    const held = await fileIn(KESTREL, "OFFICIAL", 1, { name: "scanner-held.pdf", status: "quarantined" });
    const published = await publishBriefing(await ctxOf(PRIYA), { boardId: tasking(), title: "Attachments briefing", body: "Read the attached.", marking: "OFFICIAL", attachments: [press.id, source.id, held.id] });
    expect(published.latest.attachments).toEqual([
      { id: press.id, name: "press-statement.pdf", isDownloadable: true },
      { id: source.id, name: "source-handling-notes.pdf", isDownloadable: true },
      { id: held.id, name: "scanner-held.pdf", isDownloadable: false },
    ]);
    const list = await listBriefings(await ctxOf(PRIYA), { boardId: tasking() });
    expect(list.spaceId).toBe(s.spaceId(KESTREL));

    // Mark reads the OFFICIAL briefing, but his expired vetting opens OFFICIAL files only.
    const marks = await listBriefings(await ctxOf(MARK), { boardId: tasking() });
    const seen = marks.items.find((b) => b.id === published.id)!;
    expect(seen.latest.attachments.map((a) => a.name)).toEqual(["press-statement.pdf", "scanner-held.pdf"]);
    expect(JSON.stringify(marks)).not.toContain(source.id);
    expect(JSON.stringify(marks)).not.toContain("source-handling-notes");
    // Alex (DOR, RV under ISA-SW-001) may read all three.
    const alexs = (await listBriefings(await ctxOf(ALEX), { boardId: tasking() })).items.find((b) => b.id === published.id)!;
    expect(alexs.latest.attachments.map((a) => a.id)).toEqual([press.id, source.id, held.id]);

    // A revision carries its own attachments; a file deleted since is no longer named.
    const revised = await reviseBriefing(await ctxOf(PRIYA), { briefingId: published.id, body: "Only the press statement now.", attachments: [press.id, source.id] });
    expect(revised.latest.attachments.map((a) => a.id)).toEqual([press.id, source.id]);
    await db.delete(t.files).where(eq(t.files.id, press.id));
    const afterDelete = (await listBriefings(await ctxOf(TOM), { boardId: tasking() })).items.find((b) => b.id === published.id)!;
    expect(afterDelete.latest.attachments.map((a) => a.id)).toEqual([source.id]);
  });

  it("lets a reader of the space acknowledge but not publish, update or see the status (403)", async () => {
    const reader = await buildUser(db, { agencyId: s.agencyId("DCP") });
    await buildMembership(db, { spaceId: s.spaceId(KESTREL), userId: reader.id, role: "reader" });
    const asReader = await policyCtx(db, await buildActor(db, reader.id));
    const briefing = await publishBriefing(await ctxOf(PRIYA), { boardId: tasking(), title: "Readers too", body: "Everyone reads this.", marking: "OFFICIAL" });
    expect((await listBriefings(asReader, { boardId: tasking() })).permissions.canPublish).toBe(false);
    await expectNothingChanged(() => publishBriefing(asReader, { boardId: tasking(), title: "Not allowed", body: "Text", marking: "OFFICIAL" }), ForbiddenError);
    await expectNothingChanged(() => reviseBriefing(asReader, { briefingId: briefing.id, body: "Changed" }), ForbiddenError);
    await expect(getBriefingStatus(asReader, { briefingId: briefing.id })).rejects.toThrow(ForbiddenError);
    const acknowledged = await acknowledgeBriefing(asReader, { briefingId: briefing.id });
    expect(acknowledged.acknowledgedAt).not.toBeNull();
    expect((await getBriefingStatus(await ctxOf(PRIYA), { briefingId: briefing.id })).acknowledged.map((p) => p.id)).toEqual([reader.id]);
  });

  it("refuses bad input with a clear error and changes nothing", async () => {
    const priya = await ctxOf(PRIYA);
    const base = { boardId: tasking(), title: "Bad input", body: "Text", marking: "OFFICIAL" };
    await expectNothingChanged(() => publishBriefing(priya, { ...base, body: "   " }), InvalidInputError, /cannot be empty/);
    await expectNothingChanged(() => publishBriefing(priya, { ...base, body: "x".repeat(20_001) }), InvalidInputError, /at most 20,000 characters/);
    await expectNothingChanged(() => publishBriefing(priya, { ...base, title: "x".repeat(10_000) }), InvalidInputError, /at most 200 characters/);
    await expectNothingChanged(() => publishBriefing(priya, { ...base, title: "" }), InvalidInputError, /cannot be empty/);
    const otherSpaceFile = await fileIn(MASH);
    await expectNothingChanged(() => publishBriefing(priya, { ...base, attachments: [otherSpaceFile.id] }), InvalidInputError, /files of this board's space/);
    await expectNothingChanged(() => publishBriefing(priya, { ...base, attachments: ["not-a-uuid"] }), InvalidInputError, /files of this board's space/);
    await expectNothingChanged(() => publishBriefing(priya, { ...base, marking: "SECRET" }), Error);
    const briefing = await publishBriefing(priya, base);
    await expectNothingChanged(() => reviseBriefing(priya, { briefingId: briefing.id, body: "" }), InvalidInputError, /cannot be empty/);
    await expectNothingChanged(() => reviseBriefing(priya, { briefingId: briefing.id, body: "New", attachments: [otherSpaceFile.id] }), InvalidInputError, /files of this board's space/);
    // Mark cannot attach a file above his vetting, even in the right space: the same error as a missing one.
    const sensitiveFile = await fileIn(KESTREL, "OFFICIAL-SENSITIVE", 2);
    await expectNothingChanged(async () => publishBriefing(await ctxOf(MARK), { ...base, attachments: [sensitiveFile.id] }), InvalidInputError, /files of this board's space/);
  });
});
