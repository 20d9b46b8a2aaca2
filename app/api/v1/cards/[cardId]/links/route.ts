import { apiRoute } from "@/lib/http/api-route";
import { readJsonObject } from "@/lib/http/read-json-object";
import { linkCard } from "@/lib/boards/link-card";

// POST /api/v1/cards/{cardId}/links: links the card to a document, file or form submission of its space { documentId }, { fileId } or { submissionId }.
export const POST = apiRoute<{ cardId: string }>(async (ctx, req, { cardId }) => linkCard(ctx, { ...(await readJsonObject(req, "{ documentId }, { fileId } or { submissionId }")), cardId }), {
  requireSameOrigin: true,
});
