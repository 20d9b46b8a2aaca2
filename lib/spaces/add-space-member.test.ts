/**
 * Adding people to a space: owners only; their own agency in any own-agency role; partners only as
 * guests, under an agreement in force bound to the space that includes their agency, with vetting
 * that opens the space's ceiling, until no later than the agreement's review date. Every refusal
 * says why and writes nothing; every addition is audited with the agreement it was made under.
 */
import { describe, expect, it } from "vitest";
import { and, count, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditEvents, spaceAgreements, spaceMembers } from "@/db/schema";
import { buildActor, buildMembership, buildSpace, buildUser, policyCtx, openSeededDatabaseForFile, type SeededScenario } from "@/db/factories";
import type { PolicyCtx } from "../context";
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from "../errors";
import { addSpaceMember, type AddSpaceMemberInput } from "./add-space-member";
import { createSpace } from "./create-space";
import { listMySpaces } from "./list-my-spaces";

const NOW = new Date("2026-12-01T10:00:00Z");
const PRIYA = "priya.shah@dcp.example";
const TOM = "tom.hughes@dcp.example";
const ALEX = "alex.morgan@dor.example";
const HELEN = "helen.carter@cc.example";
const BEN = "ben.lowe@cc.example";

let db: Db;
let s: SeededScenario;

// A fresh database with the demo scenario for this file (db/factories.ts).
openSeededDatabaseForFile((t) => {
  db = t.db;
  s = t.scenario;
});

const ctxOf = async (userId: string, now = NOW) => policyCtx(db, await buildActor(db, userId, now), now);
const ctxOfEmail = (email: string, now = NOW) => ctxOf(s.userId(email), now);

/** A new DCP space created by Priya (as the product does), under the given agreements. */
async function newSpace(agreements: string[], ceilingMarking: "OFFICIAL" | "OFFICIAL-SENSITIVE" = "OFFICIAL-SENSITIVE"): Promise<string> {
  const { id } = await createSpace(await ctxOfEmail(PRIYA), {
    name: `Operation ${Math.random().toString(36).slice(2, 8)}`,
    ceilingMarking,
    defaultMarking: "OFFICIAL",
    agreementIds: agreements.map((ref) => s.agreementId(ref)),
  });
  return id;
}

const membership = async (spaceId: string, userId: string) =>
  (await db.select().from(spaceMembers).where(and(eq(spaceMembers.spaceId, spaceId), eq(spaceMembers.userId, userId))))[0];
const eventsOf = (ctx: PolicyCtx) => db.select().from(auditEvents).where(eq(auditEvents.requestId, ctx.requestId));
const memberCount = async () => (await db.select({ n: count() }).from(spaceMembers))[0]!.n;

/** Expects the addition to fail with `error` (and a message matching `message`) and nothing to be written. */
async function expectRefused(ctx: PolicyCtx, input: AddSpaceMemberInput, error: new (...args: never[]) => Error, message?: RegExp): Promise<void> {
  const before = await memberCount();
  const failure = await addSpaceMember(ctx, input).catch((e: unknown) => e);
  expect(failure).toBeInstanceOf(error);
  if (message) expect((failure as Error).message).toMatch(message);
  expect(await memberCount()).toBe(before);
  expect(await eventsOf(ctx)).toEqual([]);
}

