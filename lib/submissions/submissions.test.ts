/**
 * Form submissions on the demo scenario (issue 7): Tom fills an MG11 in Operation Kestrel,
 * saves a draft, submits (the server checks it against the form's schema, every error named by
 * field); Priya returns it with a comment; Tom corrects and resubmits (both versions kept);
 * Priya accepts; nothing more can change it. Around it: who sees it (Mark, whose vetting lapsed,
 * and Helen, outside the space, get 404 like a missing one), who may not touch it, and bad input.
 */
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import * as t from "@/db/schema";
import { buildActor, openSeededDatabaseForFile, policyCtx, type SeededScenario } from "@/db/factories";
import { testEngine } from "@/db/testing";
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from "../errors";
import { adultWitness } from "../forms/national/testing/samples";
import { createSubmission } from "./create-submission";
import { getSubmission } from "./get-submission";
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

const TOM = "tom.hughes@dcp.example";
const PRIYA = "priya.shah@dcp.example";
const ctxOf = async (email: string) => policyCtx(db, await buildActor(db, s.userId(email)));
const mg11Id = async () => (await db.select().from(t.forms).where(eq(t.forms.key, "mg11")))[0]!.id;
const kestrel = () => s.spaceId("Operation Kestrel");

/** What an error carries for the page: its message and every field's issue. */
async function refusal(run: Promise<unknown>) {
  const err = await run.then(
    () => null,
    (e: unknown) => e,
  );
  if (!err) throw new Error("it was accepted");
  return err as Error & { details?: { issues?: { path: string; message: string }[] } };
}

