import { apiRoute } from "@/lib/http/api-route";
import { publishForm } from "@/lib/forms/publish-form";

// POST /api/v1/forms/{formId}/publish: publishes the draft of an agency form or variant, checked again; it never changes afterwards.
export const POST = apiRoute<{ formId: string }>(async (ctx, _req, { formId }) => publishForm(ctx, { formId }), { requireSameOrigin: true });
