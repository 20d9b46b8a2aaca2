/**
 * What the comment operations share: the zod inputs (anchors, bodies, mentions), finding a
 * thread or a comment together with its document, and the checks every change makes.
 *
 * The threats they guard against: a comment reaching someone who may not read its document (a
 * thread or comment id from another document answers exactly like a missing one: 404, and the
 * document's own read check and audit apply through getDocument); junk stored as an anchor (only
 * the JSON form of a Y.RelativePosition is accepted, nothing else); markup smuggled in a body
 * (bodies are plain text, stored and returned as text, rendered by React as text); and a mention
 * of someone who cannot read the document, which would tell them nothing but tell the author
 * something false, so it is refused rather than stored (document-readers.ts).
 */
import { eq } from "drizzle-orm";
import { z } from "zod";
import { commentThreads, comments, documents } from "@/db/schema";
import type { RestrictableFields } from "@/policies/catalogue";
import { InvalidInputError, NotFoundError } from "../errors";
import type { PolicyCtx } from "../context";
import { documentSubject } from "../authz/columns";
import { getDocument, type DocumentView } from "../documents/get-document";
import { isUuid } from "../spaces/get-space";
import { CONTENT_FIELD } from "../collab/yjs-content";

/** A comment body's longest length, in characters. */
export const BODY_MAX = 4000;
/** The quoted text kept with a thread, in characters. */
export const QUOTE_MAX = 300;
/** The most people one comment may mention. */
export const MENTIONS_MAX = 20;

// Control characters other than tab and newline have no place in a comment (and NUL cannot be
// stored in a PostgreSQL text at all).
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F]/;

/** The document an operation is about, read before the rest of the input is judged. */
export const ZDocumentRef = z.object({ documentId: z.string({ message: "Name the document" }) });
/** The thread an operation is about. */
export const ZThreadRef = z.object({ threadId: z.string({ message: "Name the thread" }) });
/** The comment an operation is about. */
export const ZCommentRef = z.object({ commentId: z.string({ message: "Name the comment" }) });

/** A Yjs item id, as Y.relativePositionToJSON writes it. */
const ZItemId = z
  .object({
    client: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    clock: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  })
  .strict();

/**
 * The JSON form of a Y.RelativePosition: `{ type?, tname?, item?, assoc }`. It names its type
 * either by the id of the item holding it (`type`, for text inside the document) or, for the
 * document's root, by the root's name (`tname`, which can only be the content field); never both,
 * never neither. Anything else (extra keys, fractional or negative clocks) is refused.
 */
export const ZRelativePosition = z
  .object({
    type: ZItemId.optional(),
    tname: z.literal(CONTENT_FIELD, { message: "names a part of the document that does not exist" }).optional(),
    item: ZItemId.optional(),
    assoc: z.number().int().min(-1).max(1),
  })
  .strict()
  .refine((p) => (p.type === undefined) !== (p.tname === undefined), { message: "must name its place by exactly one of type and tname" });

/** Where a thread is anchored: the relative positions of the start and the end of the range. */
export const ZCommentAnchor = z.object({ start: ZRelativePosition, end: ZRelativePosition }).strict();

/** A comment body: plain text, trimmed, 1 to 4,000 characters, no control characters. */
export const ZCommentBody = z
  .string({ message: "Write a comment" })
  .transform((s) => s.replace(/\r\n?/g, "\n").trim())
  .pipe(
    z
      .string()
      .min(1, "Write a comment first: it cannot be empty")
      .max(BODY_MAX, `A comment has at most ${BODY_MAX.toLocaleString("en-GB")} characters`)
      .refine((s) => !CONTROL.test(s), { message: "A comment cannot contain control characters" }),
  );

/** The people a comment mentions, by user id: at most 20, each once. */
export const ZMentionIds = z
  .array(z.uuid({ message: "A mention must name a person by their id" }), { message: "Mentions must be a list of people" })
  .max(MENTIONS_MAX, `Mention at most ${MENTIONS_MAX} people in one comment`)
  .default([])
  .transform((ids) => [...new Set(ids.map((id) => id.toLowerCase()))]);

