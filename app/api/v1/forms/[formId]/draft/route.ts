import { apiRoute } from "@/lib/http/api-route";
import { readJsonObject } from "@/lib/http/read-json-object";
import { saveFormDraft } from "@/lib/forms/save-form-draft";

// PUT /api/v1/forms/{formId}/draft: saves the draft definition { definition } of an agency form or variant; 400 with every problem in error.issues (a variant may not remove or weaken the national form).
export const PUT = apiRoute<{ formId: string }>(async (ctx, req, { formId }) => saveFormDraft(ctx, { ...(await readJsonObject(req, "{ definition }")), formId }), { requireSameOrigin: true });
