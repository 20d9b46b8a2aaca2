/**
 * The submission operations × the demo personas (security.md "route matrix", issue 7): each
 * operation of lib/submissions called as each person of domain.md §8 on a fresh submission of
 * five kinds — in Operation Kestrel, Tom's MG11 marked OFFICIAL and one marked OFFICIAL-SENSITIVE,
 * and an OFFICIAL-SENSITIVE one of DCP's local variant of the MG11; in the MASH space, Helen's
 * (Cornwall Council's) MG11 marked OFFICIAL and one marked OFFICIAL-SENSITIVE — with the expected
 * answer written out by hand from the rules (policies/rules/submissions.ts, the operations' doc
 * comments): allowed, 400 (a clear refusal: the marking asked for is below the space's default),
 * 403 (visible but forbidden), 404 (invisible, exactly like a missing id) or, for the lists and
 * the CSV, "hidden" (answered without it). A refused call changes nothing: the submission's row,
 * its submitted versions and its reviews, and the number of submissions, are compared before and
 * after.
 *
 * The rules, in short: a submission is marked content of its space (standing in the space, vetting
 * that opens its marking, and for another agency's, an agreement in force that lets it cross);
 * its owner alone edits and submits it; a supervisor of its own agency, never its owner, reviews
 * it once submitted. Mark's vetting has lapsed (OFFICIAL only), Ben holds BPSS (OFFICIAL only).
 * The seed has no auditor. The form's own scope decides only what goes through the form (making a
 * submission of it, its results list and CSV): another agency's variant is invisible there.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { and, asc, count, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import * as t from "@/db/schema";
import { buildActor, openSeededDatabaseForFile, policyCtx, type SeededScenario, PERSONA_EMAILS } from "@/db/factories";
import { testEngine } from "@/db/testing";
import { RANKS } from "@/policies/markings";
import type { PolicyCtx } from "../context";
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from "../errors";
import { createFormVariant } from "../forms/create-form-variant";
import { adultWitness } from "../forms/national/testing/samples";
import { publishForm } from "../forms/publish-form";
import { createSubmission } from "./create-submission";
import { exportSubmissionPdf } from "./export-submission-pdf";
import { exportSubmissionsCsv } from "./export-submissions-csv";
import { getSubmission } from "./get-submission";
import { listSpaceSubmissions } from "./list-space-submissions";
import { listSubmissionVersions } from "./list-submission-versions";
import { listSubmissions } from "./list-submissions";
import { reviewSubmission } from "./review-submission";
import { saveSubmission } from "./save-submission";
import { submitSubmission } from "./submit-submission";

let db: Db;
let s: SeededScenario;
openSeededDatabaseForFile((opened) => {
  db = opened.db;
  s = opened.scenario;
});

const PEOPLE = PERSONA_EMAILS;
type Person = keyof typeof PEOPLE;
type Outcome = "ok" | "hidden" | 400 | 403 | 404 | 409;
type Marking = "OFFICIAL" | "OFFICIAL-SENSITIVE";

const ctxOf = async (person: Person) => policyCtx(db, await buildActor(db, s.userId(PEOPLE[person])));
const KESTREL = "Operation Kestrel";
const MASH = "Cornwall MASH: referral 2026-0412";

/** The kinds of submission under test: where, whose, how marked, of which form. */
const CASES = {
  "Kestrel OFFICIAL": { space: KESTREL, owner: "tom", marking: "OFFICIAL", form: "national" },
  "Kestrel OFFICIAL-SENSITIVE": { space: KESTREL, owner: "tom", marking: "OFFICIAL-SENSITIVE", form: "national" },
  "Kestrel OFFICIAL-SENSITIVE, DCP variant": { space: KESTREL, owner: "tom", marking: "OFFICIAL-SENSITIVE", form: "variant" },
  "MASH OFFICIAL": { space: MASH, owner: "helen", marking: "OFFICIAL", form: "national" },
  "MASH OFFICIAL-SENSITIVE": { space: MASH, owner: "helen", marking: "OFFICIAL-SENSITIVE", form: "national" },
} as const satisfies Record<string, { space: string; owner: Person; marking: Marking; form: "national" | "variant" }>;
type CaseName = keyof typeof CASES;

