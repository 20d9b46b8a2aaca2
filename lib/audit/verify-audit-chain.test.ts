/**
 * The audit trail's hash chain (issue 10): every way of writing an event joins its agency's chain;
 * the verifier, recomputing each hash in TypeScript, finds the chain intact; and a row changed,
 * removed or added behind the database's back by a superuser (triggers switched off with
 * session_replication_role) is found and named. Each test uses an agency of its own, so one
 * test's tampering leaves the others' chains alone.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { createTestDatabase } from "@/db/testing";
import type { DatabaseHandle, Db } from "@/db/client";
import { auditChainHeads, auditEvents } from "@/db/schema";
import { buildActor, buildUser, testCtx } from "@/db/factories";
import { inTransaction } from "../context";
import { changeWithAudit, recordAudit } from "./record-audit";
import { SYSTEM_CHAIN, verifyAuditChain } from "./verify-audit-chain";

let handle: DatabaseHandle;
let db: Db;

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
});
afterAll(async () => {
  await handle?.close();
});

/** An agency with a person in it (making them may write events of its own) and `n` more events of theirs. */
async function agencyWithEvents(n: number) {
  const user = await buildUser(db);
  const actor = await buildActor(db, user.id);
  for (let i = 0; i < n; i++) await recordAudit(testCtx(db, actor), { action: "test.event", subjectType: "document", subjectId: `doc-${i}`, details: { i } });
  const rows = await db.select().from(auditEvents).where(eq(auditEvents.agencyId, user.agencyId)).orderBy(auditEvents.chainSeq);
  return { user, actor, agencyId: user.agencyId, rows };
}

