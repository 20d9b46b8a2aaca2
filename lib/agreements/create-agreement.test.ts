/**
 * An agency administrator records a new sharing agreement for their agency; every term is checked
 * first, and bad input is refused with a message a person can act on and nothing saved.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createTestDatabase } from "@/db/testing";
import type { DatabaseHandle, Db } from "@/db/client";
import { agreements } from "@/db/schema";
import { buildActor, buildAgency, buildUser, policyCtx, seededScenario, type SeededScenario } from "@/db/factories";
import type { Actor } from "../auth/actor";
import { ConflictError, ForbiddenError, InvalidInputError } from "../errors";
import { createAgreement, type CreateAgreementInput } from "./create-agreement";
import { getAgreement } from "./get-agreement";
import { agreementSnapshot, auditOf } from "./agreement-fixtures";

let handle: DatabaseHandle;
let db: Db;
let scenario: SeededScenario;
let sam: Actor;

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  scenario = await seededScenario(db);
  sam = await buildActor(db, scenario.userId("sam.patel@dcp.example"));
});
afterAll(async () => {
  await handle?.close();
});

/** A valid agreement between DCP and Dorset Police, with `overrides`. */
function input(overrides: Partial<CreateAgreementInput> = {}): CreateAgreementInput {
  return {
    reference: "ISA-SW-002",
    title: "Alliance firearms licensing",
    purpose: "Sharing firearms licensing information across the alliance.",
    parties: [
      { agencyId: scenario.agencyId("DCP"), lawfulBasis: "Firearms Act 1968" },
      { agencyId: scenario.agencyId("DOR"), lawfulBasis: "Firearms Act 1968" },
    ],
    maxMarking: "OFFICIAL",
    descriptors: ["PERSONAL DATA"],
    startsOn: "2026-11-01",
    reviewOn: "2027-05-01",
    endsOn: "",
    status: "active",
    ...overrides,
  };
}

async function rowsWithReference(reference: string) {
  return db.select().from(agreements).where(eq(agreements.reference, reference));
}

