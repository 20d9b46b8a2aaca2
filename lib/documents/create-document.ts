/**
 * Creates a document in a space: a title and a marking (the space's default unless another is
 * chosen, never above the space's ceiling or the deployment's), owned by the creator's agency,
 * with empty content that people then co-edit. The threat: content created where the person may
 * not write, or marked above what the space may hold. Recorded as "document.create" (collection,
 * DPA 2018 s.62).
 */
import { z } from "zod";
import { documents } from "@/db/schema";
import { can } from "@/policies/authorize";
import { formatMarking } from "@/policies/classification";
import { ForbiddenError } from "../errors";
import { inTransaction, type PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { readableSpace } from "../spaces/readable-space";
import { checkMarkingForSpace } from "./check-marking-for-space";
import { labelNewItem } from "../records/record-item-shared";
import { enqueueGraphSync } from "../graph/enqueue-graph-sync";

export const ZCreateDocument = z.object({
  spaceId: z.string(),
  title: z.string().trim().min(1, "Enter a title").max(200, "A title has at most 200 characters"),
  /** Empty: the space's default marking. */
  marking: z.string().trim().max(200).default(""),
  recipientIds: z.array(z.uuid()).max(200).default([]),
});
export type CreateDocumentInput = z.input<typeof ZCreateDocument>;

/** Creates the document; returns its id and canonical marking. */
export async function createDocument(ctx: PolicyCtx, raw: CreateDocumentInput): Promise<{ id: string; marking: string }> {
  const input = ZCreateDocument.parse(raw);
  return inTransaction(ctx, async (tx) => {
    const space = await readableSpace(tx, input.spaceId);
    const { marking, rank } = await checkMarkingForSpace(tx, { text: input.marking || space.defaultMarking, recipientIds: input.recipientIds, space });
    const fields = {
      id: "",
      spaceId: space.id,
      owningAgencyId: tx.actor.agency.id,
      markingRank: rank,
      descriptors: marking.descriptors,
      handling: marking.handling ?? "",
      recipientIds: marking.recipients,
      useOnlyAgencyCodes: marking.organisations,
      isRestricted: false,
    };
    if (!can(tx.ability, "create", "Document", fields)) {
      throw new ForbiddenError("You cannot create a document with this marking in this space");
    }
    const text = formatMarking(marking);
    const [row] = await tx.db
      .insert(documents)
      .values({
        spaceId: space.id,
        owningAgencyId: tx.actor.agency.id,
        title: input.title,
        marking: text,
        markingRank: rank,
        descriptors: marking.descriptors,
        handling: marking.handling ?? "",
        recipientIds: marking.recipients,
        useOnlyAgencyCodes: marking.organisations,
        createdBy: tx.actor.userId,
        createdAt: tx.now,
        updatedAt: tx.now,
      })
      .returning();
    await labelNewItem(tx, "document", row!); // issue 8: a labelling rule's or the space's default label
    await enqueueGraphSync(tx, { itemType: "document", itemId: row!.id, spaceId: space.id, kind: "upload" }); // issue 9
    await recordAudit(tx, {
      action: "document.create",
      subjectType: "document",
      subjectId: row!.id,
      spaceId: space.id,
      markingAfter: text,
    });
    return { id: row!.id, marking: text };
  });
}
