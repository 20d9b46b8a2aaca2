import { apiRoute } from "@/lib/http/api-route";
import { rebaseFormVariant } from "@/lib/forms/rebase-form-variant";

// POST /api/v1/forms/{formId}/rebase: re-bases a local variant onto the national form's latest version, as a draft to review and publish.
export const POST = apiRoute<{ formId: string }>(async (ctx, _req, { formId }) => rebaseFormVariant(ctx, { formId }), { requireSameOrigin: true });
