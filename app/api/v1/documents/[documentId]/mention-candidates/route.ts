import { apiRoute } from "@/lib/http/api-route";
import { suggestMentionCandidates } from "@/lib/comments/suggest-mention-candidates";

// GET /api/v1/documents/{documentId}/mention-candidates?q=: up to ten people who may read the document, by name; 404 when invisible.
export const GET = apiRoute<{ documentId: string }>(async (ctx, req, { documentId }) =>
  suggestMentionCandidates(ctx, { documentId, query: req.nextUrl.searchParams.get("q") ?? "" }),
);