describe("createAgreement", () => {
  it("lets Sam record ISA-SW-002 between DCP and Dorset Police: saved, audited, readable by both parties", async () => {
    const ctx = await policyCtx(db, sam);
    const { id, reference } = await createAgreement(ctx, input({ reference: " isa-sw-002 " }));
    expect(reference).toBe("ISA-SW-002");

    const { row, parties } = await agreementSnapshot(db, id);
    expect(row).toMatchObject({
      reference: "ISA-SW-002",
      title: "Alliance firearms licensing",
      ownerAgencyId: scenario.agencyId("DCP"),
      maxMarking: "OFFICIAL",
      maxRank: 1,
      descriptors: ["PERSONAL DATA"],
      status: "active",
      startsOn: "2026-11-01",
      reviewOn: "2027-05-01",
      endsOn: null,
    });
    expect(parties.map((p) => [p.agencyId, p.lawfulBasis]).sort()).toEqual(
      [
        [scenario.agencyId("DCP"), "Firearms Act 1968"],
        [scenario.agencyId("DOR"), "Firearms Act 1968"],
      ].sort(),
    );
    expect(await auditOf(db, ctx.requestId)).toMatchObject([
      {
        action: "agreement.create",
        actorUserId: sam.userId,
        agencyId: scenario.agencyId("DCP"),
        subjectType: "agreement",
        subjectId: id,
        markingAfter: "OFFICIAL",
        details: { reference: "ISA-SW-002", status: "active", parties: expect.arrayContaining(["Devon & Cornwall Police", "Dorset Police"]) as string[] },
      },
    ]);

    // The next request: Sam manages it; Alex, of a party agency, reads it but may not change it.
    expect(await getAgreement(await policyCtx(db, sam), { agreementId: id })).toMatchObject({ isInForce: true, permissions: { canUpdate: true, canAdminister: true } });
    const alex = await buildActor(db, scenario.userId("alex.morgan@dor.example"));
    expect(await getAgreement(await policyCtx(db, alex), { agreementId: id })).toMatchObject({
      reference: "ISA-SW-002",
      permissions: { canUpdate: false, canAdminister: false },
      transitions: [],
    });
  });

  it("keeps a new agreement as a draft unless told otherwise, with no review or end date if none is given", async () => {
    const { id } = await createAgreement(await policyCtx(db, sam), input({ reference: "ISA-CC-015", status: undefined, reviewOn: undefined, endsOn: null }));
    expect((await agreementSnapshot(db, id)).row).toMatchObject({ status: "draft", reviewOn: null, endsOn: null });
  });

  // Cases whose parties are set in the test body (they need the scenario's ids) have `{}` here.
  const refusals: [string, Partial<CreateAgreementInput>, RegExp, typeof InvalidInputError | typeof ConflictError][] = [
    ["a reference already taken", { reference: "ISA-SW-001" }, /already an agreement with the reference ISA-SW-001/, ConflictError],
    ["a reference not in the form ISA-XX-000", { reference: "SW-1" }, /form ISA-XX-000/, InvalidInputError],
    ["one party only", {}, /at least two parties/, InvalidInputError],
    ["a marking above the deployment ceiling", { maxMarking: "SECRET" }, /accredited only up to OFFICIAL-SENSITIVE: an agreement here cannot allow SECRET/, InvalidInputError],
    ["a level that does not exist", { maxMarking: "RESTRICTED" }, /"RESTRICTED" is not a classification level/, InvalidInputError],
    ["an unknown descriptor", { descriptors: ["PERSONAL DATA", "SUPER SECRET STUFF"] }, /"SUPER SECRET STUFF" is not a descriptor Accord knows/, InvalidInputError],
    ["a review date before the start", { startsOn: "2026-11-01", reviewOn: "2026-10-01" }, /review date cannot be before the start date/, InvalidInputError],
    ["an end date before the review", { reviewOn: "2027-05-01", endsOn: "2027-01-01" }, /review date cannot be after the end date/, InvalidInputError],
    ["a date that does not exist", { startsOn: "2026-02-30" }, /start date is not a date/, InvalidInputError],
    ["no title", { title: "  " }, /title of at least 3 characters/, InvalidInputError],
    ["a party without a lawful basis", {}, /lawful basis/, InvalidInputError],
    ["the owner missing from the parties", {}, /Devon & Cornwall Police owns the agreement and must be one of its parties/, InvalidInputError],
    ["the same agency twice", {}, /only once/, InvalidInputError],
    ["an agency that does not exist", {}, /not an agency Accord knows/, InvalidInputError],
    ["an active agreement whose review date has passed", { startsOn: "2025-01-01", reviewOn: "2026-01-01", status: "active" }, /review date has passed/, InvalidInputError],
  ];

  it.each(refusals)("refuses %s, saving nothing", async (what, overrides, message, errorType) => {
    const dcp = { agencyId: scenario.agencyId("DCP"), lawfulBasis: "Firearms Act 1968" };
    const dor = { agencyId: scenario.agencyId("DOR"), lawfulBasis: "Firearms Act 1968" };
    const parties: Record<string, CreateAgreementInput["parties"]> = {
      "one party only": [dcp],
      "a party without a lawful basis": [dcp, { ...dor, lawfulBasis: "" }],
      "the owner missing from the parties": [dor, { agencyId: scenario.agencyId("CC"), lawfulBasis: "Housing Act 1996" }],
      "the same agency twice": [dcp, dor, dor],
      "an agency that does not exist": [dcp, { agencyId: "00000000-0000-4000-8000-000000000000", lawfulBasis: "Made up" }],
    };
    const reference = overrides.reference ?? "ISA-XY-123";
    const before = await rowsWithReference(reference.trim().toUpperCase());
    const ctx = await policyCtx(db, sam);
    const attempt = createAgreement(ctx, input({ ...overrides, reference, ...(parties[what] ? { parties: parties[what] } : {}) }));
    await expect(attempt).rejects.toBeInstanceOf(errorType);
    await expect(attempt).rejects.toThrow(message);
    expect(await rowsWithReference(reference.trim().toUpperCase())).toEqual(before);
    expect(await auditOf(db, ctx.requestId)).toHaveLength(0);
  });

  it("refuses a suspended agency as a party", async () => {
    const suspended = await buildAgency(db, { status: "suspended", name: "Defunct Constabulary" });
    const attempt = createAgreement(await policyCtx(db, sam), input({ reference: "ISA-DF-001", parties: [...input().parties, { agencyId: suspended.id, lawfulBasis: "x y z" }] }));
    await expect(attempt).rejects.toThrow(/Defunct Constabulary is suspended/);
    expect(await rowsWithReference("ISA-DF-001")).toEqual([]);
  });

  it.each([
    ["Tom, an investigator", "tom.hughes@dcp.example"],
    ["Alex, of a partner agency", "alex.morgan@dor.example"],
  ])("refuses %s: only administrators record agreements", async (_who, email) => {
    const ctx = await policyCtx(db, await buildActor(db, scenario.userId(email)));
    await expect(createAgreement(ctx, input({ reference: "ISA-NO-001" }))).rejects.toBeInstanceOf(ForbiddenError);
    expect(await rowsWithReference("ISA-NO-001")).toEqual([]);
    expect(await auditOf(db, ctx.requestId)).toHaveLength(0);
  });

  it("makes another agency's administrator the owner for their own agency, never for DCP", async () => {
    const dorAdmin = await buildUser(db, { agencyId: scenario.agencyId("DOR"), roles: ["agency_admin"] });
    const ctx = await policyCtx(db, await buildActor(db, dorAdmin.id));
    const { id } = await createAgreement(ctx, input({ reference: "ISA-DO-001" }));
    expect((await agreementSnapshot(db, id)).row?.ownerAgencyId).toBe(scenario.agencyId("DOR"));
    // And Sam, a party's administrator, may read it but not change it.
    expect(await getAgreement(await policyCtx(db, sam), { agreementId: id })).toMatchObject({ permissions: { canUpdate: false, canAdminister: false } });
  });
});
