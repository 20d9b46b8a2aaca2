import { apiRoute } from "@/lib/http/api-route";
import { getNationalChanges } from "@/lib/forms/get-national-changes";

// GET /api/v1/forms/{formId}/national-changes: for a local variant, what the national form changed since the version it is pinned to (empty otherwise).
export const GET = apiRoute<{ formId: string }>(async (ctx, _req, { formId }) => getNationalChanges(ctx, { formId }));
