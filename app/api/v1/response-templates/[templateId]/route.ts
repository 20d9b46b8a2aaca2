import { NextResponse } from "next/server";
import { apiError, apiRawRoute, apiRoute } from "@/lib/http/api-route";
import { readJsonObject } from "@/lib/http/read-json-object";
import { getResponseTemplate } from "@/lib/responses/get-response-template";
import { updateResponseTemplate } from "@/lib/responses/update-response-template";
import { deleteResponseTemplate } from "@/lib/responses/delete-response-template";
import { InvalidTemplateError } from "@/lib/responses/parse-template-input";

// GET /api/v1/response-templates/{templateId}: one template with its columns and cards; 404 for another agency's local template, as for a missing one.
export const GET = apiRoute<{ templateId: string }>(async (ctx, _req, { templateId }) => getResponseTemplate(ctx, { templateId }));

// PATCH /api/v1/response-templates/{templateId}: edits a local template { title?, summary?, reference?, columns?, expectedUpdatedAt? }; 403 for a national one or a non-manager, 409 when stale.
export const PATCH = apiRawRoute<{ templateId: string }>(
  async (ctx, req, { templateId }) => {
    try {
      return NextResponse.json(await updateResponseTemplate(ctx, { ...(await readJsonObject(req, "{ title?, summary?, reference?, columns?, expectedUpdatedAt? }")), templateId }));
    } catch (err) {
      // Every problem with its field (error.issues), so that the editor can show each by its input.
      if (err instanceof InvalidTemplateError) return apiError(400, err.code, err.message, { issues: err.issues });
      throw err;
    }
  },
  { requireSameOrigin: true },
);

// DELETE /api/v1/response-templates/{templateId}: deletes a local template; 403 for a national one or a non-manager.
export const DELETE = apiRoute<{ templateId: string }>(async (ctx, _req, { templateId }) => deleteResponseTemplate(ctx, { templateId }), { requireSameOrigin: true });
