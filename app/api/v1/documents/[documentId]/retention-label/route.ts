import { apiRoute } from "@/lib/http/api-route";
import { readJsonObject } from "@/lib/http/read-json-object";
import { applyRetentionLabel } from "@/lib/records/apply-retention-label";
import { getItemRetention } from "@/lib/records/get-item-retention";
import { removeRetentionLabel } from "@/lib/records/remove-retention-label";

// GET /api/v1/documents/{documentId}/retention-label: the document's retention label and disposal date; 404 when invisible.
export const GET = apiRoute<{ documentId: string }>(async (ctx, _req, { documentId }) => getItemRetention(ctx, { itemType: "document", itemId: documentId }));

// PUT /api/v1/documents/{documentId}/retention-label: labels the document by hand { labelId, subjectReference?, subjectDateOfBirth? }; 403 unless a records manager or the space's owner; 409 for a regulatory record.
export const PUT = apiRoute<{ documentId: string }>(
  async (ctx, req, { documentId }) => applyRetentionLabel(ctx, { ...(await readJsonObject(req, "{ labelId, subjectReference?, subjectDateOfBirth? }")), itemType: "document", itemId: documentId } as Parameters<typeof applyRetentionLabel>[1]),
  { requireSameOrigin: true },
);

// DELETE /api/v1/documents/{documentId}/retention-label: removes the document's label; 403 for a record's label unless a records manager; 409 for a regulatory record.
export const DELETE = apiRoute<{ documentId: string }>(async (ctx, _req, { documentId }) => removeRetentionLabel(ctx, { itemType: "document", itemId: documentId }), { requireSameOrigin: true });
