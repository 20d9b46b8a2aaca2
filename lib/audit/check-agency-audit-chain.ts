/**
 * The actor's agency's audit chain checked end to end, for its auditors and administrators (the
 * only people who may read its audit trail: policies/rules/audit.ts). 403 for anyone else.
 */
import { can } from "@/policies/authorize";
import { ForbiddenError } from "../errors";
import type { PolicyCtx } from "../context";
import { verifyAuditChain, type ChainReport } from "./verify-audit-chain";

export type AgencyAuditChain = ChainReport & { checkedAt: Date };

export async function checkAgencyAuditChain(ctx: PolicyCtx): Promise<AgencyAuditChain> {
  const agencyId = ctx.actor.agency.id;
  if (!can(ctx.ability, "read", "AuditEvent", { agencyId })) throw new ForbiddenError("Only the agency's auditors and administrators can check its audit trail");
  const report = await verifyAuditChain(ctx, { agencyId });
  const chain = report.chains[0] ?? { chainKey: agencyId, agencyName: ctx.actor.agency.name, rows: 0, intact: true, lastSeq: 0, firstBreak: null };
  return { ...chain, checkedAt: ctx.now };
}
