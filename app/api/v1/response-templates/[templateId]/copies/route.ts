import { apiRoute } from "@/lib/http/api-route";
import { readJsonObject } from "@/lib/http/read-json-object";
import { copyResponseTemplate } from "@/lib/responses/copy-response-template";

// POST /api/v1/response-templates/{templateId}/copies: copies a template the caller may read into their agency's library { key?, title? }; the new local template. 403 unless they manage its templates, 409 for a key it already holds.
export const POST = apiRoute<{ templateId: string }>(
  async (ctx, req, { templateId }) => copyResponseTemplate(ctx, { ...(await readJsonObject(req, "{ key?, title? }")), templateId }),
  { requireSameOrigin: true },
);