/**
 * The selected text when the thread is opened: kept to its first 300 characters (with an
 * ellipsis), whitespace folded, control characters dropped; for showing, never for matching.
 */
export const ZQuote = z
  .string({ message: "The quoted text must be text" })
  .max(100_000, "The quoted text is too long")
  .default("")
  .transform((s) => {
    const folded = s.replace(/[\u0000-\u001F\u007F]+/g, " ").replace(/\s+/g, " ").trim();
    return folded.length <= QUOTE_MAX ? folded : `${folded.slice(0, QUOTE_MAX - 1).trimEnd()}…`;
  });

/**
 * Parses an operation's input, turning the first problem into an InvalidInputError with its
 * message (which the API and the panel show as it is), so that nothing is stored on bad input.
 */
export function parseCommentInput<S extends z.ZodType>(schema: S, raw: unknown): z.infer<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = issue?.path ?? [];
  // An anchor's issues come from deep inside it: say so in words, not paths.
  if (path[0] === "anchor") throw new InvalidInputError(`The place in the document this comment is anchored to is not valid (${issue?.message ?? "malformed"}). Select the text again.`);
  throw new InvalidInputError(issue?.message ?? "Invalid input");
}

/** A document the actor may read (NotFoundError otherwise, audited by getDocument), with its policy fields. */
export type CommentDocument = { view: DocumentView; subject: RestrictableFields };

/** Loads the document for a comment operation: 404 unless the actor may read it. */
export async function commentDocument(ctx: PolicyCtx, documentId: string): Promise<CommentDocument> {
  const view = await getDocument(ctx, { documentId });
  const [row] = await ctx.db.select().from(documents).where(eq(documents.id, view.id)).limit(1);
  if (!row) throw new NotFoundError();
  return { view, subject: documentSubject(row) };
}

export type ThreadRow = typeof commentThreads.$inferSelect;
export type CommentRow = typeof comments.$inferSelect;

/** A thread and its document; NotFoundError for a missing id or one whose document the actor may not read. */
export async function threadWithDocument(ctx: PolicyCtx, threadId: string): Promise<{ thread: ThreadRow; document: CommentDocument }> {
  if (!isUuid(threadId)) throw new NotFoundError();
  const [thread] = await ctx.db.select().from(commentThreads).where(eq(commentThreads.id, threadId)).limit(1);
  if (!thread) throw new NotFoundError();
  return { thread, document: await commentDocument(ctx, thread.documentId) };
}

/** A comment, its thread and its document; NotFoundError as for threads. */
export async function commentWithDocument(ctx: PolicyCtx, commentId: string): Promise<{ comment: CommentRow; thread: ThreadRow; document: CommentDocument }> {
  if (!isUuid(commentId)) throw new NotFoundError();
  const [row] = await ctx.db
    .select({ comment: comments, thread: commentThreads })
    .from(comments)
    .innerJoin(commentThreads, eq(commentThreads.id, comments.threadId))
    .where(eq(comments.id, commentId))
    .limit(1);
  if (!row) throw new NotFoundError();
  return { ...row, document: await commentDocument(ctx, row.thread.documentId) };
}

/** The policy's view of a comment: its document's fields and its author. */
export function commentSubject(document: CommentDocument, comment: Pick<CommentRow, "authorId">) {
  return { ...document.subject, authorId: comment.authorId };
}

/** The audit fields every comment event shares: the thread, the document, its space and marking. */
export function commentAuditSubject(document: CommentDocument, threadId: string) {
  return {
    subjectType: "comment_thread",
    subjectId: threadId,
    spaceId: document.view.space.id,
    markingBefore: document.view.marking,
  };
}

/** Whether the thread is still open, read inside the transaction that changes it. */
export async function lockedThread(ctx: PolicyCtx, threadId: string): Promise<ThreadRow> {
  const [thread] = await ctx.db.select().from(commentThreads).where(eq(commentThreads.id, threadId)).for("update").limit(1);
  if (!thread) throw new NotFoundError();
  return thread;
}