let formIds: { national: string; variant: string };
const latestVersionOf = async (formId: string) =>
  (await db.select().from(t.formVersions).where(and(eq(t.formVersions.formId, formId), eq(t.formVersions.status, "published"))).orderBy(desc(t.formVersions.number)).limit(1))[0]!;
const versionOf = async (submissionId: string) => (await db.select({ v: t.submissions.version }).from(t.submissions).where(eq(t.submissions.id, submissionId)))[0]!.v;

/**
 * A fresh draft of the case, made by its owner. An OFFICIAL-SENSITIVE one is made through
 * createSubmission. No operation makes an OFFICIAL one in Kestrel or the MASH space (a submission
 * is marked at least its space's default, OFFICIAL-SENSITIVE in both: the createSubmission column
 * asserts that refusal), but the table holds whatever marking a row was given (a space whose
 * default was raised later, an import), and the rules must hold for every row it can hold: so the
 * OFFICIAL one is written as a row, exactly as createSubmission would have written it.
 */
async function freshSubmission(c: (typeof CASES)[CaseName]): Promise<string> {
  const formId = formIds[c.form];
  const spaceId = s.spaceId(c.space);
  const answers = { witnessName: "Sarah Jane Collins" };
  if (c.marking === "OFFICIAL-SENSITIVE") {
    const made = await createSubmission(await ctxOf(c.owner), { formId, spaceId, answers });
    expect(made.marking).toBe("OFFICIAL-SENSITIVE");
    return made.id;
  }
  const owner = (await db.select().from(t.users).where(eq(t.users.id, s.userId(PEOPLE[c.owner]))))[0]!;
  const [row] = await db
    .insert(t.submissions)
    .values({ formVersionId: (await latestVersionOf(formId)).id, spaceId, owningAgencyId: owner.agencyId, marking: "OFFICIAL", markingRank: RANKS.OFFICIAL, ownerId: owner.id, status: "draft", data: answers })
    .returning();
  return row!.id;
}

/** Everything one person may call, given the submission under test and its case. */
type Fixture = { submissionId: string; formId: string; spaceId: string; marking: Marking };
const ACTIONS: Record<string, (ctx: PolicyCtx, f: Fixture) => Promise<unknown>> = {
  createSubmission: (ctx, f) => createSubmission(ctx, { formId: f.formId, spaceId: f.spaceId, marking: f.marking, answers: { witnessName: "Matrix witness" } }),
  getSubmission: (ctx, f) => getSubmission(ctx, { submissionId: f.submissionId }),
  listSubmissionVersions: (ctx, f) => listSubmissionVersions(ctx, { submissionId: f.submissionId }),
  saveSubmission: async (ctx, f) => saveSubmission(ctx, { submissionId: f.submissionId, expectedVersion: await versionOf(f.submissionId), answers: { witnessName: "Changed by the matrix" } }),
  submitSubmission: async (ctx, f) => submitSubmission(ctx, { submissionId: f.submissionId, expectedVersion: await versionOf(f.submissionId), answers: adultWitness() }),
  reviewSubmission: (ctx, f) => reviewSubmission(ctx, { submissionId: f.submissionId, decision: "accept" }),
  exportSubmissionPdf: (ctx, f) => exportSubmissionPdf(ctx, { submissionId: f.submissionId }),
  listSubmissions: async (ctx, f) => ((await listSubmissions(ctx, { formId: f.formId, spaceId: f.spaceId })).items.some((i) => i.id === f.submissionId) ? "ok" : "hidden"),
  listSpaceSubmissions: async (ctx, f) => ((await listSpaceSubmissions(ctx, { spaceId: f.spaceId, limit: 200 })).items.some((i) => i.id === f.submissionId) ? "ok" : "hidden"),
  exportSubmissionsCsv: async (ctx, f) => (new TextDecoder().decode((await exportSubmissionsCsv(ctx, { formId: f.formId, spaceId: f.spaceId })).body).includes(f.submissionId) ? "ok" : "hidden"),
};
/** What an action needs done to its fresh draft first, by its owner: a submission to review is a submitted one. */
const PREPARE: Record<string, (owner: PolicyCtx, submissionId: string) => Promise<unknown>> = {
  reviewSubmission: async (owner, submissionId) => submitSubmission(owner, { submissionId, expectedVersion: await versionOf(submissionId), answers: adultWitness() }),
};
const ALL = Object.keys(ACTIONS);
/** The submissions each action was called on, for the last test. */
const used: Record<string, string[]> = {};

