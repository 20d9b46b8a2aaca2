import { apiRoute } from "@/lib/http/api-route";
import { readJsonObject } from "@/lib/http/read-json-object";
import { listCommentThreads } from "@/lib/comments/list-comment-threads";
import { createCommentThread } from "@/lib/comments/create-comment-thread";

// GET /api/v1/documents/{documentId}/comments: the document's comment threads with their comments; 404 when the document is invisible.
export const GET = apiRoute<{ documentId: string }>(async (ctx, _req, { documentId }) => listCommentThreads(ctx, { documentId }));

// POST /api/v1/documents/{documentId}/comments: opens a thread { anchor, quote, body, mentionIds } on a range; 403 for readers.
export const POST = apiRoute<{ documentId: string }>(
  async (ctx, req, { documentId }) => createCommentThread(ctx, { ...(await readJsonObject(req, "{ anchor, quote, body, mentionIds }")), documentId }),
  { requireSameOrigin: true },
);
