import { apiRoute } from "@/lib/http/api-route";
import { readJsonObject } from "@/lib/http/read-json-object";
import { applyRetentionLabel } from "@/lib/records/apply-retention-label";
import { getItemRetention } from "@/lib/records/get-item-retention";
import { removeRetentionLabel } from "@/lib/records/remove-retention-label";

// GET /api/v1/files/{fileId}/retention-label: the file's retention label and disposal date; 404 when invisible.
export const GET = apiRoute<{ fileId: string }>(async (ctx, _req, { fileId }) => getItemRetention(ctx, { itemType: "file", itemId: fileId }));

// PUT /api/v1/files/{fileId}/retention-label: labels the file by hand { labelId, subjectReference?, subjectDateOfBirth? }; 403 unless a records manager or the space's owner; 409 for a regulatory record.
export const PUT = apiRoute<{ fileId: string }>(
  async (ctx, req, { fileId }) => applyRetentionLabel(ctx, { ...(await readJsonObject(req, "{ labelId, subjectReference?, subjectDateOfBirth? }")), itemType: "file", itemId: fileId } as Parameters<typeof applyRetentionLabel>[1]),
  { requireSameOrigin: true },
);

// DELETE /api/v1/files/{fileId}/retention-label: removes the file's label; 403 for a record's label unless a records manager; 409 for a regulatory record.
export const DELETE = apiRoute<{ fileId: string }>(async (ctx, _req, { fileId }) => removeRetentionLabel(ctx, { itemType: "file", itemId: fileId }), { requireSameOrigin: true });
