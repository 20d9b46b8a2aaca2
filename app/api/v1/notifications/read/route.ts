import { apiRoute } from "@/lib/http/api-route";
import { readJsonObject } from "@/lib/http/read-json-object";
import { markNotificationsRead } from "@/lib/notifications/mark-notifications-read";

// POST /api/v1/notifications/read: marks the caller's notifications read { ids } or { all: true }; 404 (nothing changed) when an id is not one of theirs.
export const POST = apiRoute(async (ctx, req) => markNotificationsRead(ctx, await readJsonObject(req, "{ ids: [...] } or { all: true }")), { requireSameOrigin: true });
