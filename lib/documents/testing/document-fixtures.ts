/**
 * Fixtures for the document route tests in app/ (which may not reach the database themselves): a
 * Kestrel document, a hold on it, its row as stored, and how many audit events an action wrote
 * about it. For tests only: nothing in the application imports this file.
 */
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import * as t from "@/db/schema";
import { buildDocument, type SeededScenario } from "@/db/factories";

/** A new OFFICIAL document in Operation Kestrel. */
export function kestrelDocument(db: Db, s: SeededScenario, title = "Draft to delete") {
  return buildDocument(db, { spaceId: s.spaceId("Operation Kestrel"), title });
}

/** Places a standing CPIA hold of DCP on the document. */
export async function holdDocument(db: Db, s: SeededScenario, documentId: string): Promise<void> {
  const [hold] = await db.insert(t.holds).values({ agencyId: s.agencyId("DCP"), name: "CPIA test", kind: "cpia", reason: "Relevant material" }).returning();
  await db.insert(t.holdScopes).values({ holdId: hold!.id, itemType: "document", itemId: documentId });
}

/** The document's row as stored (undefined once it is gone). */
export async function documentRow(db: Db, id: string) {
  return (await db.select().from(t.documents).where(eq(t.documents.id, id)))[0];
}

/** How many audit events of `action` name the subject. */
export async function auditCount(db: Db, action: string, subjectId: string): Promise<number> {
  return (await db.select().from(t.auditEvents).where(and(eq(t.auditEvents.action, action), eq(t.auditEvents.subjectId, subjectId)))).length;
}
