/**
 * Creating a space: supervisors and agency administrators open spaces for their own agency, under
 * agreements in force that include it, within the deployment ceiling; every refusal is a clear
 * error and leaves no space, membership, binding or audit event behind.
 */
import { describe, expect, it } from "vitest";
import { count, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditEvents, spaceAgreements, spaceMembers, spaces } from "@/db/schema";
import { buildActor, buildAgreement, buildUser, policyCtx, openSeededDatabaseForFile, type SeededScenario } from "@/db/factories";
import type { PolicyCtx } from "../context";
import { ForbiddenError, InvalidInputError } from "../errors";
import { createSpace, type CreateSpaceInput } from "./create-space";
import { getSpace } from "./get-space";
import { listMySpaces } from "./list-my-spaces";

const NOW = new Date("2026-12-01T10:00:00Z");

let db: Db;
let s: SeededScenario;

// A fresh database with the demo scenario for this file (db/factories.ts).
openSeededDatabaseForFile((t) => {
  db = t.db;
  s = t.scenario;
});

const ctxOf = async (userId: string, now = NOW) => policyCtx(db, await buildActor(db, userId, now), now);
const priya = () => ctxOf(s.userId("priya.shah@dcp.example"));

const heron = (overrides: Partial<CreateSpaceInput> = {}): CreateSpaceInput => ({
  name: "Operation Heron",
  purpose: "Joint investigation into a cross-border burglary series.",
  ceilingMarking: "OFFICIAL-SENSITIVE",
  defaultMarking: "OFFICIAL",
  agreementIds: [s.agreementId("ISA-SW-001")],
  ...overrides,
});

/** Rows in every table creating a space writes to, and the audit events of one request. */
async function footprint(ctx: PolicyCtx) {
  const n = async (table: typeof spaces | typeof spaceMembers | typeof spaceAgreements) => (await db.select({ n: count() }).from(table))[0]!.n;
  return {
    spaces: await n(spaces),
    members: await n(spaceMembers),
    bindings: await n(spaceAgreements),
    audit: (await db.select().from(auditEvents).where(eq(auditEvents.requestId, ctx.requestId))).length,
  };
}

/** Expects `run` to fail with `error` (and `message`, when given) and to write nothing. */
async function expectRefused(ctx: PolicyCtx, input: CreateSpaceInput, error: typeof InvalidInputError | typeof ForbiddenError, message?: RegExp) {
  const before = await footprint(ctx);
  const failure = await createSpace(ctx, input).catch((e: unknown) => e);
  expect(failure).toBeInstanceOf(error);
  if (message) expect((failure as Error).message).toMatch(message);
  expect(await footprint(ctx)).toEqual(before);
}

