import { apiRoute } from "@/lib/http/api-route";
import { readJsonObject } from "@/lib/http/read-json-object";
import { getRetentionLabel } from "@/lib/records/get-retention-label";
import { updateRetentionLabel } from "@/lib/records/update-retention-label";
import { retireRetentionLabel } from "@/lib/records/retire-retention-label";

type P = { labelId: string };

// GET /api/v1/retention-labels/{labelId}: one label of the caller's agency's file plan, with its usage; 404 for another agency's.
export const GET = apiRoute<P>(async (ctx, _req, { labelId }) => getRetentionLabel(ctx, { labelId }));

// PATCH /api/v1/retention-labels/{labelId}: changes the fields sent (records managers only); every field's problem in error.issues; 409 for a retired label or a reference in use.
export const PATCH = apiRoute<P>(async (ctx, req, { labelId }) => updateRetentionLabel(ctx, { ...(await readJsonObject(req, "{ name?, period?, trigger?, action?, … }")), labelId }), { requireSameOrigin: true });

// DELETE /api/v1/retention-labels/{labelId}: retires the label if it is in use, deletes it otherwise (records managers only).
export const DELETE = apiRoute<P>(async (ctx, _req, { labelId }) => retireRetentionLabel(ctx, { labelId }), { requireSameOrigin: true });
