/**
 * Removing people and leaving: an owner removes anyone, anyone leaves, nobody else removes anyone,
 * and a space never loses its last owner. Removal takes effect on the person's next request.
 */
import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditEvents, spaceMembers } from "@/db/schema";
import { buildActor, buildDocument, policyCtx, openSeededDatabaseForFile, type SeededScenario } from "@/db/factories";
import type { PolicyCtx } from "../context";
import { ForbiddenError, InvalidInputError, NotFoundError } from "../errors";
import { getDocument } from "../documents/get-document";
import { addSpaceMember } from "./add-space-member";
import { changeMemberRole } from "./change-member-role";
import { createSpace } from "./create-space";
import { getSpace } from "./get-space";
import { listMySpaces } from "./list-my-spaces";
import { removeSpaceMember } from "./remove-space-member";

const NOW = new Date("2026-12-01T10:00:00Z");
const PRIYA = "priya.shah@dcp.example";
const TOM = "tom.hughes@dcp.example";
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
const membersOf = async (spaceId: string) =>
  (await db.select({ userId: spaceMembers.userId, role: spaceMembers.role }).from(spaceMembers).where(eq(spaceMembers.spaceId, spaceId)))
    .map((m) => `${m.userId}:${m.role}`)
    .sort();

/** Operation Heron as the acceptance story has it: Priya's, under ISA-SW-001, with Tom and Alex. */
async function heron(): Promise<{ spaceId: string; documentId: string }> {
  const priya = await ctxOf(PRIYA);
  const { id: spaceId } = await createSpace(priya, {
    name: "Operation Heron",
    ceilingMarking: "OFFICIAL-SENSITIVE",
    defaultMarking: "OFFICIAL",
    agreementIds: [s.agreementId("ISA-SW-001")],
  });
  const owner = await ctxOf(PRIYA);
  await addSpaceMember(owner, { spaceId, userId: s.userId(TOM), role: "member" });
  await addSpaceMember(owner, { spaceId, userId: s.userId(ALEX), role: "guest" });
  const doc = await buildDocument(db, { spaceId, marking: "OFFICIAL", title: "Heron briefing" });
  return { spaceId, documentId: doc.id };
}

/** Expects the removal to fail with `error` and the space's memberships and audit trail to be unchanged. */
async function expectRefused(ctx: PolicyCtx, input: { spaceId: string; userId: string }, error: new (...args: never[]) => Error, message?: RegExp) {
  const before = await membersOf(input.spaceId);
  const failure = await removeSpaceMember(ctx, input).catch((e: unknown) => e);
  expect(failure).toBeInstanceOf(error);
  if (message) expect((failure as Error).message).toMatch(message);
  expect(await membersOf(input.spaceId)).toEqual(before);
  expect(await eventsOf(ctx)).toEqual([]);
}

