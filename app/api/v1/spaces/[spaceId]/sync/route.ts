import { apiRoute } from "@/lib/http/api-route";
import { listSpaceSyncStatus } from "@/lib/graph/list-space-sync-status";

// GET /api/v1/spaces/{spaceId}/sync[?only=document|file]: the SharePoint status of each document and file (or of one kind) of the space the caller may read, by id (one request for a whole file list); 404 when the space is invisible.
export const GET = apiRoute<{ spaceId: string }>(async (ctx, req, { spaceId }) => listSpaceSyncStatus(ctx, { spaceId, only: (req.nextUrl.searchParams.get("only") ?? undefined) as "document" | "file" | undefined }));
