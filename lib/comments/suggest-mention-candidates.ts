/**
 * The people one may @mention in a document (in its comments and in its text): those of its space
 * who may read it, by name, filtered by what was typed, at most ten. For people who may comment on
 * or edit the document; anyone else who may read it is refused (403), anyone who may not read it
 * gets 404. Each candidate's access is decided by the policy exactly as their own requests would
 * be (document-readers.ts), so someone the document is hidden from is never offered. Candidates
 * are shown by name and agency, which the space's member list shows its members anyway.
 */
import { z } from "zod";
import { ForbiddenError } from "../errors";
import type { PolicyCtx } from "../context";
import { findDocumentReaders, type DocumentReader } from "./document-readers";
import { commentDocument, parseCommentInput } from "./comment-shared";

/** The most candidates one answer holds. */
export const MENTION_CANDIDATES_MAX = 10;

export const ZSuggestMentionCandidates = z.object({
  documentId: z.string(),
  query: z
    .string()
    .default("")
    .transform((q) => q.trim().replace(/^@/, ""))
    .pipe(z.string().max(100, "Type at most 100 characters to look for someone")),
});
export type SuggestMentionCandidatesInput = z.input<typeof ZSuggestMentionCandidates>;

/** Up to ten people who may read the document and whose name contains the query. */
export async function suggestMentionCandidates(ctx: PolicyCtx, raw: SuggestMentionCandidatesInput): Promise<{ items: DocumentReader[] }> {
  const input = parseCommentInput(ZSuggestMentionCandidates, raw);
  const document = await commentDocument(ctx, input.documentId);
  if (!document.view.permissions.canComment && !document.view.permissions.canUpdate) throw new ForbiddenError("You can read this document but not mention people in it");
  const items = await findDocumentReaders(ctx.db, {
    document: document.subject,
    query: input.query,
    excludeUserId: ctx.actor.userId,
    now: ctx.now,
    limit: MENTION_CANDIDATES_MAX,
  });
  return { items };
}
