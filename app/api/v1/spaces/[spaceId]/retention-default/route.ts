import { apiRoute } from "@/lib/http/api-route";
import { readJsonObject } from "@/lib/http/read-json-object";
import { getSpaceRetention } from "@/lib/records/get-space-retention";
import { setSpaceRetentionDefault } from "@/lib/records/set-space-retention-default";

// GET /api/v1/spaces/{spaceId}/retention-default: the space's default label (and the labels to choose from, for those who may set it); 404 when invisible.
export const GET = apiRoute<{ spaceId: string }>(async (ctx, _req, { spaceId }) => getSpaceRetention(ctx, { spaceId }));

// PUT /api/v1/spaces/{spaceId}/retention-default: sets { labelId | null, applyToExisting? }; 403 unless a records manager of the space's agency or its owner.
export const PUT = apiRoute<{ spaceId: string }>(
  async (ctx, req, { spaceId }) => setSpaceRetentionDefault(ctx, { ...(await readJsonObject(req, "{ labelId, applyToExisting? }")), spaceId } as Parameters<typeof setSpaceRetentionDefault>[1]),
  { requireSameOrigin: true },
);
