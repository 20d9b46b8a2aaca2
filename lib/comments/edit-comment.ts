/**
 * Changes the text (and mentions) of a comment: for its author only, and only while they may still
 * comment on its document (policies/rules/comments.ts); a deleted comment stays deleted. Anyone
 * else who may read the document is refused (403). Audited as "comment.edit" in the same
 * transaction; the document's open pages are told once it has committed.
 */
import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { comments } from "@/db/schema";
import { can } from "@/policies/authorize";
import { ConflictError, ForbiddenError } from "../errors";
import { inTransaction, type PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { signalCommentsChanged } from "../collab/comments-signal";
import { assertMentionsMayRead } from "./document-readers";
import { commentAuditSubject, commentSubject, commentWithDocument, parseCommentInput, ZCommentBody, ZCommentRef, ZMentionIds } from "./comment-shared";

export const ZEditComment = z.object({ commentId: z.string(), body: ZCommentBody, mentionIds: ZMentionIds });
export type EditCommentInput = z.input<typeof ZEditComment>;

/** Replaces the comment's text and mentions; returns when it was edited. */
export async function editComment(ctx: PolicyCtx, raw: unknown): Promise<{ id: string; editedAt: string }> {
  const { comment, thread, document } = await commentWithDocument(ctx, parseCommentInput(ZCommentRef, raw).commentId);
  if (!can(ctx.ability, "update", "Comment", commentSubject(document, comment))) throw new ForbiddenError("Only the person who wrote a comment can change it");
  const input = parseCommentInput(ZEditComment, raw);
  await assertMentionsMayRead(ctx.db, { document: document.subject, userIds: input.mentionIds, now: ctx.now });
  const edited = await inTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .update(comments)
      .set({ body: input.body, mentionIds: input.mentionIds, editedAt: tx.now })
      .where(and(eq(comments.id, comment.id), isNull(comments.deletedAt)))
      .returning({ id: comments.id, editedAt: comments.editedAt });
    if (!row) throw new ConflictError("This comment has been deleted, so it cannot be changed");
    await recordAudit(tx, {
      action: "comment.edit",
      ...commentAuditSubject(document, thread.id),
      details: { documentId: document.view.id, commentId: comment.id, mentionIds: input.mentionIds },
    });
    return { id: row.id, editedAt: row.editedAt!.toISOString() };
  });
  signalCommentsChanged(document.view.id);
  return edited;
}
