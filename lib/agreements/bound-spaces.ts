/**
 * The spaces that run under an agreement, and which of them the actor may be told about by name.
 * The threat: an agreement page (seen by every party) revealing spaces of other agencies that
 * the reader has no business knowing of. A space is named to someone who may read it, and to the
 * agreement's administrators when the space belongs to their own agency (agency administrators
 * oversee their agency's spaces, as with access reviews in lib/spaces/list-attestations-due.ts),
 * since they must see what suspending or changing their agreement would do. Every other bound
 * space is only counted.
 */
import { asc, eq } from "drizzle-orm";
import { agencies, spaceAgreements, spaces } from "@/db/schema";
import { can } from "@/policies/authorize";
import type { PolicyCtx } from "../context";

export type BoundSpace = {
  id: string;
  name: string;
  ownerAgencyId: string;
  ownerAgencyName: string;
  status: "active" | "frozen" | "archived";
  isMvOnly: boolean;
  lastAttestedAt: Date;
  attestationIntervalDays: number;
  /** The actor may open the space itself. */
  isReadable: boolean;
  /** The actor may be told the space's name and who is in it (see the file comment). */
  isNamed: boolean;
};

/** Every space bound to the agreement, each marked with what the actor may know of it. */
export async function loadBoundSpaces(ctx: PolicyCtx, agreement: { id: string; ownerAgencyId: string }): Promise<BoundSpace[]> {
  const rows = await ctx.db
    .select({
      id: spaces.id,
      name: spaces.name,
      ownerAgencyId: spaces.ownerAgencyId,
      ownerAgencyName: agencies.name,
      status: spaces.status,
      isMvOnly: spaces.isMvOnly,
      lastAttestedAt: spaces.lastAttestedAt,
      attestationIntervalDays: spaces.attestationIntervalDays,
    })
    .from(spaceAgreements)
    .innerJoin(spaces, eq(spaces.id, spaceAgreements.spaceId))
    .innerJoin(agencies, eq(agencies.id, spaces.ownerAgencyId))
    .where(eq(spaceAgreements.agreementId, agreement.id))
    .orderBy(asc(spaces.name));
  const administers = can(ctx.ability, "administer", "Agreement", agreement);
  return rows.map((s) => {
    const isReadable = can(ctx.ability, "read", "Space", { id: s.id, ownerAgencyId: s.ownerAgencyId });
    const isOwnAgencys = s.ownerAgencyId === ctx.actor.agency.id;
    return { ...s, isReadable, isNamed: isReadable || (administers && isOwnAgencys) };
  });
}
