/**
 * The comment threads of one document, oldest first, each with its comments, for anyone who may
 * read the document (getDocument: 404 otherwise, with the refused read audited, and the
 * consultation of OFFICIAL-SENSITIVE content audited as for the document itself). Authors are
 * shown by name and agency; mentioned people by name only. What the reader may do with each
 * thread and comment comes with it, decided by the policy, so the page shows only what the server
 * allows. Deleted comments keep their place, without their text.
 */
import { asc, eq, inArray } from "drizzle-orm";
import type { z } from "zod";
import { agencies, commentThreads, comments, users } from "@/db/schema";
import { can } from "@/policies/authorize";
import type { PolicyCtx } from "../context";
import { commentDocument, commentSubject, parseCommentInput, ZDocumentRef } from "./comment-shared";
import type { CommentPerson, CommentThreadList, CommentView } from "./comment-types";

export type { CommentPerson, CommentThreadList, CommentThreadView, CommentView } from "./comment-types";

export const ZListCommentThreads = ZDocumentRef;

/** The document's threads with their comments, as the actor may see them. */
export async function listCommentThreads(ctx: PolicyCtx, raw: z.input<typeof ZListCommentThreads>): Promise<CommentThreadList> {
  const { documentId } = parseCommentInput(ZListCommentThreads, raw);
  const document = await commentDocument(ctx, documentId);
  const canComment = document.view.permissions.canComment;
  const threads = await ctx.db.select().from(commentThreads).where(eq(commentThreads.documentId, document.view.id)).orderBy(asc(commentThreads.createdAt), asc(commentThreads.id));
  if (threads.length === 0) return { documentId: document.view.id, permissions: { canComment }, threads: [] };
  const rows = await ctx.db
    .select()
    .from(comments)
    .where(
      inArray(
        comments.threadId,
        threads.map((t) => t.id),
      ),
    )
    .orderBy(asc(comments.createdAt), asc(comments.id));

  const personIds = new Set<string>();
  for (const t of threads) {
    if (t.createdBy) personIds.add(t.createdBy);
    if (t.resolvedBy) personIds.add(t.resolvedBy);
  }
  for (const c of rows) {
    if (c.authorId) personIds.add(c.authorId);
    for (const id of c.mentionIds) personIds.add(id);
  }
  const people = new Map<string, CommentPerson>();
  if (personIds.size > 0) {
    const found = await ctx.db
      .select({ id: users.id, name: users.name, code: agencies.code, agencyName: agencies.name })
      .from(users)
      .innerJoin(agencies, eq(agencies.id, users.agencyId))
      .where(inArray(users.id, [...personIds]));
    for (const p of found) people.set(p.id, { id: p.id, name: p.name, agency: { code: p.code, name: p.agencyName } });
  }
  const person = (id: string | null) => (id ? (people.get(id) ?? null) : null);

  const byThread = new Map<string, CommentView[]>();
  for (const c of rows) {
    const isDeleted = c.deletedAt !== null;
    const subject = commentSubject(document, c);
    const view: CommentView = {
      id: c.id,
      author: person(c.authorId),
      body: isDeleted ? "" : c.body,
      // Mentioned people by name only: who they are is the author's business, not their agency or address.
      mentions: isDeleted ? [] : c.mentionIds.flatMap((id) => (people.has(id) ? [{ id, name: people.get(id)!.name }] : [])),
      createdAt: c.createdAt.toISOString(),
      editedAt: c.editedAt?.toISOString() ?? null,
      isDeleted,
      permissions: {
        canEdit: !isDeleted && can(ctx.ability, "update", "Comment", subject),
        canDelete: !isDeleted && can(ctx.ability, "delete", "Comment", subject),
      },
    };
    const list = byThread.get(c.threadId) ?? [];
    list.push(view);
    byThread.set(c.threadId, list);
  }

  return {
    documentId: document.view.id,
    permissions: { canComment },
    threads: threads.map((t) => {
      const resolver = person(t.resolvedBy);
      return {
        id: t.id,
        anchor: t.anchor,
        quote: t.quote,
        createdBy: person(t.createdBy),
        createdAt: t.createdAt.toISOString(),
        resolvedAt: t.resolvedAt?.toISOString() ?? null,
        resolvedBy: resolver ? { id: resolver.id, name: resolver.name } : null,
        comments: byThread.get(t.id) ?? [],
        permissions: { canReply: canComment && t.resolvedAt === null, canResolve: canComment },
      };
    }),
  };
}
