/**
 * Test helpers for the agreement tests: binding a space to an agreement, snapshots of an
 * agreement for "nothing changed" checks, and the audit rows of one request.
 * For tests only: nothing in the application imports this file.
 */
import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { agreementParties, agreements, auditEvents } from "@/db/schema";

/** Everything about an agreement, for before/after comparisons. */
export async function agreementSnapshot(db: Db, agreementId: string) {
  const [row] = await db.select().from(agreements).where(eq(agreements.id, agreementId));
  const parties = await db.select().from(agreementParties).where(eq(agreementParties.agreementId, agreementId)).orderBy(asc(agreementParties.agencyId));
  return { row, parties };
}

/** The audit rows a request wrote. */
export async function auditOf(db: Db, requestId: string) {
  return db.select().from(auditEvents).where(eq(auditEvents.requestId, requestId)).orderBy(asc(auditEvents.id));
}
