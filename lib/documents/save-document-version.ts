/** Saves the document's current content as a named version; editors only; audited. */
import type { z } from "zod";
import { documentVersions } from "@/db/schema";
import { ForbiddenError } from "../errors";
import { inTransaction, type PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { getDocument } from "./get-document";
import { nextVersionNumber } from "../collab/take-auto-version";
import { currentState, ZSaveDocumentVersion, type VersionSummary } from "./document-versions-shared";

/** Saves the current content as a named version (editors). */
export async function saveDocumentVersion(ctx: PolicyCtx, raw: z.input<typeof ZSaveDocumentVersion>): Promise<VersionSummary> {
  const input = ZSaveDocumentVersion.parse(raw);
  const document = await getDocument(ctx, { documentId: input.documentId });
  if (!document.permissions.canUpdate) throw new ForbiddenError("Only people who may edit this document can save a version of it");
  const state = await currentState(ctx, document.id);
  return inTransaction(ctx, async (tx) => {
    const [v] = await tx.db
      .insert(documentVersions)
      .values({ documentId: document.id, number: await nextVersionNumber(tx.db, document.id), kind: "named", name: input.name, state, marking: document.marking, createdBy: tx.actor.userId, createdAt: tx.now })
      .returning();
    await recordAudit(tx, { action: "document.version_save", subjectType: "document", subjectId: document.id, spaceId: document.space.id, markingBefore: document.marking, details: { version: v!.number } });
    return { id: v!.id, number: v!.number, kind: v!.kind, name: v!.name, marking: v!.marking, createdAt: v!.createdAt.toISOString(), createdBy: tx.actor.name };
  });
}
