/**
 * A submission's kept versions (issue 7, "edit after submit keeping every version"): Tom submits
 * an MG11, Priya returns it, Tom corrects and resubmits, then edits it after submitting; every
 * version is listed with its own answers, who saved it, when, and the review it got. Who may not
 * read the submission (Mark, vetting lapsed; Helen, outside the space) gets 404 as for a missing
 * one, the refusal audited; reading an OFFICIAL-SENSITIVE one's versions is audited.
 */
import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import * as t from "@/db/schema";
import { buildActor, openSeededDatabaseForFile, policyCtx, type SeededScenario } from "@/db/factories";
import { testEngine } from "@/db/testing";
import { InvalidInputError, NotFoundError } from "../errors";
import { answersAsText } from "../forms/answers-as-text";
import { adultWitness } from "../forms/national/testing/samples";
import { createSubmission } from "./create-submission";
import { getSubmission } from "./get-submission";
import { listSubmissionVersions } from "./list-submission-versions";
import { reviewSubmission } from "./review-submission";
import { submitSubmission } from "./submit-submission";

let db: Db;
let s: SeededScenario;
openSeededDatabaseForFile((opened) => {
  db = opened.db;
  s = opened.scenario;
});

const TOM = "tom.hughes@dcp.example";
const PRIYA = "priya.shah@dcp.example";
const ctxOf = async (email: string, now?: Date) => policyCtx(db, await buildActor(db, s.userId(email), now), now);
const mg11Id = async () => (await db.select().from(t.forms).where(eq(t.forms.key, "mg11")))[0]!.id;

describe(`submission versions (${testEngine})`, () => {
  it("lists every submitted version, oldest first, with its own answers, who saved it, when, and its review", async () => {
    const first = new Date("2026-05-02T15:00:00Z");
    const tom = await ctxOf(TOM, first);
    const draft = await createSubmission(tom, { formId: await mg11Id(), spaceId: s.spaceId("Operation Kestrel"), answers: adultWitness() });
    // A draft has no kept version yet.
    expect((await listSubmissionVersions(tom, { submissionId: draft.id })).versions).toEqual([]);
    const v1 = await submitSubmission(tom, { submissionId: draft.id, expectedVersion: draft.version });
    const returned = await reviewSubmission(await ctxOf(PRIYA), { submissionId: draft.id, decision: "return", comment: "Add the time he left." });
    const corrected = { ...adultWitness(), statementText: `${adultWitness().statementText as string} He left at about 14:22.` };
    const later = new Date("2026-05-03T09:30:00Z");
    const v2 = await submitSubmission(await ctxOf(TOM, later), { submissionId: draft.id, expectedVersion: returned.version, answers: corrected });
    // Edited after submitting: a third version, the second kept as it was.
    await submitSubmission(await ctxOf(TOM), { submissionId: draft.id, expectedVersion: v2.version, answers: { ...corrected, occupation: "Pharmacy manager" } });
    expect(v1.status).toBe("submitted");

    const { versions } = await listSubmissionVersions(await ctxOf(PRIYA), { submissionId: draft.id });
    expect(versions.map((v) => [v.number, v.status, v.savedBy?.name, v.review?.decision ?? null])).toEqual([
      [1, "submitted", "PC Tom Hughes", "returned"],
      [2, "submitted", "PC Tom Hughes", null],
      [3, "submitted", "PC Tom Hughes", null],
    ]);
    expect(versions[0]!.savedAt).toBe(first.toISOString());
    expect(versions[1]!.savedAt).toBe(later.toISOString());
    expect(versions[0]!.review).toMatchObject({ comment: "Add the time he left.", reviewer: "DS Priya Shah" });
    expect(versions[0]!.answers.statementText).toBe(adultWitness().statementText);
    expect(versions[1]!.answers.statementText).toBe(corrected.statementText);
    expect(versions[2]!.answers.occupation).toBe("Pharmacy manager");
    expect(versions[1]!.answers.occupation).toBe("Pharmacist");

    // Read by label, as the submission page shows each version.
    const { definition } = await getSubmission(tom, { submissionId: draft.id });
    const lines = answersAsText(definition, versions[0]!.answers).flatMap((p) => p.sections.flatMap((sec) => sec.entries));
    expect(lines).toContainEqual({ kind: "field", label: "Occupation", text: "Pharmacist" });
    expect(lines).toContainEqual(expect.objectContaining({ kind: "field", label: "Is the witness over 18?", text: "Yes" }));

    // An OFFICIAL-SENSITIVE submission's past answers were seen: recorded.
    const reads = await db
      .select()
      .from(t.auditEvents)
      .where(and(eq(t.auditEvents.action, "submission.versions_read"), eq(t.auditEvents.subjectId, draft.id), eq(t.auditEvents.actorUserId, s.userId(PRIYA))));
    expect(reads).toEqual([expect.objectContaining({ outcome: "success", markingBefore: "OFFICIAL-SENSITIVE", details: expect.objectContaining({ versions: [1, 2, 3] }) })]);
  });

  it("answers 404 to whoever may not read the submission, as for a missing one, and audits the refusal", async () => {
    const tom = await ctxOf(TOM);
    const draft = await createSubmission(tom, { formId: await mg11Id(), spaceId: s.spaceId("Operation Kestrel"), answers: adultWitness() });
    await submitSubmission(tom, { submissionId: draft.id, expectedVersion: 1 });
    for (const email of ["mark.ellis@dcp.example", "helen.carter@cc.example"]) {
      await expect(listSubmissionVersions(await ctxOf(email), { submissionId: draft.id }), email).rejects.toThrow(NotFoundError);
      const denied = await db
        .select()
        .from(t.auditEvents)
        .where(and(eq(t.auditEvents.action, "submission.versions_read"), eq(t.auditEvents.subjectId, draft.id), eq(t.auditEvents.actorUserId, s.userId(email))));
      expect(denied, email).toEqual([expect.objectContaining({ outcome: "denied" })]);
    }
    for (const submissionId of ["00000000-0000-4000-8000-000000000000", "not-a-uuid"]) {
      await expect(listSubmissionVersions(tom, { submissionId }), submissionId).rejects.toThrow(NotFoundError);
    }
    // Not naming a submission at all is the caller's mistake, as for getSubmission.
    await expect(listSubmissionVersions(tom, { submissionId: 42 })).rejects.toThrow(InvalidInputError);
  });
});
