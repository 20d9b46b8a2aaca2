import { apiRoute } from "@/lib/http/api-route";
import { readJsonObject } from "@/lib/http/read-json-object";
import { createRetentionRule } from "@/lib/records/create-retention-rule";
import { listRetentionRules } from "@/lib/records/list-retention-rules";

// GET /api/v1/retention-rules: the labelling rules of the caller's agency's file plan (403 for those who may not read it).
export const GET = apiRoute(async (ctx) => listRetentionRules(ctx, {}));

// POST /api/v1/retention-rules: adds a rule { labelId, itemType, formKey? } (records managers only); 409 when a rule already labels the same items.
export const POST = apiRoute(async (ctx, req) => createRetentionRule(ctx, await readJsonObject(req, "{ labelId, itemType, formKey? }")), { requireSameOrigin: true });
