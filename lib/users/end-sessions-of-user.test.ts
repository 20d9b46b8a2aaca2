/** An agency administrator ends the sessions of their own agency's people, and nobody else's. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createTestDatabase } from "@/db/testing";
import type { DatabaseHandle, Db } from "@/db/client";
import { auditEvents, sessions, users } from "@/db/schema";
import { buildActor, buildSession, buildUser, seededScenario, testCtx, policyCtx, type SeededScenario } from "@/db/factories";
import type { Actor } from "../auth/actor";
import { endSession } from "../auth/end-session";
import { resolveActor } from "../auth/resolve-actor";
import { NotFoundError } from "../errors";
import { endSessionsOfUser } from "./end-sessions-of-user";

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

async function sessionsOf(userId: string) {
  return db.select().from(sessions).where(eq(sessions.userId, userId));
}

async function auditOf(requestId: string) {
  return db.select().from(auditEvents).where(eq(auditEvents.requestId, requestId));
}

describe("endSessionsOfUser", () => {
  it("lets Sam end all of a DCP person's open sessions; they stay an active user and can sign in again", async () => {
    const user = await buildUser(db, { agencyId: scenario.agencyId("DCP") });
    const tokens = [await buildSession(db, { userId: user.id }), await buildSession(db, { userId: user.id })];
    const signedOut = await buildSession(db, { userId: user.id });
    await endSession(testCtx(db), { sessionToken: signedOut, reason: "sign_out" });

    const ctx = await policyCtx(db, sam);
    // Only the two open sessions count; the signed-out one keeps its own reason.
    expect(await endSessionsOfUser(ctx, { userId: user.id })).toBe(2);

    const rows = new Map((await sessionsOf(user.id)).map((s) => [s.sessionToken, s]));
    for (const token of tokens) {
      expect(rows.get(token)?.revokedReason).toBe("ended_by_admin");
      expect(await resolveActor(db, token, new Date(), policy)).toBeNull();
    }
    expect(rows.get(signedOut)?.revokedReason).toBe("sign_out");

    const [row] = await db.select({ status: users.status }).from(users).where(eq(users.id, user.id));
    expect(row!.status).toBe("active");
    const fresh = await buildSession(db, { userId: user.id });
    expect(await resolveActor(db, fresh, new Date(), policy)).toMatchObject({ userId: user.id });

    expect(await auditOf(ctx.requestId)).toMatchObject([
      {
        action: "user.end_sessions",
        actorUserId: sam.userId,
        agencyId: scenario.agencyId("DCP"),
        subjectType: "user",
        subjectId: user.id,
        details: { ended: 2 },
      },
    ]);
  });

  it("ends Tom's sessions, including the one he is using", async () => {
    const tomId = scenario.userId("tom.hughes@dcp.example");
    expect(await resolveActor(db, tom.sessionToken, new Date(), policy)).not.toBeNull();
    expect(await endSessionsOfUser(await policyCtx(db, sam), { userId: tomId })).toBeGreaterThanOrEqual(1);
    expect(await resolveActor(db, tom.sessionToken, new Date(), policy)).toBeNull();
  });

  it("reports 0 for a person with no open session", async () => {
    const user = await buildUser(db, { agencyId: scenario.agencyId("DCP") });
    expect(await endSessionsOfUser(await policyCtx(db, sam), { userId: user.id })).toBe(0);
  });

  it("hides Dorset's people from DCP's administrator: 404 and their sessions go on", async () => {
    const alexId = scenario.userId("alex.morgan@dor.example");
    const token = await buildSession(db, { userId: alexId });
    const ctx = await policyCtx(db, sam);
    await expect(endSessionsOfUser(ctx, { userId: alexId })).rejects.toBeInstanceOf(NotFoundError);
    expect(await resolveActor(db, token, new Date(), policy)).not.toBeNull();
    expect((await sessionsOf(alexId)).every((s) => s.revokedAt === null)).toBe(true);
    expect(await auditOf(ctx.requestId)).toHaveLength(0);
  });

  it("refuses someone who is no administrator (404) and ends nothing", async () => {
    const markId = scenario.userId("mark.ellis@dcp.example");
    const token = await buildSession(db, { userId: markId });
    const ctx = await policyCtx(db, tom);
    await expect(endSessionsOfUser(ctx, { userId: markId })).rejects.toBeInstanceOf(NotFoundError);
    expect(await resolveActor(db, token, new Date(), policy)).not.toBeNull();
    expect(await auditOf(ctx.requestId)).toHaveLength(0);
  });

  it("answers an unknown id with 404", async () => {
    await expect(endSessionsOfUser(await policyCtx(db, sam), { userId: "00000000-0000-4000-8000-000000000000" })).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });
});
