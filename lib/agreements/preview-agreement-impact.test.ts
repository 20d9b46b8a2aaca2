/**
 * The impact preview shows, before anything is saved, which spaces run under an agreement and who
 * would lose (or regain) access; a person who is still admitted by another agreement keeps access.
 * It saves nothing, and only the agreement's administrators may ask.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createTestDatabase } from "@/db/testing";
import type { DatabaseHandle, Db } from "@/db/client";
import { spaceAgreements } from "@/db/schema";
import { buildActor, buildAgreement, buildMembership, buildSpace, buildUser, policyCtx, seededScenario, type SeededScenario } from "@/db/factories";
import type { Actor } from "../auth/actor";
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from "../errors";
import { previewAgreementImpact, impactFingerprint } from "./preview-agreement-impact";
import { setAgreementStatus } from "./set-agreement-status";
import { agreementSnapshot, auditOf } from "./agreement-fixtures";

const KESTREL = "Operation Kestrel";
const ALEX = { name: "DC Alex Morgan", agencyName: "Dorset Police" };

let handle: DatabaseHandle;
let db: Db;
let scenario: SeededScenario;
let sam: Actor;
let isa: string;

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  scenario = await seededScenario(db);
  sam = await buildActor(db, scenario.userId("sam.patel@dcp.example"));
  isa = scenario.agreementId("ISA-SW-001");
});
afterAll(async () => {
  await handle?.close();
});

async function preview(change: Omit<Parameters<typeof previewAgreementImpact>[1], "agreementId">, actor = sam) {
  return previewAgreementImpact(await policyCtx(db, actor), { agreementId: isa, ...change });
}

describe("previewAgreementImpact", () => {
  it("names Operation Kestrel and DC Alex Morgan when ISA-SW-001 would be suspended, and saves nothing", async () => {
    const before = await agreementSnapshot(db, isa);
    const ctx = await policyCtx(db, sam);
    const impact = await previewAgreementImpact(ctx, { agreementId: isa, status: "suspended" });
    expect(impact).toMatchObject({
      reference: "ISA-SW-001",
      isInForceBefore: true,
      isInForceAfter: false,
      losingCount: 1,
      regainingCount: 0,
      otherSpaces: { count: 0, losingCount: 0, regainingCount: 0 },
    });
    expect(impact.changes).toEqual(["Status: active → suspended", "ISA-SW-001 would no longer be in force: sharing under it stops at once"]);
    expect(impact.spaces).toHaveLength(1);
    // Sam is no member of Kestrel, so he cannot open it; as DCP's administrator he is told it is there.
    expect(impact.spaces[0]).toMatchObject({ id: scenario.spaceId(KESTREL), name: KESTREL, ownerAgencyName: "Devon & Cornwall Police", isReadable: false, regaining: [] });
    expect(impact.spaces[0]!.losing).toEqual([{ userId: scenario.userId("alex.morgan@dor.example"), ...ALEX, role: expect.any(String) as string }]);

    expect(await agreementSnapshot(db, isa)).toEqual(before);
    expect(await auditOf(db, ctx.requestId)).toHaveLength(0);
  });

  it("shows Alex regaining Kestrel when the suspended agreement would be reactivated", async () => {
    await setAgreementStatus(await policyCtx(db, sam), { agreementId: isa, status: "suspended" });
    try {
      const impact = await preview({ status: "active" });
      expect(impact.changes).toContain("ISA-SW-001 would be in force: sharing under it resumes at once");
      expect(impact.spaces[0]).toMatchObject({ name: KESTREL, losing: [], regaining: [{ name: ALEX.name }] });
      expect(impact).toMatchObject({ losingCount: 0, regainingCount: 1 });
    } finally {
      await setAgreementStatus(await policyCtx(db, sam), { agreementId: isa, status: "active" });
    }
  });

  it("names Alex when Dorset Police would be removed from the parties, or the review date moved into the past", async () => {
    const removed = await preview({ partyAgencyIds: [scenario.agencyId("DCP"), scenario.agencyId("CC")] });
    expect(removed.changes).toEqual(expect.arrayContaining(["Parties removed: Dorset Police", "Parties added: Cornwall Council"]));
    expect(removed.spaces[0]!.losing.map((p) => p.name)).toEqual([ALEX.name]);

    const lapsed = await preview({ reviewOn: "2026-11-01" });
    expect(lapsed.changes).toContain("Review date: 1 May 2027 → 1 November 2026");
    expect(lapsed.spaces[0]!.losing.map((p) => p.name)).toEqual([ALEX.name]);
  });

  it("counts the documents that would stop crossing when the marking is lowered or a descriptor removed; nobody loses the space", async () => {
    // Kestrel holds "Investigation log" (OFFICIAL-SENSITIVE PERSONAL DATA) and "Press lines" (OFFICIAL).
    const lowered = await preview({ maxMarking: "OFFICIAL" });
    expect(lowered.changes).toEqual(["Highest marking: OFFICIAL-SENSITIVE → OFFICIAL"]);
    expect(lowered.spaces[0]).toMatchObject({ name: KESTREL, losing: [], documentsNoLongerShared: 1 });
    expect(lowered.losingCount).toBe(0);

    const withoutPersonalData = await preview({ descriptors: ["LEGAL"] });
    expect(withoutPersonalData.changes).toEqual(["Descriptors removed: PERSONAL DATA"]);
    expect(withoutPersonalData.spaces[0]).toMatchObject({ losing: [], documentsNoLongerShared: 1 });
  });

  it("keeps a person's access when another agreement in force still admits them", async () => {
    const other = await buildAgreement(db, {
      ownerAgencyId: scenario.agencyId("DCP"),
      partyAgencyIds: [scenario.agencyId("DCP"), scenario.agencyId("DOR")],
      spaceIds: [scenario.spaceId(KESTREL)],
    });
    try {
      const impact = await preview({ status: "suspended" });
      expect(impact.spaces.map((s) => s.name)).toEqual([KESTREL]);
      expect(impact.spaces[0]!.losing).toEqual([]);
      expect(impact.losingCount).toBe(0);
    } finally {
      await db.delete(spaceAgreements).where(and(eq(spaceAgreements.spaceId, scenario.spaceId(KESTREL)), eq(spaceAgreements.agreementId, other.id)));
    }
  });

  it("counts, without naming, a bound space of another agency that Sam may not see", async () => {
    // A Dorset-owned space under ISA-SW-001 with a DCP officer in it.
    const dorset = await buildSpace(db, { ownerAgencyId: scenario.agencyId("DOR"), name: "Dorset secret thing" });
    await db.insert(spaceAgreements).values({ spaceId: dorset.id, agreementId: isa });
    const officer = await buildUser(db, { agencyId: scenario.agencyId("DCP"), name: "PC Hidden Person" });
    await buildMembership(db, { spaceId: dorset.id, userId: officer.id });
    try {
      const impact = await preview({ status: "suspended" });
      expect(impact.spaces.map((s) => s.name)).toEqual([KESTREL]);
      expect(impact.otherSpaces).toEqual({ count: 1, losingCount: 1, regainingCount: 0 });
      expect(impact.losingCount).toBe(2);
      expect(JSON.stringify(impact)).not.toMatch(/Dorset secret thing|PC Hidden Person/);
    } finally {
      await db.delete(spaceAgreements).where(eq(spaceAgreements.spaceId, dorset.id));
    }
  });

  it("leaves out people whose membership has already ended", async () => {
    const kestrel = scenario.spaceId(KESTREL);
    const guest = await buildUser(db, { agencyId: scenario.agencyId("DOR"), name: "DC Former Guest" });
    await buildMembership(db, { spaceId: kestrel, userId: guest.id, role: "guest", agreementId: isa, expiresAt: new Date("2026-01-01T00:00:00Z") });
    const impact = await preview({ status: "suspended" });
    expect(impact.spaces[0]!.losing.map((p) => p.name)).toEqual([ALEX.name]);
  });

  it("gives the same fingerprint for the same effect and a different one when the effect differs", async () => {
    const a = await preview({ status: "suspended" });
    const b = await preview({ status: "expired" });
    const c = await preview({ maxMarking: "OFFICIAL" });
    expect(impactFingerprint(a)).toBe(impactFingerprint(b));
    expect(impactFingerprint(a)).not.toBe(impactFingerprint(c));
  });

  it("refuses to preview a change that saving would refuse", async () => {
    await expect(preview({ partyAgencyIds: [scenario.agencyId("DCP")] })).rejects.toThrow(/at least two parties/);
    await expect(preview({ partyAgencyIds: [scenario.agencyId("DOR"), scenario.agencyId("CC")] })).rejects.toThrow(/must be one of its parties/);
    await expect(preview({ reviewOn: "2025-01-01" })).rejects.toThrow(/review date cannot be before the start date/);
    const draft = await buildAgreement(db, { ownerAgencyId: scenario.agencyId("DCP"), partyAgencyIds: [scenario.agencyId("DCP"), scenario.agencyId("DOR")], status: "draft" });
    const ctx = await policyCtx(db, sam);
    await expect(previewAgreementImpact(ctx, { agreementId: draft.id, status: "suspended" })).rejects.toBeInstanceOf(ConflictError);
    await expect(previewAgreementImpact(ctx, { agreementId: scenario.agreementId("ISA-CC-014"), status: "draft" })).rejects.toThrow(/is active: it cannot be made draft/);
  });

  it("refuses a marking above the deployment ceiling or an unknown descriptor", async () => {
    await expect(preview({ maxMarking: "SECRET" })).rejects.toThrow(/accredited only up to OFFICIAL-SENSITIVE/);
    await expect(preview({ descriptors: ["NOT A DESCRIPTOR"] })).rejects.toBeInstanceOf(InvalidInputError);
  });

  it.each([
    ["Tom (DCP investigator, a party)", "tom.hughes@dcp.example", ForbiddenError],
    ["Alex (DOR, a party)", "alex.morgan@dor.example", ForbiddenError],
    ["Helen (CC, no party)", "helen.carter@cc.example", NotFoundError],
  ])("refuses %s", async (_who, email, expected) => {
    const actor = await buildActor(db, scenario.userId(email));
    await expect(preview({ status: "suspended" }, actor)).rejects.toBeInstanceOf(expected);
    await expect(preview({ maxMarking: "OFFICIAL" }, actor)).rejects.toBeInstanceOf(expected);
  });
});
