/**
 * The access rules of domain.md §2-§4, one case each, on rows built with the factories (beside
 * the seeded demo scenario, whose people and spaces they reuse where that makes the case plain).
 * Every read is asked twice, of the JavaScript check and of the SQL list filter, which must agree.
 */
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { and, eq, inArray } from "drizzle-orm";
import { testEngine } from "@/db/testing";
import type { Db } from "@/db/client";
import * as t from "@/db/schema";
import {
  buildActor,
  buildAgency,
  buildDocument,
  buildMembership,
  buildSpace,
  buildUser,
  openSeededDatabaseForFile,
  type DocumentRow,
  type SeededScenario,
  type SpaceRow,
} from "@/db/factories";
import type { AppAbility } from "@/policies/ability";
import { authorize, can } from "@/policies/authorize";
import { ForbiddenError, NotFoundError } from "@/policies/errors";
import { rankOfMarking } from "@/policies/markings";
import { accessibleWhere } from "@/policies/to-sql";
import { buildAbility } from "./build-ability";
import { documentColumns, documentSubject, spaceColumns, userColumns } from "./columns";

const NOW = new Date("2026-11-26T12:00:00Z");
const KESTREL = "Operation Kestrel";
const MASH = "Cornwall MASH: referral 2026-0412";

let db: Db;
let s: SeededScenario;

// A fresh database with the demo scenario for this file (db/factories.ts).
openSeededDatabaseForFile((t) => {
  db = t.db;
  s = t.scenario;
});

const user = (name: string) => {
  const emails: Record<string, string> = {
    priya: "priya.shah@dcp.example",
    tom: "tom.hughes@dcp.example",
    sam: "sam.patel@dcp.example",
    alex: "alex.morgan@dor.example",
    helen: "helen.carter@cc.example",
    ben: "ben.lowe@cc.example",
    aisha: "aisha.rahman@rcht.example",
  };
  return s.userId(emails[name] ?? name);
};

/** The ability of a user at `now`, built from the database as a request builds it. */
async function abilityOf(userId: string, now: Date = NOW): Promise<AppAbility> {
  return buildAbility(db, await buildActor(db, userId, now), now);
}

/** Whether the ability reads the document; asserts the SQL filter gives the same answer. */
async function reads(ability: AppAbility, doc: DocumentRow): Promise<boolean> {
  const isAllowed = can(ability, "read", "Document", documentSubject(doc));
  const where = accessibleWhere(ability, "read", "Document", documentColumns);
  const listed = where ? await db.select({ id: t.documents.id }).from(t.documents).where(and(where, eq(t.documents.id, doc.id))) : [];
  expect(listed.length === 1, `SQL and JavaScript agree on reading "${doc.title}"`).toBe(isAllowed);
  return isAllowed;
}

/** Whether the ability reads the space; asserts the SQL filter gives the same answer. */
async function seesSpace(ability: AppAbility, space: Pick<SpaceRow, "id" | "ownerAgencyId">): Promise<boolean> {
  const isAllowed = can(ability, "read", "Space", { id: space.id, ownerAgencyId: space.ownerAgencyId });
  const where = accessibleWhere(ability, "read", "Space", spaceColumns);
  const listed = where ? await db.select({ id: t.spaces.id }).from(t.spaces).where(and(where, eq(t.spaces.id, space.id))) : [];
  expect(listed.length === 1, "SQL and JavaScript agree on reading the space").toBe(isAllowed);
  return isAllowed;
}

