/**
 * Restores a version: its content becomes the document's current content (through the open
 * co-editing session when there is one, so every editor sees it), recorded as a new version;
 * editors only; audited. History is kept: nothing is overwritten.
 */
import type { z } from "zod";
import * as Y from "yjs";
import { documentStates, documentVersions } from "@/db/schema";
import { ForbiddenError } from "../errors";
import { inTransaction, type PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { getDocument } from "./get-document";
import { replaceContent, replaceLiveContent } from "../collab/live-documents";
import { nextVersionNumber } from "../collab/take-auto-version";
import { CONTENT_FIELD, yDocFromState } from "../collab/yjs-content";
import { currentState, versionRow, ZDocumentVersion, type VersionSummary } from "./document-versions-shared";
import { guardContentChange } from "../records/content-guards";
import { indexDocumentText } from "../search/index-document-text";

/** Makes a version's content the document's current content again, recorded as a new version (editors). */
export async function restoreDocumentVersion(ctx: PolicyCtx, raw: z.input<typeof ZDocumentVersion>): Promise<VersionSummary> {
  const input = ZDocumentVersion.parse(raw);
  const document = await getDocument(ctx, { documentId: input.documentId });
  if (!document.permissions.canUpdate) throw new ForbiddenError("Only people who may edit this document can restore a version of it");
  const v = await versionRow(ctx, document.id, input.versionId);
  // A declared record is not changed; a held document keeps its original as a version first (issue 8).
  await guardContentChange(ctx.db, "document", document.id, ctx.now);
  // Through the open document when it is being edited (every editor sees the restore), otherwise
  // straight into the stored state.
  const isLive = await replaceLiveContent(document.id, v.state);
  const summary = await inTransaction(ctx, async (tx) => {
    if (!isLive) {
      const doc = Y.encodeStateAsUpdate(yDocAfterRestore(await currentState(tx, document.id), v.state));
      await tx.db
        .insert(documentStates)
        .values({ documentId: document.id, state: doc, updatedAt: tx.now })
        .onConflictDoUpdate({ target: documentStates.documentId, set: { state: doc, updatedAt: tx.now } });
      await indexDocumentText(tx.db, document.id, doc); // issue 10: searchable as restored
    }
    const [restored] = await tx.db
      .insert(documentVersions)
      .values({ documentId: document.id, number: await nextVersionNumber(tx.db, document.id), kind: "restore", name: `Restored from version ${v.number}`, state: v.state, marking: document.marking, createdBy: tx.actor.userId, createdAt: tx.now })
      .returning();
    await recordAudit(tx, { action: "document.version_restore", subjectType: "document", subjectId: document.id, spaceId: document.space.id, markingBefore: document.marking, details: { from: v.number, version: restored!.number } });
    return { id: restored!.id, number: restored!.number, kind: restored!.kind, name: restored!.name, marking: restored!.marking, createdAt: restored!.createdAt.toISOString(), createdBy: tx.actor.name };
  });
  return summary;
}

/** The current state with its content replaced by the version's, as ordinary Yjs changes. */
function yDocAfterRestore(current: Uint8Array, version: Uint8Array): Y.Doc {
  const target = yDocFromState(current);
  const source = yDocFromState(version);
  replaceContent(target, source, CONTENT_FIELD);
  source.destroy();
  return target;
}
