/**
 * Puts the national form library into the database, or brings it up to date, at every start-up
 * and from the demo seed. A national form whose definition changed gets a new published version
 * (number + 1); one unchanged gets nothing, so restarts leave the library alone; published
 * versions are never rewritten (the database refuses it), because submissions were made against
 * them. It runs as the system, through no policy: it only ever writes national forms, which no one
 * may change inside Accord, and records what it published in the audit trail in the same
 * transaction. Each definition is checked (parseFormDefinition) before anything is written.
 */
import { isDeepStrictEqual } from "node:util";
import { and, desc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditEvents, forms, formVersions } from "@/db/schema";
import { parseFormDefinition, type FormDefinition } from "./form-definition";
import { NATIONAL_FORMS } from "./national";

/** Publishes every national form that is new or changed; returns the keys published (none when all are current). */
export async function ensureNationalForms(db: Db, definitions: readonly unknown[] = NATIONAL_FORMS): Promise<string[]> {
  const parsed: FormDefinition[] = definitions.map((d) => parseFormDefinition(d));
  if (parsed.length === 0) return [];
  return db.transaction(async (tx) => {
    const published: string[] = [];
    for (const definition of parsed) {
      const [form] = await tx
        .insert(forms)
        .values({ key: definition.key, scope: "national", agencyId: null, title: definition.title, summary: definition.summary })
        .onConflictDoUpdate({
          target: forms.key,
          targetWhere: sql`${forms.scope} = 'national'`,
          set: { title: sql`excluded.title`, summary: sql`excluded.summary` },
        })
        .returning({ id: forms.id });
      const [latest] = await tx
        .select({ number: formVersions.number, definition: formVersions.definition })
        .from(formVersions)
        .where(and(eq(formVersions.formId, form!.id), eq(formVersions.status, "published")))
        .orderBy(desc(formVersions.number))
        .limit(1);
      // Compared as stored (jsonb gives back the same JSON values), so an unchanged form publishes nothing.
      if (latest && isDeepStrictEqual(JSON.parse(JSON.stringify(latest.definition)), JSON.parse(JSON.stringify(definition)))) continue;
      const [newest] = await tx.select({ number: formVersions.number }).from(formVersions).where(eq(formVersions.formId, form!.id)).orderBy(desc(formVersions.number)).limit(1);
      const now = new Date();
      await tx.insert(formVersions).values({ formId: form!.id, number: (newest?.number ?? 0) + 1, status: "published", definition, publishedAt: now, createdAt: now });
      await tx.update(forms).set({ updatedAt: now }).where(eq(forms.id, form!.id));
      published.push(definition.key);
    }
    if (published.length > 0) await tx.insert(auditEvents).values({ action: "system.publish_national_forms", details: { keys: published } });
    return published;
  });
}
