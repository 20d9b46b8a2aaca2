import { apiRoute } from "@/lib/http/api-route";
import { readJsonObject } from "@/lib/http/read-json-object";
import { createRetentionLabel } from "@/lib/records/create-retention-label";
import { listRetentionLabels } from "@/lib/records/list-retention-labels";

// GET /api/v1/retention-labels?category=&includeRetired=: the caller's agency's file plan (records managers, auditors, administrators; 403 for the rest of the agency).
export const GET = apiRoute(async (ctx, req) => {
  const q = req.nextUrl.searchParams;
  return listRetentionLabels(ctx, { category: q.get("category") ?? undefined, includeRetired: (q.get("includeRetired") as "true" | "false" | null) ?? undefined });
});

// POST /api/v1/retention-labels: adds a label to the caller's agency's file plan (its records managers only); every field's problem in error.issues; 409 for a reference in use.
export const POST = apiRoute(async (ctx, req) => createRetentionLabel(ctx, await readJsonObject(req, "{ reference, name, period, trigger, action, … }")), { requireSameOrigin: true });
