/**
 * Opens a comment thread on a range of a document, with its first comment. For people who may
 * comment on the document (its "comment" action: owners, members and partner guests of an open
 * space; not readers); anyone else who may read it is refused (403), anyone who may not read it
 * gets 404. The anchor is the range's Yjs relative positions, so it follows everyone's edits; the
 * mentions must all be people who may read the document, and each is notified in the same
 * transaction. Audited as "comment.create" in the same transaction; the document's open pages are
 * told once it has committed.
 */
import { z } from "zod";
import { commentThreads, comments } from "@/db/schema";
import { ForbiddenError } from "../errors";
import { inTransaction, type PolicyCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { signalCommentsChanged } from "../collab/comments-signal";
import { assertMentionsMayRead } from "./document-readers";
import { notifyCommentParticipants } from "../notifications/notify-comment-participants";
import { commentAuditSubject, commentDocument, parseCommentInput, ZDocumentRef, ZCommentAnchor, ZCommentBody, ZMentionIds, ZQuote } from "./comment-shared";

export const ZCreateCommentThread = z.object({
  documentId: z.string(),
  anchor: ZCommentAnchor,
  quote: ZQuote,
  body: ZCommentBody,
  mentionIds: ZMentionIds,
});
export type CreateCommentThreadInput = z.input<typeof ZCreateCommentThread>;

/** Opens the thread; returns its id and the id of its first comment. */
export async function createCommentThread(ctx: PolicyCtx, raw: unknown): Promise<{ id: string; commentId: string }> {
  // The document first: someone who may not read it learns nothing, not even that the input was wrong.
  const document = await commentDocument(ctx, parseCommentInput(ZDocumentRef, raw).documentId);
  if (!document.view.permissions.canComment) throw new ForbiddenError("You can read this document but not comment on it");
  const input = parseCommentInput(ZCreateCommentThread, raw);
  await assertMentionsMayRead(ctx.db, { document: document.subject, userIds: input.mentionIds, now: ctx.now });
  const created = await inTransaction(ctx, async (tx) => {
    const [thread] = await tx.db
      .insert(commentThreads)
      .values({ documentId: document.view.id, spaceId: document.view.space.id, anchor: input.anchor, quote: input.quote, createdBy: tx.actor.userId, createdAt: tx.now })
      .returning({ id: commentThreads.id });
    const [comment] = await tx.db
      .insert(comments)
      .values({ threadId: thread!.id, authorId: tx.actor.userId, body: input.body, mentionIds: input.mentionIds, createdAt: tx.now })
      .returning({ id: comments.id });
    // Never the text: the audit trail records that a comment was made, not what it says.
    await recordAudit(tx, {
      action: "comment.create",
      ...commentAuditSubject(document, thread!.id),
      details: { documentId: document.view.id, commentId: comment!.id, mentionIds: input.mentionIds },
    });
    await notifyCommentParticipants(tx, { document: document.subject, threadId: thread!.id, commentId: comment!.id, mentionIds: input.mentionIds, isReply: false });
    return { id: thread!.id, commentId: comment!.id };
  });
  signalCommentsChanged(document.view.id);
  return created;
}
