/** One agreement as the actor may see it: 404 unless they may read it. */
import { eq } from "drizzle-orm";
import { agencies } from "@/db/schema";
import { authorize, can } from "@/policies/authorize";
import { isAgreementInForce } from "@/policies/agreements";
import type { PolicyCtx } from "../context";
import { agreementOrNotFound, partiesOf, statusTransitions, type AgreementStatus, type PartyRow } from "./agreement-terms";
import { loadBoundSpaces } from "./bound-spaces";

export type AgreementView = {
  id: string;
  reference: string;
  title: string;
  purpose: string;
  ownerAgency: { id: string; name: string };
  parties: PartyRow[];
  maxMarking: string;
  maxRank: number;
  descriptors: string[];
  status: AgreementStatus;
  startsOn: string;
  reviewOn: string | null;
  endsOn: string | null;
  isInForce: boolean;
  updatedAt: string;
  /** Bound spaces the actor may be told about; `isReadable` says whether they may open it. */
  boundSpaces: { id: string; name: string; ownerAgencyName: string; status: string; isReadable: boolean }[];
  /** Bound spaces the actor may not be told about, counted only. */
  otherSpaceCount: number;
  permissions: { canUpdate: boolean; canAdminister: boolean };
  /** The statuses the actor may move the agreement to now. */
  transitions: AgreementStatus[];
};

/** Loads an agreement the actor may read (NotFoundError otherwise, including for malformed ids). */
export async function getAgreement(ctx: PolicyCtx, input: { agreementId: string }): Promise<AgreementView> {
  const row = await agreementOrNotFound(ctx.db, input.agreementId);
  const subject = { id: row.id, ownerAgencyId: row.ownerAgencyId };
  authorize(ctx.ability, "read", "Agreement", subject);
  const [owner] = await ctx.db.select({ name: agencies.name }).from(agencies).where(eq(agencies.id, row.ownerAgencyId));
  const parties = await partiesOf(ctx.db, row.id);
  const bound = await loadBoundSpaces(ctx, subject);
  const named = bound.filter((s) => s.isNamed);
  const canAdminister = can(ctx.ability, "administer", "Agreement", subject);
  return {
    id: row.id,
    reference: row.reference,
    title: row.title,
    purpose: row.purpose,
    ownerAgency: { id: row.ownerAgencyId, name: owner?.name ?? "Unknown agency" },
    parties,
    maxMarking: row.maxMarking,
    maxRank: row.maxRank,
    descriptors: row.descriptors,
    status: row.status,
    startsOn: row.startsOn,
    reviewOn: row.reviewOn,
    endsOn: row.endsOn,
    isInForce: isAgreementInForce(row, ctx.now),
    updatedAt: row.updatedAt.toISOString(),
    boundSpaces: named.map((s) => ({ id: s.id, name: s.name, ownerAgencyName: s.ownerAgencyName, status: s.status, isReadable: s.isReadable })),
    otherSpaceCount: bound.length - named.length,
    permissions: { canUpdate: can(ctx.ability, "update", "Agreement", subject), canAdminister },
    transitions: canAdminister ? statusTransitions(row.status) : [],
  };
}
