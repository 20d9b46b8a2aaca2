/**
 * Tells people of a new comment, inside the transaction that stores it: everyone it mentions
 * ("comment-mention"), and, for a reply, everyone else who has written in the thread before
 * ("comment-reply"). Never the person who wrote it, and nobody twice for one comment (a mention
 * says more than a reply, so it wins). The mentions were checked before the transaction to be
 * people who may read the document (document-readers.ts); earlier authors are asked the same now,
 * through the policy, as their own request would be, so someone who has since lost the document
 * (their vetting lapsed, it was re-marked, they left the space) is not told that it moves. The
 * notification names the thread only by id; what its list shows is decided when it is read.
 */
import { and, eq, ne } from "drizzle-orm";
import { comments } from "@/db/schema";
import type { RestrictableFields } from "@/policies/catalogue";
import type { PolicyCtx } from "../context";
import { nonReadersAmong } from "../comments/document-readers";
import { notifyPeople } from "./notify-people";

/** Notifies the mentioned and (for a reply) the thread's earlier authors; returns how many of each were told. */
export async function notifyCommentParticipants(
  ctx: PolicyCtx,
  input: { document: RestrictableFields; threadId: string; commentId: string; mentionIds: string[]; isReply: boolean },
): Promise<{ mentioned: number; replied: number }> {
  const actorId = ctx.actor.userId;
  const mentioned = [...new Set(input.mentionIds)].filter((id) => id !== actorId);
  let participants: string[] = [];
  if (input.isReply) {
    const authors = await ctx.db
      .selectDistinct({ authorId: comments.authorId })
      .from(comments)
      .where(and(eq(comments.threadId, input.threadId), ne(comments.id, input.commentId)));
    const candidates = authors.flatMap((a) => (a.authorId && a.authorId !== actorId && !mentioned.includes(a.authorId) ? [a.authorId] : []));
    const refused = new Set((await nonReadersAmong(ctx.db, { document: input.document, userIds: candidates, now: ctx.now })).map((r) => r.id));
    participants = candidates.filter((id) => !refused.has(id));
  }
  const about = { spaceId: input.document.spaceId, subjectType: "comment_thread" as const, subjectId: input.threadId };
  const created = await notifyPeople(ctx, [
    ...mentioned.map((recipientId) => ({ ...about, recipientId, kind: "comment-mention" as const, dedupeKey: `comment-mention:${input.commentId}` })),
    ...participants.map((recipientId) => ({ ...about, recipientId, kind: "comment-reply" as const, dedupeKey: `comment-reply:${input.commentId}` })),
  ]);
  return { mentioned: created.filter((n) => n.kind === "comment-mention").length, replied: created.filter((n) => n.kind === "comment-reply").length };
}
