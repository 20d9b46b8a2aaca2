/**
 * An agency administrator disables and re-enables people of their own agency only; disabling
 * ends every session at once. Anyone else gets 404 and the row stays as it was.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createTestDatabase } from "@/db/testing";
import type { DatabaseHandle, Db } from "@/db/client";
import { auditEvents, sessions, users } from "@/db/schema";
import { buildActor, buildSession, buildUser, seededScenario, policyCtx, type SeededScenario } from "@/db/factories";
import type { Actor } from "../auth/actor";
import { resolveActor } from "../auth/resolve-actor";
import { ForbiddenError, NotFoundError } from "../errors";
import { setUserStatus } from "./set-user-status";

const policy = { idleMinutes: 30 };

let handle: DatabaseHandle;
let db: Db;
let scenario: SeededScenario;
let sam: Actor;
let tom: Actor;

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  scenario = await seededScenario(db);
  sam = await buildActor(db, scenario.userId("sam.patel@dcp.example"));
  tom = await buildActor(db, scenario.userId("tom.hughes@dcp.example"));
});
afterAll(async () => {
  await handle?.close();
});

async function userRow(id: string) {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row!;
}

async function auditOf(requestId: string) {
  return db.select().from(auditEvents).where(eq(auditEvents.requestId, requestId));
}

describe("setUserStatus", () => {
  it("lets Sam disable Tom: Tom's sessions end at once and the change is audited", async () => {
    const tomId = scenario.userId("tom.hughes@dcp.example");
    const tokens = [await buildSession(db, { userId: tomId }), await buildSession(db, { userId: tomId })];
    for (const token of tokens) expect(await resolveActor(db, token, new Date(), policy)).not.toBeNull();

    const ctx = await policyCtx(db, sam);
    const result = await setUserStatus(ctx, { userId: tomId, status: "disabled" });
    // Two sessions above plus the one behind `tom`.
    expect(result).toEqual({ endedSessions: 3 });

    expect((await userRow(tomId)).status).toBe("disabled");
    const open = await db.select().from(sessions).where(eq(sessions.userId, tomId));
    expect(open.every((s) => s.revokedAt !== null && s.revokedReason === "user_disabled")).toBe(true);
    for (const token of [...tokens, tom.sessionToken]) expect(await resolveActor(db, token, new Date(), policy)).toBeNull();

    const events = await auditOf(ctx.requestId);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: "user.disable",
      outcome: "success",
      actorUserId: sam.userId,
      agencyId: scenario.agencyId("DCP"),
      subjectType: "user",
      subjectId: tomId,
      details: { before: "active", after: "disabled", endedSessions: 3 },
    });
  });

  it("re-enables a disabled person, who can then sign in again (old sessions stay ended)", async () => {
    const user = await buildUser(db, { agencyId: scenario.agencyId("DCP") });
    const oldToken = await buildSession(db, { userId: user.id });
    await setUserStatus(await policyCtx(db, sam), { userId: user.id, status: "disabled" });

    const ctx = await policyCtx(db, sam);
    expect(await setUserStatus(ctx, { userId: user.id, status: "active" })).toEqual({ endedSessions: 0 });
    expect((await userRow(user.id)).status).toBe("active");
    expect(await auditOf(ctx.requestId)).toMatchObject([
      { action: "user.enable", actorUserId: sam.userId, subjectId: user.id, details: { before: "disabled", after: "active" } },
    ]);
    expect(await resolveActor(db, oldToken, new Date(), policy)).toBeNull();
    const newToken = await buildSession(db, { userId: user.id });
    expect(await resolveActor(db, newToken, new Date(), policy)).toMatchObject({ userId: user.id });
  });

  it("changes nothing when the status is already the one asked for", async () => {
    const user = await buildUser(db, { agencyId: scenario.agencyId("DCP") });
    const token = await buildSession(db, { userId: user.id });
    const ctx = await policyCtx(db, sam);
    expect(await setUserStatus(ctx, { userId: user.id, status: "active" })).toEqual({ endedSessions: 0 });
    expect(await resolveActor(db, token, new Date(), policy)).not.toBeNull();
    expect(await auditOf(ctx.requestId)).toHaveLength(0);
  });

  it("hides Dorset's people from DCP's administrator: 404, row and sessions unchanged", async () => {
    const alexId = scenario.userId("alex.morgan@dor.example");
    const token = await buildSession(db, { userId: alexId });
    const before = await userRow(alexId);

    const ctx = await policyCtx(db, sam);
    await expect(setUserStatus(ctx, { userId: alexId, status: "disabled" })).rejects.toBeInstanceOf(NotFoundError);

    expect(await userRow(alexId)).toEqual(before);
    expect(await resolveActor(db, token, new Date(), policy)).not.toBeNull();
    expect(await auditOf(ctx.requestId)).toHaveLength(0);
  });

  it("answers an unknown id exactly as it answers another agency's person", async () => {
    const rejectionOf = async (userId: string) => {
      try {
        await setUserStatus(await policyCtx(db, sam), { userId, status: "disabled" });
      } catch (err) {
        expect(err).toBeInstanceOf(NotFoundError);
        const e = err as NotFoundError;
        return { code: e.code, status: e.status, message: e.message };
      }
      throw new Error(`setUserStatus accepted ${userId}`);
    };
    const unknown = await rejectionOf("00000000-0000-4000-8000-000000000000");
    const hidden = await rejectionOf(scenario.userId("alex.morgan@dor.example"));
    expect(hidden).toEqual(unknown);
    expect(hidden.status).toBe(404);
  });

  it("refuses Tom, who is no administrator, and changes nothing", async () => {
    const markId = scenario.userId("mark.ellis@dcp.example");
    const token = await buildSession(db, { userId: markId });
    const before = await userRow(markId);

    const ctx = await policyCtx(db, tom);
    await expect(setUserStatus(ctx, { userId: markId, status: "disabled" })).rejects.toBeInstanceOf(NotFoundError);

    expect(await userRow(markId)).toEqual(before);
    expect(await resolveActor(db, token, new Date(), policy)).not.toBeNull();
    expect(await auditOf(ctx.requestId)).toHaveLength(0);
  });

  it("does not let Sam disable himself", async () => {
    const before = await userRow(sam.userId);
    const ctx = await policyCtx(db, sam);
    await expect(setUserStatus(ctx, { userId: sam.userId, status: "disabled" })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await userRow(sam.userId)).toEqual(before);
    expect(await resolveActor(db, sam.sessionToken, new Date(), policy)).not.toBeNull();
    expect(await auditOf(ctx.requestId)).toHaveLength(0);
  });

  it("does not bring back someone who has left the agency", async () => {
    const leaver = await buildUser(db, { agencyId: scenario.agencyId("DCP"), status: "removed" });
    const ctx = await policyCtx(db, sam);
    await expect(setUserStatus(ctx, { userId: leaver.id, status: "active" })).rejects.toBeInstanceOf(ForbiddenError);
    expect((await userRow(leaver.id)).status).toBe("removed");
    expect(await auditOf(ctx.requestId)).toHaveLength(0);
  });
});