describe("removeSpaceMember", () => {
  it("Priya removes Alex: his next request no longer has the space or its documents, and it is audited", async () => {
    const { spaceId, documentId } = await heron();
    expect((await listMySpaces(await ctxOf(ALEX))).map((sp) => sp.id)).toContain(spaceId);
    await expect(getDocument(await ctxOf(ALEX), { documentId })).resolves.toMatchObject({ title: "Heron briefing" });

    const ctx = await ctxOf(PRIYA);
    await removeSpaceMember(ctx, { spaceId, userId: s.userId(ALEX) });

    const alex = await ctxOf(ALEX);
    expect((await listMySpaces(alex)).map((sp) => sp.id)).not.toContain(spaceId);
    await expect(getSpace(alex, { spaceId })).rejects.toBeInstanceOf(NotFoundError);
    await expect(getDocument(alex, { documentId })).rejects.toBeInstanceOf(NotFoundError);
    // Operation Kestrel, where he still belongs, is untouched.
    expect((await listMySpaces(alex)).map((sp) => sp.name)).toEqual(["Operation Kestrel"]);

    const events = await eventsOf(ctx);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: "space.member_remove",
      actorUserId: s.userId(PRIYA),
      subjectType: "membership",
      subjectId: s.userId(ALEX),
      spaceId,
      details: { role: "guest", name: "DC Alex Morgan" },
    });
  });

  it("a member (Tom) leaves: audited as leaving, and the space is gone from his list", async () => {
    const { spaceId } = await heron();
    const ctx = await ctxOf(TOM);
    await removeSpaceMember(ctx, { spaceId, userId: s.userId(TOM) });
    expect((await listMySpaces(await ctxOf(TOM))).map((sp) => sp.id)).not.toContain(spaceId);
    expect(await eventsOf(ctx)).toEqual([
      expect.objectContaining({ action: "space.member_leave", subjectId: s.userId(TOM), spaceId, details: { role: "member", name: "PC Tom Hughes" } }),
    ]);
  });

  it("a partner guest (Alex) leaves", async () => {
    const { spaceId } = await heron();
    await removeSpaceMember(await ctxOf(ALEX), { spaceId, userId: s.userId(ALEX) });
    expect(await membersOf(spaceId)).toEqual([`${s.userId(PRIYA)}:owner`, `${s.userId(TOM)}:member`].sort());
  });

  it("the last owner can neither be removed nor leave; once there is another owner, she can leave", async () => {
    const { spaceId } = await heron();
    await expectRefused(await ctxOf(PRIYA), { spaceId, userId: s.userId(PRIYA) }, InvalidInputError, /at least one owner/);

    await changeMemberRole(await ctxOf(PRIYA), { spaceId, userId: s.userId(TOM), role: "owner" });
    const ctx = await ctxOf(PRIYA);
    await removeSpaceMember(ctx, { spaceId, userId: s.userId(PRIYA) });
    expect((await eventsOf(ctx))[0]).toMatchObject({ action: "space.member_leave", details: { role: "owner" } });
    // Tom, now the only owner, cannot be removed by anyone either.
    await expectRefused(await ctxOf(TOM), { spaceId, userId: s.userId(TOM) }, InvalidInputError, /at least one owner/);
  });

  it("a member who is not an owner (Tom) cannot remove anyone: Forbidden, nothing changed", async () => {
    const { spaceId } = await heron();
    await expectRefused(await ctxOf(TOM), { spaceId, userId: s.userId(ALEX) }, ForbiddenError);
    await expectRefused(await ctxOf(TOM), { spaceId, userId: s.userId(PRIYA) }, ForbiddenError);
  });

  it("a partner guest (Alex) cannot remove anyone but himself", async () => {
    const { spaceId } = await heron();
    await expectRefused(await ctxOf(ALEX), { spaceId, userId: s.userId(TOM) }, ForbiddenError);
  });

  it("someone who cannot see the space is told it is not found", async () => {
    const { spaceId } = await heron();
    await expectRefused(await ctxOf("helen.carter@cc.example"), { spaceId, userId: s.userId(ALEX) }, NotFoundError);
    await expectRefused(await ctxOf("sam.patel@dcp.example"), { spaceId, userId: s.userId(TOM) }, NotFoundError);
  });

  it("removing someone who is not a member is not found", async () => {
    const { spaceId } = await heron();
    await expectRefused(await ctxOf(PRIYA), { spaceId, userId: s.userId("janet.okafor@dcp.example") }, NotFoundError);
    expect(
      await db
        .select()
        .from(spaceMembers)
        .where(and(eq(spaceMembers.spaceId, spaceId), eq(spaceMembers.userId, s.userId("janet.okafor@dcp.example")))),
    ).toEqual([]);
  });
});

describe("removeSpaceMember under concurrency", () => {
  // On PostgreSQL the two removals run on separate connections at once (PGlite runs them one
  // after the other): without the owner rows locked, both saw the other owner and both went through.
  it("two owners removing each other at once leave exactly one owner", async () => {
    for (let i = 0; i < 5; i++) {
      const { spaceId } = await heron();
      await changeMemberRole(await ctxOf(PRIYA), { spaceId, userId: s.userId(TOM), role: "owner" });
      const [priya, tom] = [await ctxOf(PRIYA), await ctxOf(TOM)];
      const results = await Promise.allSettled([
        removeSpaceMember(priya, { spaceId, userId: s.userId(TOM) }),
        removeSpaceMember(tom, { spaceId, userId: s.userId(PRIYA) }),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      expect((await membersOf(spaceId)).filter((m) => m.endsWith(":owner"))).toHaveLength(1);
    }
  });
});
