import { apiRoute } from "@/lib/http/api-route";
import { readJsonObject } from "@/lib/http/read-json-object";
import { addHoldScope } from "@/lib/records/add-hold-scope";

// POST /api/v1/holds/{holdId}/scopes: extends a standing hold { spaceIds?, items? } to more of the agency's spaces and items; records managers only; 409 once released.
export const POST = apiRoute<{ holdId: string }>(async (ctx, req, { holdId }) => addHoldScope(ctx, { ...(await readJsonObject(req, "{ spaceIds?, items? }")), holdId }), { requireSameOrigin: true });
