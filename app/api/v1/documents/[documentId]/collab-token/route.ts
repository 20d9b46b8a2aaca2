// POST /api/v1/documents/{documentId}/collab-token: a one-minute token to open the document on /collab; 404 when invisible.
import { apiRoute } from "@/lib/http/api-route";
import { createCollabToken } from "@/lib/collab/create-collab-token";

export const POST = apiRoute<{ documentId: string }>(async (ctx, _req, { documentId }) => createCollabToken(ctx, { documentId }));
