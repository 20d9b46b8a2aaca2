/**
 * The agreements the actor may read (their agency is a party, or they administer the owning
 * agency's agreements), filtered in SQL by the policy. When the actor may read none, nothing is
 * queried.
 */
import { asc, eq, inArray } from "drizzle-orm";
import { agencies, agreementParties, agreements } from "@/db/schema";
import { accessibleWhere } from "@/policies/to-sql";
import { can } from "@/policies/authorize";
import { isAgreementInForce } from "@/policies/agreements";
import type { PolicyCtx } from "../context";
import { agreementColumns } from "../authz/columns";
import type { AgreementStatus } from "./agreement-terms";

export type AgreementListRow = {
  id: string;
  reference: string;
  title: string;
  ownerAgency: { id: string; name: string };
  parties: { agencyId: string; name: string; code: string }[];
  maxMarking: string;
  maxRank: number;
  descriptors: string[];
  status: AgreementStatus;
  startsOn: string;
  reviewOn: string | null;
  endsOn: string | null;
  /** Active, started, not ended and not past a missed review, now. */
  isInForce: boolean;
  /** Active but its review date has passed: sharing has stopped until it is reviewed. */
  isReviewOverdue: boolean;
  permissions: { canUpdate: boolean; canAdminister: boolean };
};

/** Lists the agreements the actor may read, by reference. */
export async function listAgreements(ctx: PolicyCtx): Promise<AgreementListRow[]> {
  const readable = accessibleWhere(ctx.ability, "read", "Agreement", agreementColumns);
  if (!readable) return [];
  const rows = await ctx.db
    .select({ agreement: agreements, ownerName: agencies.name })
    .from(agreements)
    .innerJoin(agencies, eq(agencies.id, agreements.ownerAgencyId))
    .where(readable)
    .orderBy(asc(agreements.reference));
  if (rows.length === 0) return [];
  const parties = await ctx.db
    .select({ agreementId: agreementParties.agreementId, agencyId: agencies.id, name: agencies.name, code: agencies.code })
    .from(agreementParties)
    .innerJoin(agencies, eq(agencies.id, agreementParties.agencyId))
    .where(
      inArray(
        agreementParties.agreementId,
        rows.map((r) => r.agreement.id),
      ),
    )
    .orderBy(asc(agencies.name));
  const today = ctx.now.toISOString().slice(0, 10);
  return rows.map(({ agreement: a, ownerName }) => {
    const subject = { id: a.id, ownerAgencyId: a.ownerAgencyId };
    return {
      id: a.id,
      reference: a.reference,
      title: a.title,
      ownerAgency: { id: a.ownerAgencyId, name: ownerName },
      parties: parties.filter((p) => p.agreementId === a.id).map(({ agencyId, name, code }) => ({ agencyId, name, code })),
      maxMarking: a.maxMarking,
      maxRank: a.maxRank,
      descriptors: a.descriptors,
      status: a.status,
      startsOn: a.startsOn,
      reviewOn: a.reviewOn,
      endsOn: a.endsOn,
      isInForce: isAgreementInForce(a, ctx.now),
      isReviewOverdue: a.status === "active" && a.reviewOn !== null && a.reviewOn < today,
      permissions: { canUpdate: can(ctx.ability, "update", "Agreement", subject), canAdminister: can(ctx.ability, "administer", "Agreement", subject) },
    };
  });
}
