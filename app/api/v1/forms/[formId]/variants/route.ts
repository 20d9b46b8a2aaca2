import { apiRoute } from "@/lib/http/api-route";
import { readJsonObject } from "@/lib/http/read-json-object";
import { createFormVariant } from "@/lib/forms/create-form-variant";

// POST /api/v1/forms/{formId}/variants: makes a local variant { key?, title? } of a national form for the caller's agency (its administrators only); 409 for a key in use.
export const POST = apiRoute<{ formId: string }>(async (ctx, req, { formId }) => createFormVariant(ctx, { ...(await readJsonObject(req, "{ key?, title? }")), formId }), { requireSameOrigin: true });
