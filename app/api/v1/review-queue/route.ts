import { apiRoute } from "@/lib/http/api-route";
import { listReviewQueue } from "@/lib/records/list-review-queue";

// GET /api/v1/review-queue?limit=: the items in disposal review the caller may decide now (named at the current stage, or the agency's records managers), never one under a hold; oldest due first.
export const GET = apiRoute(async (ctx, req) => listReviewQueue(ctx, { limit: req.nextUrl.searchParams.get("limit") ?? undefined }));
