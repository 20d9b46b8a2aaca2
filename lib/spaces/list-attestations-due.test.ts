/**
 * Access reviews due: owners see the spaces they administer whose review is overdue or due within
 * 14 days, most urgent first; agency administrators see every such space of their agency; nobody
 * sees another agency's, archived spaces are left out, and attesting takes a space off the list.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/db/testing";
import type { DatabaseHandle, Db } from "@/db/client";
import { buildActor, buildMembership, buildSpace, buildUser, policyCtx, seededScenario, type SeededScenario } from "@/db/factories";
import { attestSpaceAccess } from "./attest-space-access";
import { listAttestationsDue } from "./list-attestations-due";

const NOW = new Date("2026-12-01T10:00:00Z");
const DAY = 86_400_000;
/** The instant a space must have been last attested for its 90-day review to fall due `days` from NOW. */
const attestedFor = (days: number) => new Date(NOW.getTime() + days * DAY - 90 * DAY);

let handle: DatabaseHandle;
let db: Db;
let s: SeededScenario;

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  s = await seededScenario(db);
  const dcp = s.agencyId("DCP");
  const priya = s.userId("priya.shah@dcp.example");
  const tom = s.userId("tom.hughes@dcp.example");
  const owned = async (name: string, days: number, owner: string, overrides: Parameters<typeof buildSpace>[1] = {}) => {
    const space = await buildSpace(db, { name, ownerAgencyId: overrides.ownerAgencyId ?? dcp, lastAttestedAt: attestedFor(days), ...overrides });
    await buildMembership(db, { spaceId: space.id, userId: owner, role: "owner" });
    // Tom is a member of Priya's spaces: membership alone puts nothing on his list.
    if (owner === priya) await buildMembership(db, { spaceId: space.id, userId: tom, role: "member" });
    return space;
  };
  await owned("Due in 10 days", 10, priya);
  await owned("Overdue by 3 days", -3, priya);
  await owned("Due in exactly 14 days", 14, priya);
  await owned("Due in 15 days", 15, priya);
  await owned("Due in 30 days", 30, priya);
  await owned("Archived, overdue", -20, priya, { status: "archived" });
  await owned("Frozen, overdue", -1, priya, { status: "frozen" });
  await owned("Monthly, last attested 25 days ago", 0, priya, { lastAttestedAt: new Date(NOW.getTime() - 25 * DAY), attestationIntervalDays: 30 });
  // Tom owns one of his own; Cornwall Council has one of its own, overdue.
  await owned("Tom's, overdue", -5, tom);
  const councilOfficer = await buildUser(db, { agencyId: s.agencyId("CC"), roles: ["practitioner", "supervisor"], vettingLevel: "NPPV2A" });
  await owned("Council's, overdue", -30, councilOfficer.id, { ownerAgencyId: s.agencyId("CC") });
});
afterAll(async () => {
  await handle?.close();
});

const ctxOf = async (email: string, now = NOW) => policyCtx(db, await buildActor(db, s.userId(email), now), now);
const dueFor = async (email: string) => (await listAttestationsDue(await ctxOf(email))).map((d) => `${d.name}${d.isOverdue ? " (overdue)" : ""}`);

describe("listAttestationsDue", () => {
  it("shows Priya the spaces she owns whose review is overdue or due within 14 days, most urgent first", async () => {
    expect(await dueFor("priya.shah@dcp.example")).toEqual([
      "Overdue by 3 days (overdue)",
      "Frozen, overdue (overdue)",
      "Monthly, last attested 25 days ago",
      "Due in 10 days",
      "Due in exactly 14 days",
    ]);
    const [first] = await listAttestationsDue(await ctxOf("priya.shah@dcp.example"));
    expect(first).toMatchObject({ name: "Overdue by 3 days", dueAt: new Date(NOW.getTime() - 3 * DAY).toISOString(), isOverdue: true });
  });

  it("shows Sam, the agency administrator, every such space of DCP, whoever owns it, and none of Cornwall Council's", async () => {
    expect(await dueFor("sam.patel@dcp.example")).toEqual([
      "Tom's, overdue (overdue)",
      "Overdue by 3 days (overdue)",
      "Frozen, overdue (overdue)",
      "Monthly, last attested 25 days ago",
      "Due in 10 days",
      "Due in exactly 14 days",
    ]);
  });

  it("shows Tom only the space he owns, and people who own nothing nothing", async () => {
    expect(await dueFor("tom.hughes@dcp.example")).toEqual(["Tom's, overdue (overdue)"]);
    for (const email of ["mark.ellis@dcp.example", "alex.morgan@dor.example", "helen.carter@cc.example", "janet.okafor@dcp.example"]) {
      expect(await dueFor(email), email).toEqual([]);
    }
  });

  it("leaves the seeded spaces off until 14 days before their first review, 90 days after seeding", async () => {
    const names = (await listAttestationsDue(await ctxOf("priya.shah@dcp.example", new Date()))).map((d) => d.name);
    expect(names).not.toContain("Operation Kestrel");
  });

  it("drops a space from the list once Priya attests it", async () => {
    const [overdue] = await listAttestationsDue(await ctxOf("priya.shah@dcp.example"));
    await attestSpaceAccess(await ctxOf("priya.shah@dcp.example"), { spaceId: overdue!.spaceId });
    expect(await dueFor("priya.shah@dcp.example")).not.toContain("Overdue by 3 days (overdue)");
    expect(await dueFor("sam.patel@dcp.example")).not.toContain("Overdue by 3 days (overdue)");
  });
});
