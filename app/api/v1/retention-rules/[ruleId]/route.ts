import { apiRoute } from "@/lib/http/api-route";
import { deleteRetentionRule } from "@/lib/records/delete-retention-rule";

// DELETE /api/v1/retention-rules/{ruleId}: removes a labelling rule (records managers only); 404 for another agency's or none.
export const DELETE = apiRoute<{ ruleId: string }>(async (ctx, _req, { ruleId }) => deleteRetentionRule(ctx, { ruleId }), { requireSameOrigin: true });
