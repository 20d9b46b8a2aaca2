/**
 * The OpenAPI 3.1 description of GET /api/v1/search (issue 10), merged into openApiDocument()
 * like the other parts; written by hand so every status is the one the handler returns.
 */
import { recordState } from "@/db/schema";
import { SEARCH_MARKINGS, SEARCH_OFFSET_MAX, SEARCH_PAGE_MAX, SEARCH_TYPES, MAX_QUERY_CHARS } from "../search/search-content";

const errorBody = { content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } } as const;
const uuid = { type: "string", format: "uuid" } as const;
const day = { type: "string", format: "date", description: "A UK calendar day, YYYY-MM-DD (inclusive)" } as const;
const segments = { type: "array", items: { $ref: "#/components/schemas/SearchTextSegment" } } as const;

export const searchPaths = {
  "/search": {
    get: {
      summary: "Search what the caller may read",
      description:
        "Full-text search (PostgreSQL, english) of documents (title and text), files (name and the text of PDF, Word .docx and text files), cards (title and description), form submissions (form title and answers) and spaces (name and description), ranked by relevance (ts_rank_cd), newest first among equals. " +
        'The query is written as in a web search engine: words (all must match), "a phrase", `or`, and `-word` to leave one out. ' +
        "Every result and the total are trimmed by the same policy as the pages: nothing the caller may not read is returned or counted, so a term found only there answers exactly as a term found nowhere. " +
        "Searching is not opening: results are not audited one by one.",
      operationId: "searchContent",
      parameters: [
        { name: "q", in: "query", required: true, schema: { type: "string", minLength: 1, maxLength: MAX_QUERY_CHARS, examples: ["kestrel"] } },
        { name: "type", in: "query", description: "Only these kinds (repeat it, or separate with commas)", schema: { type: "array", items: { type: "string", enum: SEARCH_TYPES } }, style: "form", explode: true },
        { name: "spaceId", in: "query", schema: uuid },
        { name: "marking", in: "query", description: "Only content of this classification (a space: its highest marking)", schema: { type: "string", enum: SEARCH_MARKINGS } },
        { name: "updatedFrom", in: "query", description: "Changed on or after this day", schema: day },
        { name: "updatedTo", in: "query", description: "Changed on or before this day", schema: day },
        { name: "labelId", in: "query", description: "Only documents, files and submissions under this retention label", schema: uuid },
        {
          name: "retentionState",
          in: "query",
          description: "Records managers only: documents, files and submissions whose record is in this state (and that the caller may read as records)",
          schema: { type: "string", enum: recordState.enumValues },
        },
        { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: SEARCH_PAGE_MAX, default: 20 } },
        { name: "offset", in: "query", schema: { type: "integer", minimum: 0, maximum: SEARCH_OFFSET_MAX, default: 0 } },
      ],
      responses: {
        "200": { description: "One page of results", content: { "application/json": { schema: { $ref: "#/components/schemas/SearchPage" } } } },
        "400": { description: "An empty or too long query, one of common words only, or a bad filter value; `error.issues` names each (code invalid_input)", ...errorBody },
        "401": { description: "Not signed in, or the token is missing, malformed, expired or revoked", ...errorBody },
        "403": { description: "retentionState asked for by someone who is not a records manager (code forbidden)", ...errorBody },
      },
    },
  },
} as const;

export const searchSchemas = {
  SearchTextSegment: {
    type: "object",
    description: "A piece of a title or snippet; `isMatch` pieces are what matched the query (shown highlighted). Plain text, never markup.",
    required: ["text", "isMatch"],
    properties: { text: { type: "string" }, isMatch: { type: "boolean" } },
  },
  SearchResult: {
    type: "object",
    required: ["type", "id", "title", "snippet", "space", "marking", "updatedAt", "href", "rank"],
    properties: {
      type: { type: "string", enum: SEARCH_TYPES },
      id: uuid,
      title: segments,
      snippet: segments,
      space: { type: "object", required: ["id", "name"], properties: { id: uuid, name: { type: "string" } } },
      marking: { type: "string", examples: ["OFFICIAL-SENSITIVE PERSONAL DATA"] },
      updatedAt: { type: "string", format: "date-time" },
      href: { type: "string", description: "Where the result opens in Accord's pages", examples: ["/documents/0d6c…"] },
      rank: { type: "number" },
    },
  },
  SearchPage: {
    type: "object",
    required: ["items", "total", "nextOffset"],
    properties: {
      items: { type: "array", items: { $ref: "#/components/schemas/SearchResult" } },
      total: { type: "integer", description: "How many results the caller may read in all" },
      nextOffset: { type: ["integer", "null"] },
    },
  },
} as const;
