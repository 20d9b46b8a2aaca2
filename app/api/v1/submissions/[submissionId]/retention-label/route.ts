import { apiRoute } from "@/lib/http/api-route";
import { readJsonObject } from "@/lib/http/read-json-object";
import { applyRetentionLabel } from "@/lib/records/apply-retention-label";
import { getItemRetention } from "@/lib/records/get-item-retention";
import { removeRetentionLabel } from "@/lib/records/remove-retention-label";

// GET /api/v1/submissions/{submissionId}/retention-label: the submission's retention label and disposal date; 404 when invisible.
export const GET = apiRoute<{ submissionId: string }>(async (ctx, _req, { submissionId }) => getItemRetention(ctx, { itemType: "submission", itemId: submissionId }));

// PUT /api/v1/submissions/{submissionId}/retention-label: labels the submission by hand { labelId, subjectReference?, subjectDateOfBirth? }; 403 unless a records manager or the space's owner; 409 for a regulatory record.
export const PUT = apiRoute<{ submissionId: string }>(
  async (ctx, req, { submissionId }) => applyRetentionLabel(ctx, { ...(await readJsonObject(req, "{ labelId, subjectReference?, subjectDateOfBirth? }")), itemType: "submission", itemId: submissionId } as Parameters<typeof applyRetentionLabel>[1]),
  { requireSameOrigin: true },
);

// DELETE /api/v1/submissions/{submissionId}/retention-label: removes the submission's label; 403 for a record's label unless a records manager; 409 for a regulatory record.
export const DELETE = apiRoute<{ submissionId: string }>(async (ctx, _req, { submissionId }) => removeRetentionLabel(ctx, { itemType: "submission", itemId: submissionId }), { requireSameOrigin: true });
