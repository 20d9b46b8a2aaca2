import { apiRoute } from "@/lib/http/api-route";
import { readJsonObject } from "@/lib/http/read-json-object";
import { replyToCommentThread } from "@/lib/comments/reply-to-comment-thread";

// POST /api/v1/comment-threads/{threadId}/comments: replies { body, mentionIds } to an open thread; 409 when it is resolved.
export const POST = apiRoute<{ threadId: string }>(
  async (ctx, req, { threadId }) => replyToCommentThread(ctx, { ...(await readJsonObject(req, "{ body, mentionIds }")), threadId }),
  { requireSameOrigin: true },
);