// The answers, by hand. `create` is what createSubmission answers with the case's form, space and
// marking: made, 400 (OFFICIAL is below the space's default), 403 (the space's default is above
// the person's vetting) or 404 (the space, or the form, does not exist for them).
/** Its owner: reads it, edits and submits it, never reviews it. */
const OWNER = (create: Outcome): Record<string, Outcome> => ({
  createSubmission: create,
  getSubmission: "ok",
  listSubmissionVersions: "ok",
  saveSubmission: "ok",
  submitSubmission: "ok",
  reviewSubmission: 403,
  exportSubmissionPdf: "ok",
  listSubmissions: "ok",
  listSpaceSubmissions: "ok",
  exportSubmissionsCsv: "ok",
});
/** A supervisor of its agency with standing in its space: reads and reviews it, edits nothing of it. */
const REVIEWER = (create: Outcome): Record<string, Outcome> => ({
  createSubmission: create,
  getSubmission: "ok",
  listSubmissionVersions: "ok",
  saveSubmission: 403,
  submitSubmission: 403,
  reviewSubmission: "ok",
  exportSubmissionPdf: "ok",
  listSubmissions: "ok",
  listSpaceSubmissions: "ok",
  exportSubmissionsCsv: "ok",
});
/** Anyone else who may read it: reads, exports and lists it, changes nothing of it. */
const READER = (create: Outcome): Record<string, Outcome> => ({
  createSubmission: create,
  getSubmission: "ok",
  listSubmissionVersions: "ok",
  saveSubmission: 403,
  submitSubmission: 403,
  reviewSubmission: 403,
  exportSubmissionPdf: "ok",
  listSubmissions: "ok",
  listSpaceSubmissions: "ok",
  exportSubmissionsCsv: "ok",
});
/** Someone it does not exist for; `formLists` is how the form's results and CSV answer (404 when the form is invisible too). */
const INVISIBLE = (create: Outcome, formLists: Outcome = "hidden"): Record<string, Outcome> => ({
  createSubmission: create,
  getSubmission: 404,
  listSubmissionVersions: 404,
  saveSubmission: 404,
  submitSubmission: 404,
  reviewSubmission: 404,
  exportSubmissionPdf: 404,
  listSubmissions: formLists,
  listSpaceSubmissions: "hidden",
  exportSubmissionsCsv: formLists,
});

