/**
 * Replies to an open comment thread. The same standing as opening one (the document's "comment"
 * action); a resolved thread takes no replies until it is reopened (409), so that nobody answers
 * into a discussion the others consider closed. Audited as "comment.reply" in the same
 * transaction; the document's open pages are told once it has committed.
 */
import { z } from "zod";
import { comments } from "@/db/schema";
import { ConflictError, ForbiddenError } from "../errors";
import { inTransaction, type PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { signalCommentsChanged } from "../collab/comments-signal";
import { assertMentionsMayRead } from "./document-readers";
import { notifyCommentParticipants } from "../notifications/notify-comment-participants";
import { commentAuditSubject, lockedThread, parseCommentInput, threadWithDocument, ZCommentBody, ZMentionIds, ZThreadRef } from "./comment-shared";

export const ZReplyToCommentThread = z.object({ threadId: z.string(), body: ZCommentBody, mentionIds: ZMentionIds });
export type ReplyToCommentThreadInput = z.input<typeof ZReplyToCommentThread>;

/** Adds a reply; returns its id. */
export async function replyToCommentThread(ctx: PolicyCtx, raw: unknown): Promise<{ id: string; threadId: string }> {
  const { thread, document } = await threadWithDocument(ctx, parseCommentInput(ZThreadRef, raw).threadId);
  if (!document.view.permissions.canComment) throw new ForbiddenError("You can read this document but not comment on it");
  const input = parseCommentInput(ZReplyToCommentThread, raw);
  await assertMentionsMayRead(ctx.db, { document: document.subject, userIds: input.mentionIds, now: ctx.now });
  const reply = await inTransaction(ctx, async (tx) => {
    // Read again under a lock: a thread resolved a moment ago takes no reply.
    const current = await lockedThread(tx, thread.id);
    if (current.resolvedAt) throw new ConflictError("This thread has been resolved. Reopen it to reply.");
    const [comment] = await tx.db
      .insert(comments)
      .values({ threadId: thread.id, authorId: tx.actor.userId, body: input.body, mentionIds: input.mentionIds, createdAt: tx.now })
      .returning({ id: comments.id });
    await recordAudit(tx, {
      action: "comment.reply",
      ...commentAuditSubject(document, thread.id),
      details: { documentId: document.view.id, commentId: comment!.id, mentionIds: input.mentionIds },
    });
    // The people it mentions, and the thread's earlier authors, are told in the same transaction.
    await notifyCommentParticipants(tx, { document: document.subject, threadId: thread.id, commentId: comment!.id, mentionIds: input.mentionIds, isReply: true });
    return { id: comment!.id, threadId: thread.id };
  });
  signalCommentsChanged(document.view.id);
  return reply;
}
