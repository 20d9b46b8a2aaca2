/**
 * Puts Accord's national pre-planned responses into the database, or brings them up to date:
 * an upsert by key, so running it at every start-up (and from the demo seed) neither duplicates
 * a template nor touches one that is already current. It runs as the system, not as a person,
 * so it goes through no policy; it only ever writes national templates, which no one may change
 * inside Accord, and it records what it changed in the audit trail in the same transaction.
 */
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditEvents, responseTemplates } from "@/db/schema";
import { SEED_RESPONSE_TEMPLATES } from "./seed-response-templates";
import type { ResponseTemplateContent } from "./response-template";

/** Inserts or updates the national templates; returns the keys of those it changed (none when all are current). */
export async function ensureNationalTemplates(db: Db, templates: readonly ResponseTemplateContent[] = SEED_RESPONSE_TEMPLATES): Promise<string[]> {
  if (templates.length === 0) return [];
  return db.transaction(async (tx) => {
    const changed = await tx
      .insert(responseTemplates)
      .values(templates.map((t) => ({ key: t.key, scope: "national" as const, agencyId: null, title: t.title, summary: t.summary, content: t })))
      .onConflictDoUpdate({
        target: responseTemplates.key,
        targetWhere: sql`${responseTemplates.scope} = 'national'`,
        set: { title: sql`excluded.title`, summary: sql`excluded.summary`, content: sql`excluded.content`, updatedAt: sql`now()` },
        // Only a template whose text changed is rewritten, so a restart leaves updated_at alone.
        setWhere: sql`${responseTemplates.content} IS DISTINCT FROM excluded.content`,
      })
      .returning({ key: responseTemplates.key });
    const keys = changed.map((r) => r.key);
    if (keys.length > 0) await tx.insert(auditEvents).values({ action: "system.seed_response_templates", details: { keys } });
    return keys;
  });
}