describe("addSpaceMember", () => {
  it("adds Alex (DOR) to a new DCP space under ISA-SW-001 as a guest until ISA-SW-001's review date, audited with the agreement", async () => {
    const spaceId = await newSpace(["ISA-SW-001"]);
    const ctx = await ctxOfEmail(PRIYA);
    expect(await addSpaceMember(ctx, { spaceId, userId: s.userId(ALEX), role: "guest" })).toEqual({
      role: "guest",
      expiresAt: "2027-05-01T23:59:59.999Z",
    });
    expect(await membership(spaceId, s.userId(ALEX))).toMatchObject({
      role: "guest",
      expiresAt: new Date("2027-05-01T23:59:59.999Z"),
      agreementId: s.agreementId("ISA-SW-001"),
      addedBy: s.userId(PRIYA),
      addedAt: NOW,
    });
    const events = await eventsOf(ctx);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: "space.member_add",
      outcome: "success",
      actorUserId: s.userId(PRIYA),
      agencyId: s.agencyId("DCP"),
      subjectType: "membership",
      subjectId: s.userId(ALEX),
      spaceId,
      details: { name: "DC Alex Morgan", agency: "Dorset Police", role: "guest", agreement: "ISA-SW-001", expiresAt: "2027-05-01T23:59:59.999Z" },
    });
    // Alex sees it from his next request.
    expect((await listMySpaces(await ctxOfEmail(ALEX))).find((sp) => sp.id === spaceId)).toMatchObject({ role: "guest" });
  });

  it("takes an earlier end date for a guest, ending at the close of that day", async () => {
    const spaceId = await newSpace(["ISA-SW-001"]);
    const ctx = await ctxOfEmail(PRIYA);
    expect(await addSpaceMember(ctx, { spaceId, userId: s.userId(ALEX), role: "guest", expiresOn: "2027-01-31" })).toEqual({
      role: "guest",
      expiresAt: "2027-01-31T23:59:59.999Z",
    });
    expect((await eventsOf(ctx))[0]!.details).toMatchObject({ agreement: "ISA-SW-001", expiresAt: "2027-01-31T23:59:59.999Z" });
  });

  it("adds Tom (DCP) in an own-agency role, with no end date and no agreement", async () => {
    const spaceId = await newSpace(["ISA-SW-001"]);
    const ctx = await ctxOfEmail(PRIYA);
    expect(await addSpaceMember(ctx, { spaceId, userId: s.userId(TOM), role: "reader" })).toEqual({ role: "reader", expiresAt: null });
    expect(await membership(spaceId, s.userId(TOM))).toMatchObject({ role: "reader", expiresAt: null, agreementId: null });
    expect((await eventsOf(ctx))[0]).toMatchObject({ action: "space.member_add", spaceId, subjectId: s.userId(TOM), details: { role: "reader", agreement: null } });
  });

  describe("refuses, saying why, and writes nothing", () => {
    it("Helen (Cornwall Council) for Operation Kestrel: no agreement in force for it includes Cornwall Council", async () => {
      await expectRefused(
        await ctxOfEmail(PRIYA),
        { spaceId: s.spaceId("Operation Kestrel"), userId: s.userId(HELEN), role: "guest" },
        InvalidInputError,
        /Helen Carter cannot be added: No agreement in force for this space includes Cornwall Council \(the space runs under ISA-SW-001\)/,
      );
    });

    it("a Dorset person for a Cornwall Council space under ISA-DC-003, which has expired", async () => {
      const space = await buildSpace(db, { ownerAgencyId: s.agencyId("CC") });
      await db.insert(spaceAgreements).values({ spaceId: space.id, agreementId: s.agreementId("ISA-DC-003") });
      const councilOwner = await buildUser(db, { agencyId: s.agencyId("CC"), roles: ["practitioner", "supervisor"], vettingLevel: "NPPV2A" });
      await buildMembership(db, { spaceId: space.id, userId: councilOwner.id, role: "owner" });
      await expectRefused(
        await ctxOf(councilOwner.id),
        { spaceId: space.id, userId: s.userId(ALEX), role: "guest" },
        InvalidInputError,
        /No agreement in force for this space includes Dorset Police \(the space runs under ISA-DC-003\)/,
      );
    });

    it("Ben (BPSS) for an OFFICIAL-SENSITIVE space under ISA-CC-014: his vetting does not open the ceiling", async () => {
      const spaceId = await newSpace(["ISA-CC-014"]);
      await expectRefused(
        await ctxOfEmail(PRIYA),
        { spaceId, userId: s.userId(BEN), role: "guest" },
        InvalidInputError,
        /Their vetting, .*BPSS.*, does not open OFFICIAL-SENSITIVE, the highest marking this space may hold \(it opens OFFICIAL\)/,
      );
      // The same agreement admits him to a space that holds OFFICIAL only.
      const officialOnly = await newSpace(["ISA-CC-014"], "OFFICIAL");
      expect(await addSpaceMember(await ctxOfEmail(PRIYA), { spaceId: officialOnly, userId: s.userId(BEN), role: "guest" })).toEqual({
        role: "guest",
        expiresAt: "2027-03-31T23:59:59.999Z",
      });
    });

    it("a guest's end date after the agreement's review date", async () => {
      const spaceId = await newSpace(["ISA-SW-001"]);
      await expectRefused(
        await ctxOfEmail(PRIYA),
        { spaceId, userId: s.userId(ALEX), role: "guest", expiresOn: "2027-05-02" },
        InvalidInputError,
        /cannot outlast ISA-SW-001's review date \(2027-05-01\)/,
      );
    });

    it.each([
      ["in the past", "2026-11-30", /must be in the future/],
      ["not a date", "next spring", /Give the end date as a date/],
    ])("a guest's end date %s", async (_label, expiresOn, message) => {
      const spaceId = await newSpace(["ISA-SW-001"]);
      const failure = addSpaceMember(await ctxOfEmail(PRIYA), { spaceId, userId: s.userId(ALEX), role: "guest", expiresOn });
      await expect(failure).rejects.toThrow(message);
      expect(await membership(spaceId, s.userId(ALEX))).toBeUndefined();
    });

    it("a partner in any role but guest, and an own-agency person as a guest", async () => {
      const spaceId = await newSpace(["ISA-SW-001"]);
      const ctx = await ctxOfEmail(PRIYA);
      for (const role of ["owner", "member", "reader"] as const) {
        await expectRefused(ctx, { spaceId, userId: s.userId(ALEX), role }, InvalidInputError, /DC Alex Morgan can join only as guest/);
      }
      await expectRefused(ctx, { spaceId, userId: s.userId(TOM), role: "guest" }, InvalidInputError, /PC Tom Hughes can join only as owner or member or reader/);
    });

    it("adding someone twice: a conflict, one membership and one audit event", async () => {
      const spaceId = await newSpace(["ISA-SW-001"]);
      await addSpaceMember(await ctxOfEmail(PRIYA), { spaceId, userId: s.userId(ALEX), role: "guest" });
      await expectRefused(await ctxOfEmail(PRIYA), { spaceId, userId: s.userId(ALEX), role: "guest" }, ConflictError, /already a member/);
      const adds = await db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.spaceId, spaceId), eq(auditEvents.action, "space.member_add")));
      expect(adds).toHaveLength(1);
    });

    it("a person who does not exist", async () => {
      const spaceId = await newSpace(["ISA-SW-001"]);
      await expectRefused(await ctxOfEmail(PRIYA), { spaceId, userId: "00000000-0000-4000-8000-000000000000", role: "member" }, InvalidInputError, /does not exist/);
    });
  });

  describe("only an owner adds anyone", () => {
    const kestrel = () => s.spaceId("Operation Kestrel");

    it("a member who is not an owner (Tom, in Kestrel) is Forbidden, and nothing is written", async () => {
      await expectRefused(await ctxOfEmail(TOM), { spaceId: kestrel(), userId: s.userId("janet.okafor@dcp.example"), role: "member" }, ForbiddenError);
    });

    it("a partner guest (Alex, in Kestrel) cannot add anyone, of his agency or another", async () => {
      const alex = await ctxOfEmail(ALEX);
      const dorColleague = await buildUser(db, { agencyId: s.agencyId("DOR") });
      await expectRefused(alex, { spaceId: kestrel(), userId: dorColleague.id, role: "guest" }, ForbiddenError);
      await expectRefused(alex, { spaceId: kestrel(), userId: s.userId("janet.okafor@dcp.example"), role: "member" }, ForbiddenError);
    });

    it("someone who cannot see the space (Helen, for Kestrel) is told it is not found, as for a space that does not exist", async () => {
      await expectRefused(await ctxOfEmail(HELEN), { spaceId: kestrel(), userId: s.userId(BEN), role: "guest" }, NotFoundError);
      await expectRefused(await ctxOfEmail(PRIYA), { spaceId: "00000000-0000-4000-8000-000000000000", userId: s.userId(TOM), role: "member" }, NotFoundError);
      await expectRefused(await ctxOfEmail(PRIYA), { spaceId: "kestrel", userId: s.userId(TOM), role: "member" }, NotFoundError);
    });

    it("an owner whose space is frozen is Forbidden: nobody joins a frozen space", async () => {
      const space = await buildSpace(db, { ownerAgencyId: s.agencyId("DCP"), status: "frozen" });
      await buildMembership(db, { spaceId: space.id, userId: s.userId(PRIYA), role: "owner" });
      await expectRefused(await ctxOfEmail(PRIYA), { spaceId: space.id, userId: s.userId(TOM), role: "member" }, ForbiddenError);
    });
  });
});
