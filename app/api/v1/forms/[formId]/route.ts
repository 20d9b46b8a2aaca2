import { apiRoute } from "@/lib/http/api-route";
import { getForm } from "@/lib/forms/get-form";

// GET /api/v1/forms/{formId}?version=: one form, its versions and the definition people fill in now (or the version named); 404 when invisible.
export const GET = apiRoute<{ formId: string }>(async (ctx, req, { formId }) => getForm(ctx, { formId, versionNumber: req.nextUrl.searchParams.get("version") ?? undefined }));
