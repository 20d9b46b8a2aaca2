import { apiRoute } from "@/lib/http/api-route";
import { readJsonObject } from "@/lib/http/read-json-object";
import { createHold } from "@/lib/records/create-hold";
import { listHolds } from "@/lib/records/list-holds";

// GET /api/v1/holds: the agency's holds (?state=all|standing|released), standing first; records managers and auditors only (403 otherwise).
export const GET = apiRoute(async (ctx, req) => listHolds(ctx, { state: req.nextUrl.searchParams.get("state") ?? undefined }));

// POST /api/v1/holds: places a hold { name, kind, reference?, reason, spaceIds?, items? } on the agency's spaces and items; records managers only; 400 with every field's error in error.issues.
export const POST = apiRoute(async (ctx, req) => createHold(ctx, await readJsonObject(req, "{ name, kind, reference?, reason, spaceIds?, items? }")), { requireSameOrigin: true });
