/**
 * Ending a conflict (both Accord and SharePoint changed a document; both were kept): whoever may
 * edit the document chooses. "accord": Accord's content goes to SharePoint over SharePoint's (whose
 * content stays in Accord as the remote version); "sharepoint": the remote version is restored into
 * the live document (restore-document-version.ts, as any restore), which then goes to SharePoint.
 * Either way the flag is cleared and the choice audited as "graph.conflict.resolve".
 */
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { graphItems } from "@/db/schema";
import { ConflictError, ForbiddenError, parseInput } from "../errors";
import { inTransaction, type PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { getDocument } from "../documents/get-document";
import { restoreDocumentVersion } from "../documents/restore-document-version";
import { enqueueGraphSync } from "./enqueue-graph-sync";

export const ZResolveGraphConflict = z.object({
  documentId: z.string().max(100),
  keep: z.enum(["accord", "sharepoint"], { message: "Choose which version to keep: Accord's or SharePoint's" }),
});

/** Resolves the document's conflict; ConflictError when there is none. */
export async function resolveGraphConflict(ctx: PolicyCtx, raw: z.input<typeof ZResolveGraphConflict>): Promise<{ kept: "accord" | "sharepoint" }> {
  const input = parseInput(ZResolveGraphConflict, raw);
  const doc = await getDocument(ctx, { documentId: input.documentId });
  if (!doc.permissions.canUpdate) throw new ForbiddenError("You may not edit this document, so you cannot resolve its conflict");
  const [item] = await ctx.db.select().from(graphItems).where(and(eq(graphItems.itemType, "document"), eq(graphItems.itemId, doc.id))).limit(1);
  if (!item || item.status !== "conflict") throw new ConflictError("This document has no conflict with SharePoint");
  if (input.keep === "sharepoint" && item.reviewVersionId) await restoreDocumentVersion(ctx, { documentId: doc.id, versionId: item.reviewVersionId });
  await inTransaction(ctx, async (tx) => {
    await tx.db.update(graphItems).set({ status: "pending", lastError: null, lastErrorCode: null, reviewVersionId: null, updatedAt: tx.now }).where(eq(graphItems.id, item.id));
    await enqueueGraphSync(tx, { itemType: "document", itemId: doc.id, spaceId: doc.space.id, kind: "upload" });
    await recordAudit(tx, { action: "graph.conflict.resolve", subjectType: "document", subjectId: doc.id, spaceId: doc.space.id, markingAfter: doc.marking, details: { kept: input.keep, versionId: item.reviewVersionId } });
  });
  return { kept: input.keep };
}
