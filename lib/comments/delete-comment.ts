/**
 * Deletes a comment: for its author only, while they may still comment on its document
 * (policies/rules/comments.ts). The row stays so that the thread keeps its shape ("comment
 * deleted"), but its text and mentions are removed. Deleting the only remaining comment of a
 * thread leaves the thread, with its quote, for the others to resolve. Audited as
 * "comment.delete" in the same transaction; the document's open pages are told once it has
 * committed. Deleting a deleted comment changes nothing.
 */
import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { comments } from "@/db/schema";
import { can } from "@/policies/authorize";
import { ForbiddenError } from "../errors";
import { inTransaction, type PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { signalCommentsChanged } from "../collab/comments-signal";
import { commentAuditSubject, commentSubject, commentWithDocument, parseCommentInput } from "./comment-shared";

export const ZDeleteComment = z.object({ commentId: z.string({ message: "Name the comment" }) });
export type DeleteCommentInput = z.input<typeof ZDeleteComment>;

/** Soft-deletes the comment; returns when it was deleted. */
export async function deleteComment(ctx: PolicyCtx, raw: unknown): Promise<{ id: string; deletedAt: string }> {
  const input = parseCommentInput(ZDeleteComment, raw);
  const { comment, thread, document } = await commentWithDocument(ctx, input.commentId);
  if (!can(ctx.ability, "delete", "Comment", commentSubject(document, comment))) throw new ForbiddenError("Only the person who wrote a comment can delete it");
  if (comment.deletedAt) return { id: comment.id, deletedAt: comment.deletedAt.toISOString() };
  const deleted = await inTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .update(comments)
      .set({ body: "", mentionIds: [], deletedAt: tx.now })
      .where(and(eq(comments.id, comment.id), isNull(comments.deletedAt)))
      .returning({ id: comments.id, deletedAt: comments.deletedAt });
    // Deleted meanwhile by another request of the author's: that one recorded it.
    if (!row) return null;
    await recordAudit(tx, {
      action: "comment.delete",
      ...commentAuditSubject(document, thread.id),
      details: { documentId: document.view.id, commentId: comment.id },
    });
    return { id: row.id, deletedAt: row.deletedAt!.toISOString() };
  });
  if (!deleted) return { id: comment.id, deletedAt: (comment.deletedAt ?? ctx.now).toISOString() };
  signalCommentsChanged(document.view.id);
  return deleted;
}
