/**
 * The submission rules on the demo scenario's real people and spaces (issue 7): a filled-in form
 * is read as marked content of its space; its owner alone edits it until it is accepted; a
 * supervisor of its agency, never its owner, reviews it once submitted; and it is invisible to
 * whoever may not read its space or its marking.
 */
import { describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { buildActor, openSeededDatabaseForFile, policyCtx, type SeededScenario } from "@/db/factories";
import { testEngine } from "@/db/testing";
import { can } from "@/policies/authorize";
import { RANKS } from "@/policies/markings";
import type { SubjectFields } from "@/policies/catalogue";

let db: Db;
let s: SeededScenario;
openSeededDatabaseForFile((opened) => {
  db = opened.db;
  s = opened.scenario;
});

const abilityOf = async (email: string) => (await policyCtx(db, await buildActor(db, s.userId(email)))).ability;
const submission = (over: Partial<SubjectFields["Submission"]> = {}): SubjectFields["Submission"] => ({
  id: "00000000-0000-4000-8000-0000000000aa",
  spaceId: s.spaceId("Operation Kestrel"),
  owningAgencyId: s.agencyId("DCP"),
  markingRank: RANKS["OFFICIAL-SENSITIVE"],
  descriptors: [],
  handling: "",
  recipientIds: [],
  useOnlyAgencyCodes: [],
  isRestricted: false,
  ownerId: s.userId("tom.hughes@dcp.example"),
  status: "draft",
  ...over,
});

describe(`submission rules (${testEngine})`, () => {
  it("let the owner create and edit their own submission until it is accepted, and nobody else edit it", async () => {
    const tom = await abilityOf("tom.hughes@dcp.example");
    const priya = await abilityOf("priya.shah@dcp.example");
    expect(can(tom, "create", "Submission", submission())).toBe(true);
    for (const status of ["draft", "submitted", "returned"] as const) expect(can(tom, "update", "Submission", submission({ status })), status).toBe(true);
    expect(can(tom, "update", "Submission", submission({ status: "accepted" }))).toBe(false);
    expect(can(priya, "read", "Submission", submission())).toBe(true);
    expect(can(priya, "update", "Submission", submission())).toBe(false);
    // Nobody creates a submission in someone else's name.
    expect(can(priya, "create", "Submission", submission())).toBe(false);
  });

  it("let a supervisor of the submission's agency review it once submitted, and never its owner", async () => {
    const priya = await abilityOf("priya.shah@dcp.example");
    expect(can(priya, "review", "Submission", submission({ status: "submitted" }))).toBe(true);
    expect(can(priya, "review", "Submission", submission({ status: "draft" }))).toBe(false);
    expect(can(priya, "review", "Submission", submission({ status: "accepted" }))).toBe(false);
    expect(can(priya, "review", "Submission", submission({ status: "submitted", ownerId: s.userId("priya.shah@dcp.example") }))).toBe(false);
    // Investigators are not supervisors; a partner's supervisor would not be of DCP.
    expect(can(await abilityOf("tom.hughes@dcp.example"), "review", "Submission", submission({ status: "submitted", ownerId: s.userId("priya.shah@dcp.example") }))).toBe(false);
    expect(can(await abilityOf("alex.morgan@dor.example"), "review", "Submission", submission({ status: "submitted" }))).toBe(false);
  });

  it("hide a submission from whoever may not read its space or its marking", async () => {
    const mark = await abilityOf("mark.ellis@dcp.example");
    expect(can(mark, "read", "Submission", submission())).toBe(false);
    expect(can(mark, "read", "Submission", submission({ markingRank: RANKS.OFFICIAL }))).toBe(true);
    const helen = await abilityOf("helen.carter@cc.example");
    expect(can(helen, "read", "Submission", submission({ markingRank: RANKS.OFFICIAL }))).toBe(false);
    expect(can(await abilityOf("alex.morgan@dor.example"), "read", "Submission", submission())).toBe(true);
  });
});
