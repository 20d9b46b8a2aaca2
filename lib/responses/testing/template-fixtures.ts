/**
 * Template rows and what the template tests compare on, read and written straight in the
 * database, so that a route test (app/ never reaches the database itself) can set up a local
 * template without going through the operation under test and can check that a refusal changed
 * no row and wrote no audit event. For tests only: nothing in the application imports this file.
 */
import { and, asc, eq, like } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditEvents, responseTemplates } from "@/db/schema";
import type { ResponseTemplateContent } from "../response-template";

export type TemplateRow = typeof responseTemplates.$inferSelect;

/** A local template of the agency, stored as given (what a copy would have made). */
export async function insertLocalTemplate(db: Db, agencyId: string, content: ResponseTemplateContent): Promise<TemplateRow> {
  const now = new Date();
  const [row] = await db
    .insert(responseTemplates)
    .values({ key: content.key, scope: "agency", agencyId, title: content.title, summary: content.summary, content, createdAt: now, updatedAt: now })
    .returning();
  return row!;
}

/** The national template with this key. */
export async function nationalTemplate(db: Db, key: string): Promise<TemplateRow> {
  const [row] = await db.select().from(responseTemplates).where(and(eq(responseTemplates.scope, "national"), eq(responseTemplates.key, key)));
  if (!row) throw new Error(`no national template ${key}`);
  return row;
}

/** The template's row as stored, or undefined when it is gone. */
export async function templateRow(db: Db, id: string): Promise<TemplateRow | undefined> {
  return (await db.select().from(responseTemplates).where(eq(responseTemplates.id, id)))[0];
}

/** The template audit events of one action about one template (and, when given, by one person). */
export async function templateAudits(db: Db, action: string, subjectId: string, actorUserId?: string) {
  return db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.action, action), eq(auditEvents.subjectId, subjectId), actorUserId ? eq(auditEvents.actorUserId, actorUserId) : undefined));
}

/** Every template row and the number of template audit events: "nothing changed" is both equal. */
export async function templateLibrarySnapshot(db: Db): Promise<{ rows: TemplateRow[]; audits: number }> {
  const rows = await db.select().from(responseTemplates).orderBy(asc(responseTemplates.id));
  const audits = await db.select({ id: auditEvents.id }).from(auditEvents).where(like(auditEvents.action, "response_template.%"));
  return { rows, audits: audits.length };
}
