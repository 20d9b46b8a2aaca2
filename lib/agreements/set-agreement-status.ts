/**
 * Activates, suspends or marks an agreement expired. Suspending or expiring ends partner access
 * under it on everyone's next request (the ability is rebuilt from the database each request);
 * reactivating restores it. The threat: sharing that carries on after the agreement that justified
 * it has been stopped, or a change of status nobody can account for. Each change is audited with
 * the agreement's reference and what it did to partner access.
 */
import { eq } from "drizzle-orm";
import { z } from "zod";
import { agreements } from "@/db/schema";
import { authorize } from "@/policies/authorize";
import { NotFoundError } from "../errors";
import { inTransaction, type PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { loadAgreementFacts } from "../authz/build-ability";
import { agreementOrNotFound, checkTransition, isUuid, parseOrInvalid, type AgreementStatus } from "./agreement-terms";
import { applyChange, impactOf } from "./preview-agreement-impact";
import { signalAccessChanged } from "../collab/access-signal";

export const ZSetAgreementStatus = z.object({
  agreementId: z.string(),
  status: z.enum(["active", "suspended", "expired"], { message: "Choose active, suspended or expired" }),
});
export type SetAgreementStatusInput = z.input<typeof ZSetAgreementStatus>;

const AUDIT_ACTION: Record<"active" | "suspended" | "expired", string> = {
  active: "agreement.activate",
  suspended: "agreement.suspend",
  expired: "agreement.expire",
};

export { statusTransitions } from "./agreement-terms";

/** Moves the agreement to `status`; returns its reference, the status before and after, and who lost or regained access. */
export async function setAgreementStatus(
  ctx: PolicyCtx,
  raw: SetAgreementStatusInput,
): Promise<{ reference: string; before: AgreementStatus; after: AgreementStatus; losingCount: number; regainingCount: number }> {
  const input = parseOrInvalid(ZSetAgreementStatus, raw, "Invalid status");
  if (!isUuid(input.agreementId)) throw new NotFoundError();
  const result = await inTransaction(ctx, async (tx) => {
    const row = await agreementOrNotFound(tx.db, input.agreementId, { forUpdate: true });
    authorize(tx.ability, "administer", "Agreement", { id: row.id, ownerAgencyId: row.ownerAgencyId });
    const result = { reference: row.reference, before: row.status, after: input.status, losingCount: 0, regainingCount: 0 };
    if (row.status === input.status) return result;
    checkTransition(row, input.status, tx.now);

    const before = (await loadAgreementFacts(tx.db, [row.id])).get(row.id)!;
    const impact = await impactOf(tx, row, before, applyChange(before, { status: input.status }));
    await tx.db.update(agreements).set({ status: input.status, updatedAt: tx.now }).where(eq(agreements.id, row.id));
    await recordAudit(tx, {
      action: AUDIT_ACTION[input.status],
      subjectType: "agreement",
      subjectId: row.id,
      details: {
        reference: row.reference,
        before: row.status,
        after: input.status,
        spaces: impact.spaces.length + impact.otherSpaces.count,
        lostAccess: impact.spaces.flatMap((s) => s.losing.map((p) => ({ spaceId: s.id, userId: p.userId }))),
        regainedAccess: impact.spaces.flatMap((s) => s.regaining.map((p) => ({ spaceId: s.id, userId: p.userId }))),
        lostAccessElsewhere: impact.otherSpaces.losingCount,
        regainedAccessElsewhere: impact.otherSpaces.regainingCount,
      },
    });
    return { ...result, losingCount: impact.losingCount, regainingCount: impact.regainingCount };
  });
  // Open editing sessions are re-checked at once rather than at the next periodic check.
  signalAccessChanged();
  return result;
}
