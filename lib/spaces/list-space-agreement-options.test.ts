/** The agreements offered when creating a space: in force, including the creator's agency. */
import { describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { buildActor, openSeededDatabaseForFile, policyCtx, type SeededScenario } from "@/db/factories";
import { listSpaceAgreementOptions } from "./list-space-agreement-options";

let db: Db;
let scenario: SeededScenario;

// A fresh database with the demo scenario for this file (db/factories.ts).
openSeededDatabaseForFile((t) => {
  db = t.db;
  scenario = t.scenario;
});

async function optionsOf(email: string, now = new Date("2026-06-01T12:00:00Z")) {
  const actor = await buildActor(db, scenario.userId(email), now);
  return listSpaceAgreementOptions(await policyCtx(db, actor, now));
}

describe("listSpaceAgreementOptions", () => {
  it("offers a DCP supervisor the two agreements in force that include DCP, with the partners named", async () => {
    expect(await optionsOf("priya.shah@dcp.example")).toEqual([
      expect.objectContaining({ reference: "ISA-CC-014", partnerNames: ["Cornwall Council", "Royal Cornwall Hospitals NHS Trust"] }),
      expect.objectContaining({ reference: "ISA-SW-001", partnerNames: ["Dorset Police"], maxMarking: "OFFICIAL-SENSITIVE", reviewOn: "2027-05-01" }),
    ]);
  });

  it("offers an agency administrator the same", async () => {
    expect((await optionsOf("sam.patel@dcp.example")).map((o) => o.reference)).toEqual(["ISA-CC-014", "ISA-SW-001"]);
  });

  it("offers nothing to someone who may not create spaces", async () => {
    expect(await optionsOf("tom.hughes@dcp.example")).toEqual([]);
  });

  it("drops an agreement once its review date is missed", async () => {
    // ISA-CC-014 is due for review on 2027-03-31, ISA-SW-001 on 2027-05-01.
    expect((await optionsOf("priya.shah@dcp.example", new Date("2027-04-01T08:00:00Z"))).map((o) => o.reference)).toEqual(["ISA-SW-001"]);
  });
});
