/**
 * The form library on the demo scenario: the national forms published once at start-up and
 * republished only when their definition changes; the library trimmed to national forms and the
 * reader's own agency's; another agency's form 404 like a missing one; drafts visible only to
 * those who may edit the form.
 */
import { describe, expect, it } from "vitest";
import { count, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import * as t from "@/db/schema";
import { buildActor, openSeededDatabaseForFile, policyCtx, type SeededScenario } from "@/db/factories";
import { testEngine } from "@/db/testing";
import { NotFoundError } from "../errors";
import { ensureNationalForms } from "./ensure-national-forms";
import { getForm } from "./get-form";
import { listForms } from "./list-forms";
import { NATIONAL_FORMS } from "./national";

let db: Db;
let s: SeededScenario;
openSeededDatabaseForFile((opened) => {
  db = opened.db;
  s = opened.scenario;
});

const ctxOf = async (email: string) => policyCtx(db, await buildActor(db, s.userId(email)));
const versionCount = async () => Number((await db.select({ n: count() }).from(t.formVersions))[0]!.n);

/** A local form of `agencyCode` with one published and one draft version. */
async function localForm(agencyCode: string, key: string) {
  const [form] = await db.insert(t.forms).values({ key, scope: "agency", agencyId: s.agencyId(agencyCode), title: `Local ${key}`, summary: "A local form" }).returning();
  const definition = { ...NATIONAL_FORMS[0]!, key, title: `Local ${key}` } as never;
  await db.insert(t.formVersions).values({ formId: form!.id, number: 1, status: "published", definition, publishedAt: new Date() });
  await db.insert(t.formVersions).values({ formId: form!.id, number: 2, status: "draft", definition });
  return form!;
}

describe(`the form library (${testEngine})`, () => {
  it("publishes each national form once; running again publishes nothing; a changed definition gets a new version", async () => {
    const before = await versionCount();
    expect(await ensureNationalForms(db)).toEqual([]);
    expect(await versionCount()).toBe(before);
    const changed = NATIONAL_FORMS.map((f, i) => (i === 0 ? { ...f, summary: `${f.summary} (revised)` } : f));
    expect(await ensureNationalForms(db, changed)).toEqual([NATIONAL_FORMS[0]!.key]);
    const mg11 = (await db.select().from(t.forms).where(eq(t.forms.key, NATIONAL_FORMS[0]!.key)))[0]!;
    const versions = await db.select().from(t.formVersions).where(eq(t.formVersions.formId, mg11.id));
    expect(versions.map((v) => [v.number, v.status])).toEqual([
      [1, "published"],
      [2, "published"],
    ]);
    expect(mg11.summary).toContain("(revised)");
    // Back to the original text: that is a change too, published as version 3; version 1 is untouched.
    expect(await ensureNationalForms(db)).toEqual([NATIONAL_FORMS[0]!.key]);
    expect((await db.select().from(t.formVersions).where(eq(t.formVersions.formId, mg11.id))).find((v) => v.number === 1)!.definition).toEqual(versions.find((v) => v.number === 1)!.definition);
    expect(await db.select().from(t.auditEvents).where(eq(t.auditEvents.action, "system.publish_national_forms"))).not.toHaveLength(0);
  });

  it("lists the national forms to everyone, and an agency's own forms only to its people", async () => {
    const dcp = await localForm("DCP", "dcp-local");
    const dor = await localForm("DOR", "dor-local");
    const national = NATIONAL_FORMS.map((f) => f.title).sort();
    const titlesFor = async (email: string) => (await listForms(await ctxOf(email))).items.map((f) => f.title);
    const tom = await titlesFor("tom.hughes@dcp.example");
    expect(tom.slice(0, national.length).sort()).toEqual(national);
    expect(tom).toContain(dcp.title);
    expect(tom).not.toContain(dor.title);
    const alex = await titlesFor("alex.morgan@dor.example");
    expect(alex).toContain(dor.title);
    expect(alex).not.toContain(dcp.title);
    expect((await titlesFor("helen.carter@cc.example")).sort()).toEqual(national);
    expect((await listForms(await ctxOf("sam.patel@dcp.example"))).permissions.canCreate).toBe(true);
    expect((await listForms(await ctxOf("priya.shah@dcp.example"))).permissions.canCreate).toBe(false);
  });

  it("opens a form with its definition, answers another agency's form 404 like a missing one, and shows drafts only to its administrators", async () => {
    const mg11 = (await listForms(await ctxOf("tom.hughes@dcp.example"))).items.find((f) => f.key === "mg11")!;
    const detail = await getForm(await ctxOf("helen.carter@cc.example"), { formId: mg11.id });
    expect(detail.definition?.key).toBe("mg11");
    expect(detail.permissions).toEqual({ canUpdate: false, canDelete: false });
    const dcp = (await db.select().from(t.forms).where(eq(t.forms.key, "dcp-local")))[0]!;
    await expect(getForm(await ctxOf("alex.morgan@dor.example"), { formId: dcp.id })).rejects.toThrow(NotFoundError);
    await expect(getForm(await ctxOf("alex.morgan@dor.example"), { formId: "00000000-0000-4000-8000-000000000000" })).rejects.toThrow(NotFoundError);
    await expect(getForm(await ctxOf("alex.morgan@dor.example"), { formId: "not-an-id" })).rejects.toThrow(NotFoundError);
    const tom = await getForm(await ctxOf("tom.hughes@dcp.example"), { formId: dcp.id });
    expect(tom.versions.map((v) => v.status)).toEqual(["published"]);
    await expect(getForm(await ctxOf("tom.hughes@dcp.example"), { formId: dcp.id, versionNumber: 2 })).rejects.toThrow(NotFoundError);
    const sam = await getForm(await ctxOf("sam.patel@dcp.example"), { formId: dcp.id, versionNumber: 2 });
    expect(sam.versions.map((v) => v.status)).toEqual(["published", "draft"]);
    expect(sam.permissions).toEqual({ canUpdate: true, canDelete: true });
  });
});