describe(`form submissions (${testEngine})`, () => {
  it("takes Tom's MG11 from draft to accepted, through a return, keeping every submitted version", async () => {
    const tom = await ctxOf(TOM);
    const priya = await ctxOf(PRIYA);
    const { statementText: _s, ...partial } = adultWitness();
    void _s;
    // A draft may be incomplete, and takes the form's default marking (OFFICIAL-SENSITIVE).
    const draft = await createSubmission(tom, { formId: await mg11Id(), spaceId: kestrel(), answers: { urn: "50AB1234526", witnessName: "Sarah Jane Collins" } });
    expect(draft).toMatchObject({ status: "draft", marking: "OFFICIAL-SENSITIVE", version: 1, owner: { name: "PC Tom Hughes" }, permissions: { canUpdate: true, canReview: false } });
    const saved = await saveSubmission(tom, { submissionId: draft.id, expectedVersion: 1, answers: partial });
    expect(saved.version).toBe(2);
    // Submitting checks everything: the statement is missing.
    const missing = await refusal(submitSubmission(tom, { submissionId: draft.id, expectedVersion: 2 }));
    expect(missing).toBeInstanceOf(InvalidInputError);
    expect(missing.details?.issues?.map((i) => i.path)).toContain("statementText");
    expect((await getSubmission(tom, { submissionId: draft.id })).status).toBe("draft");
    const submitted = await submitSubmission(tom, { submissionId: draft.id, expectedVersion: 2, answers: adultWitness() });
    expect(submitted).toMatchObject({ status: "submitted", version: 3 });

    // Tom cannot review his own; Priya returns it, and must say why.
    expect(await refusal(reviewSubmission(tom, { submissionId: draft.id, decision: "accept" }))).toBeInstanceOf(ForbiddenError);
    expect((await refusal(reviewSubmission(priya, { submissionId: draft.id, decision: "return" }))).message).toBe("Say what needs correcting: a returned submission needs a comment");
    const returned = await reviewSubmission(priya, { submissionId: draft.id, decision: "return", comment: "Add the time you saw him leave." });
    expect(returned.status).toBe("returned");
    // Priya may read it but not change Tom's statement.
    expect(await refusal(saveSubmission(priya, { submissionId: draft.id, expectedVersion: returned.version, answers: adultWitness() }))).toBeInstanceOf(ForbiddenError);

    const corrected = { ...adultWitness(), statementText: `${adultWitness().statementText as string} He left at about 14:22.` };
    const resubmitted = await submitSubmission(tom, { submissionId: draft.id, expectedVersion: returned.version, answers: corrected });
    expect(resubmitted.status).toBe("submitted");
    const accepted = await reviewSubmission(priya, { submissionId: draft.id, decision: "accept" });
    expect(accepted.status).toBe("accepted");

    const detail = await getSubmission(tom, { submissionId: draft.id });
    expect(detail.versions.map((v) => v.number)).toEqual([1, 2]);
    expect(detail.reviews.map((r) => [r.decision, r.comment, r.submittedVersion])).toEqual([
      ["returned", "Add the time you saw him leave.", 1],
      ["accepted", "", 2],
    ]);
    const versions = await db.select().from(t.submissionVersions).where(eq(t.submissionVersions.submissionId, draft.id));
    expect(versions.find((v) => v.number === 1)!.data.statementText).toBe(adultWitness().statementText);
    expect(versions.find((v) => v.number === 2)!.data.statementText).toBe(corrected.statementText);
    // Accepted: nobody changes it any more.
    expect(await refusal(submitSubmission(tom, { submissionId: draft.id, expectedVersion: accepted.version, answers: adultWitness() }))).toBeInstanceOf(ForbiddenError);
    for (const action of ["submission.create", "submission.save", "submission.submit", "submission.return", "submission.accept"]) {
      expect(await db.select().from(t.auditEvents).where(eq(t.auditEvents.action, action)), action).not.toHaveLength(0);
    }
  });

  it("hides a submission from people who may not read its space or marking, as a missing one, and leaves it out of results", async () => {
    const tom = await ctxOf(TOM);
    const created = await createSubmission(tom, { formId: await mg11Id(), spaceId: kestrel(), answers: { witnessName: "Hidden witness" } });
    for (const email of ["mark.ellis@dcp.example", "helen.carter@cc.example"]) {
      await expect(getSubmission(await ctxOf(email), { submissionId: created.id }), email).rejects.toThrow(NotFoundError);
      expect((await listSubmissions(await ctxOf(email), { formId: await mg11Id() })).items.map((i) => i.id), email).not.toContain(created.id);
    }
    expect((await listSubmissions(await ctxOf(PRIYA), { formId: await mg11Id(), spaceId: kestrel() })).items.map((i) => i.id)).toContain(created.id);
    expect(await db.select().from(t.auditEvents).where(eq(t.auditEvents.subjectId, created.id))).toContainEqual(expect.objectContaining({ action: "submission.read", outcome: "denied" }));
  });

  it("refuses bad input with a clear error, per field, and loses no draft", async () => {
    const tom = await ctxOf(TOM);
    const draft = await createSubmission(tom, { formId: await mg11Id(), spaceId: kestrel(), answers: { witnessName: "Kept" } });
    const unknown = await refusal(saveSubmission(tom, { submissionId: draft.id, expectedVersion: 1, answers: { witnessName: "Kept", colour: "blue" } }));
    expect(unknown.details?.issues).toContainEqual({ path: "colour", message: expect.stringContaining("colour") });
    const wrongType = await refusal(saveSubmission(tom, { submissionId: draft.id, expectedVersion: 1, answers: { witnessName: 42 } }));
    expect(wrongType.details?.issues?.map((i) => i.path)).toEqual(["witnessName"]);
    const huge = await refusal(saveSubmission(tom, { submissionId: draft.id, expectedVersion: 1, answers: { witnessName: "x".repeat(5 * 1024 * 1024 + 1) } }));
    expect(huge.message).toMatch(/too large/);
    const notObject = await refusal(saveSubmission(tom, { submissionId: draft.id, expectedVersion: 1, answers: ["not", "answers"] }));
    expect(notObject).toBeInstanceOf(InvalidInputError);
    // A stale save is a conflict, not an overwrite.
    await saveSubmission(tom, { submissionId: draft.id, expectedVersion: 1, answers: { witnessName: "Second tab" } });
    expect(await refusal(saveSubmission(tom, { submissionId: draft.id, expectedVersion: 1, answers: { witnessName: "First tab" } }))).toBeInstanceOf(ConflictError);
    // The draft is as last saved: nothing refused was stored.
    expect((await getSubmission(tom, { submissionId: draft.id })).answers).toEqual({ witnessName: "Second tab" });
    // A space the form may not go in, or a marking below the space's default, is refused too.
    expect(await refusal(createSubmission(tom, { formId: await mg11Id(), spaceId: kestrel(), marking: "OFFICIAL" }))).toBeInstanceOf(InvalidInputError);
    expect(await refusal(createSubmission(tom, { formId: await mg11Id(), spaceId: s.spaceId("Cornwall MASH: referral 2026-0412") }))).toBeInstanceOf(NotFoundError);
  });
});
