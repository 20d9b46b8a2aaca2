import { apiRoute } from "@/lib/http/api-route";
import { readJsonObject } from "@/lib/http/read-json-object";
import { listBriefings } from "@/lib/briefings/list-briefings";
import { publishBriefing } from "@/lib/briefings/publish-briefing";

// GET /api/v1/boards/{boardId}/briefings: the board's briefings the caller may read, each with its latest revision and whether the caller acknowledged it; 404 when the board is invisible.
export const GET = apiRoute<{ boardId: string }>(async (ctx, _req, { boardId }) => listBriefings(ctx, { boardId }));

// POST /api/v1/boards/{boardId}/briefings: publishes a briefing { title, body, attachments?, marking? } as revision 1; 403 for readers.
export const POST = apiRoute<{ boardId: string }>(
  async (ctx, req, { boardId }) => publishBriefing(ctx, { ...(await readJsonObject(req, "{ title, body, attachments?, marking? }")), boardId }),
  { requireSameOrigin: true },
);
