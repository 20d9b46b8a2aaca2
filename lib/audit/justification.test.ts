/**
 * Justifications (DPA 2018 s.62): where an agency asks (the seeded health trust, from
 * OFFICIAL-SENSITIVE), opening or exporting its content asks for a reason first, which is written
 * on the consultation's or disclosure's audit event; one reason covers further consultations of
 * the same item for an hour, never an export. The question is asked only of someone who may read
 * the item (invisible stays 404), and an agency administrator sets it.
 */
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as t from "@/db/schema";
import type { Db } from "@/db/client";
import { buildActor, openSeededDatabaseForFile, policyCtx, type SeededScenario } from "@/db/factories";
import { ForbiddenError, InvalidInputError, JustificationRequiredError, NotFoundError } from "../errors";
import { getDocument } from "../documents/get-document";
import { exportDocument } from "../documents/export-document";
import { setJustificationPolicy, getJustificationPolicy } from "../agencies/set-justification-policy";
import { JUSTIFICATION_WINDOW_MINUTES } from "./justification";

let db: Db;
let s: SeededScenario;
openSeededDatabaseForFile((opened) => {
  db = opened.db;
  s = opened.scenario;
});

const ctxOf = async (email: string, now = new Date()) => policyCtx(db, await buildActor(db, s.userId(email), now), now);
const AISHA = "aisha.rahman@rcht.example";
const eventsOf = (requestId: string) => db.select().from(t.auditEvents).where(eq(t.auditEvents.requestId, requestId));

describe("justifications", () => {
  it("asks Aisha why before she opens the MASH minutes, logs her reason, and lets it cover the next hour only", async () => {
    const minutes = s.documentId("Strategy meeting minutes");
    const start = new Date();

    const unasked = await ctxOf(AISHA, start);
    const refusal = await getDocument(unasked, { documentId: minutes }).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(JustificationRequiredError);
    expect(refusal).toMatchObject({ status: 428, purpose: "consultation", marking: expect.stringMatching(/^OFFICIAL-SENSITIVE/) });
    // Nothing was consulted, so nothing is logged as consulted.
    expect(await eventsOf(unasked.requestId)).toEqual([]);

    await expect(getDocument(await ctxOf(AISHA, start), { documentId: minutes, justification: "why" })).rejects.toBeInstanceOf(InvalidInputError);

    const asked = await ctxOf(AISHA, start);
    await getDocument(asked, { documentId: minutes, justification: "Strategy meeting on the referral today" });
    expect(await eventsOf(asked.requestId)).toMatchObject([{ action: "document.read", kind: "consultation", justification: "Strategy meeting on the referral today" }]);

    // Her next reads (the page, its token, its comments) carry the same reason, logged again.
    const later = await ctxOf(AISHA, new Date(start.getTime() + 30 * 60_000));
    await getDocument(later, { documentId: minutes });
    expect(await eventsOf(later.requestId)).toMatchObject([{ action: "document.read", justification: "Strategy meeting on the referral today" }]);

    const tooLate = await ctxOf(AISHA, new Date(start.getTime() + (JUSTIFICATION_WINDOW_MINUTES + 31) * 60_000));
    await expect(getDocument(tooLate, { documentId: minutes })).rejects.toBeInstanceOf(JustificationRequiredError);
  });

  it("asks again for every export, and logs the reason on the disclosure", async () => {
    const minutes = s.documentId("Strategy meeting minutes");
    const opened = await ctxOf(AISHA);
    await getDocument(opened, { documentId: minutes, justification: "Reviewing the safety plan" });

    const unasked = await ctxOf(AISHA);
    await expect(exportDocument(unasked, { documentId: minutes, format: "pdf" })).rejects.toMatchObject({ code: "justification_required", purpose: "disclosure" });
    expect((await eventsOf(unasked.requestId)).filter((e) => e.action === "document.export")).toEqual([]);

    const asked = await ctxOf(AISHA);
    await exportDocument(asked, { documentId: minutes, format: "pdf", justification: "Copy for the child protection conference" });
    const events = await eventsOf(asked.requestId);
    expect(events.find((e) => e.action === "document.export")).toMatchObject({ kind: "disclosure", justification: "Copy for the child protection conference" });
  });

  it("does not ask below the agency's level, nor of agencies that do not ask", async () => {
    await getDocument(await ctxOf(AISHA), { documentId: s.documentId("Agency contact list") });
    const helen = await ctxOf("helen.carter@cc.example");
    await getDocument(helen, { documentId: s.documentId("Strategy meeting minutes") });
    expect(await eventsOf(helen.requestId)).toMatchObject([{ action: "document.read", justification: null }]);
  });

  it("answers 404, not the question, for what the person may not read", async () => {
    await expect(getDocument(await ctxOf(AISHA), { documentId: s.documentId("Investigation log") })).rejects.toBeInstanceOf(NotFoundError);
    await expect(getDocument(await ctxOf(AISHA), { documentId: s.documentId("Investigation log"), justification: "Curious about Kestrel" })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("is set by the agency's administrators only, audited with before and after", async () => {
    await expect(setJustificationPolicy(await ctxOf("priya.shah@dcp.example"), { from: "OFFICIAL" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(setJustificationPolicy(await ctxOf("sam.patel@dcp.example"), { from: "RESTRICTED" })).rejects.toBeInstanceOf(InvalidInputError);

    const sam = await ctxOf("sam.patel@dcp.example");
    expect(await setJustificationPolicy(sam, { from: "OFFICIAL" })).toEqual({ from: "OFFICIAL" });
    expect(await eventsOf(sam.requestId)).toMatchObject([{ action: "agency.justification_policy", kind: null, details: { before: null, after: "OFFICIAL" } }]);
    expect(await getJustificationPolicy(await ctxOf("tom.hughes@dcp.example"))).toEqual({ from: "OFFICIAL", canChange: false });

    // Now even OFFICIAL content asks DCP's people (a new request: the setting is read with the person).
    await expect(getDocument(await ctxOf("tom.hughes@dcp.example"), { documentId: s.documentId("Press lines") })).rejects.toBeInstanceOf(JustificationRequiredError);
    const tom = await ctxOf("tom.hughes@dcp.example");
    await getDocument(tom, { documentId: s.documentId("Press lines"), justification: "Preparing the press briefing" });
    expect(await db.select().from(t.auditEvents).where(and(eq(t.auditEvents.requestId, tom.requestId), eq(t.auditEvents.action, "document.read")))).toMatchObject([{ justification: "Preparing the press briefing", markingBefore: "OFFICIAL" }]);

    await setJustificationPolicy(await ctxOf("sam.patel@dcp.example"), { from: null });
    await getDocument(await ctxOf("tom.hughes@dcp.example"), { documentId: s.documentId("Press lines") });
  });
});