/** Runs `statement` as a superuser with every trigger off, as an attacker with the database would. */
async function behindTheTriggers(statement: ReturnType<typeof sql>) {
  await db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL session_replication_role = replica`);
    await tx.execute(statement);
  });
}

describe("the audit chain", () => {
  it("links every event of an agency in order, however it was written, and the verifier agrees", async () => {
    const { actor, agencyId, rows: before } = await agencyWithEvents(3);
    // Text jsonb must print as the verifier does: quotes, escapes, non-ASCII, nesting, numbers.
    await recordAudit(testCtx(db, actor), {
      action: "test.awkward",
      justification: 'Line one\nline "two"\ttab \u0001 \\ café — 警察 🚓',
      details: { nested: { b: [1, 2.5, -3e-7, true, null], a: "x" }, "a longer key": { "": 0 }, z: "\u2028", emptyObject: {}, emptyList: [] },
    });
    await changeWithAudit(testCtx(db, actor), sql`(SELECT 1 AS one)`, { action: "test.change", subjectType: "card", subjectId: "c1" });
    // An INSERT … SELECT of several rows at once (as the sweeps write) is chained row by row.
    await db.execute(sql`INSERT INTO audit_events (agency_id, action, subject_id) SELECT ${agencyId}::uuid, 'test.bulk', 'bulk-' || g FROM generate_series(1, 5) AS g`);

    const rows = await db.select().from(auditEvents).where(eq(auditEvents.agencyId, agencyId)).orderBy(auditEvents.chainSeq);
    const n = before.length + 7;
    expect(rows.map((r) => r.chainSeq)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    expect(rows[0]!.prevHash).toBe("");
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prevHash).toBe(rows[i - 1]!.hash);
    expect(new Set(rows.map((r) => r.hash)).size).toBe(rows.length);

    const report = await verifyAuditChain(testCtx(db), { agencyId });
    expect(report).toMatchObject({ intact: true, rows: n, chains: [{ chainKey: agencyId, rows: n, intact: true, lastSeq: n, firstBreak: null }] });
  });

  it("events with no agency form the system chain", async () => {
    await recordAudit(testCtx(db), { action: "test.system" });
    const report = await verifyAuditChain(testCtx(db), { agencyId: null });
    expect(report.chains).toHaveLength(1);
    expect(report.chains[0]).toMatchObject({ chainKey: SYSTEM_CHAIN, intact: true });
    expect(report.chains[0]!.rows).toBeGreaterThan(0);
  });

  it("names a row whose contents were changed directly in the database", async () => {
    const { agencyId, rows } = await agencyWithEvents(4);
    const victim = rows.at(-2)!;
    await behindTheTriggers(sql`UPDATE audit_events SET subject_id = 'doc-other' WHERE id = ${victim.id}`);
    const report = await verifyAuditChain(testCtx(db), { agencyId });
    expect(report.intact).toBe(false);
    expect(report.chains[0]!.firstBreak).toMatchObject({ id: victim.id, seq: victim.chainSeq, reason: "altered" });
    expect(report.chains[0]!.firstBreak!.message).toContain(`Row ${victim.id}`);
  });

  it("a changed row whose hash was recomputed breaks the link of the row after it", async () => {
    const { agencyId, rows } = await agencyWithEvents(4);
    const victim = rows.at(-3)!;
    await behindTheTriggers(sql`UPDATE audit_events SET justification = 'rewritten', hash = NULL WHERE id = ${victim.id}`);
    await behindTheTriggers(sql`UPDATE audit_events e SET hash = audit_event_hash(e) WHERE id = ${victim.id}`);
    const report = await verifyAuditChain(testCtx(db), { agencyId });
    expect(report.chains[0]!.firstBreak).toMatchObject({ id: rows.at(-2)!.id, seq: rows.at(-2)!.chainSeq, reason: "relinked" });
  });

  it("a row removed from the middle leaves a gap, one removed from the end leaves the head behind", async () => {
    const middle = await agencyWithEvents(4);
    await behindTheTriggers(sql`DELETE FROM audit_events WHERE id = ${middle.rows.at(-3)!.id}`);
    const gap = await verifyAuditChain(testCtx(db), { agencyId: middle.agencyId });
    expect(gap.chains[0]!.firstBreak).toMatchObject({ id: middle.rows.at(-2)!.id, seq: middle.rows.at(-2)!.chainSeq, reason: "missing" });

    const end = await agencyWithEvents(3);
    const last = end.rows.at(-1)!;
    await behindTheTriggers(sql`DELETE FROM audit_events WHERE id = ${last.id}`);
    const tail = await verifyAuditChain(testCtx(db), { agencyId: end.agencyId });
    expect(tail.chains[0]!.firstBreak).toMatchObject({ id: null, seq: last.chainSeq, reason: "head" });
    expect(tail.chains[0]!.lastSeq).toBe(last.chainSeq! - 1);
  });

  it("a row slipped in with the trigger off is unchained and named", async () => {
    const { agencyId } = await agencyWithEvents(2);
    await behindTheTriggers(sql`INSERT INTO audit_events (agency_id, action) VALUES (${agencyId}::uuid, 'test.forged')`);
    const [forged] = await db.select().from(auditEvents).where(eq(auditEvents.action, "test.forged"));
    const report = await verifyAuditChain(testCtx(db), { agencyId });
    expect(report.chains[0]!.firstBreak).toMatchObject({ id: forged!.id, seq: null, reason: "unchained" });
  });

  it("reads a long chain in pages and still finds it intact", async () => {
    const { agencyId, rows } = await agencyWithEvents(7);
    const report = await verifyAuditChain(testCtx(db), { agencyId, pageSize: 2 });
    expect(report.chains[0]).toMatchObject({ rows: rows.length, intact: true, lastSeq: rows.length });
  });

  it("concurrent writers of one agency never take the same link", async () => {
    const { actor, agencyId, rows } = await agencyWithEvents(1);
    await Promise.all(Array.from({ length: 12 }, (_, i) => inTransaction(testCtx(db, actor), (tx) => recordAudit(tx, { action: "test.parallel", subjectId: `p-${i}` }))));
    const report = await verifyAuditChain(testCtx(db), { agencyId });
    expect(report.chains[0]).toMatchObject({ rows: rows.length + 12, intact: true, lastSeq: rows.length + 12 });
  });

  it("the chain's head cannot be rewound or removed", async () => {
    const { agencyId } = await agencyWithEvents(2);
    await expect(db.update(auditChainHeads).set({ seq: 1 }).where(eq(auditChainHeads.chainKey, agencyId))).rejects.toThrow();
    await expect(db.delete(auditChainHeads).where(eq(auditChainHeads.chainKey, agencyId))).rejects.toThrow();
    expect((await verifyAuditChain(testCtx(db), { agencyId })).intact).toBe(true);
  });
});