describe("createSpace", () => {
  it("lets Priya (supervisor) create Operation Heron under ISA-SW-001, as its owner, and audits it", async () => {
    const ctx = await priya();
    const { id } = await createSpace(ctx, heron({ name: "  Operation Heron  ", template: "investigation", isMvOnly: false }));

    const [row] = await db.select().from(spaces).where(eq(spaces.id, id));
    expect(row).toMatchObject({
      name: "Operation Heron",
      description: "Joint investigation into a cross-border burglary series.",
      ownerAgencyId: s.agencyId("DCP"),
      ceilingMarking: "OFFICIAL-SENSITIVE",
      ceilingRank: 2,
      defaultMarking: "OFFICIAL",
      defaultRank: 1,
      isMvOnly: false,
      status: "active",
      template: "investigation",
      createdBy: s.userId("priya.shah@dcp.example"),
      attestationIntervalDays: 90,
    });
    // The access review clock starts at creation.
    expect(row!.lastAttestedAt.toISOString()).toBe(NOW.toISOString());
    expect(await db.select({ userId: spaceMembers.userId, role: spaceMembers.role, expiresAt: spaceMembers.expiresAt }).from(spaceMembers).where(eq(spaceMembers.spaceId, id))).toEqual([
      { userId: s.userId("priya.shah@dcp.example"), role: "owner", expiresAt: null },
    ]);
    expect((await db.select().from(spaceAgreements).where(eq(spaceAgreements.spaceId, id))).map((b) => b.agreementId)).toEqual([s.agreementId("ISA-SW-001")]);

    const events = await db.select().from(auditEvents).where(eq(auditEvents.requestId, ctx.requestId));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: "space.create",
      outcome: "success",
      actorUserId: s.userId("priya.shah@dcp.example"),
      agencyId: s.agencyId("DCP"),
      subjectType: "space",
      subjectId: id,
      spaceId: id,
      markingAfter: "OFFICIAL-SENSITIVE",
      details: { name: "Operation Heron", agreements: ["ISA-SW-001"], isMvOnly: false, template: "investigation" },
    });

    // Priya sees and runs it from her next request.
    const next = await priya();
    expect((await listMySpaces(next)).find((sp) => sp.id === id)).toMatchObject({ name: "Operation Heron", role: "owner", status: "active" });
    expect((await getSpace(next, { spaceId: id })).permissions).toMatchObject({ canAdminister: true, canAddMembers: true, canCreateDocuments: true });
  });

  it("lets an agency administrator (Sam) create a space with no agreement, for DCP only", async () => {
    const ctx = await ctxOf(s.userId("sam.patel@dcp.example"));
    const { id } = await createSpace(ctx, heron({ name: "DCP Firearms licensing", agreementIds: [], ceilingMarking: "OFFICIAL", isMvOnly: true }));
    const [row] = await db.select().from(spaces).where(eq(spaces.id, id));
    expect(row).toMatchObject({ ownerAgencyId: s.agencyId("DCP"), isMvOnly: true, ceilingRank: 1 });
  });

  it("accepts a name of exactly 120 characters", async () => {
    const { id } = await createSpace(await priya(), heron({ name: "H".repeat(120) }));
    expect((await db.select().from(spaces).where(eq(spaces.id, id)))[0]!.name).toHaveLength(120);
  });

  it.each([
    ["Tom (investigator, not a supervisor)", "tom.hughes@dcp.example"],
    ["Alex (a partner investigator)", "alex.morgan@dor.example"],
    ["Helen (a partner practitioner)", "helen.carter@cc.example"],
  ])("refuses %s: Forbidden, nothing written", async (_label, email) => {
    await expectRefused(await ctxOf(s.userId(email)), heron({ agreementIds: [] }), ForbiddenError, /supervisors and agency administrators/);
  });

  describe("refuses bad input with a clear error, writing nothing", () => {
    it.each<[string, Partial<CreateSpaceInput>, RegExp]>([
      ["an empty name", { name: "" }, /Give the space a name/],
      ["a name of spaces only", { name: "    " }, /Give the space a name/],
      ["a 500-character name", { name: "x".repeat(500) }, /120 characters or fewer/],
      ["a ceiling above the deployment ceiling (SECRET)", { ceilingMarking: "SECRET", defaultMarking: "OFFICIAL" }, /highest marking: This system is accredited only up to OFFICIAL-SENSITIVE/],
      ["a ceiling of TOP SECRET", { ceilingMarking: "TOP SECRET", defaultMarking: "OFFICIAL" }, /accredited only up to OFFICIAL-SENSITIVE/],
      ["a ceiling that is not a marking", { ceilingMarking: "RESTRICTED" as never }, /Choose the highest marking/],
      ["a default above the ceiling", { ceilingMarking: "OFFICIAL", defaultMarking: "OFFICIAL-SENSITIVE" }, /default marking cannot be above/],
      ["a default of SECRET under an OFFICIAL-SENSITIVE ceiling", { defaultMarking: "SECRET" }, /default marking cannot be above/],
      ["an agreement id that is not an id", { agreementIds: ["ISA-SW-001"] }, /Unknown agreement/],
      ["an agreement that does not exist", { agreementIds: ["00000000-0000-4000-8000-000000000000"] }, /One of the chosen agreements does not exist/],
    ])("%s", async (_label, overrides, message) => {
      await expectRefused(await priya(), heron(overrides), InvalidInputError, message);
    });

    it("an agreement not in force: a Dorset supervisor under ISA-DC-003 (expired 2025-12-31)", async () => {
      const dorSupervisor = await buildUser(db, { agencyId: s.agencyId("DOR"), roles: ["investigator", "supervisor"] });
      await expectRefused(
        await ctxOf(dorSupervisor.id),
        heron({ agreementIds: [s.agreementId("ISA-DC-003")] }),
        InvalidInputError,
        /ISA-DC-003 is not in force/,
      );
    });

    it("an agreement including DCP that is suspended", async () => {
      const suspended = await buildAgreement(db, { ownerAgencyId: s.agencyId("DCP"), partyAgencyIds: [s.agencyId("DCP"), s.agencyId("DOR")], status: "suspended" });
      await expectRefused(await priya(), heron({ agreementIds: [suspended.id] }), InvalidInputError, new RegExp(`${suspended.reference} is not in force`));
    });

    it("an agreement among several that is not in force, though the others are", async () => {
      const lapsed = await buildAgreement(db, { ownerAgencyId: s.agencyId("DCP"), partyAgencyIds: [s.agencyId("DCP"), s.agencyId("CC")], reviewOn: "2026-11-30" });
      await expectRefused(
        await priya(),
        heron({ agreementIds: [s.agreementId("ISA-SW-001"), lapsed.id, s.agreementId("ISA-CC-014")] }),
        InvalidInputError,
        new RegExp(`${lapsed.reference} is not in force`),
      );
    });

    it("an agreement that does not include DCP, which Priya cannot see: answered as missing, its reference not revealed", async () => {
      // ISA-DC-003 is between DOR and CC: DCP is not a party, so to Priya it does not exist.
      const ctx = await priya();
      await expectRefused(ctx, heron({ agreementIds: [s.agreementId("ISA-DC-003")] }), InvalidInputError, /One of the chosen agreements does not exist/);
      const failure = await createSpace(ctx, heron({ agreementIds: [s.agreementId("ISA-DC-003")] })).catch((e: unknown) => e);
      expect((failure as Error).message).not.toMatch(/ISA-DC-003|Dorset|Cornwall/);
    });

    it("an agreement DCP administers but is not a party to: Sam is told it does not include DCP", async () => {
      const notParty = await buildAgreement(db, { ownerAgencyId: s.agencyId("DCP"), partyAgencyIds: [s.agencyId("DOR"), s.agencyId("CC")] });
      await expectRefused(
        await ctxOf(s.userId("sam.patel@dcp.example")),
        heron({ agreementIds: [notParty.id] }),
        InvalidInputError,
        new RegExp(`${notParty.reference} does not include Devon & Cornwall Police`),
      );
    });
  });
});
