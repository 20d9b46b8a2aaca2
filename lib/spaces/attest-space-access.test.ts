/**
 * Access review, with a clock: once a space's review is overdue its partner guests are suspended
 * (the space and its documents are gone for them) until an owner attests, which restores them at
 * once. People of the owning agency are never suspended by it. Only owners attest.
 */
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditEvents, spaceAttestations, spaces } from "@/db/schema";
import { buildActor, buildDocument, policyCtx, openSeededDatabaseForFile, type SeededScenario } from "@/db/factories";
import type { PolicyCtx } from "../context";
import { getDocument } from "../documents/get-document";
import { listDocuments } from "../documents/list-documents";
import { ForbiddenError, NotFoundError } from "../errors";
import { addSpaceMember } from "./add-space-member";
import { attestSpaceAccess } from "./attest-space-access";
import { createSpace } from "./create-space";
import { getSpace } from "./get-space";
import { listMySpaces } from "./list-my-spaces";
import { setSpaceStatus } from "./set-space-status";

const PRIYA = "priya.shah@dcp.example";
const TOM = "tom.hughes@dcp.example";
const ALEX = "alex.morgan@dor.example";

// Created on 2027-01-01 with the default 90-day cadence: the review falls due on 2027-04-01 at
// 09:00, a month before Alex's access ends with ISA-SW-001's review (2027-05-01).
const CREATED = new Date("2027-01-01T09:00:00Z");
const DUE = new Date("2027-04-01T09:00:00Z");
const JUST_BEFORE = new Date(DUE.getTime() - 60_000);
const OVERDUE = new Date("2027-04-03T10:00:00Z");

let db: Db;
let s: SeededScenario;

// A fresh database with the demo scenario for this file (db/factories.ts).
openSeededDatabaseForFile((t) => {
  db = t.db;
  s = t.scenario;
});

const ctxOf = async (email: string, now: Date) => policyCtx(db, await buildActor(db, s.userId(email), now), now);
const eventsOf = (ctx: PolicyCtx) => db.select().from(auditEvents).where(eq(auditEvents.requestId, ctx.requestId));

/** Operation Heron, created by Priya at CREATED, with Tom (member), Alex (guest) and two documents. */
async function heron() {
  const { id: spaceId } = await createSpace(await ctxOf(PRIYA, CREATED), {
    name: "Operation Heron",
    ceilingMarking: "OFFICIAL-SENSITIVE",
    defaultMarking: "OFFICIAL",
    agreementIds: [s.agreementId("ISA-SW-001")],
  });
  const owner = await ctxOf(PRIYA, CREATED);
  await addSpaceMember(owner, { spaceId, userId: s.userId(TOM), role: "member" });
  await addSpaceMember(owner, { spaceId, userId: s.userId(ALEX), role: "guest" });
  const briefing = await buildDocument(db, { spaceId, marking: "OFFICIAL", title: "Heron briefing" });
  const log = await buildDocument(db, { spaceId, marking: "OFFICIAL-SENSITIVE PERSONAL DATA", descriptors: ["PERSONAL DATA"], title: "Heron log" });
  return { spaceId, briefing: briefing.id, log: log.id };
}

/** What a person can reach of the space at `now`: whether it is listed, opens, and which documents they read. */
async function reach(email: string, w: Awaited<ReturnType<typeof heron>>, now: Date) {
  const ctx = await ctxOf(email, now);
  const isListed = (await listMySpaces(ctx)).some((sp) => sp.id === w.spaceId);
  const opens = await getSpace(ctx, { spaceId: w.spaceId }).then(
    () => true,
    (e: unknown) => (e instanceof NotFoundError ? false : Promise.reject(e)),
  );
  const readable: string[] = [];
  for (const [title, documentId] of [["Heron briefing", w.briefing], ["Heron log", w.log]] as const) {
    const ok = await getDocument(ctx, { documentId }).then(
      () => true,
      (e: unknown) => (e instanceof NotFoundError ? false : Promise.reject(e)),
    );
    if (ok) readable.push(title);
  }
  const listed = (await listDocuments(ctx, { spaceId: w.spaceId })).items.map((d) => d.title).sort();
  return { isListed, opens, readable, listed };
}

const FULL = { isListed: true, opens: true, readable: ["Heron briefing", "Heron log"], listed: ["Heron briefing", "Heron log"] };
const NOTHING = { isListed: false, opens: false, readable: [], listed: [] };

