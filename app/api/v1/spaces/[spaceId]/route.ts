// GET /api/v1/spaces/{spaceId}: one space; 404 when it does not exist or is not the caller's to see.
import { apiRoute } from "@/lib/http/api-route";
import { getSpace } from "@/lib/spaces/get-space";

export const GET = apiRoute<{ spaceId: string }>(async (ctx, _req, { spaceId }) => getSpace(ctx, { spaceId }));
