import { apiRoute } from "@/lib/http/api-route";
import { readJsonObject } from "@/lib/http/read-json-object";
import { createRetentionEventType } from "@/lib/records/create-retention-event-type";
import { listRetentionEventTypes } from "@/lib/records/list-retention-event-types";

// GET /api/v1/retention-event-types: the event types of the caller's agency's file plan (403 for those who may not read it).
export const GET = apiRoute(async (ctx) => listRetentionEventTypes(ctx, {}));

// POST /api/v1/retention-event-types: adds an event type { key, name, description?, computed? } (records managers only); 409 for a key in use.
export const POST = apiRoute(async (ctx, req) => createRetentionEventType(ctx, await readJsonObject(req, "{ key, name, description?, computed? }")), { requireSameOrigin: true });