describe("attestSpaceAccess and the access review clock", () => {
  it("suspends the guest once the review is overdue, keeps own-agency members, and restores the guest as soon as Priya attests", async () => {
    const w = await heron();

    // Up to the moment the review falls due, everyone has the space.
    for (const email of [PRIYA, TOM, ALEX]) expect(await reach(email, w, JUST_BEFORE), email).toEqual(FULL);

    // From then on the guest is suspended, and the owner is told the review is overdue; the
    // owning agency's people are not suspended.
    expect(await reach(ALEX, w, DUE)).toEqual(NOTHING);
    expect((await getSpace(await ctxOf(PRIYA, JUST_BEFORE), { spaceId: w.spaceId })).attestation.isOverdue).toBe(false);
    expect((await getSpace(await ctxOf(PRIYA, DUE), { spaceId: w.spaceId })).attestation.isOverdue).toBe(true);
    expect(await reach(ALEX, w, OVERDUE)).toEqual(NOTHING);
    expect(await reach(TOM, w, OVERDUE)).toEqual(FULL);
    expect(await reach(PRIYA, w, OVERDUE)).toEqual(FULL);
    expect((await getSpace(await ctxOf(PRIYA, OVERDUE), { spaceId: w.spaceId })).attestation).toMatchObject({
      dueAt: DUE.toISOString(),
      isOverdue: true,
    });
    // Alex's other space is unaffected: Kestrel's own review is on its own clock.
    await db.update(spaces).set({ lastAttestedAt: new Date("2027-03-01T00:00:00Z") }).where(eq(spaces.id, s.spaceId("Operation Kestrel")));
    expect((await listMySpaces(await ctxOf(ALEX, OVERDUE))).map((sp) => sp.name)).toEqual(["Operation Kestrel"]);

    // Priya attests; Alex is back on his very next request.
    const ctx = await ctxOf(PRIYA, OVERDUE);
    const { nextDueAt } = await attestSpaceAccess(ctx, { spaceId: w.spaceId, note: "  All three still work the case.  " });
    expect(nextDueAt).toBe(new Date(OVERDUE.getTime() + 90 * 86_400_000).toISOString());
    expect(await reach(ALEX, w, OVERDUE)).toEqual(FULL);
    expect((await getSpace(await ctxOf(ALEX, OVERDUE), { spaceId: w.spaceId })).attestation).toMatchObject({ dueAt: nextDueAt, isOverdue: false });

    const [space] = await db.select().from(spaces).where(eq(spaces.id, w.spaceId));
    expect(space!.lastAttestedAt).toEqual(OVERDUE);
    expect(await db.select().from(spaceAttestations).where(eq(spaceAttestations.spaceId, w.spaceId))).toEqual([
      expect.objectContaining({ attestedBy: s.userId(PRIYA), attestedAt: OVERDUE, memberCount: 3, note: "All three still work the case." }),
    ]);
    expect(await eventsOf(ctx)).toEqual([
      expect.objectContaining({
        action: "space.attest",
        actorUserId: s.userId(PRIYA),
        subjectType: "space",
        subjectId: w.spaceId,
        spaceId: w.spaceId,
        details: { members: 3, note: "All three still work the case." },
      }),
    ]);
  });

  it("an attestation restores nobody whose membership has ended: expiry is a separate rule", async () => {
    const w = await heron();
    // Past both the review (2027-04-01) and Alex's end date (ISA-SW-001's review, 2027-05-01).
    const late = new Date("2027-05-02T09:00:00Z");
    await attestSpaceAccess(await ctxOf(PRIYA, late), { spaceId: w.spaceId });
    expect(await reach(ALEX, w, late)).toEqual(NOTHING);
    expect(await reach(TOM, w, late)).toEqual(FULL);
  });

  it("a shorter cadence brings the review forward", async () => {
    const w = await heron();
    await db.update(spaces).set({ attestationIntervalDays: 30 }).where(eq(spaces.id, w.spaceId));
    expect(await reach(ALEX, w, new Date("2027-01-31T08:59:00Z"))).toEqual(FULL);
    expect(await reach(ALEX, w, new Date("2027-01-31T09:00:00Z"))).toEqual(NOTHING);
  });

  it("an owner attests a frozen space too (the review is about who may read it)", async () => {
    const w = await heron();
    await setSpaceStatus(await ctxOf(PRIYA, CREATED), { spaceId: w.spaceId, status: "frozen" });
    await attestSpaceAccess(await ctxOf(PRIYA, OVERDUE), { spaceId: w.spaceId });
    expect((await reach(ALEX, w, OVERDUE)).readable).toEqual(["Heron briefing", "Heron log"]);
  });

  describe("only owners attest", () => {
    async function expectRefused(ctx: PolicyCtx, spaceId: string, error: new (...args: never[]) => Error) {
      const [before] = await db.select({ lastAttestedAt: spaces.lastAttestedAt }).from(spaces).where(eq(spaces.id, spaceId));
      await expect(attestSpaceAccess(ctx, { spaceId })).rejects.toBeInstanceOf(error);
      expect((await db.select({ lastAttestedAt: spaces.lastAttestedAt }).from(spaces).where(eq(spaces.id, spaceId)))[0]).toEqual(before);
      expect(await db.select().from(spaceAttestations).where(eq(spaceAttestations.spaceId, spaceId))).toEqual([]);
      expect(await eventsOf(ctx)).toEqual([]);
    }

    it("a member (Tom) is Forbidden", async () => {
      const w = await heron();
      await expectRefused(await ctxOf(TOM, OVERDUE), w.spaceId, ForbiddenError);
    });

    it("a guest (Alex) is Forbidden while he has standing, and cannot lift his own suspension (NotFound)", async () => {
      const w = await heron();
      await expectRefused(await ctxOf(ALEX, JUST_BEFORE), w.spaceId, ForbiddenError);
      await expectRefused(await ctxOf(ALEX, OVERDUE), w.spaceId, NotFoundError);
    });

    it("people outside the space are told it is not found, the agency administrator included", async () => {
      const w = await heron();
      await expectRefused(await ctxOf("helen.carter@cc.example", OVERDUE), w.spaceId, NotFoundError);
      await expectRefused(await ctxOf("sam.patel@dcp.example", OVERDUE), w.spaceId, NotFoundError);
    });
  });
});
