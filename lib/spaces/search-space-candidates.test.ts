/**
 * The add-member search: an owner looks among their own agency and the agencies the space's
 * agreements in force admit, never at a directory of agencies the space is not shared with; an
 * exact e-mail address finds anyone, with the reason they cannot be added. Only owners search.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/db/testing";
import type { DatabaseHandle, Db } from "@/db/client";
import { buildActor, buildUser, policyCtx, seededScenario, type SeededScenario } from "@/db/factories";
import { ForbiddenError, NotFoundError } from "../errors";
import { searchSpaceCandidates } from "./search-space-candidates";

const NOW = new Date("2026-12-01T10:00:00Z");
const KESTREL = "Operation Kestrel";
const MASH = "Cornwall MASH: referral 2026-0412";

let handle: DatabaseHandle;
let db: Db;
let s: SeededScenario;
let dorColleague: { id: string; email: string };

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  s = await seededScenario(db);
  // A Dorset officer who is not yet in Kestrel, and one whose vetting does not open it.
  dorColleague = await buildUser(db, { agencyId: s.agencyId("DOR"), name: "DC Jane Harper", email: "jane.harper@dor.example", vettingLevel: "RV" });
  await buildUser(db, { agencyId: s.agencyId("DOR"), name: "PCSO Sam Reid", email: "sam.reid@dor.example", vettingLevel: "BPSS", vettingExpiresOn: null });
});
afterAll(async () => {
  await handle?.close();
});

const ctxOf = async (email: string) => policyCtx(db, await buildActor(db, s.userId(email), NOW), NOW);
const search = async (email: string, space: string, query: string) => searchSpaceCandidates(await ctxOf(email), { spaceId: s.spaceId(space), query });

describe("searchSpaceCandidates", () => {
  it("finds for Priya, typing “a” in Kestrel, the DCP and Dorset people not yet members, and nobody from Cornwall Council or the hospital", async () => {
    const rows = await search("priya.shah@dcp.example", KESTREL, "a");
    expect(rows.map((r) => r.email).sort()).toEqual(
      ["janet.okafor@dcp.example", "sam.patel@dcp.example", "jane.harper@dor.example", "sam.reid@dor.example"].sort(),
    );
    expect(new Set(rows.map((r) => r.agencyName))).toEqual(new Set(["Devon & Cornwall Police", "Dorset Police"]));
    // Own agency in any own-agency role; Dorset as guests under ISA-SW-001 until its review date.
    expect(rows.find((r) => r.email === "janet.okafor@dcp.example")).toMatchObject({
      isEligible: true,
      reason: null,
      roles: ["owner", "member", "reader"],
      agreementReference: null,
      latestExpiry: null,
    });
    expect(rows.find((r) => r.email === "jane.harper@dor.example")).toMatchObject({
      userId: dorColleague.id,
      name: "DC Jane Harper",
      isEligible: true,
      roles: ["guest"],
      agreementReference: "ISA-SW-001",
      latestExpiry: "2027-05-01",
    });
    // A Dorset officer whose vetting does not open the space is listed with the reason.
    expect(rows.find((r) => r.email === "sam.reid@dor.example")).toMatchObject({
      isEligible: false,
      roles: [],
      reason: expect.stringMatching(/BPSS.*does not open OFFICIAL-SENSITIVE/) as string,
    });
  });

  it("matches on name or e-mail, case-insensitively, and treats % and _ as plain characters", async () => {
    expect((await search("priya.shah@dcp.example", KESTREL, "OKAFOR")).map((r) => r.email)).toEqual(["janet.okafor@dcp.example"]);
    expect((await search("priya.shah@dcp.example", KESTREL, "harper")).map((r) => r.name)).toEqual(["DC Jane Harper"]);
    expect(await search("priya.shah@dcp.example", KESTREL, "%")).toEqual([]);
    expect(await search("priya.shah@dcp.example", KESTREL, "_")).toEqual([]);
  });

  it("finds Helen by her exact e-mail address, to say why she cannot be added to Kestrel", async () => {
    expect(await search("priya.shah@dcp.example", KESTREL, "helen.carter@cc.example")).toEqual([
      {
        userId: s.userId("helen.carter@cc.example"),
        name: "Helen Carter",
        email: "helen.carter@cc.example",
        agencyName: "Cornwall Council",
        isEligible: false,
        reason: "No agreement in force for this space includes Cornwall Council (the space runs under ISA-SW-001)",
        roles: [],
        agreementReference: null,
        latestExpiry: null,
      },
    ]);
    // Only the whole address: a fragment of it finds nobody outside the space's agencies.
    expect(await search("priya.shah@dcp.example", KESTREL, "helen")).toEqual([]);
    expect(await search("priya.shah@dcp.example", KESTREL, "@cc.example")).toEqual([]);
  });

  it("searches the MASH agencies for the MASH space, giving Ben's BPSS as the reason, and never Dorset", async () => {
    const rows = await search("priya.shah@dcp.example", MASH, "e");
    expect(rows.map((r) => r.agencyName).sort()).not.toContain("Dorset Police");
    // Helen, Aisha and Ben are already members: nobody else from CC or RCHT exists.
    expect(rows.every((r) => r.agencyName === "Devon & Cornwall Police")).toBe(true);
    const outsider = await buildUser(db, { agencyId: s.agencyId("CC"), name: "Kate Eddy", email: "kate.eddy@cc.example", vettingLevel: "BPSS", vettingExpiresOn: null });
    expect((await search("priya.shah@dcp.example", MASH, "kate")).map((r) => ({ id: r.userId, isEligible: r.isEligible, reason: r.reason }))).toEqual([
      { id: outsider.id, isEligible: false, reason: expect.stringMatching(/BPSS.*does not open OFFICIAL-SENSITIVE/) as string },
    ]);
  });

  it("never lists people who are already members", async () => {
    const rows = await search("priya.shah@dcp.example", KESTREL, "");
    const members = ["priya.shah@dcp.example", "tom.hughes@dcp.example", "mark.ellis@dcp.example", "alex.morgan@dor.example"];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.filter((r) => members.includes(r.email))).toEqual([]);
    expect(await search("priya.shah@dcp.example", KESTREL, "alex.morgan@dor.example")).toEqual([]);
  });

  it.each([
    ["a member who is not an owner (Tom)", "tom.hughes@dcp.example", ForbiddenError],
    ["a partner guest (Alex)", "alex.morgan@dor.example", ForbiddenError],
    ["someone outside the space (Helen)", "helen.carter@cc.example", NotFoundError],
  ])("refuses %s", async (_label, email, error) => {
    await expect(search(email, KESTREL, "a")).rejects.toBeInstanceOf(error);
    await expect(search(email, KESTREL, "helen.carter@cc.example")).rejects.toBeInstanceOf(error);
  });
});
