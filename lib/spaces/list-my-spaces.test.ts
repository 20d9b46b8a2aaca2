/** Each person of the demo scenario sees exactly the spaces they belong to (domain.md §8). */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/db/testing";
import type { DatabaseHandle, Db } from "@/db/client";
import { buildActor, buildMembership, buildSpace, buildUser, seededScenario, policyCtx, type SeededScenario } from "@/db/factories";
import { spaceAgreements } from "@/db/schema";
import { listMySpaces } from "./list-my-spaces";

const KESTREL = "Operation Kestrel";
const MASH = "Cornwall MASH: referral 2026-0412";
const TRAINING = "DCP Training";

let handle: DatabaseHandle;
let db: Db;
let scenario: SeededScenario;

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  scenario = await seededScenario(db);
});
afterAll(async () => {
  await handle?.close();
});

async function spacesOf(email: string, now = new Date()) {
  const actor = await buildActor(db, scenario.userId(email));
  return listMySpaces(await policyCtx(db, actor, now));
}

describe("listMySpaces", () => {
  it.each([
    ["alex.morgan@dor.example", [KESTREL]],
    ["helen.carter@cc.example", [MASH]],
    ["aisha.rahman@rcht.example", [MASH]],
    ["ben.lowe@cc.example", [MASH]],
    ["priya.shah@dcp.example", [MASH, TRAINING, KESTREL]],
    ["mark.ellis@dcp.example", [TRAINING, KESTREL]],
    ["sam.patel@dcp.example", [TRAINING]],
  ])("shows %s exactly %j, in name order", async (email, names) => {
    expect((await spacesOf(email)).map((s) => s.name)).toEqual(names);
  });

  it("describes each space with its ceiling, owning agency and the person's role in it", async () => {
    const rows = await spacesOf("priya.shah@dcp.example");
    const kestrel = rows.find((s) => s.name === KESTREL);
    expect(kestrel).toEqual({
      id: scenario.spaceId(KESTREL),
      name: KESTREL,
      description: expect.stringContaining("county-lines") as string,
      ceilingMarking: "OFFICIAL-SENSITIVE",
      ownerAgencyName: "Devon & Cornwall Police",
      role: "owner",
      status: "active",
    });
    expect((await spacesOf("alex.morgan@dor.example"))[0]).toMatchObject({ id: scenario.spaceId(KESTREL), role: "member" });
  });

  it("shows nothing to someone who belongs to no space, even in an agency that owns spaces", async () => {
    const newcomer = await buildUser(db, { agencyId: scenario.agencyId("DCP") });
    const actor = await buildActor(db, newcomer.id);
    expect(await listMySpaces(await policyCtx(db, actor))).toEqual([]);
  });

  it("shows a space from the moment the person is added to it", async () => {
    const user = await buildUser(db, { agencyId: scenario.agencyId("CC") });
    const space = await buildSpace(db, { ownerAgencyId: scenario.agencyId("CC"), name: "AAA CC housing" });
    await buildMembership(db, { spaceId: space.id, userId: user.id });
    const actor = await buildActor(db, user.id);
    expect((await listMySpaces(await policyCtx(db, actor))).map((s) => s.id)).toEqual([space.id]);
  });

  it("removes a partner's space the day after its agreement's review date is missed, and not before", async () => {
    // ISA-CC-014 is due for review on 2027-03-31.
    expect((await spacesOf("helen.carter@cc.example", new Date("2027-03-31T20:00:00Z"))).map((s) => s.name)).toEqual([MASH]);
    expect(await spacesOf("helen.carter@cc.example", new Date("2027-04-01T08:00:00Z"))).toEqual([]);
    // The owning force keeps its own space whatever happens to the agreement.
    expect((await spacesOf("priya.shah@dcp.example", new Date("2027-04-01T08:00:00Z"))).map((s) => s.name)).toContain(MASH);
  });

  it("does not show a partner a space whose only agreement has expired, though they are a member", async () => {
    // A CC-owned space run under ISA-DC-003 (expired 2025-12-31): a DOR member has no standing.
    const space = await buildSpace(db, { ownerAgencyId: scenario.agencyId("CC"), name: "Dorset housing referrals" });
    await db.insert(spaceAgreements).values({ spaceId: space.id, agreementId: scenario.agreementId("ISA-DC-003") });
    await buildMembership(db, { spaceId: space.id, userId: scenario.userId("alex.morgan@dor.example") });
    expect((await spacesOf("alex.morgan@dor.example")).map((s) => s.name)).toEqual([KESTREL]);
  });
});
