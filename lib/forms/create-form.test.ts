/**
 * New local forms (the builder's "New form"): Sam, DCP's administrator, makes one from a title,
 * builds it (a yes/no question and a section shown only on "yes", with a required field and a
 * default) and publishes it; Tom fills it in and the draft starts with the default. Nobody but
 * an agency's administrators makes its forms; a key in use is 409; bad titles are clear errors.
 */
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import * as t from "@/db/schema";
import { buildActor, openSeededDatabaseForFile, policyCtx, type SeededScenario } from "@/db/factories";
import { testEngine } from "@/db/testing";
import { ConflictError, ForbiddenError, InvalidInputError } from "../errors";
import { createSubmission } from "../submissions/create-submission";
import { submitSubmission } from "../submissions/submit-submission";
import { createForm, keyFromTitle } from "./create-form";
import { addField, addSection } from "./form-builder";
import { listForms } from "./list-forms";
import { publishForm } from "./publish-form";
import { saveFormDraft } from "./save-form-draft";

let db: Db;
let s: SeededScenario;
openSeededDatabaseForFile((opened) => {
  db = opened.db;
  s = opened.scenario;
});

const ctxOf = async (email: string) => policyCtx(db, await buildActor(db, s.userId(email)));
const refusal = async (run: Promise<unknown>) =>
  (await run.then(
    () => null,
    (e: unknown) => e,
  )) as Error | null;

describe(`new local forms (${testEngine})`, () => {
  it("makes keys from titles", () => {
    expect(keyFromTitle("Vehicle check – DCP")).toBe("vehicle-check-dcp");
    expect(keyFromTitle("é")).toBe("form-e");
  });

  it("lets Sam make, build and publish a local form that Tom then fills in, starting from its defaults", async () => {
    const sam = await ctxOf("sam.patel@dcp.example");
    const created = await createForm(sam, { title: "Licensed premises visit" });
    expect(created).toMatchObject({ key: "licensed-premises-visit", scope: "agency", extendsFormId: null, latestPublished: null });
    expect(created.versions.map((v) => v.status)).toEqual(["draft"]);
    expect(await refusal(createForm(sam, { title: "Licensed premises visit" }))).toBeInstanceOf(ConflictError);

    let d = created.definition!;
    d = addField(d, { page: 0, section: 0 }, { name: "premisesName", label: "Premises", kind: "text", isRequired: true, defaultValue: "The Anchor" });
    d = addField(d, { page: 0, section: 0 }, { name: "hadIncident", label: "Was there an incident?", kind: "yesno", isRequired: true });
    d = addSection(d, 0, "incident", { title: "The incident", isDisclosable: true, showWhen: { field: "hadIncident", equals: true } }, { name: "incidentDetails", label: "What happened", kind: "textarea", isRequired: true });
    await saveFormDraft(sam, { formId: created.id, definition: d });
    expect((await publishForm(sam, { formId: created.id })).latestPublished?.number).toBe(1);
    expect((await listForms(await ctxOf("tom.hughes@dcp.example"))).items.map((f) => f.key)).toContain("licensed-premises-visit");

    const tom = await ctxOf("tom.hughes@dcp.example");
    const draft = await createSubmission(tom, { formId: created.id, spaceId: s.spaceId("Operation Kestrel") });
    expect(draft.answers).toEqual({ premisesName: "The Anchor" });
    // The section shown on "yes" is required then, and not otherwise.
    const refused = await refusal(submitSubmission(tom, { submissionId: draft.id, expectedVersion: draft.version, answers: { premisesName: "The Anchor", details: "Visit", hadIncident: true } }));
    expect(refused).toBeInstanceOf(InvalidInputError);
    expect(refused!.message).toMatch(/What happened/);
    const submitted = await submitSubmission(tom, { submissionId: draft.id, expectedVersion: draft.version, answers: { premisesName: "The Anchor", details: "Visit", hadIncident: false } });
    expect(submitted.status).toBe("submitted");
    expect(await db.select().from(t.auditEvents).where(eq(t.auditEvents.subjectId, created.id))).toEqual(expect.arrayContaining([expect.objectContaining({ action: "form.create" })]));
  });

  it("refuses anyone but an agency's administrators, and bad titles and keys, clearly", async () => {
    const before = (await db.select().from(t.forms)).length;
    expect(await refusal(createForm(await ctxOf("priya.shah@dcp.example"), { title: "Mine" }))).toBeInstanceOf(ForbiddenError);
    expect(await refusal(createForm(await ctxOf("tom.hughes@dcp.example"), { title: "Mine" }))).toBeInstanceOf(ForbiddenError);
    const sam = await ctxOf("sam.patel@dcp.example");
    expect((await refusal(createForm(sam, { title: "  " })))?.message).toMatch(/Give the form a title/);
    expect((await refusal(createForm(sam, { title: "x".repeat(201) })))?.message).toMatch(/at most 200/);
    expect((await refusal(createForm(sam, { title: "Ok", key: "Not A Key" })))?.message).toMatch(/lowercase letters/);
    expect((await refusal(createForm(sam, { title: "Ok", extra: 1 })))).toBeInstanceOf(InvalidInputError);
    expect((await db.select().from(t.forms)).length).toBe(before);
  });
});
