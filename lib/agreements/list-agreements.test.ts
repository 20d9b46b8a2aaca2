/**
 * Who sees which agreements (their agency is a party, or they administer the owner's), and what an
 * agreement's page tells each of them about the spaces that run under it.
 */
import { describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { buildActor, buildAgency, buildMembership, buildSpace, buildUser, policyCtx, openSeededDatabaseForFile, type SeededScenario } from "@/db/factories";
import { spaceAgreements } from "@/db/schema";
import { NotFoundError, ForbiddenError } from "../errors";
import { listAgreements } from "./list-agreements";
import { getAgreement } from "./get-agreement";
import { listPartyAgencies } from "./list-party-agencies";

const KESTREL = "Operation Kestrel";

let db: Db;
let scenario: SeededScenario;

// A fresh database with the demo scenario for this file (db/factories.ts).
openSeededDatabaseForFile((t) => {
  db = t.db;
  scenario = t.scenario;
});

async function ctxOf(email: string, now?: Date) {
  return policyCtx(db, await buildActor(db, scenario.userId(email)), now);
}

describe("listAgreements", () => {
  it.each([
    ["sam.patel@dcp.example", ["ISA-CC-014", "ISA-SW-001"]],
    ["tom.hughes@dcp.example", ["ISA-CC-014", "ISA-SW-001"]],
    ["alex.morgan@dor.example", ["ISA-DC-003", "ISA-SW-001"]],
    ["helen.carter@cc.example", ["ISA-CC-014", "ISA-DC-003"]],
    ["aisha.rahman@rcht.example", ["ISA-CC-014"]],
  ])("shows %s exactly %j, by reference", async (email, references) => {
    expect((await listAgreements(await ctxOf(email))).map((a) => a.reference)).toEqual(references);
  });

  it("describes each agreement with its parties, marking, status, dates, whether it is in force, and what Sam may do", async () => {
    const rows = await listAgreements(await ctxOf("sam.patel@dcp.example"));
    expect(rows.find((a) => a.reference === "ISA-SW-001")).toEqual({
      id: scenario.agreementId("ISA-SW-001"),
      reference: "ISA-SW-001",
      title: "Strategic Alliance joint investigations",
      ownerAgency: { id: scenario.agencyId("DCP"), name: "Devon & Cornwall Police" },
      parties: [
        { agencyId: scenario.agencyId("DCP"), name: "Devon & Cornwall Police", code: "DCP" },
        { agencyId: scenario.agencyId("DOR"), name: "Dorset Police", code: "DOR" },
      ],
      maxMarking: "OFFICIAL-SENSITIVE",
      maxRank: 2,
      descriptors: ["PERSONAL DATA", "LEGAL"],
      status: "active",
      startsOn: "2025-05-01",
      reviewOn: "2027-05-01",
      endsOn: null,
      isInForce: true,
      isReviewOverdue: false,
      permissions: { canUpdate: true, canAdminister: true },
    });
  });

  it("gives no rights to people who only read, and shows an expired agreement as not in force", async () => {
    const rows = await listAgreements(await ctxOf("alex.morgan@dor.example"));
    expect(rows.map((a) => a.permissions)).toEqual([
      { canUpdate: false, canAdminister: false },
      { canUpdate: false, canAdminister: false },
    ]);
    expect(rows.find((a) => a.reference === "ISA-DC-003")).toMatchObject({ status: "expired", isInForce: false });
  });

  it("marks an active agreement whose review date has passed as overdue and not in force", async () => {
    const rows = await listAgreements(await ctxOf("sam.patel@dcp.example", new Date("2027-05-02T09:00:00Z")));
    expect(rows.find((a) => a.reference === "ISA-SW-001")).toMatchObject({ status: "active", isReviewOverdue: true, isInForce: false });
  });

  it("shows nothing to someone whose agency is party to no agreement", async () => {
    const loner = await buildUser(db, { agencyId: (await buildAgency(db)).id, roles: ["agency_admin"] });
    expect(await listAgreements(await policyCtx(db, await buildActor(db, loner.id)))).toEqual([]);
  });
});

describe("getAgreement", () => {
  it("shows Sam ISA-SW-001 with its parties' lawful bases, Operation Kestrel (which he cannot open), and the statuses he may move it to", async () => {
    const view = await getAgreement(await ctxOf("sam.patel@dcp.example"), { agreementId: scenario.agreementId("ISA-SW-001") });
    expect(view).toMatchObject({
      reference: "ISA-SW-001",
      ownerAgency: { name: "Devon & Cornwall Police" },
      isInForce: true,
      boundSpaces: [{ id: scenario.spaceId(KESTREL), name: KESTREL, ownerAgencyName: "Devon & Cornwall Police", status: "active", isReadable: false }],
      otherSpaceCount: 0,
      permissions: { canUpdate: true, canAdminister: true },
      transitions: ["suspended", "expired"],
    });
    expect(view.parties.map((p) => [p.agencyCode, p.lawfulBasis])).toEqual([
      ["DCP", "DPA 2018 Part 3 (law enforcement purposes)"],
      ["DOR", "DPA 2018 Part 3 (law enforcement purposes)"],
    ]);
  });

  it("shows Alex the spaces he is in by name, and only counts a bound space he is not in", async () => {
    const isa = scenario.agreementId("ISA-SW-001");
    const hidden = await buildSpace(db, { ownerAgencyId: scenario.agencyId("DCP"), name: "Operation Nightjar" });
    await db.insert(spaceAgreements).values({ spaceId: hidden.id, agreementId: isa });

    const alexView = await getAgreement(await ctxOf("alex.morgan@dor.example"), { agreementId: isa });
    expect(alexView.boundSpaces.map((s) => [s.name, s.isReadable])).toEqual([[KESTREL, true]]);
    expect(alexView.otherSpaceCount).toBe(1);
    expect(JSON.stringify(alexView)).not.toContain("Nightjar");
    expect(alexView).toMatchObject({ permissions: { canUpdate: false, canAdminister: false }, transitions: [] });

    // Sam administers the agreement and Nightjar is DCP's: he is told of it.
    const samView = await getAgreement(await ctxOf("sam.patel@dcp.example"), { agreementId: isa });
    expect(samView.boundSpaces.map((s) => s.name)).toEqual([KESTREL, "Operation Nightjar"]);
    // A DCP officer in Nightjar only: Nightjar by name, Kestrel counted.
    const member = await buildUser(db, { agencyId: scenario.agencyId("DCP") });
    await buildMembership(db, { spaceId: hidden.id, userId: member.id });
    const memberView = await getAgreement(await policyCtx(db, await buildActor(db, member.id)), { agreementId: isa });
    expect(memberView.boundSpaces.map((s) => [s.name, s.isReadable])).toEqual([["Operation Nightjar", true]]);
    expect(memberView.otherSpaceCount).toBe(1);
  });

  it.each([
    ["Helen, whose agency is no party to ISA-SW-001", "helen.carter@cc.example", "ISA-SW-001"],
    ["Sam, whose agency is no party to ISA-DC-003", "sam.patel@dcp.example", "ISA-DC-003"],
  ])("answers %s with 404, as for an agreement that does not exist", async (_who, email, reference) => {
    const ctx = await ctxOf(email);
    const hidden = await getAgreement(ctx, { agreementId: scenario.agreementId(reference) }).catch((e: unknown) => e);
    const missing = await getAgreement(ctx, { agreementId: "00000000-0000-4000-8000-000000000000" }).catch((e: unknown) => e);
    const malformed = await getAgreement(ctx, { agreementId: "ISA-SW-001" }).catch((e: unknown) => e);
    for (const err of [hidden, missing, malformed]) expect(err).toBeInstanceOf(NotFoundError);
    expect((hidden as NotFoundError).message).toBe((missing as NotFoundError).message);
  });
});

describe("listPartyAgencies", () => {
  it("lists every agency for an administrator choosing parties, and nothing for anyone else", async () => {
    const names = (await listPartyAgencies(await ctxOf("sam.patel@dcp.example"))).map((a) => a.name);
    expect(names).toEqual(expect.arrayContaining(["Cornwall Council", "Devon & Cornwall Police", "Dorset Police", "Royal Cornwall Hospitals NHS Trust"]));
    await expect(listPartyAgencies(await ctxOf("tom.hughes@dcp.example"))).rejects.toBeInstanceOf(ForbiddenError);
  });
});
