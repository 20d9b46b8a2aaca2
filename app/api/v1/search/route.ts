import { apiRoute } from "@/lib/http/api-route";
import { searchContent } from "@/lib/search/search-content";
import { searchInputFromQuery } from "@/lib/search/search-query";

// GET /api/v1/search?q&type&spaceId&marking&updatedFrom&updatedTo&labelId&retentionState&limit&offset: full-text search of what the caller may read, ranked, with snippets; the total counts only that.
export const GET = apiRoute(async (ctx, req) => searchContent(ctx, searchInputFromQuery(req.nextUrl.searchParams)));