/** An information sharing agreement (there is no factory for one yet), optionally bound to spaces. */
async function buildAgreement(input: {
  owner: string;
  parties: string[];
  maxMarking?: string;
  descriptors?: string[];
  status?: "draft" | "active" | "suspended" | "expired";
  startsOn?: string;
  reviewOn?: string | null;
  endsOn?: string | null;
  spaceIds?: string[];
}) {
  const maxMarking = input.maxMarking ?? "OFFICIAL-SENSITIVE";
  const [row] = await db
    .insert(t.agreements)
    .values({
      reference: `ISA-T-${randomBytes(4).toString("hex")}`,
      title: "Test agreement",
      ownerAgencyId: input.owner,
      maxMarking,
      maxRank: rankOfMarking(maxMarking)!,
      descriptors: input.descriptors ?? ["PERSONAL DATA"],
      status: input.status ?? "active",
      startsOn: input.startsOn ?? "2026-01-01",
      reviewOn: input.reviewOn === undefined ? "2027-06-30" : input.reviewOn,
      endsOn: input.endsOn ?? null,
    })
    .returning();
  await db.insert(t.agreementParties).values(input.parties.map((agencyId) => ({ agreementId: row!.id, agencyId })));
  if (input.spaceIds?.length) await db.insert(t.spaceAgreements).values(input.spaceIds.map((spaceId) => ({ spaceId, agreementId: row!.id })));
  return row!;
}

