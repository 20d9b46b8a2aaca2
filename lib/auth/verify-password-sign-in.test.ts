/** Demo password sign-in: one answer for every failure, and every failure audited with its reason. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createTestDatabase } from "@/db/testing";
import type { DatabaseHandle, Db } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { buildUser, testCtx, type UserRow } from "@/db/factories";
import { verifyPasswordSignIn } from "./verify-password-sign-in";

const PASSWORD = "correct horse battery staple";

let handle: DatabaseHandle;
let db: Db;
let user: UserRow;
let disabledUser: UserRow;
let federatedUser: UserRow;

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  user = await buildUser(db, { password: PASSWORD });
  disabledUser = await buildUser(db, { password: PASSWORD, status: "disabled" });
  // Real people sign in through their agency and have no password at all.
  federatedUser = await buildUser(db);
});
afterAll(async () => {
  await handle?.close();
});

/** Signs in and returns the result with the audit events the attempt wrote. */
async function attempt(input: unknown) {
  const ctx = testCtx(db);
  const result = await verifyPasswordSignIn(ctx, input);
  const events = await db.select().from(auditEvents).where(eq(auditEvents.requestId, ctx.requestId));
  return { result, events };
}

describe("verifyPasswordSignIn", () => {
  it("accepts the right password", async () => {
    const { result } = await attempt({ email: user.email, password: PASSWORD });
    expect(result).toEqual({ ok: true, userId: user.id, agencyId: user.agencyId });
  });

  it("matches the e-mail whatever its case and surrounding spaces", async () => {
    const { result } = await attempt({ email: `  ${user.email.toUpperCase()} `, password: PASSWORD });
    expect(result).toEqual({ ok: true, userId: user.id, agencyId: user.agencyId });
  });

  it("does not trim or fold the case of the password", async () => {
    expect((await attempt({ email: user.email, password: PASSWORD.toUpperCase() })).result).toEqual({ ok: false });
    expect((await attempt({ email: user.email, password: ` ${PASSWORD}` })).result).toEqual({ ok: false });
  });

  it("refuses a wrong password and audits the reason against the user", async () => {
    const { result, events } = await attempt({ email: user.email, password: "wrong" });
    expect(result).toEqual({ ok: false });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: "auth.sign_in",
      outcome: "failure",
      actorUserId: user.id,
      agencyId: user.agencyId,
      details: { provider: "demo", reason: "wrong_password", email: user.email },
    });
  });

  it("refuses an unknown e-mail with the same answer, keeping the attempted name in the trail", async () => {
    const { result, events } = await attempt({ email: "Nobody@Nowhere.example", password: PASSWORD });
    expect(result).toEqual({ ok: false });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: "auth.sign_in",
      outcome: "failure",
      actorUserId: null,
      agencyId: null,
      details: { provider: "demo", reason: "unknown_email", email: "nobody@nowhere.example" },
    });
  });

  it("refuses a disabled user even with the right password", async () => {
    const { result, events } = await attempt({ email: disabledUser.email, password: PASSWORD });
    expect(result).toEqual({ ok: false });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      outcome: "failure",
      actorUserId: disabledUser.id,
      details: { reason: "user_disabled" },
    });
  });

  it("refuses a person who has no password", async () => {
    const { result, events } = await attempt({ email: federatedUser.email, password: PASSWORD });
    expect(result).toEqual({ ok: false });
    expect(events[0]).toMatchObject({ outcome: "failure", actorUserId: federatedUser.id, details: { reason: "wrong_password" } });
  });

  it.each([
    ["no input", undefined],
    ["null", null],
    ["a string", "priya.shah@dcp.example"],
    ["no password", { email: "someone@test.example" }],
    ["an empty password", { email: "someone@test.example", password: "" }],
    ["not an e-mail", { email: "not-an-email", password: PASSWORD }],
    ["a non-string password", { email: "someone@test.example", password: 12345 }],
    ["an over-long password", { email: "someone@test.example", password: "x".repeat(1025) }],
  ])("refuses malformed input (%s) with the same answer and audits it", async (_label, input) => {
    const { result, events } = await attempt(input);
    expect(result).toEqual({ ok: false });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: "auth.sign_in", outcome: "failure", details: { provider: "demo", reason: "malformed" } });
  });

  it("never writes the password to the audit trail", async () => {
    const secret = "hunter2-do-not-log";
    const attempts = [
      await attempt({ email: user.email, password: secret }),
      await attempt({ email: "unknown@test.example", password: secret }),
      await attempt({ email: "not-an-email", password: secret }),
    ];
    for (const { events } of attempts) {
      expect(events).toHaveLength(1);
      expect(JSON.stringify(events[0])).not.toContain(secret);
    }
  });
});
