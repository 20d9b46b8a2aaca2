/**
 * Changing an agreement's terms: the owning agency's administrators only, the same checks as on
 * creation, the reference never changes, and the effect on partner access is immediate and
 * audited.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/db/testing";
import type { DatabaseHandle, Db } from "@/db/client";
import { buildActor, buildUser, policyCtx, seededScenario, type SeededScenario } from "@/db/factories";
import type { Actor } from "../auth/actor";
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from "../errors";
import { listMySpaces } from "../spaces/list-my-spaces";
import { getDocument } from "../documents/get-document";
import { updateAgreement, type UpdateAgreementInput } from "./update-agreement";
import { agreementSnapshot, auditOf } from "./agreement-fixtures";

const KESTREL = "Operation Kestrel";

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

/** ISA-SW-001's terms as seeded (domain.md §8), with `overrides`. */
function terms(overrides: Partial<UpdateAgreementInput> = {}): UpdateAgreementInput {
  return {
    agreementId: isa,
    title: "Strategic Alliance joint investigations",
    purpose: "Joint investigation of serious and organised crime across the Devon, Cornwall and Dorset alliance.",
    parties: [
      { agencyId: scenario.agencyId("DCP"), lawfulBasis: "DPA 2018 Part 3 (law enforcement purposes)" },
      { agencyId: scenario.agencyId("DOR"), lawfulBasis: "DPA 2018 Part 3 (law enforcement purposes)" },
    ],
    maxMarking: "OFFICIAL-SENSITIVE",
    descriptors: ["PERSONAL DATA", "LEGAL"],
    startsOn: "2025-05-01",
    reviewOn: "2027-05-01",
    endsOn: null,
    ...overrides,
  };
}

async function alexSpaces() {
  const alex = await buildActor(db, scenario.userId("alex.morgan@dor.example"));
  return (await listMySpaces(await policyCtx(db, alex))).map((s) => s.name);
}

