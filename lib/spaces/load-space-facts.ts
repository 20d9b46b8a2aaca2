/** The policy's view of one space (for membership decisions), straight from the database. */
import { eq } from "drizzle-orm";
import { spaceAgreements, spaces } from "@/db/schema";
import type { SpaceFacts } from "@/policies/membership";
import type { Db } from "@/db/client";
import { loadAgreementFacts } from "../authz/build-ability";

export type LoadedSpace = SpaceFacts & { row: typeof spaces.$inferSelect };

/** Loads the space with its agreements and their parties, or null when there is no such space. */
export async function loadSpaceFacts(db: Db, spaceId: string): Promise<LoadedSpace | null> {
  const [row] = await db.select().from(spaces).where(eq(spaces.id, spaceId)).limit(1);
  if (!row) return null;
  const bound = await db.select({ agreementId: spaceAgreements.agreementId }).from(spaceAgreements).where(eq(spaceAgreements.spaceId, spaceId));
  const facts = await loadAgreementFacts(db, bound.map((b) => b.agreementId));
  return {
    id: row.id,
    ownerAgencyId: row.ownerAgencyId,
    ceilingRank: row.ceilingRank,
    ceilingMarking: row.ceilingMarking,
    isMvOnly: row.isMvOnly,
    status: row.status,
    agreements: [...facts.values()],
    row,
  };
}
