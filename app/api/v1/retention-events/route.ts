import { apiRoute } from "@/lib/http/api-route";
import { readJsonObject } from "@/lib/http/read-json-object";
import { raiseRetentionEvent } from "@/lib/records/raise-retention-event";

// POST /api/v1/retention-events: raises { eventTypeId, occurredOn, subjectReference | spaceId, description? }, starting the clocks of the items it triggers; records managers only (403).
export const POST = apiRoute(
  async (ctx, req) => raiseRetentionEvent(ctx, (await readJsonObject(req, "{ eventTypeId, occurredOn, subjectReference | spaceId, description? }")) as Parameters<typeof raiseRetentionEvent>[1]),
  { requireSameOrigin: true },
);