describe("updateAgreement", () => {
  it("lets Sam retitle ISA-SW-001 and move its review date: saved and audited with the reference; nobody loses access", async () => {
    const ctx = await policyCtx(db, sam);
    const result = await updateAgreement(ctx, terms({ title: "Strategic Alliance joint investigations (2027)", reviewOn: "2027-11-01" }));
    expect(result).toEqual({ reference: "ISA-SW-001", changed: ["title", "reviewOn"], losingCount: 0, regainingCount: 0 });
    expect((await agreementSnapshot(db, isa)).row).toMatchObject({ reference: "ISA-SW-001", title: "Strategic Alliance joint investigations (2027)", reviewOn: "2027-11-01", status: "active" });
    expect(await auditOf(db, ctx.requestId)).toMatchObject([
      {
        action: "agreement.update",
        actorUserId: sam.userId,
        subjectType: "agreement",
        subjectId: isa,
        details: {
          reference: "ISA-SW-001",
          changed: ["title", "reviewOn"],
          before: { title: "Strategic Alliance joint investigations", reviewOn: "2027-05-01" },
          after: { title: "Strategic Alliance joint investigations (2027)", reviewOn: "2027-11-01" },
          lostAccess: [],
        },
      },
    ]);
    await updateAgreement(await policyCtx(db, sam), terms());
  });

  it("never changes the reference, whatever the input says", async () => {
    await updateAgreement(await policyCtx(db, sam), { ...terms({ title: "Renamed for a moment" }), reference: "ISA-XX-999" } as UpdateAgreementInput);
    expect((await agreementSnapshot(db, isa)).row?.reference).toBe("ISA-SW-001");
    await updateAgreement(await policyCtx(db, sam), terms());
  });

  it("writes nothing, and audits nothing, when nothing changed", async () => {
    const before = await agreementSnapshot(db, isa);
    const ctx = await policyCtx(db, sam);
    expect(await updateAgreement(ctx, terms())).toMatchObject({ changed: [] });
    expect(await agreementSnapshot(db, isa)).toEqual(before);
    expect(await auditOf(db, ctx.requestId)).toHaveLength(0);
  });

  it("takes Kestrel from Alex at once when Dorset Police stops being a party, and gives it back when it is one again", async () => {
    const kestrel = scenario.spaceId(KESTREL);
    const alexId = scenario.userId("alex.morgan@dor.example");
    const withoutDorset = terms({ parties: [terms().parties[0]!, { agencyId: scenario.agencyId("CC"), lawfulBasis: "Crime and Disorder Act 1998 s.115" }] });
    const ctx = await policyCtx(db, sam);
    expect(await updateAgreement(ctx, withoutDorset)).toMatchObject({ changed: ["parties"], losingCount: 1 });
    expect(await auditOf(db, ctx.requestId)).toMatchObject([{ details: { reference: "ISA-SW-001", changed: ["parties"], lostAccess: [{ spaceId: kestrel, userId: alexId }] } }]);
    expect(await alexSpaces()).toEqual([]);

    expect(await updateAgreement(await policyCtx(db, sam), terms())).toMatchObject({ changed: ["parties"], regainingCount: 1 });
    expect(await alexSpaces()).toEqual([KESTREL]);
  });

  it("keeps Alex in Kestrel but out of the OFFICIAL-SENSITIVE log when the highest marking is lowered to OFFICIAL", async () => {
    const alex = await buildActor(db, scenario.userId("alex.morgan@dor.example"));
    const log = scenario.documentId("Investigation log");
    expect((await getDocument(await policyCtx(db, alex), { documentId: log })).title).toBe("Investigation log");

    const ctx = await policyCtx(db, sam);
    await updateAgreement(ctx, terms({ maxMarking: "OFFICIAL" }));
    expect(await auditOf(db, ctx.requestId)).toMatchObject([{ markingBefore: "OFFICIAL-SENSITIVE", markingAfter: "OFFICIAL", details: { changed: ["maxMarking"] } }]);
    try {
      expect(await alexSpaces()).toEqual([KESTREL]);
      await expect(getDocument(await policyCtx(db, alex), { documentId: log })).rejects.toBeInstanceOf(NotFoundError);
      expect((await getDocument(await policyCtx(db, alex), { documentId: scenario.documentId("Press lines") })).title).toBe("Press lines");
    } finally {
      await updateAgreement(await policyCtx(db, sam), terms());
    }
  });

  const bad: [string, Partial<UpdateAgreementInput>, RegExp][] = [
    ["one party", {}, /at least two parties/],
    ["a marking above the ceiling", { maxMarking: "TOP SECRET" }, /accredited only up to OFFICIAL-SENSITIVE/],
    ["an unknown descriptor", { descriptors: ["PERSONAL"] }, /"PERSONAL" is not a descriptor Accord knows/],
    ["a review before the start", { reviewOn: "2025-01-01" }, /review date cannot be before the start date/],
    ["an end before the start", { endsOn: "2025-04-30" }, /end date cannot be before the start date/],
  ];
  it.each(bad)("refuses %s, changing nothing", async (what, overrides, message) => {
    const before = await agreementSnapshot(db, isa);
    const ctx = await policyCtx(db, sam);
    const input = what === "one party" ? terms({ parties: [terms().parties[0]!] }) : terms({ ...overrides, title: "Should not be saved" });
    const attempt = updateAgreement(ctx, input);
    await expect(attempt).rejects.toBeInstanceOf(InvalidInputError);
    await expect(attempt).rejects.toThrow(message);
    expect(await agreementSnapshot(db, isa)).toEqual(before);
    expect(await auditOf(db, ctx.requestId)).toHaveLength(0);
  });

  const refused: [string, () => Promise<Actor>, typeof ForbiddenError | typeof NotFoundError][] = [
    ["Tom (DCP investigator)", () => buildActor(db, scenario.userId("tom.hughes@dcp.example")), ForbiddenError],
    [
      "an administrator of Dorset Police, a party but not the owner",
      async () => buildActor(db, (await buildUser(db, { agencyId: scenario.agencyId("DOR"), roles: ["agency_admin"] })).id),
      ForbiddenError,
    ],
    ["Helen (CC), no party", () => buildActor(db, scenario.userId("helen.carter@cc.example")), NotFoundError],
  ];
  it.each(refused)("refuses %s, changing nothing", async (_who, actorOf, expected) => {
    const before = await agreementSnapshot(db, isa);
    const ctx = await policyCtx(db, await actorOf());
    await expect(updateAgreement(ctx, terms({ title: "Hijacked" }))).rejects.toBeInstanceOf(expected);
    expect(await agreementSnapshot(db, isa)).toEqual(before);
    expect(await auditOf(db, ctx.requestId)).toHaveLength(0);
  });

  it("does not let Sam change Dorset's agreement ISA-DC-003, which he cannot see (404)", async () => {
    const dc003 = scenario.agreementId("ISA-DC-003");
    const before = await agreementSnapshot(db, dc003);
    await expect(updateAgreement(await policyCtx(db, sam), terms({ agreementId: dc003 }))).rejects.toBeInstanceOf(NotFoundError);
    expect(await agreementSnapshot(db, dc003)).toEqual(before);
  });

  it("does not change an expired agreement, even for its owner's administrator", async () => {
    const dc003 = scenario.agreementId("ISA-DC-003");
    const dorAdmin = await buildUser(db, { agencyId: scenario.agencyId("DOR"), roles: ["agency_admin"] });
    const before = await agreementSnapshot(db, dc003);
    const attempt = updateAgreement(await policyCtx(db, await buildActor(db, dorAdmin.id)), {
      agreementId: dc003,
      title: "Dorset housing referrals",
      parties: [
        { agencyId: scenario.agencyId("DOR"), lawfulBasis: "Crime and Disorder Act 1998 s.115" },
        { agencyId: scenario.agencyId("CC"), lawfulBasis: "Housing Act 1996" },
      ],
      maxMarking: "OFFICIAL-SENSITIVE",
      descriptors: ["PERSONAL DATA"],
      startsOn: "2024-01-01",
      reviewOn: "2027-12-31",
      endsOn: "2027-12-31",
    });
    await expect(attempt).rejects.toBeInstanceOf(ConflictError);
    await expect(attempt).rejects.toThrow(/ISA-DC-003 has expired/);
    expect(await agreementSnapshot(db, dc003)).toEqual(before);
  });
});
