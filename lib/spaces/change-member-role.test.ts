/**
 * Changing roles: owners only; people of the owning agency move between owner, member and reader,
 * partners stay guests, and the last owner stays an owner. A reader reads and no longer edits.
 */
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { testEngine } from "@/db/testing";
import type { Db } from "@/db/client";
import { auditEvents, spaceMembers } from "@/db/schema";
import { buildActor, buildDocument, policyCtx, openSeededDatabaseForFile, type SeededScenario } from "@/db/factories";
import { can } from "@/policies/authorize";
import type { PolicyCtx } from "../context";
import { documentSubject } from "../authz/columns";
import { ForbiddenError, InvalidInputError, NotFoundError } from "../errors";
import { addSpaceMember } from "./add-space-member";
import { changeMemberRole } from "./change-member-role";
import { createSpace } from "./create-space";
import { getSpace } from "./get-space";
import { setSpaceStatus } from "./set-space-status";

const NOW = new Date("2026-12-01T10:00:00Z");
const PRIYA = "priya.shah@dcp.example";
const TOM = "tom.hughes@dcp.example";
const MARK = "mark.ellis@dcp.example";
const ALEX = "alex.morgan@dor.example";

let db: Db;
let s: SeededScenario;

// A fresh database with the demo scenario for this file (db/factories.ts).
openSeededDatabaseForFile((t) => {
  db = t.db;
  s = t.scenario;
});

const ctxOf = async (email: string, now = NOW) => policyCtx(db, await buildActor(db, s.userId(email), now), now);
const eventsOf = (ctx: PolicyCtx) => db.select().from(auditEvents).where(eq(auditEvents.requestId, ctx.requestId));
const rolesIn = async (spaceId: string) =>
  Object.fromEntries(
    (await db.select({ userId: spaceMembers.userId, role: spaceMembers.role }).from(spaceMembers).where(eq(spaceMembers.spaceId, spaceId))).map((m) => [
      m.userId,
      m.role,
    ]),
  );

/** A Priya-owned DCP space under ISA-SW-001 with Tom and Mark as members, Alex as a guest, and a document. */
async function world() {
  const { id: spaceId } = await createSpace(await ctxOf(PRIYA), {
    name: "Operation Heron",
    ceilingMarking: "OFFICIAL-SENSITIVE",
    defaultMarking: "OFFICIAL",
    agreementIds: [s.agreementId("ISA-SW-001")],
  });
  const owner = await ctxOf(PRIYA);
  await addSpaceMember(owner, { spaceId, userId: s.userId(TOM), role: "member" });
  await addSpaceMember(owner, { spaceId, userId: s.userId(MARK), role: "member" });
  await addSpaceMember(owner, { spaceId, userId: s.userId(ALEX), role: "guest" });
  const doc = await buildDocument(db, { spaceId, marking: "OFFICIAL", title: "Heron briefing" });
  return { spaceId, doc: documentSubject(doc) };
}

/** Expects the change to fail with `error` and every role in the space to be unchanged, with no audit. */
async function expectRefused(
  ctx: PolicyCtx,
  input: { spaceId: string; userId: string; role: "owner" | "member" | "reader" | "guest" },
  error: new (...args: never[]) => Error,
  message?: RegExp,
) {
  const before = await rolesIn(input.spaceId);
  const failure = await changeMemberRole(ctx, input).catch((e: unknown) => e);
  expect(failure).toBeInstanceOf(error);
  if (message) expect((failure as Error).message).toMatch(message);
  expect(await rolesIn(input.spaceId)).toEqual(before);
  expect(await eventsOf(ctx)).toEqual([]);
}