const MATRIX: [Person, CaseName, Record<string, Outcome>][] = [
  // Kestrel (DCP's; Priya owner, Tom and Mark members, Alex a Dorset guest under ISA-SW-001, which
  // lets OFFICIAL-SENSITIVE cross). Janet and Sam are DCP's but not in Kestrel; the partner guests
  // are in the MASH space only.
  ["priya", "Kestrel OFFICIAL", REVIEWER(400)],
  ["tom", "Kestrel OFFICIAL", OWNER(400)],
  ["mark", "Kestrel OFFICIAL", READER(400)],
  ["alex", "Kestrel OFFICIAL", READER(400)],
  ["priya", "Kestrel OFFICIAL-SENSITIVE", REVIEWER("ok")],
  ["tom", "Kestrel OFFICIAL-SENSITIVE", OWNER("ok")],
  // Mark's lapsed vetting opens OFFICIAL only: the submission is invisible, and he may not make one at Kestrel's default.
  ["mark", "Kestrel OFFICIAL-SENSITIVE", INVISIBLE(403)],
  ["alex", "Kestrel OFFICIAL-SENSITIVE", READER("ok")],
  ["priya", "Kestrel OFFICIAL-SENSITIVE, DCP variant", REVIEWER("ok")],
  ["tom", "Kestrel OFFICIAL-SENSITIVE, DCP variant", OWNER("ok")],
  ["mark", "Kestrel OFFICIAL-SENSITIVE, DCP variant", INVISIBLE(403)],
  // DCP's variant does not exist for Alex: he cannot fill it in, nor open its results; Tom's
  // submission of it is still content of Kestrel shared with Dorset, which he reads as any other.
  ["alex", "Kestrel OFFICIAL-SENSITIVE, DCP variant", { ...READER(404), listSubmissions: 404, exportSubmissionsCsv: 404 }],
  ...(["Kestrel OFFICIAL", "Kestrel OFFICIAL-SENSITIVE"] as const).flatMap((c) =>
    (["janet", "sam", "helen", "ben", "aisha"] as const).map((p): [Person, CaseName, Record<string, Outcome>] => [p, c, INVISIBLE(404)]),
  ),
  // DCP's variant is readable by Janet and Sam (their agency's form), not by the partner guests.
  ["janet", "Kestrel OFFICIAL-SENSITIVE, DCP variant", INVISIBLE(404)],
  ["sam", "Kestrel OFFICIAL-SENSITIVE, DCP variant", INVISIBLE(404)],
  ["helen", "Kestrel OFFICIAL-SENSITIVE, DCP variant", INVISIBLE(404, 404)],
  ["ben", "Kestrel OFFICIAL-SENSITIVE, DCP variant", INVISIBLE(404, 404)],
  ["aisha", "Kestrel OFFICIAL-SENSITIVE, DCP variant", INVISIBLE(404, 404)],

  // The MASH space (DCP's; Priya owner; Helen and Ben of Cornwall Council, Aisha of the hospital
  // trust, guests under ISA-CC-014, which lets OFFICIAL-SENSITIVE cross). Helen's submission is
  // Cornwall Council's: only a supervisor of the council could review it, so Priya may not.
  ["priya", "MASH OFFICIAL", READER(400)],
  ["helen", "MASH OFFICIAL", OWNER(400)],
  ["ben", "MASH OFFICIAL", READER(400)],
  ["aisha", "MASH OFFICIAL", READER(400)],
  ["priya", "MASH OFFICIAL-SENSITIVE", READER("ok")],
  ["helen", "MASH OFFICIAL-SENSITIVE", OWNER("ok")],
  // Ben holds BPSS (OFFICIAL only): invisible, and he may not make one at the space's default.
  ["ben", "MASH OFFICIAL-SENSITIVE", INVISIBLE(403)],
  ["aisha", "MASH OFFICIAL-SENSITIVE", READER("ok")],
  ...(["MASH OFFICIAL", "MASH OFFICIAL-SENSITIVE"] as const).flatMap((c) =>
    (["tom", "mark", "alex", "janet", "sam"] as const).map((p): [Person, CaseName, Record<string, Outcome>] => [p, c, INVISIBLE(404)]),
  ),
];

async function outcomeOf(run: () => Promise<unknown>): Promise<Outcome> {
  try {
    return (await run()) === "hidden" ? "hidden" : "ok";
  } catch (err) {
    if (err instanceof NotFoundError) return 404;
    if (err instanceof ForbiddenError) return 403;
    if (err instanceof InvalidInputError) return 400;
    if (err instanceof ConflictError) return 409;
    throw err;
  }
}

/** The submission as stored, with every submitted version and review, and how many submissions there are. */
async function snapshot(submissionId: string) {
  return {
    submission: (await db.select().from(t.submissions).where(eq(t.submissions.id, submissionId)))[0],
    versions: await db.select().from(t.submissionVersions).where(eq(t.submissionVersions.submissionId, submissionId)).orderBy(asc(t.submissionVersions.number)),
    reviews: await db.select().from(t.submissionReviews).where(eq(t.submissionReviews.submissionId, submissionId)).orderBy(asc(t.submissionReviews.createdAt)),
    submissions: Number((await db.select({ n: count() }).from(t.submissions))[0]!.n),
  };
}

