/**
 * Issue 10's acceptance: every kind of s.62 event is recorded by the action that causes it, each
 * with actor, agency, time, request id, subject and marking, a disclosure with its recipients and
 * agreement. Real operations on the seeded scenario, on PGlite and PostgreSQL alike.
 */
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as t from "@/db/schema";
import type { Db } from "@/db/client";
import { buildActor, buildUser, openSeededDatabaseForFile, policyCtx, type SeededScenario } from "@/db/factories";
import type { PolicyCtx } from "../context";
import { createDocument } from "../documents/create-document";
import { remarkDocument } from "../documents/remark-document";
import { getDocument } from "../documents/get-document";
import { exportDocument } from "../documents/export-document";
import { deleteDocument } from "../documents/delete-document";
import { addSpaceMember } from "../spaces/add-space-member";
import { linkCard } from "../boards/link-card";

let db: Db;
let s: SeededScenario;
openSeededDatabaseForFile((opened) => {
  db = opened.db;
  s = opened.scenario;
});

const ctxOf = async (email: string) => policyCtx(db, await buildActor(db, s.userId(email)));

/** The one event of `action` written in `ctx`'s request. */
async function eventOf(ctx: PolicyCtx, action: string) {
  const rows = await db.select().from(t.auditEvents).where(and(eq(t.auditEvents.requestId, ctx.requestId), eq(t.auditEvents.action, action)));
  expect(rows, `one ${action} event in request ${ctx.requestId}`).toHaveLength(1);
  const e = rows[0]!;
  // Who, for which agency, when, in which request: on every event.
  expect(e.actorUserId).toBe(ctx.actor.userId);
  expect(e.agencyId).toBe(ctx.actor.agency.id);
  expect(e.at.getTime()).toBe(ctx.now.getTime());
  expect(e.chainSeq).toBeGreaterThan(0);
  return e;
}

describe("s.62 events", () => {
  it("collection, alteration, consultation, disclosure, combination and erasure are each recorded by their action", async () => {
    const kestrel = s.spaceId("Operation Kestrel");

    const create = await ctxOf("priya.shah@dcp.example");
    const created = await createDocument(create, { spaceId: kestrel, title: "Witness canvass notes", marking: "OFFICIAL" });
    expect(await eventOf(create, "document.create")).toMatchObject({ kind: "collection", subjectType: "document", subjectId: created.id, spaceId: kestrel });

    const remark = await ctxOf("priya.shah@dcp.example");
    await remarkDocument(remark, { documentId: created.id, marking: "OFFICIAL-SENSITIVE", justification: "Names a witness" });
    expect(await eventOf(remark, "document.remark")).toMatchObject({ kind: "alteration", subjectId: created.id, markingBefore: "OFFICIAL", markingAfter: "OFFICIAL-SENSITIVE" });

    const read = await ctxOf("tom.hughes@dcp.example");
    await getDocument(read, { documentId: created.id });
    expect(await eventOf(read, "document.read")).toMatchObject({ kind: "consultation", subjectId: created.id, markingBefore: "OFFICIAL-SENSITIVE" });

    const exported = await ctxOf("priya.shah@dcp.example");
    await exportDocument(exported, { documentId: created.id, format: "docx" });
    const disclosure = await eventOf(exported, "document.export");
    // The recipient of a download is the person who takes it: the event's actor.
    expect(disclosure).toMatchObject({ kind: "disclosure", subjectId: created.id, markingBefore: "OFFICIAL-SENSITIVE", details: expect.objectContaining({ format: "docx" }) });

    // Sharing with a partner agency: a new guest from the health trust in the MASH space, under its agreement.
    const nurse = await buildUser(db, { agencyId: s.agencyId("RCHT"), roles: ["practitioner"], vettingLevel: "NPPV2A", name: "Nurse Test" });
    const share = await ctxOf("priya.shah@dcp.example");
    await addSpaceMember(share, { spaceId: s.spaceId("Cornwall MASH: referral 2026-0412"), userId: nurse.id, role: "guest" });
    expect(await eventOf(share, "space.member_add")).toMatchObject({
      kind: "disclosure",
      subjectId: nurse.id,
      details: expect.objectContaining({ name: "Nurse Test", agency: "Royal Cornwall Hospitals NHS Trust", agreement: "ISA-CC-014" }),
    });

    const combine = await ctxOf("priya.shah@dcp.example");
    await linkCard(combine, { cardId: s.cardId("Request ANPR hits on the A30 corridor"), documentId: s.documentId("Investigation log") });
    expect(await eventOf(combine, "card.link")).toMatchObject({ kind: "combination", subjectType: "card", subjectId: s.cardId("Request ANPR hits on the A30 corridor") });

    const erase = await ctxOf("priya.shah@dcp.example");
    await deleteDocument(erase, { documentId: created.id });
    expect(await eventOf(erase, "document.delete")).toMatchObject({ kind: "erasure", subjectId: created.id, markingBefore: "OFFICIAL-SENSITIVE" });
  });

  it("an event that processes no case content (the seed's) has no kind", async () => {
    const rows = await db.select({ kind: t.auditEvents.kind }).from(t.auditEvents).where(eq(t.auditEvents.action, "system.seed_scenario"));
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.kind).toBeNull();
  });
});
