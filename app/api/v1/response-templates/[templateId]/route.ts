import { apiRoute } from "@/lib/http/api-route";
import { getResponseTemplate } from "@/lib/responses/get-response-template";

// GET /api/v1/response-templates/{templateId}: one template with its columns and cards; 404 for another agency's local template, as for a missing one.
export const GET = apiRoute<{ templateId: string }>(async (ctx, _req, { templateId }) => getResponseTemplate(ctx, { templateId }));
