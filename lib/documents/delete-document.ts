/**
 * Deletes a document (its content, versions and comments go with it): for whoever the policy lets
 * delete it (the originating agency's space owner, or its records manager); 404 for whoever may
 * not see it, 403 for whoever may see it but not delete it, the row unchanged either way. Nothing
 * under a hold, and no declared record, is deleted (409, lib/records/content-guards.ts; the
 * database refuses a held one too). Audited as "document.delete" with its title and marking.
 */
import { eq } from "drizzle-orm";
import { z } from "zod";
import { documents } from "@/db/schema";
import { authorize } from "@/policies/authorize";
import { NotFoundError, parseInput } from "../errors";
import { inTransaction, type PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { documentSubject } from "../authz/columns";
import { isUuid } from "../spaces/get-space";
import { guardContentDeletion } from "../records/content-guards";
import { signalAccessChanged } from "../collab/access-signal";
import { enqueueGraphSync } from "../graph/enqueue-graph-sync";

export const ZDeleteDocument = z.object({ documentId: z.string({ message: "Name the document" }).max(100) });
export type DeleteDocumentInput = z.input<typeof ZDeleteDocument>;

/** Deletes the document; returns its id. */
export async function deleteDocument(ctx: PolicyCtx, raw: DeleteDocumentInput): Promise<{ id: string; deleted: true }> {
  const { documentId } = parseInput(ZDeleteDocument, raw);
  if (!isUuid(documentId)) throw new NotFoundError();
  await inTransaction(ctx, async (tx) => {
    const [doc] = await tx.db.select().from(documents).where(eq(documents.id, documentId)).for("update").limit(1);
    if (!doc) throw new NotFoundError();
    authorize(tx.ability, "delete", "Document", documentSubject(doc));
    await guardContentDeletion(tx.db, "document", doc.id);
    await tx.db.delete(documents).where(eq(documents.id, doc.id));
    await enqueueGraphSync(tx, { itemType: "document", itemId: doc.id, spaceId: doc.spaceId, kind: "delete", payload: { reason: "deleted" } }); // issue 9
    await recordAudit(tx, { action: "document.delete", subjectType: "document", subjectId: doc.id, spaceId: doc.spaceId, markingBefore: doc.marking, details: { title: doc.title } });
  });
  // Open editing sessions of it are re-checked at once, and closed (it no longer exists).
  signalAccessChanged();
  return { id: documentId, deleted: true };
}
