/**
 * Local variants on the demo scenario (issue 7): Sam (DCP's administrator) makes a DCP variant of
 * the stop and search form with an extra local field, and publishes it; a variant that drops a
 * national required field is refused with the reason, nothing saved; a new national version
 * shows Sam the difference, and re-basing brings it in while keeping the local field. Nobody but
 * the agency's administrators manages its forms; another agency's variant is 404.
 */
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import * as t from "@/db/schema";
import { buildActor, openSeededDatabaseForFile, policyCtx, type SeededScenario } from "@/db/factories";
import { testEngine } from "@/db/testing";
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from "../errors";
import { createFormVariant } from "./create-form-variant";
import { ensureNationalForms } from "./ensure-national-forms";
import type { FormDefinition } from "./form-definition";
import { getForm } from "./get-form";
import { getNationalChanges } from "./get-national-changes";
import { NATIONAL_FORMS } from "./national";
import { publishForm } from "./publish-form";
import { rebaseFormVariant } from "./rebase-form-variant";
import { saveFormDraft } from "./save-form-draft";

let db: Db;
let s: SeededScenario;
openSeededDatabaseForFile((opened) => {
  db = opened.db;
  s = opened.scenario;
});

const SAM = "sam.patel@dcp.example";
const ctxOf = async (email: string) => policyCtx(db, await buildActor(db, s.userId(email)));
const stopSearchId = async () => (await db.select().from(t.forms).where(eq(t.forms.key, "stop-search")))[0]!.id;
const clone = <T,>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** The definition with one local field added to its first section. */
function withLocalField(definition: FormDefinition): FormDefinition {
  const next = clone(definition);
  (next.schema.properties as Record<string, unknown>).localOperationName = { type: "string", maxLength: 100 };
  next.layout.pages[0]!.sections[0]!.items.push({ field: "localOperationName", label: "Local operation name", help: "DCP: the operation this search was part of, if any." });
  return next;
}

const refusal = async (run: Promise<unknown>) =>
  (await run.then(
    () => null,
    (e: unknown) => e,
  )) as (Error & { details?: { issues?: { path: string; message: string }[] } }) | null;

describe(`local form variants (${testEngine})`, () => {
  it("lets Sam make, extend and publish a DCP variant of stop and search, and refuses one that drops a national required field", async () => {
    const sam = await ctxOf(SAM);
    const variant = await createFormVariant(sam, { formId: await stopSearchId() });
    expect(variant).toMatchObject({ scope: "agency", key: "stop-search-dcp", extendsFormId: await stopSearchId(), latestPublished: null });
    expect(variant.versions.map((v) => v.status)).toEqual(["draft"]);
    expect((await refusal(createFormVariant(sam, { formId: await stopSearchId() })))!).toBeInstanceOf(ConflictError);

    // Dropping a national required field: refused, with the reason, nothing saved.
    const dropped = clone(variant.definition!);
    dropped.schema.required = (dropped.schema.required as string[]).filter((f) => f !== "grounds" && f !== (dropped.schema.required as string[])[0]);
    const refused = await refusal(saveFormDraft(sam, { formId: variant.id, definition: dropped }));
    expect(refused).toBeInstanceOf(InvalidInputError);
    expect(refused!.message).toMatch(/may add to the national form but not remove or weaken it/);
    expect(refused!.details?.issues?.length).toBeGreaterThan(0);
    expect((await getForm(sam, { formId: variant.id, versionNumber: 1 })).definition).toEqual(variant.definition);

    const extended = await saveFormDraft(sam, { formId: variant.id, definition: withLocalField(variant.definition!) });
    expect(JSON.stringify(extended.definition)).toContain("localOperationName");
    const published = await publishForm(sam, { formId: variant.id });
    expect(published.latestPublished?.number).toBe(1);
    expect(await db.select().from(t.auditEvents).where(eq(t.auditEvents.subjectId, variant.id))).toEqual(
      expect.arrayContaining([expect.objectContaining({ action: "form.variant_create" }), expect.objectContaining({ action: "form.draft_save" }), expect.objectContaining({ action: "form.publish" })]),
    );
  });

  it("lets only the agency's administrators manage its forms; another agency's variant is 404, a national form 403", async () => {
    const variant = (await db.select().from(t.forms).where(eq(t.forms.key, "stop-search-dcp")))[0]!;
    expect(await refusal(saveFormDraft(await ctxOf("priya.shah@dcp.example"), { formId: variant.id, definition: {} }))).toBeInstanceOf(ForbiddenError);
    expect(await refusal(createFormVariant(await ctxOf("priya.shah@dcp.example"), { formId: await stopSearchId() }))).toBeInstanceOf(ForbiddenError);
    expect(await refusal(publishForm(await ctxOf("alex.morgan@dor.example"), { formId: variant.id }))).toBeInstanceOf(NotFoundError);
    expect(await refusal(saveFormDraft(await ctxOf(SAM), { formId: await stopSearchId(), definition: {} }))).toBeInstanceOf(ForbiddenError);
  });

  it("shows Sam what a new national version changed, and re-bases the variant onto it keeping the local field", async () => {
    const sam = await ctxOf(SAM);
    const variant = (await db.select().from(t.forms).where(eq(t.forms.key, "stop-search-dcp")))[0]!;
    expect((await getNationalChanges(sam, { formId: variant.id })).changes).toEqual([]);
    // A new national version: a new required field.
    const national = clone(NATIONAL_FORMS.find((f) => f.key === "stop-search")!) as FormDefinition;
    (national.schema.properties as Record<string, unknown>).bodyWornVideoReference = { type: "string", maxLength: 50 };
    (national.schema.required as string[]).push("bodyWornVideoReference");
    national.layout.pages[0]!.sections[0]!.items.push({ field: "bodyWornVideoReference", label: "Body-worn video reference" });
    expect(await ensureNationalForms(db, NATIONAL_FORMS.map((f) => (f.key === "stop-search" ? national : f)))).toEqual(["stop-search"]);

    const changes = await getNationalChanges(sam, { formId: variant.id });
    expect(changes).toMatchObject({ pinnedVersion: 1, latestVersion: 2 });
    expect(changes.changes.map((c) => c.summary).join(" ")).toContain("Body-worn video reference");
    const rebased = await rebaseFormVariant(sam, { formId: variant.id });
    const text = JSON.stringify(rebased.definition);
    expect(text).toContain("localOperationName");
    expect(text).toContain("bodyWornVideoReference");
    expect(rebased.versions.map((v) => [v.number, v.status])).toEqual([
      [1, "published"],
      [2, "draft"],
    ]);
    await publishForm(sam, { formId: variant.id });
    expect((await getNationalChanges(sam, { formId: variant.id })).changes).toEqual([]);
  });
});
