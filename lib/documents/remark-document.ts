/**
 * Changes a document's marking. Any editor may raise it (more protection); every other change,
 * lowering included, is the originating agency's (GSCP paras 37-38; the policy's "remark" rule).
 * The new marking must be a valid marking (domain.md §2 rules 1-7), within the
 * deployment ceiling and the space's ceiling; lowering needs a written justification; and the
 * change is audited with the marking before and after. The threat: a marking lowered quietly, or
 * raised past what the system or the space may hold.
 */
import { eq } from "drizzle-orm";
import { z } from "zod";
import { documents, spaces } from "@/db/schema";
import { authorize } from "@/policies/authorize";
import { formatMarking } from "@/policies/classification";
import { InvalidInputError, NotFoundError } from "../errors";
import { checkMarkingForSpace } from "./check-marking-for-space";
import { inTransaction, type PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { documentSubject } from "../authz/columns";
import { isUuid } from "../spaces/get-space";
import { signalAccessChanged } from "../collab/access-signal";
import { enqueueGraphSync } from "../graph/enqueue-graph-sync";

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
  const result = await inTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .select({ doc: documents, space: spaces })
      .from(documents)
      .innerJoin(spaces, eq(spaces.id, documents.spaceId))
      .where(eq(documents.id, input.documentId))
      .for("update", { of: documents })
      .limit(1);
    if (!row) throw new NotFoundError();
    const subject = documentSubject(row.doc);
    // Seeing the document comes first: anything else answers 404.
    authorize(tx.ability, "read", "Document", subject);

    const { marking, rank } = await checkMarkingForSpace(tx, { text: input.marking, recipientIds: input.recipientIds, space: row.space });

    const before = row.doc.marking;
    const after = formatMarking(marking);
    const isLowering = rank < row.doc.markingRank || row.doc.descriptors.some((d) => !marking.descriptors.includes(d as never));
    // Raising (a higher rank or more descriptors, the audience otherwise unchanged) protects the
    // content more, so any editor may; every other change is the originating agency's (GSCP 37-38).
    const isRaise =
      !isLowering &&
      (marking.handling ?? "") === row.doc.handling &&
      marking.recipients.join() === row.doc.recipientIds.join() &&
      marking.organisations.join() === row.doc.useOnlyAgencyCodes.join();
    authorize(tx.ability, isRaise ? "update" : "remark", "Document", subject);
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
    // The marking is in the synced file's header and footer: SharePoint gets it re-marked (issue 9).
    await enqueueGraphSync(tx, { itemType: "document", itemId: row.doc.id, spaceId: row.doc.spaceId, kind: "upload" });
    return { marking: after };
  });
  // Open editing sessions are re-checked at once rather than at the next periodic check.
  signalAccessChanged();
  return result;
}