describe(`access rules of domain.md §2-§4 (${testEngine})`, () => {
  describe("descriptors must be allowed by the agreement", () => {
    it("a DCP document with LEGAL is unreadable to CC in the MASH space but readable to DOR in Kestrel, whose ISA allows LEGAL", async () => {
      const inMash = await buildDocument(db, { spaceId: s.spaceId(MASH), marking: "OFFICIAL LEGAL", descriptors: ["LEGAL"] });
      const inKestrel = await buildDocument(db, { spaceId: s.spaceId(KESTREL), marking: "OFFICIAL-SENSITIVE LEGAL", descriptors: ["LEGAL"] });
      const [helen, aisha, alex, priya] = await Promise.all(["helen", "aisha", "alex", "priya"].map((n) => abilityOf(user(n))));
      expect(await reads(helen!, inMash)).toBe(false);
      expect(await reads(aisha!, inMash)).toBe(false);
      expect(() => authorize(helen!, "read", "Document", documentSubject(inMash))).toThrow(NotFoundError);
      expect(await reads(alex!, inKestrel)).toBe(true);
      // The originating agency is not limited by its own agreements.
      expect(await reads(priya!, inMash)).toBe(true);
      expect(await reads(priya!, inKestrel)).toBe(true);
    });

    it("one descriptor the agreement does not list is enough to block the partner", async () => {
      const doc = await buildDocument(db, {
        spaceId: s.spaceId(KESTREL),
        marking: "OFFICIAL-SENSITIVE PERSONAL DATA COMMERCIAL",
        descriptors: ["PERSONAL DATA", "COMMERCIAL"],
      });
      const lpp = await buildDocument(db, {
        spaceId: s.spaceId(KESTREL),
        marking: "OFFICIAL-SENSITIVE LEGAL PROFESSIONAL PRIVILEGE",
        descriptors: ["LEGAL PROFESSIONAL PRIVILEGE"],
      });
      const alex = await abilityOf(user("alex"));
      const tom = await abilityOf(user("tom"));
      expect(await reads(alex, doc)).toBe(false);
      expect(await reads(alex, lpp)).toBe(false);
      expect(await reads(tom, doc)).toBe(true);
      expect(await reads(tom, lpp)).toBe(true);
    });

    it.each([["PERSONAL"], ["CODEWORD-X"]])(
      "a descriptor Accord does not recognise (%j, stored as is) keeps a document from partners, not from its own agency",
      async (descriptor) => {
        // Markings are normalised when parsed, so only bad or imported data holds such a value: unknown denies.
        const doc = await buildDocument(db, { spaceId: s.spaceId(MASH), marking: "OFFICIAL", descriptors: ["PERSONAL DATA", descriptor] });
        expect(await reads(await abilityOf(user("helen")), doc)).toBe(false);
        expect(await reads(await abilityOf(user("aisha")), doc)).toBe(false);
        expect(await reads(await abilityOf(user("priya")), doc)).toBe(true);
        expect(await reads(await abilityOf(user("tom")), doc)).toBe(false); // not a MASH member
      },
    );

    it("binds both ways: a CC document with LEGAL in the MASH space is unreadable to DCP, readable to CC", async () => {
      const doc = await buildDocument(db, {
        spaceId: s.spaceId(MASH),
        owningAgencyId: s.agencyId("CC"),
        marking: "OFFICIAL LEGAL",
        descriptors: ["LEGAL"],
      });
      const plain = await buildDocument(db, { spaceId: s.spaceId(MASH), owningAgencyId: s.agencyId("CC"), marking: "OFFICIAL-SENSITIVE PERSONAL DATA", descriptors: ["PERSONAL DATA"] });
      expect(await reads(await abilityOf(user("priya")), doc)).toBe(false);
      expect(await reads(await abilityOf(user("priya")), plain)).toBe(true);
      expect(await reads(await abilityOf(user("helen")), doc)).toBe(true);
      // RCHT is party to the same agreement, so CC's shareable document reaches it too.
      expect(await reads(await abilityOf(user("aisha")), plain)).toBe(true);
      expect(await reads(await abilityOf(user("aisha")), doc)).toBe(false);
    });
  });

  describe("the agreement's highest marking", () => {
    it("keeps a document marked above the agreement's maximum from the partner, not from the owning agency", async () => {
      const police = await buildAgency(db, { kind: "police", isHmg: true });
      const council = await buildAgency(db, { kind: "local_authority", isHmg: false });
      const space = await buildSpace(db, { ownerAgencyId: police.id });
      await buildAgreement({ owner: police.id, parties: [police.id, council.id], maxMarking: "OFFICIAL", spaceIds: [space.id] });
      const officer = await buildUser(db, { agencyId: police.id, vettingLevel: "RV" });
      const partner = await buildUser(db, { agencyId: council.id, vettingLevel: "NPPV2A", roles: ["practitioner"] });
      await buildMembership(db, { spaceId: space.id, userId: officer.id, role: "owner" });
      await buildMembership(db, { spaceId: space.id, userId: partner.id });
      const official = await buildDocument(db, { spaceId: space.id, marking: "OFFICIAL" });
      const sensitive = await buildDocument(db, { spaceId: space.id, marking: "OFFICIAL-SENSITIVE" });

      const partnerAbility = await abilityOf(partner.id);
      expect(await seesSpace(partnerAbility, space)).toBe(true);
      expect(await reads(partnerAbility, official)).toBe(true);
      expect(await reads(partnerAbility, sensitive)).toBe(false);
      expect(await reads(await abilityOf(officer.id), sensitive)).toBe(true);
    });

    it("keeps anything above the partner's own vetting from them even when the agreement allows it", async () => {
      // Ben (BPSS) under ISA-CC-014, which allows OFFICIAL-SENSITIVE.
      const doc = await buildDocument(db, { spaceId: s.spaceId(MASH), marking: "OFFICIAL-SENSITIVE" });
      expect(await reads(await abilityOf(user("ben")), doc)).toBe(false);
      expect(await reads(await abilityOf(user("helen")), doc)).toBe(true);
    });

    it("keeps a document recorded above the deployment's OFFICIAL ceiling from everyone, whatever their vetting", async () => {
      const secret = await buildDocument(db, { spaceId: s.spaceId(KESTREL), marking: "SECRET" });
      const dv = await buildUser(db, { agencyId: s.agencyId("DCP"), vettingLevel: "DV" });
      await buildMembership(db, { spaceId: s.spaceId(KESTREL), userId: dv.id });
      expect(await reads(await abilityOf(dv.id), secret)).toBe(false);
      expect(await reads(await abilityOf(user("priya")), secret)).toBe(false);
    });
  });

  describe("handling instructions", () => {
    it("RECIPIENTS ONLY is readable only by the named recipients who have standing in the space", async () => {
      const doc = await buildDocument(db, {
        spaceId: s.spaceId(KESTREL),
        marking: "OFFICIAL-SENSITIVE RECIPIENTS ONLY",
        handling: "RECIPIENTS ONLY",
        recipientIds: [user("tom"), user("alex"), user("helen")],
      });
      expect(await reads(await abilityOf(user("tom")), doc)).toBe(true);
      expect(await reads(await abilityOf(user("alex")), doc)).toBe(true);
      // Not named: the space owner herself does not read it (and so cannot share it).
      const priya = await abilityOf(user("priya"));
      expect(await reads(priya, doc)).toBe(false);
      expect(() => authorize(priya, "share", "Document", documentSubject(doc))).toThrow(NotFoundError);
      // Named, but with no standing in Kestrel.
      expect(await reads(await abilityOf(user("helen")), doc)).toBe(false);
    });

    it("an instruction Accord does not recognise (stored as is) denies everyone, the originating agency included", async () => {
      const doc = await buildDocument(db, { spaceId: s.spaceId(KESTREL), marking: "OFFICIAL", handling: "DCP USE ONLY", useOnlyAgencyCodes: ["DCP"] });
      expect(await reads(await abilityOf(user("priya")), doc)).toBe(false);
      expect(await reads(await abilityOf(user("tom")), doc)).toBe(false);
      expect(await reads(await abilityOf(user("alex")), doc)).toBe(false);
    });

    it("HMG USE ONLY is not readable by agencies outside HMG (CC, RCHT), and is by DCP and DOR", async () => {
      const hmg = new Map((await db.select({ code: t.agencies.code, isHmg: t.agencies.isHmg }).from(t.agencies)).map((a) => [a.code, a.isHmg]));
      expect([hmg.get("DCP"), hmg.get("DOR"), hmg.get("CC"), hmg.get("RCHT")]).toEqual([true, true, false, false]);

      const inMash = await buildDocument(db, { spaceId: s.spaceId(MASH), marking: "OFFICIAL HMG USE ONLY", handling: "HMG USE ONLY" });
      const inKestrel = await buildDocument(db, { spaceId: s.spaceId(KESTREL), marking: "OFFICIAL-SENSITIVE HMG USE ONLY", handling: "HMG USE ONLY" });
      expect(await reads(await abilityOf(user("helen")), inMash)).toBe(false);
      expect(await reads(await abilityOf(user("ben")), inMash)).toBe(false);
      expect(await reads(await abilityOf(user("aisha")), inMash)).toBe(false);
      expect(await reads(await abilityOf(user("priya")), inMash)).toBe(true);
      expect(await reads(await abilityOf(user("alex")), inKestrel)).toBe(true);
    });

    it("<ORG> USE ONLY is readable only by the organisations named", async () => {
      const dcpRcht = await buildDocument(db, {
        spaceId: s.spaceId(MASH),
        marking: "OFFICIAL DCP/RCHT USE ONLY",
        handling: "USE ONLY",
        useOnlyAgencyCodes: ["DCP", "RCHT"],
      });
      const dcpOnly = await buildDocument(db, {
        spaceId: s.spaceId(KESTREL),
        marking: "OFFICIAL DCP USE ONLY",
        handling: "USE ONLY",
        useOnlyAgencyCodes: ["DCP"],
      });
      expect(await reads(await abilityOf(user("aisha")), dcpRcht)).toBe(true);
      expect(await reads(await abilityOf(user("priya")), dcpRcht)).toBe(true);
      expect(await reads(await abilityOf(user("helen")), dcpRcht)).toBe(false);
      expect(await reads(await abilityOf(user("ben")), dcpRcht)).toBe(false);
      expect(await reads(await abilityOf(user("tom")), dcpOnly)).toBe(true);
      expect(await reads(await abilityOf(user("alex")), dcpOnly)).toBe(false);
    });
  });

  describe('"MV posts only" spaces', () => {
    it("need management vetting or above: an RV member loses the space and its documents when it is flagged", async () => {
      const dcp = s.agencyId("DCP");
      const space = await buildSpace(db, { ownerAgencyId: dcp });
      const rv = await buildUser(db, { agencyId: dcp, vettingLevel: "RV" });
      const mv = await buildUser(db, { agencyId: dcp, vettingLevel: "MV" });
      const expiredMv = await buildUser(db, { agencyId: dcp, vettingLevel: "MV", vettingExpiresOn: "2026-11-25" });
      const nppv3 = await buildUser(db, { agencyId: dcp, vettingLevel: "NPPV3" });
      for (const u of [rv, mv, expiredMv, nppv3]) await buildMembership(db, { spaceId: space.id, userId: u.id });
      const doc = await buildDocument(db, { spaceId: space.id, marking: "OFFICIAL" });

      expect(await seesSpace(await abilityOf(rv.id), space)).toBe(true);
      expect(await reads(await abilityOf(rv.id), doc)).toBe(true);

      await db.update(t.spaces).set({ isMvOnly: true }).where(eq(t.spaces.id, space.id));
      const rvNow = await abilityOf(rv.id);
      expect(await seesSpace(rvNow, space)).toBe(false);
      expect(await reads(rvNow, doc)).toBe(false);
      expect(() => authorize(rvNow, "read", "Space", space)).toThrow(NotFoundError);
      expect(await seesSpace(await abilityOf(mv.id), space)).toBe(true);
      expect(await reads(await abilityOf(mv.id), doc)).toBe(true);
      expect(await seesSpace(await abilityOf(nppv3.id), space)).toBe(true);
      // Expired MV is no vetting at all.
      expect(await seesSpace(await abilityOf(expiredMv.id), space)).toBe(false);
    });
  });

  describe("agreements in force", () => {
    async function partnerWorld(agreement: Partial<Parameters<typeof buildAgreement>[0]>) {
      const dcp = s.agencyId("DCP");
      const cc = s.agencyId("CC");
      const space = await buildSpace(db, { ownerAgencyId: dcp });
      const isa = await buildAgreement({ owner: dcp, parties: [dcp, cc], spaceIds: [space.id], ...agreement });
      const owner = await buildUser(db, { agencyId: dcp, vettingLevel: "MV" });
      const partner = await buildUser(db, { agencyId: cc, vettingLevel: "NPPV2A", roles: ["practitioner"] });
      await buildMembership(db, { spaceId: space.id, userId: owner.id, role: "owner" });
      await buildMembership(db, { spaceId: space.id, userId: partner.id });
      const policeDoc = await buildDocument(db, { spaceId: space.id, marking: "OFFICIAL-SENSITIVE" });
      const councilDoc = await buildDocument(db, { spaceId: space.id, owningAgencyId: cc, marking: "OFFICIAL" });
      return { space, isa, owner, partner, policeDoc, councilDoc };
    }

    it("a suspended agreement removes partner access immediately, while the owning agency keeps its space", async () => {
      const w = await partnerWorld({});
      expect(await seesSpace(await abilityOf(w.partner.id), w.space)).toBe(true);
      expect(await reads(await abilityOf(w.partner.id), w.policeDoc)).toBe(true);
      expect(await reads(await abilityOf(w.owner.id), w.councilDoc)).toBe(true);

      await db.update(t.agreements).set({ status: "suspended" }).where(eq(t.agreements.id, w.isa.id));
      const partner = await abilityOf(w.partner.id);
      expect(await seesSpace(partner, w.space)).toBe(false);
      expect(await reads(partner, w.policeDoc)).toBe(false);
      // The space disappears from their view, their own agency's document in it included.
      expect(await reads(partner, w.councilDoc)).toBe(false);
      expect(() => authorize(partner, "read", "Document", documentSubject(w.policeDoc))).toThrow(NotFoundError);

      const owner = await abilityOf(w.owner.id);
      expect(await seesSpace(owner, w.space)).toBe(true);
      expect(await reads(owner, w.policeDoc)).toBe(true);
      // Nor does the partner's document cross the suspended agreement the other way.
      expect(await reads(owner, w.councilDoc)).toBe(false);
    });

    it("an agreement past its end date removes partner access from the next day, by `now`", async () => {
      const w = await partnerWorld({ endsOn: "2026-12-31", reviewOn: "2027-06-30" });
      const lastDay = new Date("2026-12-31T23:00:00Z");
      const dayAfter = new Date("2027-01-01T00:30:00Z");
      expect(await seesSpace(await abilityOf(w.partner.id, lastDay), w.space)).toBe(true);
      expect(await reads(await abilityOf(w.partner.id, lastDay), w.policeDoc)).toBe(true);
      expect(await seesSpace(await abilityOf(w.partner.id, dayAfter), w.space)).toBe(false);
      expect(await reads(await abilityOf(w.partner.id, dayAfter), w.policeDoc)).toBe(false);
      expect(await seesSpace(await abilityOf(w.owner.id, dayAfter), w.space)).toBe(true);
      expect(await reads(await abilityOf(w.owner.id, dayAfter), w.policeDoc)).toBe(true);
    });

    it.each([
      ["a draft agreement", { status: "draft" as const }],
      ["an agreement marked expired", { status: "expired" as const }],
      ["an agreement that has not started", { startsOn: "2026-12-01" }],
      ["an agreement whose review date was missed", { reviewOn: "2026-11-25" }],
    ])("%s gives a partner no access", async (_label, agreement) => {
      const w = await partnerWorld(agreement);
      expect(await seesSpace(await abilityOf(w.partner.id), w.space)).toBe(false);
      expect(await reads(await abilityOf(w.partner.id), w.policeDoc)).toBe(false);
      expect(await reads(await abilityOf(w.owner.id), w.policeDoc)).toBe(true);
    });

    it("a member of an agency not party to the space's agreement sees nothing of it (a DOR person in a space under ISA-DC-003)", async () => {
      // ISA-DC-003 (DOR + CC) expired on 2025-12-31; CC's space runs under it.
      const space = await buildSpace(db, { ownerAgencyId: s.agencyId("CC") });
      await db.insert(t.spaceAgreements).values({ spaceId: space.id, agreementId: s.agreementId("ISA-DC-003") });
      const doc = await buildDocument(db, { spaceId: space.id, marking: "OFFICIAL" });
      await buildMembership(db, { spaceId: space.id, userId: user("alex") });
      const alex = await abilityOf(user("alex"));
      expect(await seesSpace(alex, space)).toBe(false);
      expect(await reads(alex, doc)).toBe(false);
      // A CC person in Kestrel's membership (by mistake): no agreement binds CC to it.
      const councilOfficer = await buildUser(db, { agencyId: s.agencyId("CC"), vettingLevel: "NPPV2A", roles: ["practitioner"] });
      await buildMembership(db, { spaceId: s.spaceId(KESTREL), userId: councilOfficer.id });
      const council = await abilityOf(councilOfficer.id);
      const [kestrel] = await db.select().from(t.spaces).where(eq(t.spaces.id, s.spaceId(KESTREL)));
      expect(await seesSpace(council, kestrel!)).toBe(false);
      const press = await buildDocument(db, { spaceId: s.spaceId(KESTREL), marking: "OFFICIAL" });
      expect(await reads(council, press)).toBe(false);
    });
  });

  describe("vetting", () => {
    it("an unknown vetting level reads no document, not even OFFICIAL, and the list query is not run", async () => {
      const dcp = s.agencyId("DCP");
      const space = await buildSpace(db, { ownerAgencyId: dcp });
      const unknown = await buildUser(db, { agencyId: dcp, vettingLevel: "TOP-SECRET-ISH" });
      await buildMembership(db, { spaceId: space.id, userId: unknown.id, role: "owner" });
      const doc = await buildDocument(db, { spaceId: space.id, marking: "OFFICIAL" });
      const ability = await abilityOf(unknown.id);
      expect(await reads(ability, doc)).toBe(false);
      for (const action of ["read", "update", "share", "remark", "delete", "create"] as const) {
        expect(accessibleWhere(ability, action, "Document", documentColumns), action).toBeNull();
      }
      // The same person with a known level reads it.
      await db.update(t.users).set({ vettingLevel: "BPSS" }).where(eq(t.users.id, unknown.id));
      expect(await reads(await abilityOf(unknown.id), doc)).toBe(true);
    });

    it("vetting opens OFFICIAL-SENSITIVE through its expiry day, and only OFFICIAL from the day after", async () => {
      const dcp = s.agencyId("DCP");
      const space = await buildSpace(db, { ownerAgencyId: dcp });
      const rv = await buildUser(db, { agencyId: dcp, vettingLevel: "RV", vettingExpiresOn: "2026-11-26" });
      await buildMembership(db, { spaceId: space.id, userId: rv.id });
      const sensitive = await buildDocument(db, { spaceId: space.id, marking: "OFFICIAL-SENSITIVE" });
      const official = await buildDocument(db, { spaceId: space.id, marking: "OFFICIAL" });
      expect(await reads(await abilityOf(rv.id, new Date("2026-11-26T23:30:00Z")), sensitive)).toBe(true);
      const after = await abilityOf(rv.id, new Date("2026-11-27T00:30:00Z"));
      expect(await reads(after, sensitive)).toBe(false);
      expect(await reads(after, official)).toBe(true);
    });
  });

  describe("agency administrators", () => {
    async function usersAdministrable(ability: AppAbility, ids: string[]): Promise<string[]> {
      const where = accessibleWhere(ability, "administer", "User", userColumns);
      if (!where) return [];
      return (await db.select({ id: t.users.id }).from(t.users).where(and(where, inArray(t.users.id, ids)))).map((r) => r.id).sort();
    }

    it("administer the users of their own agency, not those of another agency, and not themselves", async () => {
      const sam = await abilityOf(user("sam"));
      const row = async (id: string) => {
        const [u] = await db.select({ id: t.users.id, agencyId: t.users.agencyId }).from(t.users).where(eq(t.users.id, id));
        return u!;
      };
      const tom = await row(user("tom"));
      const alex = await row(user("alex"));
      const self = await row(user("sam"));
      expect(() => authorize(sam, "administer", "User", tom)).not.toThrow();
      // Another agency's people are invisible to him: 404, not 403.
      expect(() => authorize(sam, "administer", "User", alex)).toThrow(NotFoundError);
      expect(() => authorize(sam, "update", "User", alex)).toThrow(NotFoundError);
      // He sees himself but may not disable or sign out himself.
      expect(() => authorize(sam, "administer", "User", self)).toThrow(ForbiddenError);

      const candidates = [user("tom"), user("priya"), user("sam"), user("alex"), user("helen")];
      expect(await usersAdministrable(sam, candidates)).toEqual([user("tom"), user("priya")].sort());
    });

    it("of another agency cannot administer DCP's users, and a non-administrator administers nobody", async () => {
      const dorAdmin = await buildUser(db, { agencyId: s.agencyId("DOR"), roles: ["agency_admin"] });
      const ability = await abilityOf(dorAdmin.id);
      const tomRow = { id: user("tom"), agencyId: s.agencyId("DCP") };
      expect(() => authorize(ability, "administer", "User", tomRow)).toThrow(NotFoundError);
      expect(await usersAdministrable(ability, [user("tom"), user("alex"), dorAdmin.id])).toEqual([user("alex")]);

      const tom = await abilityOf(user("tom"));
      expect(() => authorize(tom, "administer", "User", { id: user("priya"), agencyId: s.agencyId("DCP") })).toThrow(ForbiddenError);
      expect(accessibleWhere(tom, "administer", "User", userColumns)).toBeNull();
    });
  });
});
