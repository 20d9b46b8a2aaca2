/**
 * Changes a document's marking. Only the originating agency may (GSCP paras 37-38; the policy's
 * "remark" rule); the new marking must be a valid marking (domain.md §2 rules 1-7), within the
 * deployment ceiling and the space's ceiling; lowering needs a written justification; and the
 * change is audited with the marking before and after. The threat: a marking lowered quietly, or
 * raised past what the system or the space may hold.
 */
import { eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { agencies, documents, spaceMembers, spaces, users } from "@/db/schema";
import { authorize } from "@/policies/authorize";
import { formatMarking, markingRank, parseMarking, validateMarking } from "@/policies/classification";
import { InvalidInputError, NotFoundError } from "../errors";
import { inTransaction, type PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { documentSubject } from "../authz/columns";
import { env } from "../env";
import { isUuid } from "../spaces/get-space";

export const ZRemarkDocument = z.object({
  documentId: z.string(),
  marking: z.string().trim().min(1, "Enter the new marking").max(200),
  recipientIds: z.array(z.uuid()).max(200).default([]),
  justification: z.string().trim().max(2000).default(""),
});
export type RemarkDocumentInput = z.input<typeof ZRemarkDocument>;

/** Re-marks the document; returns the canonical marking now on it. */
export async function remarkDocument(ctx: PolicyCtx, raw: RemarkDocumentInput): Promise<{ marking: string }> {
  const input = ZRemarkDocument.parse(raw);
  if (!isUuid(input.documentId)) throw new NotFoundError();
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .select({ doc: documents, space: spaces })
      .from(documents)
      .innerJoin(spaces, eq(spaces.id, documents.spaceId))
      .where(eq(documents.id, input.documentId))
      .for("update", { of: documents })
      .limit(1);
    if (!row) throw new NotFoundError();
    authorize(tx.ability, "remark", "Document", documentSubject(row.doc));

    const parsed = parseMarking(input.marking, { recipients: input.recipientIds });
    if (!parsed.ok) throw new InvalidInputError(parsed.error);
    const marking = parsed.marking;

    // The audience: the agencies of everyone in the space (for HMG USE ONLY).
    const audience = await tx.db
      .selectDistinct({ isHmg: agencies.isHmg })
      .from(spaceMembers)
      .innerJoin(users, eq(users.id, spaceMembers.userId))
      .innerJoin(agencies, eq(agencies.id, users.agencyId))
      .where(eq(spaceMembers.spaceId, row.space.id));
    const violations = validateMarking(marking, { ceiling: env().ceiling, isAudienceAllHmg: audience.every((a) => a.isHmg), now: tx.now });
    if (violations.length > 0) throw new InvalidInputError(violations.map((v) => v.message).join(". "));

    const rank = markingRank(marking);
    if (rank > row.space.ceilingRank) throw new InvalidInputError(`This space holds nothing above ${row.space.ceilingMarking}`);
    if (marking.recipients.length > 0) {
      const members = await tx.db
        .select({ userId: spaceMembers.userId })
        .from(spaceMembers)
        .where(eq(spaceMembers.spaceId, row.space.id));
      const memberIds = new Set(members.map((m) => m.userId));
      if (!marking.recipients.every((r) => memberIds.has(r))) throw new InvalidInputError("Every named recipient must be a member of the space");
    }
    if (marking.handling === "USE ONLY") {
      const known = await tx.db.select({ code: agencies.code }).from(agencies).where(inArray(agencies.code, marking.organisations));
      if (known.length !== new Set(marking.organisations).size) throw new InvalidInputError("USE ONLY names an organisation Accord does not know");
    }

    const before = row.doc.marking;
    const after = formatMarking(marking);
    const isLowering = rank < row.doc.markingRank || row.doc.descriptors.some((d) => !marking.descriptors.includes(d as never));
    if (isLowering && input.justification.length < 10) {
      throw new InvalidInputError("Lowering a marking or removing a descriptor needs a written justification (at least 10 characters)");
    }
    if (after === before && marking.recipients.join() === row.doc.recipientIds.join()) return { marking: after };

    await tx.db
      .update(documents)
      .set({
        marking: after,
        markingRank: rank,
        descriptors: marking.descriptors,
        handling: marking.handling ?? "",
        recipientIds: marking.recipients,
        useOnlyAgencyCodes: marking.organisations,
        updatedAt: tx.now,
      })
      .where(eq(documents.id, row.doc.id));
    await recordAudit(tx, {
      action: "document.remark",
      subjectType: "document",
      subjectId: row.doc.id,
      spaceId: row.doc.spaceId,
      markingBefore: before,
      markingAfter: after,
      justification: input.justification || undefined,
      details: { isLowering },
    });
    return { marking: after };
  });
}
