/**
 * Each person of the demo scenario sees exactly the spaces they belong to (domain.md §8), and a
 * partner guest stops seeing one when any of the rules that end their standing applies.
 */
import { describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { eq } from "drizzle-orm";
import { buildActor, buildAgreement, buildMembership, buildSpace, buildUser, openSeededDatabaseForFile, policyCtx, type SeededScenario } from "@/db/factories";
import { spaceAgreements, spaces } from "@/db/schema";
import { listMySpaces } from "./list-my-spaces";

const KESTREL = "Operation Kestrel";
const MASH = "Cornwall MASH: referral 2026-0412";
const TRAINING = "DCP Training";

let db: Db;
let scenario: SeededScenario;

// A fresh database with the demo scenario for this file (db/factories.ts).
openSeededDatabaseForFile((t) => {
  db = t.db;
  scenario = t.scenario;
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
    // Partners join as guests (under ISA-SW-001, until its review date).
    expect((await spacesOf("alex.morgan@dor.example"))[0]).toMatchObject({ id: scenario.spaceId(KESTREL), role: "guest" });
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

  describe("a partner guest loses the space by each rule on its own, and the owning agency keeps it", () => {
    /**
     * A DCP space with a DCP owner and a fresh CC guest, under an agreement, where only the rule
     * under test can end the guest's standing: everything not given is set so that it cannot.
     */
    async function guestWorld(input: { agreementId?: string; expiresAt?: Date | null; lastAttestedAt: Date; attestationIntervalDays?: number }) {
      const dcp = scenario.agencyId("DCP");
      const cc = scenario.agencyId("CC");
      const agreementId =
        input.agreementId ?? (await buildAgreement(db, { ownerAgencyId: dcp, partyAgencyIds: [dcp, cc], reviewOn: "2099-12-31" })).id;
      const space = await buildSpace(db, {
        ownerAgencyId: dcp,
        lastAttestedAt: input.lastAttestedAt,
        attestationIntervalDays: input.attestationIntervalDays ?? 90,
      });
      await db.insert(spaceAgreements).values({ spaceId: space.id, agreementId });
      const owner = await buildUser(db, { agencyId: dcp, vettingLevel: "MV" });
      const member = await buildUser(db, { agencyId: dcp });
      const guest = await buildUser(db, { agencyId: cc, vettingLevel: "NPPV2A", roles: ["practitioner"] });
      await buildMembership(db, { spaceId: space.id, userId: owner.id, role: "owner" });
      await buildMembership(db, { spaceId: space.id, userId: member.id, role: "member" });
      await buildMembership(db, { spaceId: space.id, userId: guest.id, role: "guest", agreementId, expiresAt: input.expiresAt ?? null });
      const sees = async (userId: string, now: Date) =>
        (await listMySpaces(await policyCtx(db, await buildActor(db, userId), now))).some((s) => s.id === space.id);
      return { space, owner, member, guest, sees };
    }

    it("the agreement's missed review: from the day after ISA-CC-014's review date (2027-03-31), not before", async () => {
      // Attested the day before, and no end to the membership: only the agreement can cut her off.
      const w = await guestWorld({ agreementId: scenario.agreementId("ISA-CC-014"), lastAttestedAt: new Date("2027-03-30T12:00:00Z") });
      expect(await w.sees(w.guest.id, new Date("2027-03-31T23:59:00Z"))).toBe(true);
      expect(await w.sees(w.guest.id, new Date("2027-04-01T00:01:00Z"))).toBe(false);
      expect(await w.sees(w.owner.id, new Date("2027-04-01T00:01:00Z"))).toBe(true);
      expect(await w.sees(w.member.id, new Date("2027-04-01T00:01:00Z"))).toBe(true);
    });

    it("the membership's expiry: at its end, though the agreement is in force and the review up to date", async () => {
      const expiresAt = new Date("2027-01-15T23:59:59.999Z");
      const w = await guestWorld({ expiresAt, lastAttestedAt: new Date("2027-01-10T00:00:00Z") });
      expect(await w.sees(w.guest.id, new Date(expiresAt.getTime() - 1))).toBe(true);
      expect(await w.sees(w.guest.id, expiresAt)).toBe(false);
      expect(await w.sees(w.guest.id, new Date("2027-01-16T09:00:00Z"))).toBe(false);
      expect(await w.sees(w.owner.id, new Date("2027-01-16T09:00:00Z"))).toBe(true);
    });

    it("the overdue access review: from the moment the review falls due, for guests only", async () => {
      // Last attested 2027-01-01, every 30 days: due 2027-01-31T00:00Z.
      const w = await guestWorld({ lastAttestedAt: new Date("2027-01-01T00:00:00Z"), attestationIntervalDays: 30 });
      const due = new Date("2027-01-31T00:00:00Z");
      expect(await w.sees(w.guest.id, new Date(due.getTime() - 1))).toBe(true);
      expect(await w.sees(w.guest.id, due)).toBe(false);
      expect(await w.sees(w.guest.id, new Date("2027-02-15T00:00:00Z"))).toBe(false);
      expect(await w.sees(w.owner.id, new Date("2027-02-15T00:00:00Z"))).toBe(true);
      expect(await w.sees(w.member.id, new Date("2027-02-15T00:00:00Z"))).toBe(true);
    });
  });

  it("Alex (seeded guest) loses Kestrel when its 90-day access review falls due unattested; Tom does not", async () => {
    // The seeding starts the clock (db/seed/seed-scenario.test.ts); a fixed instant keeps this
    // case independent of the day the suite runs.
    const kestrel = scenario.spaceId(KESTREL);
    const [before] = await db.select({ lastAttestedAt: spaces.lastAttestedAt }).from(spaces).where(eq(spaces.id, kestrel));
    await db.update(spaces).set({ lastAttestedAt: new Date("2026-12-01T09:00:00Z") }).where(eq(spaces.id, kestrel));
    try {
      const due = new Date("2027-03-01T09:00:00Z");
      expect((await spacesOf("alex.morgan@dor.example", new Date(due.getTime() - 60_000))).map((s) => s.name)).toEqual([KESTREL]);
      expect(await spacesOf("alex.morgan@dor.example", due)).toEqual([]);
      expect((await spacesOf("tom.hughes@dcp.example", due)).map((s) => s.name)).toContain(KESTREL);
    } finally {
      await db.update(spaces).set({ lastAttestedAt: before!.lastAttestedAt }).where(eq(spaces.id, kestrel));
    }
  });

  it("the seeded MASH guests, reviewed in time, keep the space through ISA-CC-014's review date and lose it the day after", async () => {
    // Their membership ends with the agreement's review date, so both rules end it at once here.
    const mash = scenario.spaceId(MASH);
    const [before] = await db.select({ lastAttestedAt: spaces.lastAttestedAt }).from(spaces).where(eq(spaces.id, mash));
    await db.update(spaces).set({ lastAttestedAt: new Date("2027-03-15T09:00:00Z") }).where(eq(spaces.id, mash));
    try {
      for (const email of ["helen.carter@cc.example", "aisha.rahman@rcht.example", "ben.lowe@cc.example"]) {
        expect((await spacesOf(email, new Date("2027-03-31T20:00:00Z"))).map((s) => s.name), email).toEqual([MASH]);
        expect(await spacesOf(email, new Date("2027-04-01T08:00:00Z")), email).toEqual([]);
      }
      expect((await spacesOf("priya.shah@dcp.example", new Date("2027-04-01T08:00:00Z"))).map((s) => s.name)).toContain(MASH);
    } finally {
      await db.update(spaces).set({ lastAttestedAt: before!.lastAttestedAt }).where(eq(spaces.id, mash));
    }
  });

  it("does not show a partner a space whose only agreement has expired, though they are a member", async () => {
    // A CC-owned space run under ISA-DC-003 (expired 2025-12-31): a DOR member has no standing.
    const space = await buildSpace(db, { ownerAgencyId: scenario.agencyId("CC"), name: "Dorset housing referrals" });
    await db.insert(spaceAgreements).values({ spaceId: space.id, agreementId: scenario.agreementId("ISA-DC-003") });
    await buildMembership(db, { spaceId: space.id, userId: scenario.userId("alex.morgan@dor.example") });
    expect((await spacesOf("alex.morgan@dor.example")).map((s) => s.name)).toEqual([KESTREL]);
  });
});
