/** The demo scenario matches domain.md §8, row for row; seeding twice changes nothing. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asc, count, eq } from "drizzle-orm";
import { verify } from "@node-rs/argon2";
import { createTestDatabase } from "../testing";
import type { DatabaseHandle, Db } from "../client";
import * as t from "../schema";
import { seedScenario } from "./seed-scenario";
import { DEMO_PASSWORD } from "./scenario";
import { testCtx } from "../factories";
import { verifyPasswordSignIn } from "@/lib/auth/verify-password-sign-in";

let handle: DatabaseHandle;
let db: Db;
let firstSeed: boolean;
let seededAfter: Date;
let seededBefore: Date;

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  seededAfter = new Date();
  firstSeed = await seedScenario(db);
  seededBefore = new Date();
});
afterAll(async () => {
  await handle?.close();
});

async function agencyCodeById(): Promise<Map<string, string>> {
  return new Map((await db.select({ id: t.agencies.id, code: t.agencies.code }).from(t.agencies)).map((a) => [a.id, a.code]));
}

async function rowCounts(): Promise<Record<string, number>> {
  const tables = {
    agencies: t.agencies,
    agreements: t.agreements,
    agreementParties: t.agreementParties,
    users: t.users,
    spaces: t.spaces,
    spaceAgreements: t.spaceAgreements,
    spaceMembers: t.spaceMembers,
    documents: t.documents,
    auditEvents: t.auditEvents,
    retentionEventTypes: t.retentionEventTypes,
    retentionLabels: t.retentionLabels,
    retentionRules: t.retentionRules,
  };
  const out: Record<string, number> = {};
  for (const [name, table] of Object.entries(tables)) {
    const [row] = await db.select({ n: count() }).from(table);
    out[name] = Number(row!.n);
  }
  return out;
}

describe("seedScenario", () => {
  it("reports that it seeded an empty database", () => {
    expect(firstSeed).toBe(true);
  });

  it("seeds the four agencies", async () => {
    const rows = await db.select({ code: t.agencies.code, name: t.agencies.name, kind: t.agencies.kind, status: t.agencies.status }).from(t.agencies);
    expect(rows.sort((a, b) => a.code.localeCompare(b.code))).toEqual([
      { code: "CC", name: "Cornwall Council", kind: "local_authority", status: "active" },
      { code: "DCP", name: "Devon & Cornwall Police", kind: "police", status: "active" },
      { code: "DOR", name: "Dorset Police", kind: "police", status: "active" },
      { code: "RCHT", name: "Royal Cornwall Hospitals NHS Trust", kind: "health", status: "active" },
    ]);
  });

  it("seeds the three sharing agreements with their parties, ceilings, descriptors and dates", async () => {
    const codes = await agencyCodeById();
    const agreements = await db.select().from(t.agreements).orderBy(asc(t.agreements.reference));
    const parties = await db.select().from(t.agreementParties);
    const summary = agreements.map((a) => ({
      reference: a.reference,
      title: a.title,
      parties: parties
        .filter((p) => p.agreementId === a.id)
        .map((p) => codes.get(p.agencyId))
        .sort(),
      maxMarking: a.maxMarking,
      maxRank: a.maxRank,
      descriptors: [...a.descriptors].sort(),
      status: a.status,
      reviewOn: a.reviewOn,
      endsOn: a.endsOn,
    }));
    expect(summary).toEqual([
      {
        reference: "ISA-CC-014",
        title: "Cornwall Multi-Agency Safeguarding Hub",
        parties: ["CC", "DCP", "RCHT"],
        maxMarking: "OFFICIAL-SENSITIVE",
        maxRank: 2,
        descriptors: ["PERSONAL DATA"],
        status: "active",
        reviewOn: "2027-03-31",
        endsOn: null,
      },
      {
        reference: "ISA-DC-003",
        title: "Dorset housing referrals",
        parties: ["CC", "DOR"],
        maxMarking: "OFFICIAL-SENSITIVE",
        maxRank: 2,
        descriptors: ["PERSONAL DATA"],
        status: "expired",
        reviewOn: null,
        endsOn: "2025-12-31",
      },
      {
        reference: "ISA-SW-001",
        title: "Strategic Alliance joint investigations",
        parties: ["DCP", "DOR"],
        maxMarking: "OFFICIAL-SENSITIVE",
        maxRank: 2,
        descriptors: ["LEGAL", "PERSONAL DATA"],
        status: "active",
        reviewOn: "2027-05-01",
        endsOn: null,
      },
    ]);
  });

  it("seeds every person of the scenario with their agency, vetting and expiry", async () => {
    const codes = await agencyCodeById();
    const people = await db.select().from(t.users).orderBy(asc(t.users.email));
    const summary = people.map((u) => ({
      email: u.email,
      name: u.name,
      agency: codes.get(u.agencyId),
      vettingAgency: u.vettingAgencyId ? codes.get(u.vettingAgencyId) : null,
      vetting: u.vettingLevel,
      expires: u.vettingExpiresOn,
      status: u.status,
    }));
    const expected = [
      ["priya.shah@dcp.example", "DS Priya Shah", "DCP", "MV", "2029-01-31"],
      ["tom.hughes@dcp.example", "PC Tom Hughes", "DCP", "RV", "2028-06-30"],
      ["mark.ellis@dcp.example", "PC Mark Ellis", "DCP", "RV", "2025-06-30"],
      ["janet.okafor@dcp.example", "Janet Okafor", "DCP", "MV", "2028-09-30"],
      ["sam.patel@dcp.example", "Sam Patel", "DCP", "MV", "2028-09-30"],
      ["alex.morgan@dor.example", "DC Alex Morgan", "DOR", "RV", "2028-03-31"],
      ["helen.carter@cc.example", "Helen Carter", "CC", "NPPV2A", "2027-11-30"],
      ["ben.lowe@cc.example", "Ben Lowe", "CC", "BPSS", null],
      ["aisha.rahman@rcht.example", "Dr Aisha Rahman", "RCHT", "NPPV2A", "2028-01-31"],
    ].map(([email, name, agency, vetting, expires]) => ({
      email,
      name,
      agency,
      vettingAgency: agency,
      vetting,
      expires,
      status: "active",
    }));
    expect(summary).toEqual(expected.sort((a, b) => a.email!.localeCompare(b.email!)));
  });

  it("gives each person the role the scenario describes", async () => {
    const roles = new Map((await db.select({ email: t.users.email, roles: t.users.roles }).from(t.users)).map((u) => [u.email, u.roles]));
    for (const email of ["priya.shah@dcp.example", "tom.hughes@dcp.example", "mark.ellis@dcp.example", "alex.morgan@dor.example"]) {
      expect(roles.get(email)).toContain("investigator");
    }
    expect(roles.get("janet.okafor@dcp.example")).toEqual(["records_manager"]);
    expect(roles.get("sam.patel@dcp.example")).toEqual(["agency_admin"]);
    // Only Sam administers anyone.
    expect([...roles].filter(([, r]) => r.includes("agency_admin")).map(([e]) => e)).toEqual(["sam.patel@dcp.example"]);
    for (const email of ["helen.carter@cc.example", "ben.lowe@cc.example", "aisha.rahman@rcht.example"]) {
      expect(roles.get(email)).toEqual(["practitioner"]);
    }
  });

  it("seeds the three spaces with their owner, ceiling, agreements and members (partners as guests until the agreement's review)", async () => {
    const codes = await agencyCodeById();
    const emails = new Map((await db.select({ id: t.users.id, email: t.users.email }).from(t.users)).map((u) => [u.id, u.email]));
    const refs = new Map((await db.select({ id: t.agreements.id, ref: t.agreements.reference }).from(t.agreements)).map((a) => [a.id, a.ref]));
    const spaces = await db.select().from(t.spaces).orderBy(asc(t.spaces.name));
    const bound = await db.select().from(t.spaceAgreements);
    const members = await db.select().from(t.spaceMembers);
    const summary = spaces.map((s) => ({
      name: s.name,
      owner: codes.get(s.ownerAgencyId),
      ceiling: [s.ceilingMarking, s.ceilingRank],
      agreements: bound.filter((b) => b.spaceId === s.id).map((b) => refs.get(b.agreementId)),
      members: members
        .filter((m) => m.spaceId === s.id)
        .map((m) => `${emails.get(m.userId)}:${m.role}${m.agreementId ? ` under ${refs.get(m.agreementId)}` : ""}${m.expiresAt ? ` until ${m.expiresAt.toISOString()}` : ""}`)
        .sort(),
    }));
    expect(summary).toEqual([
      {
        name: "Cornwall MASH: referral 2026-0412",
        owner: "DCP",
        ceiling: ["OFFICIAL-SENSITIVE", 2],
        agreements: ["ISA-CC-014"],
        members: [
          // ISA-CC-014 is due for review on 2027-03-31.
          "aisha.rahman@rcht.example:guest under ISA-CC-014 until 2027-03-31T23:59:59.999Z",
          "ben.lowe@cc.example:guest under ISA-CC-014 until 2027-03-31T23:59:59.999Z",
          "helen.carter@cc.example:guest under ISA-CC-014 until 2027-03-31T23:59:59.999Z",
          "priya.shah@dcp.example:owner",
        ],
      },
      {
        name: "DCP Training",
        owner: "DCP",
        ceiling: ["OFFICIAL", 1],
        agreements: [],
        members: expect.arrayContaining(["priya.shah@dcp.example:owner"]),
      },
      {
        name: "Operation Kestrel",
        owner: "DCP",
        ceiling: ["OFFICIAL-SENSITIVE", 2],
        agreements: ["ISA-SW-001"],
        members: [
          // ISA-SW-001 is due for review on 2027-05-01.
          "alex.morgan@dor.example:guest under ISA-SW-001 until 2027-05-01T23:59:59.999Z",
          "mark.ellis@dcp.example:member",
          "priya.shah@dcp.example:owner",
          "tom.hughes@dcp.example:member",
        ],
      },
    ]);
    // "DCP Training": DCP members only.
    const training = spaces.find((s) => s.name === "DCP Training")!;
    const trainingAgencies = await db
      .select({ agencyId: t.users.agencyId })
      .from(t.spaceMembers)
      .innerJoin(t.users, eq(t.users.id, t.spaceMembers.userId))
      .where(eq(t.spaceMembers.spaceId, training.id));
    expect(trainingAgencies.length).toBeGreaterThan(0);
    expect(new Set(trainingAgencies.map((m) => codes.get(m.agencyId)))).toEqual(new Set(["DCP"]));
  });

  it("starts every space's access review clock at the seeding, every space open, on the default 90-day cadence", async () => {
    const spaces = await db.select().from(t.spaces);
    expect(spaces).toHaveLength(3);
    for (const s of spaces) {
      expect(s.status, s.name).toBe("active");
      expect(s.attestationIntervalDays, s.name).toBe(90);
      // Within the seeding (a second's slack either side for the database's clock).
      expect(s.lastAttestedAt.getTime(), s.name).toBeGreaterThanOrEqual(seededAfter.getTime() - 1000);
      expect(s.lastAttestedAt.getTime(), s.name).toBeLessThanOrEqual(seededBefore.getTime() + 1000);
    }
  });

  it("seeds every document with its marking, rank and descriptors", async () => {
    const codes = await agencyCodeById();
    const rows = await db
      .select({
        space: t.spaces.name,
        title: t.documents.title,
        marking: t.documents.marking,
        rank: t.documents.markingRank,
        descriptors: t.documents.descriptors,
        owningAgencyId: t.documents.owningAgencyId,
      })
      .from(t.documents)
      .innerJoin(t.spaces, eq(t.spaces.id, t.documents.spaceId))
      .orderBy(asc(t.documents.title));
    const byTitle = new Map(rows.map((r) => [r.title, { ...r, owner: codes.get(r.owningAgencyId) }]));
    expect(byTitle.get("Investigation log")).toMatchObject({
      space: "Operation Kestrel",
      marking: "OFFICIAL-SENSITIVE PERSONAL DATA",
      rank: 2,
      descriptors: ["PERSONAL DATA"],
      owner: "DCP",
    });
    expect(byTitle.get("Press lines")).toMatchObject({ space: "Operation Kestrel", marking: "OFFICIAL", rank: 1, descriptors: [] });
    expect(byTitle.get("Strategy meeting minutes")).toMatchObject({
      space: "Cornwall MASH: referral 2026-0412",
      marking: "OFFICIAL-SENSITIVE PERSONAL DATA",
      rank: 2,
      descriptors: ["PERSONAL DATA"],
    });
    expect(byTitle.get("Agency contact list")).toMatchObject({
      space: "Cornwall MASH: referral 2026-0412",
      marking: "OFFICIAL",
      rank: 1,
      descriptors: [],
    });
    // No document sits above its space's ceiling or above the OFFICIAL deployment ceiling.
    const overCeiling = await db
      .select({ title: t.documents.title, rank: t.documents.markingRank, ceiling: t.spaces.ceilingRank })
      .from(t.documents)
      .innerJoin(t.spaces, eq(t.spaces.id, t.documents.spaceId));
    for (const d of overCeiling) {
      expect(d.rank, d.title).toBeLessThanOrEqual(d.ceiling);
      expect(d.rank, d.title).toBeLessThanOrEqual(2);
    }
  });

  it("seeds DCP's file plan: the event types, the review groups and schedule as labels, and the MG11 rule", async () => {
    const dcp = (await db.select({ id: t.agencies.id }).from(t.agencies).where(eq(t.agencies.code, "DCP")))[0]!.id;
    const types = await db.select().from(t.retentionEventTypes).orderBy(asc(t.retentionEventTypes.key));
    expect(types.map((e) => [e.key, e.name, e.computed, e.agencyId])).toEqual([
      ["case-closed", "Case closed", null, dcp],
      ["conviction", "Conviction", null, dcp],
      ["missing-person-found", "Missing person found", null, dcp],
      ["subject-100th-birthday", "Subject's 100th birthday", "subject_100th_birthday", dcp],
    ]);
    const labels = await db.select().from(t.retentionLabels).orderBy(asc(t.retentionLabels.reference));
    expect(labels.map((l) => l.reference)).toEqual(["ADM-01", "CRM-01", "CUS-01", "FRM-MG11", "FRM-MISPER", "FRM-SS", "RRD-G1", "RRD-G2", "RRD-G3", "RRD-G4"]);
    const people = new Map((await db.select({ id: t.users.id, email: t.users.email }).from(t.users)).map((u) => [u.id, u.email]));
    const typeKey = new Map(types.map((e) => [e.id, e.key]));
    const by = new Map(labels.map((l) => [l.reference, l]));
    expect(by.get("RRD-G1")).toMatchObject({ trigger: "event", periodYears: 0, action: "review", recordKind: "record" });
    expect(typeKey.get(by.get("RRD-G1")!.eventTypeId!)).toBe("subject-100th-birthday");
    expect(by.get("RRD-G1")!.reviewStages.map((st) => st.reviewerIds.map((id) => people.get(id)))).toEqual([["janet.okafor@dcp.example"], ["priya.shah@dcp.example"]]);
    expect(by.get("RRD-G2")).toMatchObject({ periodYears: 10, isClearPeriod: true, action: "review" });
    expect(typeKey.get(by.get("RRD-G3")!.eventTypeId!)).toBe("case-closed");
    expect(by.get("ADM-01")).toMatchObject({ trigger: "modified", periodYears: 2, action: "delete", reviewStages: [] });
    expect(by.get("CUS-01")!.recordKind).toBe("regulatory");
    for (const l of labels) {
      expect(l.agencyId, l.reference).toBe(dcp);
      expect(l.authority, l.reference).not.toBe("");
      expect(l.description, l.reference).toMatch(/confirmed against the current APP text/);
    }
    const rules = await db.select().from(t.retentionRules);
    expect(rules.map((r) => [r.itemType, r.formKey, labels.find((l) => l.id === r.labelId)?.reference])).toEqual([["submission", "mg11", "FRM-MG11"]]);
  });

  it("records the seeding in the audit trail", async () => {
    const events = await db.select().from(t.auditEvents).where(eq(t.auditEvents.action, "system.seed_scenario"));
    expect(events).toHaveLength(1);
  });

  it("gives every demo person the demo password, hashed with argon2id", async () => {
    const people = await db.select({ email: t.users.email, passwordHash: t.users.passwordHash }).from(t.users);
    expect(people).toHaveLength(9);
    for (const p of people) {
      expect(p.passwordHash, p.email).toMatch(/^\$argon2id\$/);
      expect(await verify(p.passwordHash!, DEMO_PASSWORD), p.email).toBe(true);
      expect(await verify(p.passwordHash!, "not-the-password"), p.email).toBe(false);
    }
    const result = await verifyPasswordSignIn(testCtx(db), { email: "helen.carter@cc.example", password: DEMO_PASSWORD });
    expect(result).toMatchObject({ ok: true });
  });

  it("does nothing the second time: returns false and changes no counts", async () => {
    const before = await rowCounts();
    expect(before.users).toBe(9);
    expect(await seedScenario(db)).toBe(false);
    expect(await rowCounts()).toEqual(before);
  });
});