describe(`submission actions × personas (${testEngine})`, () => {
  beforeAll(async () => {
    const mg11 = (await db.select().from(t.forms).where(and(eq(t.forms.key, "mg11"), eq(t.forms.scope, "national"))))[0]!.id;
    // DCP's local variant of the MG11, made and published by Sam, its administrator.
    const sam = await ctxOf("sam");
    const variant = await createFormVariant(sam, { formId: mg11, key: "mg11-dcp" });
    await publishForm(sam, { formId: variant.id });
    formIds = { national: mg11, variant: variant.id };
  });

  it("covers every person of the scenario on every kind of submission, and every submission operation", () => {
    expect(new Set(MATRIX.map(([p]) => p))).toEqual(new Set(Object.keys(PEOPLE)));
    for (const person of Object.keys(PEOPLE)) expect(MATRIX.filter(([p]) => p === person).map(([, c]) => c).sort(), person).toEqual(Object.keys(CASES).sort());
    for (const [, , expected] of MATRIX) expect(Object.keys(expected).sort()).toEqual([...ALL].sort());
  });

  it.each(MATRIX)("%s on %s", async (person, caseName, expected) => {
    const c = CASES[caseName];
    const ctx = await ctxOf(person);
    for (const action of ALL) {
      // A fresh submission for each action, so that one action's effect (a submit, an acceptance) does not decide the next.
      const submissionId = await freshSubmission(c);
      (used[action] ??= []).push(submissionId);
      await PREPARE[action]?.(await ctxOf(c.owner), submissionId);
      const before = await snapshot(submissionId);
      const got = await outcomeOf(() => ACTIONS[action]!(ctx, { submissionId, formId: formIds[c.form], spaceId: s.spaceId(c.space), marking: c.marking }));
      expect(got, `${person} ${action} on ${caseName}`).toBe(expected[action]);
      if (got !== "ok") expect(await snapshot(submissionId), `${person} ${action} on ${caseName}: unchanged`).toEqual(before);
    }
    // What the page is told the person may do (booleans from the policy) says the same as what the
    // server did: on a draft, editing it; once submitted, editing it again and reviewing it.
    if (expected.getSubmission === "ok") {
      const draft = await freshSubmission(c);
      expect((await getSubmission(ctx, { submissionId: draft })).permissions, `${person} told what they may do to a draft`).toEqual({ canUpdate: expected.saveSubmission === "ok", canReview: false });
      const submitted = await freshSubmission(c);
      await PREPARE.reviewSubmission!(await ctxOf(c.owner), submitted);
      expect((await getSubmission(ctx, { submissionId: submitted })).permissions, `${person} told what they may do to a submitted one`).toEqual({ canUpdate: expected.submitSubmission === "ok", canReview: expected.reviewSubmission === "ok" });
    }
  });

  it("gave each allowed change its effect (so an 'ok' above is not an empty answer)", async () => {
    const statusesOf = async (action: string) => (await db.select({ status: t.submissions.status }).from(t.submissions).where(inArray(t.submissions.id, used[action]!))).map((r) => r.status).sort();
    const times = (n: number, status: string) => Array.from({ length: n }, () => status);
    // One call of each action per row of the matrix (45 rows). Saves and submits went through for
    // the owners only (Tom's three kinds, Helen's two); reviews for Priya on Tom's three kinds
    // (DCP's), and for nobody else.
    expect(await statusesOf("saveSubmission")).toEqual(times(45, "draft"));
    expect((await db.select({ id: t.submissions.id }).from(t.submissions).where(and(inArray(t.submissions.id, used.saveSubmission!), sql`${t.submissions.data}->>'witnessName' = 'Changed by the matrix'`))).length).toBe(5);
    expect(await statusesOf("submitSubmission")).toEqual([...times(40, "draft"), ...times(5, "submitted")]);
    expect(await statusesOf("reviewSubmission")).toEqual([...times(3, "accepted"), ...times(42, "submitted")]);
    // What createSubmission made: in Kestrel, Priya, Tom and Alex on the national MG11 and Priya
    // and Tom on DCP's variant; in the MASH space, Priya, Helen and Aisha.
    const made = await db
      .select({ owner: t.users.email, space: t.spaces.name, form: t.forms.key })
      .from(t.submissions)
      .innerJoin(t.users, eq(t.users.id, t.submissions.ownerId))
      .innerJoin(t.spaces, eq(t.spaces.id, t.submissions.spaceId))
      .innerJoin(t.formVersions, eq(t.formVersions.id, t.submissions.formVersionId))
      .innerJoin(t.forms, eq(t.forms.id, t.formVersions.formId))
      .where(sql`${t.submissions.data}->>'witnessName' = 'Matrix witness'`);
    const who = (p: Person) => PEOPLE[p];
    expect(made.map((m) => `${m.owner} ${m.space} ${m.form}`).sort()).toEqual(
      [
        ...(["priya", "tom", "alex"] as const).map((p) => `${who(p)} ${KESTREL} mg11`),
        ...(["priya", "tom"] as const).map((p) => `${who(p)} ${KESTREL} mg11-dcp`),
        ...(["priya", "helen", "aisha"] as const).map((p) => `${who(p)} ${MASH} mg11`),
      ].sort(),
    );
  });
});
