/**
 * Resolves a comment thread, or reopens a resolved one: for anyone who may comment on the
 * document (not only the thread's author: resolving is tidying the discussion, which is everyone's
 * to do, and every resolution says who did it). Resolving a resolved thread or reopening an open
 * one changes nothing and records nothing. Audited as "comment.resolve" or "comment.reopen" in the
 * same transaction; the document's open pages are told once it has committed.
 */
import { eq } from "drizzle-orm";
import { z } from "zod";
import { commentThreads } from "@/db/schema";
import { ForbiddenError } from "../errors";
import { inTransaction, type PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { signalCommentsChanged } from "../collab/comments-signal";
import { commentAuditSubject, lockedThread, parseCommentInput, threadWithDocument, ZThreadRef } from "./comment-shared";

export const ZResolveCommentThread = z.object({
  threadId: z.string(),
  resolved: z.boolean({ message: "Say whether the thread is resolved (true) or open (false)" }),
});
export type ResolveCommentThreadInput = z.input<typeof ZResolveCommentThread>;

/** Sets whether the thread is resolved; returns its state afterwards. */
export async function resolveCommentThread(ctx: PolicyCtx, raw: unknown): Promise<{ id: string; resolvedAt: string | null; resolvedBy: string | null }> {
  const { thread, document } = await threadWithDocument(ctx, parseCommentInput(ZThreadRef, raw).threadId);
  if (!document.view.permissions.canComment) throw new ForbiddenError("You can read this document but not resolve or reopen its comments");
  const input = parseCommentInput(ZResolveCommentThread, raw);
  const outcome = await inTransaction(ctx, async (tx) => {
    const current = await lockedThread(tx, thread.id);
    if (Boolean(current.resolvedAt) === input.resolved) return { changed: false, row: current };
    const [row] = await tx.db
      .update(commentThreads)
      .set(input.resolved ? { resolvedAt: tx.now, resolvedBy: tx.actor.userId } : { resolvedAt: null, resolvedBy: null })
      .where(eq(commentThreads.id, thread.id))
      .returning();
    await recordAudit(tx, {
      action: input.resolved ? "comment.resolve" : "comment.reopen",
      ...commentAuditSubject(document, thread.id),
      details: { documentId: document.view.id },
    });
    return { changed: true, row: row! };
  });
  if (outcome.changed) signalCommentsChanged(document.view.id);
  return { id: outcome.row.id, resolvedAt: outcome.row.resolvedAt?.toISOString() ?? null, resolvedBy: outcome.row.resolvedBy };
}
