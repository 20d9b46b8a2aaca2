/** recordAudit writes within the caller's transaction; the database keeps the trail append-only. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count, eq, sql } from "drizzle-orm";
import { createTestDatabase } from "@/db/testing";
import type { DatabaseHandle, Db } from "@/db/client";
import { auditEvents, users } from "@/db/schema";
import { buildActor, buildUser, testCtx } from "@/db/factories";
import { inTransaction } from "../context";
import { changeWithAudit, recordAudit } from "./record-audit";

let handle: DatabaseHandle;
let db: Db;

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
});
afterAll(async () => {
  await handle?.close();
});

async function eventsOf(requestId: string) {
  return db.select().from(auditEvents).where(eq(auditEvents.requestId, requestId));
}

/** The text of an error and of its causes (drizzle wraps the driver's error). */
function errorText(err: unknown): string {
  const parts: string[] = [];
  for (let e = err; e instanceof Error; e = e.cause) parts.push(e.message);
  return parts.join(" | ");
}

async function refusal(query: Promise<unknown>): Promise<string> {
  try {
    await query;
  } catch (err) {
    return errorText(err);
  }
  throw new Error("the database accepted the change");
}

describe("recordAudit", () => {
  it("writes the event with the context's actor, agency, request id and time", async () => {
    const user = await buildUser(db);
    const actor = await buildActor(db, user.id);
    const ctx = testCtx(db, actor, new Date("2026-02-03T04:05:06.789Z"));
    await recordAudit(ctx, {
      action: "document.mark",
      subjectType: "document",
      subjectId: "doc-1",
      markingBefore: "OFFICIAL",
      markingAfter: "OFFICIAL-SENSITIVE",
      justification: "contains personal data",
      details: { field: "marking" },
      // Ignored when there is an actor: the actor is who acted.
      actorUserId: "00000000-0000-4000-8000-000000000000",
    });
    const [event, ...rest] = await eventsOf(ctx.requestId);
    expect(rest).toHaveLength(0);
    expect(event).toMatchObject({
      requestId: ctx.requestId,
      actorUserId: user.id,
      agencyId: user.agencyId,
      action: "document.mark",
      outcome: "success",
      subjectType: "document",
      subjectId: "doc-1",
      markingBefore: "OFFICIAL",
      markingAfter: "OFFICIAL-SENSITIVE",
      justification: "contains personal data",
      details: { field: "marking" },
    });
    expect(event!.at.toISOString()).toBe("2026-02-03T04:05:06.789Z");
  });

  it("takes actor and agency from the event when nobody is signed in", async () => {
    const user = await buildUser(db);
    const ctx = testCtx(db);
    await recordAudit(ctx, { action: "auth.sign_in", outcome: "failure", actorUserId: user.id, agencyId: user.agencyId });
    const [event] = await eventsOf(ctx.requestId);
    expect(event).toMatchObject({ actorUserId: user.id, agencyId: user.agencyId, outcome: "failure", details: {} });
  });

  it("commits with the caller's transaction", async () => {
    const ctx = testCtx(db);
    await inTransaction(ctx, (tx) => recordAudit(tx, { action: "test.committed" }));
    expect(await eventsOf(ctx.requestId)).toHaveLength(1);
  });

  it("is rolled back with the caller's transaction", async () => {
    const ctx = testCtx(db);
    await expect(
      inTransaction(ctx, async (tx) => {
        await recordAudit(tx, { action: "test.rolled_back" });
        // Visible inside the transaction…
        const inside = await tx.db.select({ n: count() }).from(auditEvents).where(eq(auditEvents.requestId, ctx.requestId));
        expect(Number(inside[0]!.n)).toBe(1);
        throw new Error("the mutation failed");
      }),
    ).rejects.toThrow("the mutation failed");
    // …and gone with it.
    expect(await eventsOf(ctx.requestId)).toHaveLength(0);
  });
});

describe("changeWithAudit", () => {
  it("makes the change and writes its event, exactly as recordAudit would, in one statement", async () => {
    const user = await buildUser(db, { name: "Before" });
    const actor = await buildActor(db, user.id);
    const ctx = testCtx(db, actor, new Date("2026-03-04T05:06:07.089Z"));
    const change = db.update(users).set({ name: "After" }).where(eq(users.id, user.id)).returning({ id: users.id });
    const touched = await changeWithAudit(ctx, change, { action: "user.rename", subjectType: "user", subjectId: user.id, markingBefore: "OFFICIAL", details: { from: "Before" } });
    expect(touched).toBe(1);
    expect((await db.select().from(users).where(eq(users.id, user.id)))[0]!.name).toBe("After");
    const [event, ...rest] = await eventsOf(ctx.requestId);
    expect(rest).toHaveLength(0);
    expect(event).toMatchObject({ actorUserId: user.id, agencyId: user.agencyId, action: "user.rename", outcome: "success", subjectType: "user", subjectId: user.id, markingBefore: "OFFICIAL", markingAfter: null, details: { from: "Before" } });
    expect(event!.at.toISOString()).toBe("2026-03-04T05:06:07.089Z");
  });

  it("writes no event when the change touches nothing", async () => {
    const user = await buildUser(db);
    const ctx = testCtx(db, await buildActor(db, user.id));
    const change = db.update(users).set({ name: "Nobody" }).where(eq(users.id, "00000000-0000-4000-8000-000000000000")).returning({ id: users.id });
    expect(await changeWithAudit(ctx, change, { action: "user.rename" })).toBe(0);
    expect(await eventsOf(ctx.requestId)).toHaveLength(0);
  });
});

describe("audit_events is append-only", () => {
  it("refuses UPDATE and leaves the row unchanged", async () => {
    const ctx = testCtx(db);
    await recordAudit(ctx, { action: "test.original" });
    const message = await refusal(db.update(auditEvents).set({ action: "test.rewritten" }).where(eq(auditEvents.requestId, ctx.requestId)));
    expect(message).toContain("audit_events is append-only");
    const [event] = await eventsOf(ctx.requestId);
    expect(event!.action).toBe("test.original");
  });

  it("refuses DELETE and keeps the row", async () => {
    const ctx = testCtx(db);
    await recordAudit(ctx, { action: "test.kept" });
    const message = await refusal(db.delete(auditEvents).where(eq(auditEvents.requestId, ctx.requestId)));
    expect(message).toContain("audit_events is append-only");
    expect(await eventsOf(ctx.requestId)).toHaveLength(1);
  });

  it("refuses TRUNCATE", async () => {
    const ctx = testCtx(db);
    await recordAudit(ctx, { action: "test.survives_truncate" });
    const message = await refusal(db.execute(sql`TRUNCATE audit_events`));
    expect(message).toContain("audit_events is append-only");
    expect(await eventsOf(ctx.requestId)).toHaveLength(1);
  });

  it("refuses an UPDATE from raw SQL too", async () => {
    const ctx = testCtx(db);
    await recordAudit(ctx, { action: "test.raw" });
    const message = await refusal(db.execute(sql`UPDATE audit_events SET outcome = 'denied' WHERE request_id = ${ctx.requestId}`));
    expect(message).toContain("audit_events is append-only");
    expect((await eventsOf(ctx.requestId))[0]!.outcome).toBe("success");
  });
});
