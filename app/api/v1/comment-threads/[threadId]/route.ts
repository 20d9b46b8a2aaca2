import { apiRoute } from "@/lib/http/api-route";
import { readJsonObject } from "@/lib/http/read-json-object";
import { resolveCommentThread } from "@/lib/comments/resolve-comment-thread";

// PATCH /api/v1/comment-threads/{threadId}: resolves ({ resolved: true }) or reopens ({ resolved: false }) a thread; 404 when its document is invisible.
export const PATCH = apiRoute<{ threadId: string }>(
  async (ctx, req, { threadId }) => resolveCommentThread(ctx, { ...(await readJsonObject(req, "{ resolved }")), threadId }),
  { requireSameOrigin: true },
);
