/**
 * resolveActor decides on every request whether a session still stands: a cookie alone proves
 * nothing once the session, the user or the agency has changed.
 */
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { agencies, sessions, users } from "@/db/schema";
import { buildAgency, buildSession, buildUser, openSeededDatabaseForFile, testCtx, type SeededScenario } from "@/db/factories";
import { endSession } from "./end-session";
import { resolveActor } from "./resolve-actor";

const IDLE_MINUTES = 30;
const policy = { idleMinutes: IDLE_MINUTES };
const T0 = new Date("2026-03-02T09:00:00.000Z");
const at = (ms: number) => new Date(T0.getTime() + ms);
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

let db: Db;
let scenario: SeededScenario;

// A fresh database with the demo scenario for this file (db/factories.ts).
openSeededDatabaseForFile((t) => {
  db = t.db;
  scenario = t.scenario;
});

async function sessionRow(token: string) {
  const [row] = await db.select().from(sessions).where(eq(sessions.sessionToken, token));
  return row!;
}

describe("resolveActor", () => {
  it("resolves a valid session to the person, their agency and their vetting", async () => {
    const priyaId = scenario.userId("priya.shah@dcp.example");
    const token = await buildSession(db, { userId: priyaId, now: T0 });
    const actor = await resolveActor(db, token, at(5 * MINUTE), policy);
    expect(actor).toEqual({
      userId: priyaId,
      sessionToken: token,
      name: "DS Priya Shah",
      email: "priya.shah@dcp.example",
      jobTitle: "Detective Sergeant",
      roles: ["investigator", "supervisor"],
      agency: { id: scenario.agencyId("DCP"), code: "DCP", name: "Devon & Cornwall Police", kind: "police", isHmg: true, justificationFrom: null },
      vetting: { level: "MV", effective: "MV", expiresOn: "2029-01-31", isExpired: false },
    });
  });

  it("counts Mark Ellis's expired vetting as NONE", async () => {
    const token = await buildSession(db, { userId: scenario.userId("mark.ellis@dcp.example"), now: T0 });
    const actor = await resolveActor(db, token, T0, policy);
    expect(actor?.vetting).toEqual({ level: "RV", effective: "NONE", expiresOn: "2025-06-30", isExpired: true });
  });

  it("returns null for a token that was never issued", async () => {
    expect(await resolveActor(db, "no-such-token", T0, policy)).toBeNull();
  });

  it("refuses a disabled user on the next call and revokes the session", async () => {
    const user = await buildUser(db);
    const token = await buildSession(db, { userId: user.id, now: T0 });
    expect(await resolveActor(db, token, T0, policy)).not.toBeNull();

    await db.update(users).set({ status: "disabled" }).where(eq(users.id, user.id));
    expect((await sessionRow(token)).revokedAt).toBeNull();

    expect(await resolveActor(db, token, at(SECOND), policy)).toBeNull();
    const row = await sessionRow(token);
    expect(row.revokedAt?.getTime()).toBe(at(SECOND).getTime());
    expect(row.revokedReason).toBe("user_disabled");

    // Re-enabling the person does not bring the old session back.
    await db.update(users).set({ status: "active" }).where(eq(users.id, user.id));
    expect(await resolveActor(db, token, at(2 * SECOND), policy)).toBeNull();
  });

  it("refuses a removed user", async () => {
    const user = await buildUser(db);
    const token = await buildSession(db, { userId: user.id, now: T0 });
    await db.update(users).set({ status: "removed" }).where(eq(users.id, user.id));
    expect(await resolveActor(db, token, T0, policy)).toBeNull();
    expect((await sessionRow(token)).revokedReason).toBe("user_removed");
  });

  it("refuses a revoked (signed-out) session", async () => {
    const user = await buildUser(db);
    const token = await buildSession(db, { userId: user.id, now: T0 });
    await endSession(testCtx(db, null, at(MINUTE)), { sessionToken: token, reason: "sign_out" });
    expect(await resolveActor(db, token, at(2 * MINUTE), policy)).toBeNull();
    expect((await sessionRow(token)).revokedReason).toBe("sign_out");
  });

  it("refuses a session left idle for the idle timeout", async () => {
    const user = await buildUser(db);
    const justInTime = await buildSession(db, { userId: user.id, now: T0 });
    expect(await resolveActor(db, justInTime, at(IDLE_MINUTES * MINUTE - SECOND), policy)).not.toBeNull();

    const idle = await buildSession(db, { userId: user.id, now: T0 });
    expect(await resolveActor(db, idle, at(IDLE_MINUTES * MINUTE), policy)).toBeNull();
    expect((await sessionRow(idle)).revokedReason).toBe("idle_timeout");
    // Once refused, always refused.
    expect(await resolveActor(db, idle, at(IDLE_MINUTES * MINUTE + SECOND), policy)).toBeNull();
  });

  it("measures idleness from the last request, not from sign-in", async () => {
    const user = await buildUser(db);
    const token = await buildSession(db, { userId: user.id, now: T0 });
    expect(await resolveActor(db, token, at(20 * MINUTE), policy)).not.toBeNull();
    expect(await resolveActor(db, token, at(45 * MINUTE), policy)).not.toBeNull();
    expect(await resolveActor(db, token, at(45 * MINUTE + IDLE_MINUTES * MINUTE), policy)).toBeNull();
  });

  it("refuses a session past its absolute lifetime, however active", async () => {
    const user = await buildUser(db);
    const token = await buildSession(db, { userId: user.id, now: T0, maxHours: 1 });
    // Kept active every 20 minutes: never idle.
    for (const minutes of [20, 40]) expect(await resolveActor(db, token, at(minutes * MINUTE), policy)).not.toBeNull();
    expect(await resolveActor(db, token, at(HOUR - SECOND), policy)).not.toBeNull();
    expect(await resolveActor(db, token, at(HOUR), policy)).toBeNull();
    expect((await sessionRow(token)).revokedReason).toBe("absolute_timeout");
  });

  it("refuses everyone of a suspended agency and revokes their sessions", async () => {
    const agency = await buildAgency(db);
    const user = await buildUser(db, { agencyId: agency.id });
    const token = await buildSession(db, { userId: user.id, now: T0 });
    expect(await resolveActor(db, token, T0, policy)).not.toBeNull();

    await db.update(agencies).set({ status: "suspended" }).where(eq(agencies.id, agency.id));
    expect(await resolveActor(db, token, at(SECOND), policy)).toBeNull();
    expect((await sessionRow(token)).revokedReason).toBe("agency_suspended");
  });

  it("writes last_seen_at at most once a minute", async () => {
    const user = await buildUser(db);
    const token = await buildSession(db, { userId: user.id, now: T0 });
    const lastSeen = async () => (await sessionRow(token)).lastSeenAt.getTime();

    expect(await resolveActor(db, token, at(30 * SECOND), policy)).not.toBeNull();
    expect(await lastSeen()).toBe(T0.getTime());

    expect(await resolveActor(db, token, at(61 * SECOND), policy)).not.toBeNull();
    expect(await lastSeen()).toBe(at(61 * SECOND).getTime());

    expect(await resolveActor(db, token, at(90 * SECOND), policy)).not.toBeNull();
    expect(await lastSeen()).toBe(at(61 * SECOND).getTime());

    expect(await resolveActor(db, token, at(122 * SECOND), policy)).not.toBeNull();
    expect(await lastSeen()).toBe(at(122 * SECOND).getTime());
  });
});
