// GET /api/v1/spaces: the spaces the caller may see.
import { apiRoute } from "@/lib/http/api-route";
import { listMySpaces } from "@/lib/spaces/list-my-spaces";

export const GET = apiRoute(async (ctx) => ({ items: await listMySpaces(ctx) }));
