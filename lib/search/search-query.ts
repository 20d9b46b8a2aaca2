/**
 * A search as it arrives in an address (the API's query string, the search page's GET form):
 * each filter a parameter, `type` repeated or comma-separated, empty values left out, so that the
 * page and the API accept exactly the same addresses. Validation is searchContent's (zod).
 */
import type { SearchContentInput } from "./search-content";

/** The parameters the search understands, in the order the page writes them. */
export const SEARCH_PARAMS = ["q", "type", "spaceId", "marking", "updatedFrom", "updatedTo", "labelId", "retentionState", "offset"] as const;

/** The search input of an address's query (URLSearchParams or Next.js searchParams). */
export function searchInputFromQuery(query: URLSearchParams | Record<string, string | string[] | undefined>): SearchContentInput {
  const all = (name: string): string[] => {
    if (query instanceof URLSearchParams) return query.getAll(name);
    const v = query[name];
    return v === undefined ? [] : Array.isArray(v) ? v : [v];
  };
  const one = (name: string): string | undefined => {
    const v = all(name)[0];
    return v === undefined || v.trim() === "" ? undefined : v;
  };
  const types = all("type")
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter(Boolean);
  return {
    q: all("q")[0] ?? "",
    types: types.length > 0 ? (types as SearchContentInput["types"]) : undefined,
    spaceId: one("spaceId"),
    marking: one("marking") as SearchContentInput["marking"],
    updatedFrom: one("updatedFrom"),
    updatedTo: one("updatedTo"),
    labelId: one("labelId"),
    retentionState: one("retentionState") as SearchContentInput["retentionState"],
    limit: one("limit") as unknown as number | undefined,
    offset: one("offset") as unknown as number | undefined,
  };
}
