import { apiRoute } from "@/lib/http/api-route";
import { readJsonObject } from "@/lib/http/read-json-object";
import { editComment } from "@/lib/comments/edit-comment";
import { deleteComment } from "@/lib/comments/delete-comment";

// PATCH /api/v1/comments/{commentId}: changes one's own comment { body, mentionIds }; 403 for anyone but its author.
export const PATCH = apiRoute<{ commentId: string }>(
  async (ctx, req, { commentId }) => editComment(ctx, { ...(await readJsonObject(req, "{ body, mentionIds }")), commentId }),
  { requireSameOrigin: true },
);

// DELETE /api/v1/comments/{commentId}: deletes one's own comment (its text is removed, its place kept); 403 for anyone but its author.
export const DELETE = apiRoute<{ commentId: string }>(async (ctx, _req, { commentId }) => deleteComment(ctx, { commentId }), { requireSameOrigin: true });
