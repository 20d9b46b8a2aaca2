import { apiRoute } from "@/lib/http/api-route";
import { readJsonObject } from "@/lib/http/read-json-object";
import { releaseHold } from "@/lib/records/release-hold";

// POST /api/v1/holds/{holdId}/release: releases the hold { reason } (required); records managers only; 409 when already released.
export const POST = apiRoute<{ holdId: string }>(async (ctx, req, { holdId }) => releaseHold(ctx, { ...(await readJsonObject(req, "{ reason }")), holdId }), { requireSameOrigin: true });
