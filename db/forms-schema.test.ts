/** The form tables' own guarantees: a published version never changes; scopes and agencies agree. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createTestDatabase, testEngine } from "@/db/testing";
import type { DatabaseHandle, Db } from "@/db/client";
import { forms, formVersions } from "@/db/schema";
import { buildAgency } from "@/db/factories";

let handle: DatabaseHandle;
let db: Db;
beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
});
afterAll(async () => {
  await handle?.close();
});

const definition: Record<string, unknown> = { key: "f", title: "F", summary: "F", defaultMarking: "OFFICIAL", schema: {}, layout: { pages: [] } };

/** The text of an error and of its causes (drizzle wraps the driver's error). */
async function refusal(query: Promise<unknown>): Promise<string> {
  try {
    await query;
  } catch (err) {
    const parts: string[] = [];
    for (let e: unknown = err; e instanceof Error; e = e.cause) parts.push(e.message);
    return parts.join(" | ");
  }
  throw new Error("the database accepted the change");
}

describe(`form tables (${testEngine})`, () => {
  it("let a draft version change and be published once; refuse any change to a published one", async () => {
    const [form] = await db.insert(forms).values({ key: `form-${Date.now()}`, scope: "national", title: "Form", summary: "A form" }).returning();
    const [version] = await db.insert(formVersions).values({ formId: form!.id, number: 1, definition: definition as never }).returning();
    await db.update(formVersions).set({ definition: { ...definition, title: "Edited" } as never }).where(eq(formVersions.id, version!.id));
    await db.update(formVersions).set({ status: "published", publishedAt: new Date() }).where(eq(formVersions.id, version!.id));
    expect(await refusal(db.update(formVersions).set({ definition: { ...definition, title: "Changed after publishing" } as never }).where(eq(formVersions.id, version!.id)))).toMatch(/is published and cannot change/);
    expect(await refusal(db.update(formVersions).set({ status: "draft", publishedAt: null }).where(eq(formVersions.id, version!.id)))).toMatch(/is published and cannot change/);
    const [stored] = await db.select().from(formVersions).where(eq(formVersions.id, version!.id));
    expect(stored!.definition).toMatchObject({ title: "Edited" });
    expect(stored!.status).toBe("published");
  });

  it("refuse a national form with an agency, an agency form without one, and a national form extending another", async () => {
    const agency = await buildAgency(db);
    expect(await refusal(db.insert(forms).values({ key: "x1", scope: "national", agencyId: agency.id, title: "X", summary: "X" }))).toMatch(/forms_scope_agency/);
    expect(await refusal(db.insert(forms).values({ key: "x2", scope: "agency", title: "X", summary: "X" }))).toMatch(/forms_scope_agency/);
    const [national] = await db.insert(forms).values({ key: `n-${Date.now()}`, scope: "national", title: "N", summary: "N" }).returning();
    expect(await refusal(db.insert(forms).values({ key: "x3", scope: "national", extendsFormId: national!.id, title: "X", summary: "X" }))).toMatch(/forms_national_extends_nothing/);
  });
});