describe("changeMemberRole", () => {
  it("Priya makes Tom a reader: he still reads the space's documents, and can no longer update or create them", async () => {
    const { spaceId, doc } = await world();
    const before = (await ctxOf(TOM)).ability;
    expect(can(before, "read", "Document", doc)).toBe(true);
    expect(can(before, "update", "Document", doc)).toBe(true);
    expect(can(before, "create", "Document", doc)).toBe(true);
    expect(can(before, "remark", "Document", doc)).toBe(true);

    const ctx = await ctxOf(PRIYA);
    await changeMemberRole(ctx, { spaceId, userId: s.userId(TOM), role: "reader" });
    expect((await rolesIn(spaceId))[s.userId(TOM)]).toBe("reader");
    expect(await eventsOf(ctx)).toEqual([
      expect.objectContaining({
        action: "space.member_role",
        actorUserId: s.userId(PRIYA),
        subjectType: "membership",
        subjectId: s.userId(TOM),
        spaceId,
        details: { before: "member", after: "reader", name: "PC Tom Hughes" },
      }),
    ]);

    const tom = await ctxOf(TOM);
    expect(can(tom.ability, "read", "Document", doc)).toBe(true);
    expect(can(tom.ability, "update", "Document", doc)).toBe(false);
    expect(can(tom.ability, "create", "Document", doc)).toBe(false);
    expect(can(tom.ability, "remark", "Document", doc)).toBe(false);
    expect((await getSpace(tom, { spaceId })).permissions).toMatchObject({ canCreateDocuments: false, canLeave: true });
    // Mark, still a member, is unaffected.
    expect(can((await ctxOf(MARK)).ability, "update", "Document", doc)).toBe(true);

    // And back: a member edits again.
    await changeMemberRole(await ctxOf(PRIYA), { spaceId, userId: s.userId(TOM), role: "member" });
    expect(can((await ctxOf(TOM)).ability, "update", "Document", doc)).toBe(true);
  });

  it("makes Tom a co-owner, who then administers the space", async () => {
    const { spaceId } = await world();
    await changeMemberRole(await ctxOf(PRIYA), { spaceId, userId: s.userId(TOM), role: "owner" });
    expect((await getSpace(await ctxOf(TOM), { spaceId })).permissions).toMatchObject({ canAdminister: true, canAddMembers: true });
  });

  it("setting the role someone already has changes and audits nothing", async () => {
    const { spaceId } = await world();
    const ctx = await ctxOf(PRIYA);
    await changeMemberRole(ctx, { spaceId, userId: s.userId(TOM), role: "member" });
    expect(await eventsOf(ctx)).toEqual([]);
  });

  describe("refuses, changing nothing", () => {
    it.each(["member", "owner", "reader"] as const)("a partner (Alex) cannot become %s: partners stay guests", async (role) => {
      const { spaceId } = await world();
      await expectRefused(await ctxOf(PRIYA), { spaceId, userId: s.userId(ALEX), role }, InvalidInputError, /People of Dorset Police can only be guests here/);
    });

    it("a person of the owning agency cannot become a guest", async () => {
      const { spaceId } = await world();
      await expectRefused(await ctxOf(PRIYA), { spaceId, userId: s.userId(TOM), role: "guest" }, InvalidInputError, /Guest is for people of partner agencies/);
    });

    it("the last owner cannot be demoted; once Tom is an owner too, she can step down", async () => {
      const { spaceId } = await world();
      for (const role of ["member", "reader"] as const) {
        await expectRefused(await ctxOf(PRIYA), { spaceId, userId: s.userId(PRIYA), role }, InvalidInputError, /at least one owner/);
      }
      await changeMemberRole(await ctxOf(PRIYA), { spaceId, userId: s.userId(TOM), role: "owner" });
      await changeMemberRole(await ctxOf(PRIYA), { spaceId, userId: s.userId(PRIYA), role: "member" });
      expect(await rolesIn(spaceId)).toMatchObject({ [s.userId(PRIYA)]: "member", [s.userId(TOM)]: "owner" });
      // Now Tom is the last owner.
      await expectRefused(await ctxOf(TOM), { spaceId, userId: s.userId(TOM), role: "member" }, InvalidInputError, /at least one owner/);
    });

    it("a member who is not an owner (Tom) cannot change anyone's role, his own included", async () => {
      const { spaceId } = await world();
      await expectRefused(await ctxOf(TOM), { spaceId, userId: s.userId(MARK), role: "reader" }, ForbiddenError);
      await expectRefused(await ctxOf(TOM), { spaceId, userId: s.userId(TOM), role: "owner" }, ForbiddenError);
    });

    it("a partner guest (Alex) cannot change anyone's role", async () => {
      const { spaceId } = await world();
      await expectRefused(await ctxOf(ALEX), { spaceId, userId: s.userId(TOM), role: "reader" }, ForbiddenError);
    });

    it("someone who cannot see the space is told it is not found; so is a change for someone not in it", async () => {
      const { spaceId } = await world();
      await expectRefused(await ctxOf("helen.carter@cc.example"), { spaceId, userId: s.userId(TOM), role: "reader" }, NotFoundError);
      await expectRefused(await ctxOf(PRIYA), { spaceId, userId: s.userId("janet.okafor@dcp.example"), role: "reader" }, NotFoundError);
    });
  });

  it(`two owners demoting each other at once leave exactly one owner (${testEngine})`, async () => {
    const { spaceId } = await world();
    await changeMemberRole(await ctxOf(PRIYA), { spaceId, userId: s.userId(TOM), role: "owner" });
    const [priya, tom] = [await ctxOf(PRIYA), await ctxOf(TOM)];
    const results = await Promise.allSettled([
      changeMemberRole(priya, { spaceId, userId: s.userId(TOM), role: "member" }),
      changeMemberRole(tom, { spaceId, userId: s.userId(PRIYA), role: "member" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(Object.values(await rolesIn(spaceId)).filter((r) => r === "owner")).toHaveLength(1);
  });

  it("in a frozen space lowers roles but never raises them", async () => {
    const { spaceId } = await world();
    await setSpaceStatus(await ctxOf(PRIYA), { spaceId, status: "frozen" });
    const owner = await ctxOf(PRIYA);
    await expect(changeMemberRole(owner, { spaceId, userId: s.userId(TOM), role: "owner" })).rejects.toThrow(/lowered but not raised/);
    await changeMemberRole(await ctxOf(PRIYA), { spaceId, userId: s.userId(TOM), role: "reader" });
    expect((await rolesIn(spaceId))[s.userId(TOM)]).toBe("reader");
    await expect(changeMemberRole(await ctxOf(PRIYA), { spaceId, userId: s.userId(TOM), role: "member" })).rejects.toBeInstanceOf(InvalidInputError);
    expect((await rolesIn(spaceId))[s.userId(TOM)]).toBe("reader");
  });
});
