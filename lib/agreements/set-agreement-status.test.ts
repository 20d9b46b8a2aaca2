/**
 * Suspending an agreement ends partner access under it on the very next request, and
 * reactivating restores it (issue 4: "Revocation is immediate"; domain.md §4). Only the owning
 * agency's administrators may do either; anyone else is refused and nothing changes.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/db/testing";
import type { DatabaseHandle, Db } from "@/db/client";
import { buildActor, buildAgreement, buildUser, policyCtx, seededScenario, type SeededScenario } from "@/db/factories";
import type { Actor } from "../auth/actor";
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from "../errors";
import { listMySpaces } from "../spaces/list-my-spaces";
import { getSpace } from "../spaces/get-space";
import { setAgreementStatus } from "./set-agreement-status";
import { agreementSnapshot, auditOf } from "./agreement-fixtures";

const KESTREL = "Operation Kestrel";
const MISSING = "00000000-0000-4000-8000-000000000000";

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

/** The actor for a person of the scenario, with a fresh ability: the next request. */
async function asPerson(email: string) {
  return policyCtx(db, await buildActor(db, scenario.userId(email)));
}

async function spaceNamesOf(email: string) {
  return (await listMySpaces(await asPerson(email))).map((s) => s.name);
}

describe("setAgreementStatus", () => {
  it("suspends ISA-SW-001: Alex loses Operation Kestrel on his next request; reactivating gives it back", async () => {
    const isa = scenario.agreementId("ISA-SW-001");
    const kestrel = scenario.spaceId(KESTREL);
    const alexId = scenario.userId("alex.morgan@dor.example");
    expect(await spaceNamesOf("alex.morgan@dor.example")).toEqual([KESTREL]);

    const suspend = await policyCtx(db, sam);
    expect(await setAgreementStatus(suspend, { agreementId: isa, status: "suspended" })).toEqual({
      reference: "ISA-SW-001",
      before: "active",
      after: "suspended",
      losingCount: 1,
      regainingCount: 0,
    });
    expect((await agreementSnapshot(db, isa)).row?.status).toBe("suspended");
    expect(await auditOf(db, suspend.requestId)).toMatchObject([
      {
        action: "agreement.suspend",
        outcome: "success",
        actorUserId: sam.userId,
        agencyId: scenario.agencyId("DCP"),
        subjectType: "agreement",
        subjectId: isa,
        details: { reference: "ISA-SW-001", before: "active", after: "suspended", spaces: 1, lostAccess: [{ spaceId: kestrel, userId: alexId }] },
      },
    ]);

    // The next request: Kestrel has gone from Alex's list and its page is a 404 to him.
    expect(await spaceNamesOf("alex.morgan@dor.example")).toEqual([]);
    await expect(getSpace(await asPerson("alex.morgan@dor.example"), { spaceId: kestrel })).rejects.toBeInstanceOf(NotFoundError);
    // The owning force keeps its space.
    expect(await spaceNamesOf("priya.shah@dcp.example")).toContain(KESTREL);

    const reactivate = await policyCtx(db, sam);
    expect(await setAgreementStatus(reactivate, { agreementId: isa, status: "active" })).toMatchObject({
      before: "suspended",
      after: "active",
      losingCount: 0,
      regainingCount: 1,
    });
    expect(await auditOf(db, reactivate.requestId)).toMatchObject([
      { action: "agreement.activate", subjectId: isa, details: { reference: "ISA-SW-001", before: "suspended", after: "active", regainedAccess: [{ spaceId: kestrel, userId: alexId }] } },
    ]);
    expect(await spaceNamesOf("alex.morgan@dor.example")).toEqual([KESTREL]);
    expect((await getSpace(await asPerson("alex.morgan@dor.example"), { spaceId: kestrel })).name).toBe(KESTREL);
  });

  it("marks an agreement expired for good: it cannot be brought back", async () => {
    const isa = await buildAgreement(db, { ownerAgencyId: scenario.agencyId("DCP"), partyAgencyIds: [scenario.agencyId("DCP"), scenario.agencyId("CC")] });
    const ctx = await policyCtx(db, sam);
    await setAgreementStatus(ctx, { agreementId: isa.id, status: "expired" });
    expect(await auditOf(db, ctx.requestId)).toMatchObject([{ action: "agreement.expire", details: { reference: isa.reference, before: "active", after: "expired" } }]);

    const again = await policyCtx(db, sam);
    await expect(setAgreementStatus(again, { agreementId: isa.id, status: "active" })).rejects.toThrow(/has expired and cannot be changed/);
    await expect(setAgreementStatus(again, { agreementId: isa.id, status: "active" })).rejects.toBeInstanceOf(ConflictError);
    expect((await agreementSnapshot(db, isa.id)).row?.status).toBe("expired");
    expect(await auditOf(db, again.requestId)).toHaveLength(0);
  });

  it("activates a draft, but does not suspend one (it was never in force)", async () => {
    const draft = await buildAgreement(db, { ownerAgencyId: scenario.agencyId("DCP"), partyAgencyIds: [scenario.agencyId("DCP"), scenario.agencyId("CC")], status: "draft" });
    const refused = await policyCtx(db, sam);
    await expect(setAgreementStatus(refused, { agreementId: draft.id, status: "suspended" })).rejects.toThrow(/is draft: it cannot be made suspended/);
    expect(await auditOf(db, refused.requestId)).toHaveLength(0);

    const ctx = await policyCtx(db, sam);
    expect(await setAgreementStatus(ctx, { agreementId: draft.id, status: "active" })).toMatchObject({ before: "draft", after: "active" });
    expect((await agreementSnapshot(db, draft.id)).row?.status).toBe("active");
  });

  it("refuses to activate an agreement whose review date has passed, and says what to do", async () => {
    const lapsed = await buildAgreement(db, {
      ownerAgencyId: scenario.agencyId("DCP"),
      partyAgencyIds: [scenario.agencyId("DCP"), scenario.agencyId("DOR")],
      status: "suspended",
      reviewOn: "2026-01-31",
    });
    const ctx = await policyCtx(db, sam);
    const attempt = setAgreementStatus(ctx, { agreementId: lapsed.id, status: "active" });
    await expect(attempt).rejects.toBeInstanceOf(InvalidInputError);
    await expect(setAgreementStatus(ctx, { agreementId: lapsed.id, status: "active" })).rejects.toThrow(/review date has passed/);
    expect((await agreementSnapshot(db, lapsed.id)).row?.status).toBe("suspended");
  });

  it("does nothing, and audits nothing, when the agreement already has that status", async () => {
    const ctx = await policyCtx(db, sam);
    expect(await setAgreementStatus(ctx, { agreementId: scenario.agreementId("ISA-CC-014"), status: "active" })).toMatchObject({ before: "active", after: "active" });
    expect(await auditOf(db, ctx.requestId)).toHaveLength(0);
  });

  describe("refuses everyone but the owning agency's administrators, changing nothing", () => {
    const cases: [string, () => Promise<Actor>, typeof ForbiddenError | typeof NotFoundError][] = [
      // Tom and Alex may read ISA-SW-001 (their agencies are parties): visible but forbidden.
      ["Tom (DCP investigator)", () => buildActor(db, scenario.userId("tom.hughes@dcp.example")), ForbiddenError],
      ["Alex (DOR investigator)", () => buildActor(db, scenario.userId("alex.morgan@dor.example")), ForbiddenError],
      [
        "an administrator of Dorset Police (a party, not the owner)",
        async () => buildActor(db, (await buildUser(db, { agencyId: scenario.agencyId("DOR"), roles: ["agency_admin"] })).id),
        ForbiddenError,
      ],
      // Cornwall Council is no party to ISA-SW-001: to Helen it does not exist.
      ["Helen (CC)", () => buildActor(db, scenario.userId("helen.carter@cc.example")), NotFoundError],
      [
        "an administrator of Cornwall Council",
        async () => buildActor(db, (await buildUser(db, { agencyId: scenario.agencyId("CC"), roles: ["agency_admin"] })).id),
        NotFoundError,
      ],
    ];
    it.each(cases)("%s", async (_who, actorOf, expected) => {
      const isa = scenario.agreementId("ISA-SW-001");
      const before = await agreementSnapshot(db, isa);
      const ctx = await policyCtx(db, await actorOf());
      await expect(setAgreementStatus(ctx, { agreementId: isa, status: "suspended" })).rejects.toBeInstanceOf(expected);
      expect(await agreementSnapshot(db, isa)).toEqual(before);
      expect(await auditOf(db, ctx.requestId)).toHaveLength(0);
      expect(await spaceNamesOf("alex.morgan@dor.example")).toEqual([KESTREL]);
    });
  });

  it("answers Sam for another agency's agreement exactly as for one that does not exist", async () => {
    const rejectionOf = async (agreementId: string) => {
      const err = await setAgreementStatus(await policyCtx(db, sam), { agreementId, status: "suspended" }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(NotFoundError);
      const { code, status, message } = err as NotFoundError;
      return { code, status, message };
    };
    // ISA-DC-003 belongs to Dorset Police and Cornwall Council: DCP is no party.
    expect(await rejectionOf(scenario.agreementId("ISA-DC-003"))).toEqual(await rejectionOf(MISSING));
    expect(await rejectionOf("not-a-uuid")).toEqual(await rejectionOf(MISSING));
    expect((await agreementSnapshot(db, scenario.agreementId("ISA-DC-003"))).row?.status).toBe("expired");
  });
});
